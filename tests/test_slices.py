"""Large sheets are read a slice of rows at a time, with exactly the result of a whole read.

The slice size is shrunk here so that the small workbooks of the tests are cut into many
slices (cuts fall inside runs of blank rows, next to formulas and errors, and everywhere else).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_bad_inputs import BAD

from helpers import io, slices, xmlscan
from helpers.errors import ContractError
from workbooks import random_records, sample_workbook

START, END = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
SAMPLES = Path(__file__).resolve().parents[1] / "data"


def outcome(path: Path) -> object:
    """What a read gives: the workbook's content, or the problems as the user sees them."""
    try:
        wb = io.read_workbook(path, quarter="2026-Q1", cache_dir=False)
    except ContractError as exc:
        return [str(p) for p in exc.problems]
    except Exception as exc:  # other WorkbookErrors (not a workbook at all): their message
        return f"{type(exc).__name__}: {exc}"
    return {
        "info": wb.info,
        "headers": wb.headers,
        "personal": wb.ignored_personal,
        "dtypes": {k: t.dtypes.astype(str).to_dict() for k, t in wb.tables.items()},
        # NaN and NaT as None: two NaNs never compare equal
        "tables": {
            k: t.astype(object).where(t.notna(), None).to_dict("list") for k, t in wb.tables.items()
        },
    }


def sliced(path: Path, monkeypatch: pytest.MonkeyPatch, size: int = 3000) -> object:
    with monkeypatch.context() as m:
        m.setattr(slices, "LARGE_BYTES", size)
        m.setattr(slices, "SLICE_BYTES", size)
        m.setattr(slices, "FIRST_SLICE_BYTES", size // 3)
        return outcome(path)


def test_small_sheets_are_read_whole() -> None:
    path = SAMPLES / "phu-lien" / "2026-Q1.xlsx"
    with zipfile.ZipFile(path) as zf:
        assert not any(slices.is_large(zf, n) for n in zf.namelist() if "worksheets/" in n)


@pytest.mark.parametrize("unit", ["mau-an", "xa-mau-cuong"])
def test_a_ward_quarter_reads_the_same_in_slices(
    unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = SAMPLES / unit / "2026-Q1.xlsx"
    whole = outcome(path)
    assert isinstance(whole, dict) and len(whole["tables"]["ho_so"]["dong"]) > 3000
    calls = []
    real = slices._slice_book
    monkeypatch.setattr(slices, "_slice_book", lambda *a: calls.append(1) or real(*a))
    assert sliced(path, monkeypatch, size=200_000) == whole
    assert len(calls) > 10  # it was cut, many times


@pytest.mark.parametrize("bad", BAD, ids=[b.id for b in BAD])
def test_every_bad_input_gets_the_same_messages_in_slices(
    bad, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = bad.build(tmp_path / "data" / "phuong-thu" / "2026-Q1.xlsx")
    assert sliced(path, monkeypatch) == outcome(path)


def gappy_workbook(path: Path) -> Path:
    """Records with blank rows, a far-away row, formulas and errors: cuts land among them."""
    records = random_records(400, seed=3, start=START, end=END)
    sample_workbook(path, records=records)
    wb = openpyxl.load_workbook(path)
    ws = wb["ho_so"]
    ws.insert_rows(50, amount=30)  # a run of blank rows
    ws.cell(row=900, column=1, value="HS-XA")  # a row far below the others
    for col, value in enumerate(records[0], start=2):
        ws.cell(row=900, column=col, value=value)
    ws.cell(row=120, column=9, value="=1/0")  # a formula openpyxl leaves uncomputed
    ws.cell(row=2000, column=2, value="=A1")  # the same, past every other row
    wb.save(path)
    return path


def test_blank_runs_far_rows_and_formulas_give_the_same_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = gappy_workbook(tmp_path / "g.xlsx")
    whole = outcome(path)
    assert isinstance(whole, list) and any("dòng 2000" in p for p in whole)
    for size in (1500, 4000, 20000):
        assert sliced(path, monkeypatch, size) == whole


def test_a_sheet_whose_first_column_is_empty(tmp_path: Path, monkeypatch) -> None:
    path = sample_workbook(tmp_path / "b.xlsx", records=random_records(200, 5, START, END))
    wb = openpyxl.load_workbook(path)
    wb["ho_so"].insert_cols(1)  # every row starts in column B
    wb.save(path)
    whole = outcome(path)
    assert isinstance(whole, dict)
    assert sliced(path, monkeypatch, 2500) == whole


def test_xml_is_cut_between_rows_only() -> None:
    path = SAMPLES / "mau-an" / "2026-Q1.xlsx"
    with zipfile.ZipFile(path) as zf:
        member = xmlscan.package(zf).sheets["ho_so"]  # type: ignore[union-attr]
    pieces = []
    real = slices.SLICE_BYTES, slices.FIRST_SLICE_BYTES
    try:
        slices.SLICE_BYTES, slices.FIRST_SLICE_BYTES = 50_000, 10_000
        pieces = list(slices._xml_slices(str(path), member))
    finally:
        slices.SLICE_BYTES, slices.FIRST_SLICE_BYTES = real
    assert len(pieces) > 5
    for xml in pieces:
        assert xml.count(b"<row ") == xml.count(b"</row>")
        assert xml.endswith(b"</sheetData></worksheet>")
        assert b"<dimension" not in xml
