"""Property tests of the reader: whatever lands in a cell, the answer is a Workbook or a
ContractError that locates its problems, never another exception; and the header matcher
folds every spelling of a contract label to the one key."""

from __future__ import annotations

import datetime as dt
import functools
import re
import tempfile
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers import contract as c
from helpers.errors import ContractError
from helpers.io import Workbook, read_workbook
from helpers.sheets import SHEET_LOOKUP, header_lookup
from helpers.text import fold, normalize_key
from workbooks import random_records, sample_workbook

# --- values an office (or a script) may leave in a cell ------------------------------------

# openpyxl refuses these raw; Excel stores them as _xHHHH_ escapes, which the reader decodes
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _escape(text: str) -> str:
    return _ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


VIETNAMESE = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợ"
    "úùủũụứừửữựýỳỷỹỵĐĂÂÊÔƠƯ 0123456789.,%/-_",
    max_size=40,
)
NUMBERISH = st.from_regex(
    r"(khoảng |trên |~|>|-)?[0-9]{1,4}([.,][0-9]{1,3}){0,3}( ?%)?", fullmatch=True
)
DATEISH = st.from_regex(r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,5}", fullmatch=True)
CELL_VALUES = st.one_of(
    st.none(),
    st.just(""),
    st.text(max_size=60).map(_escape),  # any text, control characters included
    VIETNAMESE,
    NUMBERISH,
    DATEISH,
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, -1, 0.5, 1e15, 2**53 + 1, 1e300, -0.0, 46023]),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2200, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2200, 12, 31)),
    st.booleans(),
    st.sampled_from(["=SUM(A1)", "=1/0", "=A1+", '=""', "=NOW()", "=VLOOKUP(A2,B:C,2,0)"]),
    st.sampled_from(["#DIV/0!", "#N/A", "#REF!", "#VALUE!", "#NAME?"]),
    st.sampled_from(["hoan_thanh", "Toàn trình", "truc_tuyen", "2026-Q1", "Tổng", "có"]),
    st.integers(min_value=1000, max_value=40000).map(lambda n: "Hồ sơ " * (n // 6)),
)


@functools.cache
def valid_workbook_bytes() -> bytes:
    """The builders' sample workbook with dossier records: valid, as the test asserts."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "2026-Q1.xlsx"
        records = random_records(40, seed=11, start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31))
        sample_workbook(path, records=records)
        read_workbook(path, quarter="2026-Q1")  # valid to begin with
        return path.read_bytes()


def assert_located(err: ContractError, path: Path) -> None:
    assert err.problems
    for p in err.problems:
        assert p.file == str(path), p
        if p.row is not None:
            assert p.sheet is not None, p
        assert str(p)  # every problem renders as a message
    assert path.name in err.user_message()


REPLACEMENTS = st.lists(
    st.tuples(st.integers(min_value=0), st.floats(0, 1), st.floats(0, 1), CELL_VALUES),
    min_size=1,
    max_size=6,
)


@pytest.mark.slow  # forty workbooks written and read
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(REPLACEMENTS)
@example([(0, 0.0, 0.9, "=1+2")])  # an uncomputed formula in thong_tin
@example([(5, 0.5, 0.3, "#DIV/0!")])  # an error value in the records
@example([(4, 0.0, 0.27, 10**25)])  # a count beyond any integer column (Tổng, tiep_nhan)
def test_any_cell_value_gives_a_workbook_or_a_located_contract_error(replacements):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "2026-Q1.xlsx"
        path.write_bytes(valid_workbook_bytes())
        wb = openpyxl.load_workbook(path)
        for sheet_pick, row_pick, col_pick, value in replacements:
            ws = wb.worksheets[sheet_pick % len(wb.worksheets)]
            row = 2 + int(row_pick * (ws.max_row - 1) * 0.999)  # a data row, never the header
            col = 1 + int(col_pick * ws.max_column * 0.999)
            ws.cell(row=row, column=col).value = value
        wb.save(path)
        before = path.read_bytes()
        try:
            result = read_workbook(path, quarter="2026-Q1")
        except ContractError as err:
            assert_located(err, path)
        else:
            assert isinstance(result, Workbook)
        assert path.read_bytes() == before


# --- the header matcher ----------------------------------------------------------------------


def _labels(sheet: c.Sheet) -> list[tuple[str, str]]:
    """(spelling, column key) for every key, label and alias of the sheet's columns."""
    return [(h, col.key) for col in sheet.columns for h in (col.key, col.label, *col.aliases)]


HEADER_SPELLINGS = [(sheet, h, key) for sheet in c.SHEETS for h, key in _labels(sheet)]
SHEET_SPELLINGS = [(name, s.key) for s in c.SHEETS for name in (s.key, s.label)]


@st.composite
def variant(draw, text: str) -> str:
    """``text`` as someone may type it: casing, diacritics, separators, padding, Unicode form."""
    if draw(st.booleans()):
        text = fold(text)
    rnd = draw(st.randoms(use_true_random=False))
    text = "".join(ch.upper() if rnd.random() < 0.5 else ch.lower() for ch in text)
    separator = draw(st.sampled_from([" ", "_", "  ", "-", "", "\u00a0", " _ ", "."]))
    text = re.sub(r"[ _]+", separator, text)
    pad = st.sampled_from(["", " ", "   ", "\t", "\u00a0"])
    text = draw(pad) + text + draw(pad)
    return unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD", "NFKC"])), text)


@settings(max_examples=300)
@given(st.text())
@example("Mã hồ sơ")
@example("Đ\u0301")
def test_normalize_key_is_idempotent(text):
    key = normalize_key(text)
    assert normalize_key(key) == key
    assert re.fullmatch(r"[0-9a-z]*", key)


@settings(max_examples=300)
@given(st.sampled_from(HEADER_SPELLINGS).flatmap(lambda t: st.tuples(st.just(t), variant(t[1]))))
def test_any_spelling_of_a_contract_header_finds_its_column(case):
    (sheet, spelling, key), typed = case
    lookup = header_lookup(sheet)
    assert normalize_key(typed) == normalize_key(spelling)
    assert lookup[normalize_key(typed)][0] == key


@settings(max_examples=200)
@given(st.sampled_from(SHEET_SPELLINGS).flatmap(lambda t: st.tuples(st.just(t), variant(t[0]))))
def test_any_spelling_of_a_contract_sheet_name_finds_its_sheet(case):
    (spelling, key), typed = case
    assert SHEET_LOOKUP[normalize_key(typed)] == key


def test_no_two_columns_of_a_sheet_share_a_spelling():
    for sheet in c.SHEETS:
        owners: dict[str, set[str]] = {}
        for spelling, key in _labels(sheet):
            owners.setdefault(normalize_key(spelling), set()).add(key)
        clashes = {k: v for k, v in owners.items() if len(v) > 1}
        assert not clashes, (sheet.key, clashes)


def test_no_two_sheets_share_a_spelling():
    owners: dict[str, set[str]] = {}
    for spelling, key in SHEET_SPELLINGS:
        owners.setdefault(normalize_key(spelling), set()).add(key)
    assert all(len(v) == 1 for v in owners.values()), owners
