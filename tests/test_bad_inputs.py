"""Every bad input ends in a clear Vietnamese message and exit code 2, never a traceback.

Each workbook below is generated here (and the shared corpus of real-world spreadsheets is swept
at the end). For each one, ``workbook check`` must exit 2 within seconds, name the file and,
where they exist, the sheet, row and column; the input's bytes must be unchanged; and for a
representative handful ``workbook run`` must leave nothing at all in the output folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import shutil
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from helpers import contract as c
from helpers.cli import main
from helpers.errors import WorkbookError
from helpers.io import read_workbook
from helpers.render import run_report
from workbooks import (
    AGG_HEADERS,
    CHI_SO_HEADERS,
    HO_SO_HEADERS,
    aggregate_rows,
    chi_so_rows,
    chi_tieu_rows,
    info_rows,
    random_records,
    sample_workbook,
    thu_tuc_rows,
    write_xlsx,
)

CORPUS = Path("/work/shared/corpus/calamine-tests")
UNIT = "phuong-thu"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SECONDS = 10  # per file, generously: each takes well under one


def sha256(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


# --- building blocks -------------------------------------------------------------------


def base_sheets(records: list[list[object]] | None = None, **info) -> dict[str, tuple]:
    """The sample workbook's sheets as ``{name: (headers, rows)}``, to alter before writing."""
    sheets: dict[str, tuple] = {
        "thong_tin": (["khoa", "gia_tri"], info_rows(**info)),
        "chi_tieu": (["ma", "noi_dung", "loai", "trang_thai"], chi_tieu_rows()),
        "thu_tuc": (
            ["ma_thu_tuc", "ten_thu_tuc", "linh_vuc", "muc_do", "he_thong"],
            thu_tuc_rows(),
        ),
        "chi_so": (list(CHI_SO_HEADERS), chi_so_rows()),
        "ho_so_tong_hop": (list(AGG_HEADERS), aggregate_rows()),
    }
    if records is not None:
        sheets["ho_so"] = (list(HO_SO_HEADERS), records)
    return sheets


def info_row(key: str, **info) -> int:
    """Excel row of a thong_tin key in the builders' layout."""
    return 2 + [k for k, _ in info_rows(**info)].index(key)


def with_cell(sheets: dict, sheet: str, row: int, column: str, value: object) -> dict:
    """A copy of ``sheets`` with one cell (Excel row, header key) replaced."""
    headers, rows = sheets[sheet]
    rows = [list(r) for r in rows]
    rows[row - 2][list(headers).index(column)] = value
    return {**sheets, sheet: (headers, rows)}


