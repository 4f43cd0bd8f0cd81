"""The sample workbook is its plain sources (data/nguon/phu-lien/2026-Q1/) written by the shared
writer (helpers.xlsx): nobody can edit one without the other."""

from __future__ import annotations

import importlib.util
import io
import shutil
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from helpers import config, discovery, xlsx

SCRIPT = config.DATA_DIR / "make_phu_lien_2026q1.py"
SAMPLE = config.DATA_DIR / "phu-lien" / "2026-Q1.xlsx"


def _load_script():
    spec = importlib.util.spec_from_file_location("make_phu_lien_2026q1", SCRIPT)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = module  # type: ignore[union-attr]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


make = _load_script()


def _written(folder: Path = make.SOURCES) -> bytes:
    buffer = io.BytesIO()
    xlsx.save(make.build(folder), buffer, fixed_time=make.FIXED_TIME)
    return buffer.getvalue()


def _parts(data: bytes) -> list[tuple[str, tuple[int, ...], bytes]]:
    """Every zip entry's name, time and content: what the bytes hold, whatever zlib packed it
    (another zlib, on another system, may deflate the same parts to other bytes)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(i.filename, i.date_time, zf.read(i)) for i in zf.infolist()]


def test_the_committed_sample_is_what_its_sources_write() -> None:
    assert _parts(_written()) == _parts(SAMPLE.read_bytes()), (
        "data/phu-lien/2026-Q1.xlsx differs from what data/nguon/phu-lien/2026-Q1/ gives: "
        "edit the plain files, then run .venv/bin/python data/make_phu_lien_2026q1.py"
    )


def test_the_seed_quirks_survive_as_text() -> None:
    tables = {sheet.key: rows for sheet, _, rows in make.read_sources()}
    total = next(r for r in tables["ho_so_tong_hop"] if r["he_thong"] == "Tổng")
    assert (total["tiep_nhan"], total["truc_tuyen"]) == ("11.952", 11952)
    assert "ky_truoc_chuyen_sang" not in total  # not stated: blank, never 0
    chi_so = {r["ma"]: r for r in tables["chi_so"]}
    assert chi_so["ho_kinh_doanh_khong_tien_mat"]["ty_le_bao_cao"] == "trên 80%"
    assert chi_so["thanh_vien_to_cong_tac_06"]["tu_so"] == "khoảng 300"
    assert chi_so["vneid_so_suc_khoe"]["tu_so"] == "22.581"
    assert chi_so["thu_tuc_toan_trinh"]["ty_le_bao_cao"] == 18
    targets = {r["ma"]: r for r in tables["chi_tieu"]}
    assert (targets["MT13"]["nguong"], targets["MT08"]["nguong"]) == (0.5, 1)
    assert targets["MT01"]["trang_thai"] == "Hoàn thành"  # a display label, not the code
    plans = {r["so_ky_hieu"]: r for r in tables["van_ban"]}
    assert plans["13/KH-UBND"]["ngay_ban_hanh"] == date(2026, 3, 10)
    info = {r["khoa"]: r["gia_tri"] for r in tables["thong_tin"]}
    assert info["den_ngay"] == date(2026, 4, 16) and info["ngay_bao_cao"] is None
    assert info["noi_nhan"].splitlines()[-1] == "Lưu: VT, VHXX"
    section_iv = [r["thu_tu"] for r in tables["noi_dung"] if r["muc"] == "IV"]
    assert section_iv == [1, 2, 4, 5, 6, 7, 8, 9]  # the seed has no item 3
    # the workbook holds them as the office typed them: text, not numbers
    book = CalamineWorkbook.from_path(str(SAMPLE))
    rows = book.get_sheet_by_name("Hồ sơ tổng hợp").to_python()
    assert rows[1][rows[0].index("Tiếp nhận")] == "11.952"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("", None),
        ("14", 14),
        ("-3", -3),
        ("0.5", 0.5),
        ("2026-03-10", date(2026, 3, 10)),
        ("'11.952", "11.952"),
        ("'14", "14"),
        ("''x", "'x"),
        ("11.952,5", "11.952,5"),
        ("trên 80%", "trên 80%"),
        ("TT-0001", "TT-0001"),
    ],
)
def test_a_csv_cell_is_typed_like_excel(text: str, value: object) -> None:
    got = make.cell_value(text)
    assert got == value and type(got) is type(value)


def test_narrative_paragraphs_and_their_numbers(tmp_path: Path) -> None:
    folder = tmp_path / "noi_dung"
    folder.mkdir()
    (folder / "IV.md").write_text(
        "<!-- a note,\nnot text -->\n\n1. First item,\n   wrapped.\n\n4. Fourth\n\nFifth\n",
        encoding="utf-8",
    )
    (folder / "I.1.md").write_text("One.\n\n\nTwo, 2.433 people.\n", encoding="utf-8")
    assert make.read_noi_dung(folder) == [
        {"muc": "I.1", "thu_tu": 1, "van_ban": "One."},
        {"muc": "I.1", "thu_tu": 2, "van_ban": "Two, 2.433 people."},
        {"muc": "IV", "thu_tu": 1, "van_ban": "First item, wrapped."},
        {"muc": "IV", "thu_tu": 4, "van_ban": "Fourth"},
        {"muc": "IV", "thu_tu": 5, "van_ban": "Fifth"},
    ]
    (folder / "II.9.md").write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match="II.9"):
        make.read_noi_dung(folder)


def test_an_edited_source_changes_the_workbook(tmp_path: Path) -> None:
    folder = shutil.copytree(make.SOURCES, tmp_path / "2026-Q1")
    before = _written(folder)
    toml = folder / "thong_tin.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("Phạm Văn Diện", "Người Khác"))
    assert _written(folder) != before
    toml.write_text(toml.read_text(encoding="utf-8") + 'khoa_la = "x"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="khoa_la"):
        make.build(folder)


def test_the_sources_are_no_unit() -> None:
    # data/nguon/ holds no workbook: discovery, `workbook batch` and the index never see it
    assert "nguon" not in discovery.list_units(config.DATA_DIR)
    assert discovery.list_quarters(config.DATA_DIR, "phu-lien") == [
        discovery.parse_quarter("2026-Q1")
    ]
