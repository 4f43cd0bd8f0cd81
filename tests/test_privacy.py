"""No personal field of a dossier export reaches any output, whatever its format.

A real national-portal export (``MaHoSo``, ``TrangThaiHoSo`` …) carries the applicant's name,
ID number, phone, e-mail and address beside the columns the report needs. The workbook here
plants unique values in each of those columns, and in a column the contract does not know,
runs the real ``workbook run`` (every format), then reads every file it wrote the way a
recipient would (PDF text, DOCX paragraphs, tables and XML, HTML source and text, JSON,
the executed notebook) and looks for each value and its variants.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from pypdf import PdfReader

from portable import WORKBOOK
from workbooks import HO_SO_HEADERS, random_records, sample_workbook

pytestmark = pytest.mark.kernel  # every test reads the outputs of one real run
ENV = {**os.environ, "PYTHONWARNINGS": "error::FutureWarning"}
UNIT, QUARTER = "xa-ho-so", "2026-Q1"

# The portal's header for each contract column of tests/workbooks.py's records (he_thong is
# not in the portal's export: the records fall under the default system).
PORTAL = {
    "ma_ho_so": "MaHoSo",
    "ma_thu_tuc": "MaTTHC",
    "linh_vuc": "TenLinhVuc",
    "kenh_nop": "KenhThucHien",
    "ngay_tiep_nhan": "NgayTiepNhan",
    "han_xu_ly": "NgayHenTra",
    "ngay_co_ket_qua": "NgayKetThucXuLy",
    "trang_thai": "TrangThaiHoSo",
    "da_so_hoa": "HoSoCoThanhPhanSoHoa",
}
KENH_CODE = {"truc_tiep": 1, "truc_tuyen": 2, "buu_chinh": "3"}
STATUS_CODE = {"da_giai_quyet": 9, "dang_giai_quyet": "4", "rut": 7, "tu_choi": "Từ chối"}
START, END = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
INNOCENT = "Ghi chú nội bộ"  # a column the contract does not know: never read either

# Values cycle over the rows; strings and numbers, as an export holds them.
PLANTED: dict[str, list[object]] = {
    "ChuHoSo": ["Nguyễn Thị Planted7Q", "Trần Văn Plantedbx"],
    "SoGiayToChuHoSo": ["079912345678", 201203004568],
    "SoDienThoai": ["0912 345 678", 987654321, "+84 913 579 246"],
    "Email": ["planted.x9@example.vn", "riengtu.q7@example.vn"],
    "DiaChi": ["Số 7 ngõ Planted, tổ 3", "Tổ dân phố Plantedvy & Co", "Ngõ O'Planted"],
    "Người nộp": ["Lê Nộp Planted9Z", "Phạm Thay <Planted>"],
    INNOCENT: ["Bí mật XQ77-Planted", "Ghi riêng ZK41"],
}
# Where the personal columns sit in the export: between the ones the report reads.
HEADERS = [
    "MaHoSo",
    "ChuHoSo",
    "SoGiayToChuHoSo",
    "MaTTHC",
    "TenLinhVuc",
    "SoDienThoai",
    "KenhThucHien",
    "Email",
    "NgayTiepNhan",
    "NgayHenTra",
    "DiaChi",
    "NgayKetThucXuLy",
    "TrangThaiHoSo",
    "Người nộp",
    "HoSoCoThanhPhanSoHoa",
    INNOCENT,
]
DUPLICATE = "H26.99-2601-0000-K"  # the first record, exported twice
CHRONO = "H26.99-2601-LOI9-K"  # a result dated before its receipt


def _code(i: int) -> str:
    return f"H26.99-2601-{i:04d}-K"


def _export_rows(n: int) -> list[list[object]]:
    records = random_records(n, seed=57, start=START, end=END)
    rows = []
    for i, record in enumerate(records):
        value = dict(zip(HO_SO_HEADERS, record, strict=True))
        value["ma_ho_so"] = _code(i)
        value["kenh_nop"] = KENH_CODE[value["kenh_nop"]]
        value["trang_thai"] = STATUS_CODE[value["trang_thai"]]
        value["da_so_hoa"] = int(value["da_so_hoa"])
        by_header = {PORTAL[k]: v for k, v in value.items() if k in PORTAL}
        by_header |= {h: values[i % len(values)] for h, values in PLANTED.items()}
        rows.append([by_header[h] for h in HEADERS])
    rows.append(list(rows[0]))
    chrono = list(rows[1])
    chrono[HEADERS.index("MaHoSo")] = CHRONO
    chrono[HEADERS.index("NgayTiepNhan")] = dt.date(2026, 2, 10)
    chrono[HEADERS.index("NgayHenTra")] = dt.date(2026, 2, 20)
    chrono[HEADERS.index("NgayKetThucXuLy")] = dt.date(2026, 2, 1)
    chrono[HEADERS.index("TrangThaiHoSo")] = 10
    rows.append(chrono)
    return rows


ROWS = _export_rows(240)
ORDINARY_CODES = sorted({r[0] for r in ROWS} - {DUPLICATE, CHRONO})


def _needles() -> set[str]:
    """Each planted value, and the forms it could take on the way to an output."""
    out: set[str] = set()
    for values in PLANTED.values():
        for value in values:
            text = str(value)
            out |= {text, html.escape(text), html.escape(text, quote=False)}
            out |= {re.sub(r"\s+", "", text), re.sub(r"\s+", " ", text)}
            digits = re.sub(r"\D", "", text)
            if len(digits) >= 9:  # phone or ID number: also without spaces, zero or +84
                out |= {digits, digits.lstrip("0"), re.sub(r"^84", "0", digits)}
    # fragments that survive any reformatting, and the planted IDs as Excel shows numbers
    out |= {"Planted", "planted", "example.vn", "XQ77", "ZK41", "Nộp Planted"}
    out |= {"912345678", "0912345678", "913579246", "0987654321", "201203004568"}
    return {n for n in out if n}


NEEDLES = _needles()


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)]


def _docx_texts(path: Path) -> list[str]:
    doc = Document(path)
    texts = [p.text for p in doc.paragraphs]

    def cells(tables) -> None:
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    texts.extend(p.text for p in cell.paragraphs)
                    cells(cell.tables)

    cells(doc.tables)
    for section in doc.sections:
        for part in (section.header, section.footer, section.first_page_header):
            texts.extend(p.text for p in part.paragraphs)
            cells(part.tables)
    core = doc.core_properties
    texts += [str(getattr(core, k) or "") for k in ("title", "subject", "author", "comments")]
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            raw = z.read(name).decode("utf-8", errors="replace")
            texts += [raw, html.unescape(raw)]
    return texts


def _xlsx_texts(path: Path) -> list[str]:
    """Every cell and property of a workbook (Biểu II.06a), and every XML part of its zip."""
    wb = openpyxl.load_workbook(path)
    texts = [
        str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None
    ]
    texts += [str(getattr(wb.properties, k) or "") for k in ("title", "subject", "creator")]
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            raw = z.read(name).decode("utf-8", errors="replace")
            texts += [raw, html.unescape(raw)]
    return texts


def _texts(path: Path) -> list[str]:
    """What a reader of ``path`` can see, in every form worth searching."""
    if path.suffix == ".xlsx":
        texts = _xlsx_texts(path)
    elif path.suffix == ".pdf":
        reader = PdfReader(path)
        texts = [page.extract_text() or "" for page in reader.pages]
        texts += _strings(dict(reader.metadata or {}))
    elif path.suffix == ".docx":
        texts = _docx_texts(path)
    else:
        raw = path.read_bytes().decode("utf-8", errors="replace")
        texts = [raw, html.unescape(raw)]
        if path.suffix in (".json", ".ipynb"):
            texts += _strings(json.loads(raw))
        if path.suffix == ".html":
            texts.append(html.unescape(re.sub(r"<[^>]+>", " ", raw)))
    # a value cut across lines or cells is found once the whitespace is gone
    return texts + [re.sub(r"\s+", "", t) for t in texts]


@pytest.fixture(scope="module")
def portal_run(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("xuat-cong")
    data, out = root / "data", root / "out"
    sample_workbook(
        data / UNIT / f"{QUARTER}.xlsx", aggregate=False, extra_sheets={"ho_so": (HEADERS, ROWS)}
    )
    proc = subprocess.run(
        [str(WORKBOOK), "run", "--unit", UNIT, "--quarter", QUARTER]
        + ["--data", str(data), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env=ENV,
    )
    assert proc.returncode == 0, proc.stderr
    return out, proc


def test_the_export_really_holds_the_planted_values(portal_run):
    """Not vacuous: the personal values are in the file, and the dossier sheet was read."""
    out, _ = portal_run
    source = out.parent / "data" / UNIT / f"{QUARTER}.xlsx"
    sheet = openpyxl.load_workbook(source, read_only=True)["ho_so"]
    cells = {str(v) for row in sheet.iter_rows(values_only=True) for v in row}
    assert {str(v) for values in PLANTED.values() for v in values} <= cells
    figures = json.loads((out / UNIT / QUARTER / "chi-so.json").read_text(encoding="utf-8"))
    received = sum(1 for r in ROWS if START <= r[HEADERS.index("NgayTiepNhan")] <= END)
    assert 0 < figures["ho_so.tiep_nhan"] <= received


def test_no_personal_value_in_any_output(portal_run):
    out, proc = portal_run
    folder = out / UNIT / QUARTER
    assert {p.name for p in folder.iterdir()} == {
        "bao-cao.ipynb",
        "bao-cao.html",
        "bao-cao.pdf",
        "bao-cao.docx",
        "bieu-ii06a.xlsx",  # the dossiers are records: the national form too
        "chi-so.json",
        "kiem-tra.json",
    }
    # every file the run left, the failed-notebook folder and hidden files included
    files = sorted(p for p in out.rglob("*") if p.is_file())
    leaks = {
        (str(p.relative_to(out)), needle)
        for p in files
        for text in _texts(p)
        for needle in NEEDLES
        if needle in text
    }
    console = proc.stdout + proc.stderr
    leaks |= {("console", n) for n in NEEDLES if n in console}
    assert sorted(leaks) == []


def test_no_ordinary_dossier_code_in_any_output(portal_run):
    """Outputs hold aggregates: no dossier is named unless a finding is about it."""
    out, _ = portal_run
    named = {
        (str(p.relative_to(out)), code)
        for p in sorted(out.rglob("*"))
        if p.is_file()
        for text in _texts(p)
        for code in ORDINARY_CODES
        if code in text
    }
    assert sorted(named) == []


def test_a_flagged_dossier_is_located_by_row_not_named(portal_run):
    """The two rows that break a rule are found, and located by their Excel rows; their codes
    reach no output (findings go to kiem-tra.json and to the shared report's annex)."""
    folder = portal_run[0] / UNIT / QUARTER
    found = json.loads((folder / "kiem-tra.json").read_text(encoding="utf-8"))["findings"]
    rules = {f["rule"]: f for f in found}
    assert re.search(r"dòng \d+, \d+", rules["ho_so_trung"]["message"])
    assert rules["ket_qua_truoc_tiep_nhan"]["row"] is not None
    for path in folder.iterdir():
        texts = _texts(path)  # the form's cells too, not its compressed bytes
        assert not any(DUPLICATE in t or CHRONO in t for t in texts), path.name


def test_the_shared_html_names_no_dossier_code(portal_run):
    page = (portal_run[0] / UNIT / QUARTER / "bao-cao.html").read_text(encoding="utf-8")
    assert DUPLICATE not in page and CHRONO not in page


def test_the_analysis_annex_is_among_the_outputs_searched(portal_run):
    """Not vacuous for the annex: a record-level unit gets it in every format searched above,
    its tables by procedure included (procedure codes are public, dossier codes are not)."""
    folder = portal_run[0] / UNIT / QUARTER
    page = (folder / "bao-cao.html").read_text(encoding="utf-8")
    assert "PHỤ LỤC. PHÂN TÍCH HỒ SƠ" in page
    assert "Thủ tục có nhiều hồ sơ quá hạn nhất" in page
    assert "PHỤ LỤC. PHÂN TÍCH HỒ SƠ" in _docx_texts(folder / "bao-cao.docx")
    pdf = " ".join(_texts(folder / "bao-cao.pdf"))
    assert "PHÂN TÍCH HỒ SƠ" in pdf