def tweak(path: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
    """Open a written workbook with openpyxl, change it, save it again."""
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def write_zip(path: Path, members: dict[str, bytes | str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def records() -> list[list[object]]:
    return random_records(30, seed=7, start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31))


# --- the corpus of bad workbooks -----------------------------------------------------------


@dataclass(frozen=True)
class Bad:
    """A bad input, built at ``path`` (its unit's quarter file); what the message must say."""

    id: str
    build: Callable[[Path], Path]
    fragment: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def where(self) -> str:
        parts = []
        if self.sheet is not None:
            parts.append(f"trang «{self.sheet}»")
        if self.row is not None:
            parts.append(f"dòng {self.row}")
        if self.column is not None:
            parts.append(f"cột «{self.column}»")
        return ", ".join(parts)


def _text_renamed(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("Mã hồ sơ;Ngày nhận\nHS001;02/01/2026\n", encoding="utf-8")
    return path


def _utf16_text_renamed(path: Path) -> Path:
    # Excel's own "Unicode Text" export: UTF-16 with a byte-order mark
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("Mã hồ sơ\tNgày nhận\r\nHS001\t02/01/2026\r\n".encode("utf-16"))
    return path


def _html_renamed(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("<html><body><table><tr><td>Mã hồ sơ</td></tr></table></body></html>")
    return path


def _zero_bytes(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    return path


def _truncated(path: Path) -> Path:
    sample_workbook(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _zip_not_workbook(path: Path) -> Path:
    return write_zip(path, {"bao-cao.txt": "không phải bảng tính", "anh/logo.png": b"\x89PNG"})


def _fake_ole(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(OLE_MAGIC + bytes(range(256)) * 8)
    return path


def _legacy_xls_renamed(path: Path) -> Path:
    # an OLE compound file whose directory names a "Workbook" stream: what BIFF8 .xls files are
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(OLE_MAGIC + b"\0" * 1016 + "Workbook".encode("utf-16-le") + b"\0" * 512)
    return path


def _encrypted_corpus(path: Path) -> Path:
    source = CORPUS / "pass_protected.xlsx"
    if not source.is_file():
        pytest.skip(f"{source} is not available")
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, path)
    return path


def _xls_extension(path: Path) -> Path:
    return sample_workbook(path.with_suffix(".xls"))


def _ods_bytes() -> dict[str, bytes | str]:
    return {
        "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
        "content.xml": '<?xml version="1.0"?><office:document-content/>',
        "META-INF/manifest.xml": "<manifest/>",
    }


def _ods_extension(path: Path) -> Path:
    return write_zip(path.with_suffix(".ods"), _ods_bytes())


def _ods_renamed(path: Path) -> Path:
    return write_zip(path, _ods_bytes())


def _xlsb_renamed(path: Path) -> Path:
    return write_zip(path, {"[Content_Types].xml": "<Types/>", "xl/workbook.bin": b"\x83\x01"})


def _csv_extension(path: Path) -> Path:
    target = path.with_suffix(".csv")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("khoa,gia_tri\nky,2026-Q1\n", encoding="utf-8")
    return target


def _missing_sheet(path: Path) -> Path:
    sheets = base_sheets()
    del sheets["chi_so"]
    return write_xlsx(path, sheets)


def _missing_column(path: Path) -> Path:
    sheets = base_sheets()
    headers, rows = sheets["thu_tuc"]
    sheets["thu_tuc"] = (headers[:3] + headers[4:], [r[:3] + r[4:] for r in rows])
    return write_xlsx(path, sheets)


def _duplicated_column(path: Path) -> Path:
    sheets = base_sheets()
    headers, rows = sheets["thu_tuc"]
    sheets["thu_tuc"] = ([*headers, "linh_vuc"], [[*r, r[2]] for r in rows])
    return write_xlsx(path, sheets)


def _title_row(path: Path) -> Path:
    sheets = base_sheets()
    headers, rows = sheets["chi_tieu"]
    sheets["chi_tieu"] = (["DANH MỤC CHỈ TIÊU NĂM 2026"], [list(headers), *rows])
    return write_xlsx(path, sheets)


def _text_in_number(path: Path) -> Path:
    return write_xlsx(path, with_cell(base_sheets(), "ho_so_tong_hop", 2, "tiep_nhan", "mười"))


def _negative_count(path: Path) -> Path:
    return write_xlsx(path, with_cell(base_sheets(), "ho_so_tong_hop", 3, "tiep_nhan", -5))


def _impossible_date(path: Path) -> Path:
    sheets = with_cell(base_sheets(), "thong_tin", info_row("den_ngay"), "gia_tri", "31/02/2026")
    return write_xlsx(path, sheets)


def _enumeration_typo(path: Path) -> Path:
    return write_xlsx(path, with_cell(base_sheets(), "thu_tuc", 11, "muc_do", "toan trinhh"))


def _blank_key(path: Path) -> Path:
    sheets = with_cell(base_sheets(records()), "ho_so", 5, "ma_ho_so", None)
    return write_xlsx(path, sheets)


def _uncomputed_formula_count(path: Path) -> Path:
    # openpyxl writes "=..." as a formula with no cached value, as any script would
    return write_xlsx(path, with_cell(base_sheets(), "ho_so_tong_hop", 2, "tiep_nhan", "=1+2"))


def _uncomputed_formula_optional(path: Path) -> Path:
    # a nullable column: without the check, the cell would silently read as "not stated"
    return write_xlsx(path, with_cell(base_sheets(), "chi_so", 3, "mau_so", "=SUM(D2:D3)"))


def _uncomputed_formula_info(path: Path) -> Path:
    sheets = with_cell(base_sheets(), "thong_tin", info_row("ky"), "gia_tri", '="2026-Q"&1')
    return write_xlsx(path, sheets)


def _error_div0(path: Path) -> Path:
    # openpyxl stores an error code as a cell of type "e", as Excel saves #DIV/0!
    return write_xlsx(path, with_cell(base_sheets(), "chi_so", 2, "mau_so", "#DIV/0!"))


def _error_na(path: Path) -> Path:
    return write_xlsx(path, with_cell(base_sheets(), "ho_so_tong_hop", 4, "tiep_nhan", "#N/A"))


def _hidden_sheet(path: Path) -> Path:
    write_xlsx(path, base_sheets())
    return tweak(path, lambda wb: setattr(wb["chi_tieu"], "sheet_state", "hidden"))


def _very_hidden_sheet(path: Path) -> Path:
    write_xlsx(path, base_sheets())
    return tweak(path, lambda wb: setattr(wb["thu_tuc"], "sheet_state", "veryHidden"))


def _ky_disagrees(path: Path) -> Path:
    return write_xlsx(path, base_sheets(quarter="2026-Q2"))


def _start_after_end(path: Path) -> Path:
    return write_xlsx(path, base_sheets(start=dt.date(2026, 4, 1), end=dt.date(2026, 3, 31)))


def _unknown_convention(path: Path) -> Path:
    return write_xlsx(path, base_sheets(quy_uoc_ky="theo_thang"))


def _merged_header(path: Path) -> Path:
    write_xlsx(path, base_sheets())
    return tweak(path, lambda wb: wb["thu_tuc"].merge_cells("A1:B1"))


def _two_level_header(path: Path) -> Path:
    # a group label over two columns, their own headers in row 2: the usual hand-made header
    sheets = base_sheets()
    _, rows = sheets["chi_tieu"]
    sheets["chi_tieu"] = (
        ["ma", "noi_dung", "loai", "Tình trạng", None],
        [[None, None, None, "trang_thai", "ghi_chu"], *[[*r, None] for r in rows]],
    )
    write_xlsx(path, sheets)
    return tweak(path, lambda wb: wb["chi_tieu"].merge_cells("D1:E1"))


def _empty_header_row(path: Path) -> Path:
    sheets = base_sheets()
    sheets["chi_so"] = ([None] * len(CHI_SO_HEADERS), chi_so_rows())
    return write_xlsx(path, sheets)


def _empty_sheet(path: Path) -> Path:
    write_xlsx(path, base_sheets())

    def change(wb: openpyxl.Workbook) -> None:
        del wb["chi_so"]
        wb.create_sheet("chi_so")

    return tweak(path, change)


def _number_too_large(path: Path) -> Path:
    return write_xlsx(path, with_cell(base_sheets(), "ho_so_tong_hop", 2, "tiep_nhan", 1e20))


def _date_as_number(path: Path) -> Path:
    sheets = with_cell(base_sheets(), "thong_tin", info_row("tu_ngay"), "gia_tri", 46023)
    return write_xlsx(path, sheets)


def _date_year_slip(path: Path) -> Path:
    sheets = with_cell(base_sheets(), "thong_tin", info_row("den_ngay"), "gia_tri", "31/03/2206")
    return write_xlsx(path, sheets)


def _name_variants(path: Path) -> Path:
    sheets = base_sheets()
    variants = {
        "Thông tin": sheets["thong_tin"],
        "Chỉ tiêu": sheets["chi_tieu"],
        "THU TUC": sheets["thu_tuc"],
        "Chỉ số": sheets["chi_so"],
        "Hồ sơ tổng hợp": sheets["ho_so_tong_hop"],
    }
    return write_xlsx(path, {**sheets, **variants})


def _fresh_template(path: Path) -> Path:
    sheets = {name: (headers, []) for name, (headers, _) in base_sheets().items()}
    sheets["thong_tin"] = base_sheets()["thong_tin"]
    return write_xlsx(path, sheets)


def _directory(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


def _missing_path(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _label(sheet: c.Sheet, key: str) -> str:
    return sheet.column(key).label


BAD = [
    Bad("text_renamed_xlsx", _text_renamed, "là tệp văn bản"),
    Bad("utf16_text_renamed_xlsx", _utf16_text_renamed, "là tệp văn bản"),
    Bad("html_renamed_xlsx", _html_renamed, "trang web (HTML)"),
    Bad("zero_bytes", _zero_bytes, "tệp rỗng (0 byte)"),
    Bad("truncated_xlsx", _truncated, "bị hỏng hoặc không đầy đủ"),
    Bad("zip_not_a_workbook", _zip_not_workbook, "tệp nén (.zip) nhưng không chứa bảng tính"),
    Bad("fake_ole_encrypted", _fake_ole, "đặt mật khẩu"),
    Bad("real_encrypted_xlsx", _encrypted_corpus, "đặt mật khẩu (mã hóa)"),
    Bad("legacy_xls_renamed", _legacy_xls_renamed, "bảng tính .xls cũ (Excel 97-2003)"),
    Bad("xls_extension", _xls_extension, "tệp .xls cũ"),
    Bad("ods_extension", _ods_extension, "tệp .ods"),
    Bad("ods_renamed_xlsx", _ods_renamed, "tệp .ods (LibreOffice/OpenOffice) bị đổi đuôi"),
    Bad("xlsb_renamed_xlsx", _xlsb_renamed, "tệp .xlsb"),
    Bad("csv_extension", _csv_extension, "tệp .csv"),
    Bad("missing_sheet", _missing_sheet, "thiếu trang «chi_so»"),
    Bad(
        "missing_column",
        _missing_column,
        "thiếu cột «Mức độ» (muc_do)",
        "thu_tuc",
        1,
        _label(c.THU_TUC, "muc_do"),
    ),
    Bad("duplicated_column", _duplicated_column, "bị trùng", "thu_tuc", 1, "linh_vuc"),
    Bad("title_row_above_header", _title_row, "dòng tiêu đề cột phải là dòng 1", "chi_tieu", 2),
    Bad(
        "text_in_number",
        _text_in_number,
        "không đọc được thành số",
        "ho_so_tong_hop",
        2,
        "tiep_nhan",
    ),
    Bad("negative_count", _negative_count, "là số âm", "ho_so_tong_hop", 3, "tiep_nhan"),
    Bad(
        "impossible_date",
        _impossible_date,
        "ngày không có thật",
        "thong_tin",
        info_row("den_ngay"),
        "gia_tri",
    ),
    Bad("enumeration_typo", _enumeration_typo, "không thuộc danh mục", "thu_tuc", 11, "muc_do"),
    Bad("blank_key_cell", _blank_key, "ô bị bỏ trống", "ho_so", 5, "ma_ho_so"),
    Bad(
        "uncomputed_formula_count",
        _uncomputed_formula_count,
        "công thức chưa từng được tính",
        "ho_so_tong_hop",
        2,
        "tiep_nhan",
    ),
    Bad(
        "uncomputed_formula_optional",
        _uncomputed_formula_optional,
        "mở tệp bằng Excel hoặc LibreOffice Calc rồi lưu lại",
        "chi_so",
        3,
        "mau_so",
    ),
    Bad(
        "uncomputed_formula_info",
        _uncomputed_formula_info,
        "công thức chưa từng được tính",
        "thong_tin",
        info_row("ky"),
        "gia_tri",
    ),
    Bad("excel_error_div0", _error_div0, "#DIV/0! (chia cho 0)", "chi_so", 2, "mau_so"),
    Bad("excel_error_na", _error_na, "#N/A", "ho_so_tong_hop", 4, "tiep_nhan"),
    Bad("hidden_sheet", _hidden_sheet, "trang đang bị ẩn (hidden)", "chi_tieu"),
    Bad("very_hidden_sheet", _very_hidden_sheet, "ẩn sâu (very hidden)", "thu_tuc"),
    Bad(
        "ky_disagrees_with_file_name",
        _ky_disagrees,
        "kỳ báo cáo ghi 2026-Q2 nhưng tệp là của 2026-Q1",
        "thong_tin",
        info_row("ky"),
        "gia_tri",
    ),
    Bad(
        "tu_ngay_after_den_ngay",
        _start_after_end,
        "ngày bắt đầu sau ngày kết thúc",
        "thong_tin",
        info_row("den_ngay"),
        "gia_tri",
    ),
    Bad(
        "unknown_quy_uoc_ky",
        _unknown_convention,
        "quy ước kỳ không thuộc danh mục",
        "thong_tin",
        info_row("quy_uoc_ky", quy_uoc_ky="theo_thang"),
        "gia_tri",
    ),
    Bad("merged_header_cells", _merged_header, "A1:B1 bị gộp (merge)", "thu_tuc", 1, "ma_thu_tuc"),
    Bad("two_level_header", _two_level_header, "D1:E1 bị gộp (merge)", "chi_tieu", 1, "Tình trạng"),
    Bad("empty_header_row", _empty_header_row, "dòng tiêu đề cột (dòng 1) để trống", "chi_so", 1),
    Bad("empty_sheet", _empty_sheet, "trang trống", "chi_so", 1),
    Bad(
        "number_too_large",
        _number_too_large,
        "là số quá lớn",
        "ho_so_tong_hop",
        2,
        "tiep_nhan",
    ),
    Bad(
        "date_typed_as_number",
        _date_as_number,
        "là một số, không phải ngày",
        "thong_tin",
        info_row("tu_ngay"),
        "gia_tri",
    ),
    Bad(
        "date_year_slip",
        _date_year_slip,
        "ngoài khoảng 1900–2100",
        "thong_tin",
        info_row("den_ngay"),
        "gia_tri",
    ),
    Bad("sheet_name_variants", _name_variants, "có hai trang cùng là «thong_tin»"),
    Bad("fresh_template", _fresh_template, "tệp vẫn còn trống"),
    Bad("xlsx_is_a_directory", _directory, "là một thư mục"),
    Bad("path_does_not_exist", _missing_path, "không tìm thấy tệp"),
]
assert len(BAD) >= 25

# A handful also run through `workbook run`: corrupt files and contract errors alike.
RUN_CASES = {
    "zero_bytes",
    "truncated_xlsx",
    "fake_ole_encrypted",
    "missing_column",
    "uncomputed_formula_count",
    "excel_error_div0",
    "hidden_sheet",
    "ky_disagrees_with_file_name",
    "xlsx_is_a_directory",
}


def check(path: Path, capsys) -> tuple[int, str, float]:
    """``workbook check PATH`` in process: exit code, all it printed, seconds."""
    t = time.perf_counter()
    code = main(["check", str(path)])
    seconds = time.perf_counter() - t
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err, out + err
    return code, err, seconds


def assert_check_fails_cleanly(path: Path, capsys) -> str:
    before = sha256(path)
    code, err, seconds = check(path, capsys)
    assert code == 2, err
    assert path.name in err, err
    assert seconds < SECONDS, f"{path.name}: {seconds:.1f} s"
    assert sha256(path) == before, "checking a file must never change it"
    return err


@pytest.mark.parametrize("bad", BAD, ids=[b.id for b in BAD])
def test_check_rejects_with_a_located_message(bad, tmp_path, capsys):
    path = bad.build(tmp_path / "data" / UNIT / "2026-Q1.xlsx")
    err = assert_check_fails_cleanly(path, capsys)
    assert bad.fragment in err, err
    # the file, the location and the message are on one line, in this order
    lines = [line for line in err.splitlines() if bad.fragment in line]
    where = f"Tệp {path.name}" + (f", {bad.where()}" if bad.where() else "") + ": "
    assert any(where in line.split(bad.fragment)[0] for line in lines), (where, err)


@pytest.mark.parametrize("bad", [b for b in BAD if b.id in RUN_CASES], ids=sorted(RUN_CASES))
def test_run_on_a_bad_input_leaves_no_output(bad, tmp_path, capsys):
    data, out = tmp_path / "data", tmp_path / "out"
    path = bad.build(data / UNIT / "2026-Q1.xlsx")
    before = sha256(path)
    with pytest.raises(WorkbookError) as info:
        run_report(unit=UNIT, quarter="2026-Q1", data_dir=data, out_dir=out)
    assert info.value.exit_code == 2
    message = info.value.user_message()
    assert "Traceback" not in message
    assert not out.exists() or not any(out.rglob("*")), sorted(out.rglob("*"))
    # the command line says the same, with exit code 2
    code = main(["run", "--unit", UNIT, "--quarter", "2026-Q1", "--data", str(data)]
                + ["--out", str(out)])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 2, captured.err
    assert "Traceback" not in captured.out + captured.err
    assert not out.exists() or not any(out.rglob("*")), sorted(out.rglob("*"))
    assert sha256(path) == before


def test_the_corpus_ids_match():
    assert len({b.id for b in BAD}) == len(BAD)
    assert {b.id for b in BAD} >= RUN_CASES


# --- what is accepted (see "Decisions" in docs/input-contract.md) ------------------------------


def _reads(path: Path, capsys) -> None:
    before = sha256(path)
    wb = read_workbook(path, quarter="2026-Q1")
    assert sha256(path) == before
    assert {"thong_tin", "chi_tieu", "thu_tuc", "chi_so", "ho_so_tong_hop"} <= set(wb.tables)
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert code in (0, 1), err  # 1: the builders' aggregate keeps the seed's own inconsistencies
    assert "Traceback" not in out + err and "đúng mẫu số liệu" in out


def test_stray_spaces_in_headers_sheet_names_and_enumerations_are_accepted(tmp_path, capsys):
    sheets = base_sheets()
    headers, rows = sheets["thu_tuc"]
    spaced_headers = ["  Mã  thủ tục ", "Tên thủ tục\u00a0", " LINH VUC", "mức   độ ", "he_thong "]
    spaced_rows = [[*r[:3], f"  {r[3]}  ", r[4]] for r in rows]
    spaced_rows[0][3] = " Trực tuyến   toàn trình "
    sheets = {**sheets, " Thủ  tục ": (spaced_headers, spaced_rows)}
    del sheets["thu_tuc"]
    path = write_xlsx(tmp_path / UNIT / "2026-Q1.xlsx", sheets)
    _reads(path, capsys)
    table = read_workbook(path).tables["thu_tuc"]
    assert set(table["muc_do"]) == {"toan_trinh", "mot_phan"}


def test_unknown_and_hidden_unknown_sheets_are_accepted(tmp_path, capsys):
    sheets = {**base_sheets(), "Ghi chú riêng": (["ghi chú"], [["nháp"]]), "Nháp": (["x"], [[1]])}
    path = write_xlsx(tmp_path / UNIT / "2026-Q1.xlsx", sheets)
    tweak(path, lambda wb: setattr(wb["Nháp"], "sheet_state", "hidden"))
    _reads(path, capsys)


def test_formulas_with_computed_values_are_accepted(tmp_path, capsys):
    # as Excel and LibreOffice save them: the formula and its last computed value
    sheets = with_cell(base_sheets(), "ho_so_tong_hop", 2, "tiep_nhan", "=11000+952")
    path = write_xlsx(tmp_path / UNIT / "2026-Q1.xlsx", sheets)
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(buffer, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            data = data.replace(b"<f>11000+952</f><v></v>", b"<f>11000+952</f><v>11952</v>")
            zout.writestr(item, data)
    path.write_bytes(buffer.getvalue())
    _reads(path, capsys)
    table = read_workbook(path).tables["ho_so_tong_hop"]
    assert table.loc[table["he_thong"] == "Tổng", "tiep_nhan"].item() == 11952


def test_uncomputed_formulas_in_unread_columns_are_ignored(tmp_path, capsys):
    sheets = base_sheets()
    headers, rows = sheets["chi_tieu"]
    sheets["chi_tieu"] = ([*headers, "Cột tính nháp"], [[*r, "=LEN(B2)"] for r in rows])
    _reads(write_xlsx(tmp_path / UNIT / "2026-Q1.xlsx", sheets), capsys)


def test_blank_cell_inside_a_merged_range_says_so(tmp_path, capsys):
    path = sample_workbook(tmp_path / UNIT / "2026-Q1.xlsx", records=records(), aggregate=False)
    tweak(path, lambda wb: wb["ho_so"].merge_cells("A3:A5"))
    err = assert_check_fails_cleanly(path, capsys)
    assert "trang «ho_so», dòng 4, cột «ma_ho_so»: ô bị bỏ trống (ô nằm trong vùng gộp A3:A5" in err


# --- the shared corpus of real-world spreadsheets --------------------------------------------

CORPUS_FILES = sorted(p for p in CORPUS.iterdir() if p.is_file()) if CORPUS.is_dir() else []
CONTRACT_SHEETS = [s.key for s in c.SHEETS]


def with_contract_sheet_names(source: Path, target: Path) -> bool:
    """Copy a real .xlsx with its sheets renamed to the contract's, so that each is read."""
    names = iter(CONTRACT_SHEETS)
    pattern = re.compile(rb'(<(?:\w+:)?sheet\b[^>]*?\bname=")[^"]*(")')
    try:
        with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                if item.filename.replace("\\", "/").lower().endswith("workbook.xml"):
                    data = pattern.sub(
                        lambda m: m.group(1) + next(names, "khac").encode() + m.group(2), data
                    )
                zout.writestr(item, data)
    except (zipfile.BadZipFile, OSError):  # damaged or not a zip: the plain copy covers it
        return False
    return True


@pytest.mark.skipif(not CORPUS_FILES, reason=f"{CORPUS} is not available")
@pytest.mark.parametrize("source", CORPUS_FILES, ids=[p.name for p in CORPUS_FILES])
def test_corpus_file_is_rejected_cleanly(source, tmp_path, capsys):
    # as it is (read-only: it is only ever read)
    assert_check_fails_cleanly(source, capsys)
    # placed as a unit's quarter, whatever its real format
    data, out = tmp_path / "data", tmp_path / "out"
    quarter_file = data / UNIT / "2026-Q1.xlsx"
    quarter_file.parent.mkdir(parents=True)
    shutil.copyfile(source, quarter_file)
    assert_check_fails_cleanly(quarter_file, capsys)
    t = time.perf_counter()
    with pytest.raises(WorkbookError) as info:
        run_report(unit=UNIT, quarter="2026-Q1", data_dir=data, out_dir=out)
    assert time.perf_counter() - t < SECONDS
    assert info.value.exit_code == 2 and "2026-Q1.xlsx" in info.value.user_message()
    assert not out.exists() or not any(out.rglob("*"))
    # its sheets named as the contract's, so that every sheet goes through the reader
    if source.suffix.lower() in (".xlsx", ".xlsm"):
        renamed = tmp_path / "renamed" / "2026-Q1.xlsx"
        renamed.parent.mkdir()
        if with_contract_sheet_names(source, renamed):
            assert_check_fails_cleanly(renamed, capsys)


def test_formula_found_in_cells_written_without_their_reference(tmp_path, capsys):
    # some writers leave out the optional r="B3" of each cell: position then follows order
    sheets = with_cell(base_sheets(), "chi_tieu", 3, "noi_dung", "=UPPER(A3)")
    path = write_xlsx(tmp_path / UNIT / "2026-Q1.xlsx", sheets)
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(buffer, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if b"UPPER(A3)" in data:
                data = re.sub(rb'(<c) r="[A-Z]+[0-9]+"', rb"\1", data)
            zout.writestr(item, data)
    path.write_bytes(buffer.getvalue())
    err = assert_check_fails_cleanly(path, capsys)
    assert "trang «chi_tieu», dòng 3, cột «noi_dung»: ô chứa công thức chưa từng được tính" in err
    assert "=UPPER(A3)" in err
