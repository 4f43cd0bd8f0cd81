"""Cell parsers, header keys and quarters: Vietnamese conventions, edge cases, properties."""

from __future__ import annotations

import datetime as dt
import math
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from helpers import fmt
from helpers.parsing import (
    is_blank,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_int,
    parse_number,
    parse_text,
)
from helpers.periods import Quarter
from helpers.text import fold, normalize_key, slug

# --- numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22.581", 22581),
        ("57.566", 57566),
        ("11.952", 11952),
        ("1.234.567", 1234567),
        ("1.234,5", 1234.5),
        ("39,2", 39.2),
        ("39.2", 39.2),  # a lone point not followed by three digits is a decimal point
        ("11 952", 11952),
        ("11\u00a0952", 11952),  # non-breaking space as thousands separator
        ("  11952  ", 11952),
        ("0", 0),
        ("2.433", 2433),
    ],
)
def test_parse_number_vietnamese_text(text, expected):
    value, qualifier = parse_number(text)
    assert value == pytest.approx(expected)
    assert qualifier is None


@pytest.mark.parametrize(
    ("cell", "expected"),
    [(22581.0, 22581), (22581, 22581), (1234.5, 1234.5), (0.0, 0)],
)
def test_parse_number_excel_numbers(cell, expected):
    assert parse_number(cell) == (expected, None)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("39,2%", 0.392),
        ("39,2 %", 0.392),
        ("39,2", 0.392),  # text in a rate column is percent points
        ("100%", 1.0),
        (0.392, 0.392),  # an Excel percentage cell holds the fraction
        (39.2, 0.392),  # a plain number above 1 counts percent points
        (39, 0.39),
    ],
)
def test_parse_number_percent(cell, expected):
    value, qualifier = parse_number(cell, percent=True)
    assert value == pytest.approx(expected)
    assert qualifier is None


def test_parse_number_approximate_keeps_the_qualifier():
    assert parse_number("khoảng 3.000", approximate=True) == (3000, "khoảng")
    assert parse_number("Khoảng 300", approximate=True) == (300, "khoảng")
    assert parse_number("~ 300", approximate=True) == (300, "khoảng")
    assert parse_number("hơn 1.000", approximate=True) == (1000, "trên")
    value, qualifier = parse_number("trên 80%", approximate=True, percent=True)
    assert value == pytest.approx(0.8) and qualifier == "trên"
    value, qualifier = parse_number("dưới 5%", approximate=True, percent=True)
    assert value == pytest.approx(0.05) and qualifier == "dưới"


def test_parse_number_exact_figure_needed_without_approximate():
    with pytest.raises(ValueError, match="khoảng"):
        parse_number("khoảng 3.000")
    with pytest.raises(ValueError):
        parse_number("trên 80%", percent=True)


@pytest.mark.parametrize("cell", ["-5", "-1.234", -5, -0.5, "-39,2"])
def test_parse_number_rejects_negatives(cell):
    with pytest.raises(ValueError, match="âm"):
        parse_number(cell)


def test_parse_number_rejects_percent_outside_a_rate_column():
    with pytest.raises(ValueError, match="%"):
        parse_number("39,2%")


@pytest.mark.parametrize(
    "cell",
    [
        "abc",
        "",
        "%",
        "12abc",
        "1,2,3",
        "1.23.456",
        "12.3456.789",
        "khoảng",
        True,
        False,
        float("nan"),
        float("inf"),
        dt.date(2026, 1, 1),
        dt.datetime(2026, 1, 1, 8, 0),
        None,
        [1],
    ],
)
def test_parse_number_rejects_what_is_not_a_number(cell):
    with pytest.raises(ValueError):
        parse_number(cell, approximate=True)


@pytest.mark.parametrize("text", ["9" * 400, "1" * 400 + ",5", "1" + ".000" * 150, "9" * 5000])
def test_parse_number_rejects_absurdly_long_numbers_with_value_error(text):
    # Found while writing these tests: these used to raise OverflowError or return inf.
    with pytest.raises(ValueError):
        parse_number(text)
    with pytest.raises(ValueError):
        parse_number(text, percent=True)


def test_parse_int():
    assert parse_int("11.952") == 11952
    assert parse_int(11952.0) == 11952
    assert parse_int("11 952") == 11952
    assert parse_int("11952.0") == 11952
    assert isinstance(parse_int(3.0), int)
    with pytest.raises(ValueError, match="nguyên"):
        parse_int("1,5")
    with pytest.raises(ValueError, match="nguyên"):
        parse_int(2.5)
    with pytest.raises(ValueError, match="âm"):
        parse_int("-3")
    with pytest.raises(ValueError):
        parse_int("mười")


# --- dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (dt.date(2026, 4, 16), dt.date(2026, 4, 16)),
        (dt.datetime(2026, 4, 16, 15, 45), dt.date(2026, 4, 16)),
        ("16/04/2026", dt.date(2026, 4, 16)),
        ("6/4/2026", dt.date(2026, 4, 6)),  # day first
        (" 01/01/2026 ", dt.date(2026, 1, 1)),
        ("16.04.2026", dt.date(2026, 4, 16)),
        ("16-04-2026", dt.date(2026, 4, 16)),
        ("2026-04-16", dt.date(2026, 4, 16)),
        ("2026-04-16 08:30:00", dt.date(2026, 4, 16)),
        ("16/04/2026 08:30", dt.date(2026, 4, 16)),  # portals export the time too
        ("29/02/2024", dt.date(2024, 2, 29)),
    ],
)
def test_parse_date_accepts(cell, expected):
    result = parse_date(cell)
    assert result == expected
    assert type(result) is dt.date


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (dt.datetime(2026, 4, 16, 15, 45), dt.datetime(2026, 4, 16, 15, 45)),
        (dt.date(2026, 4, 16), dt.datetime(2026, 4, 16)),
        ("16/04/2026 08:30", dt.datetime(2026, 4, 16, 8, 30)),
        ("16/04/2026 08:30:15", dt.datetime(2026, 4, 16, 8, 30, 15)),
        ("2026-04-16T07:05:00", dt.datetime(2026, 4, 16, 7, 5)),
        ("16/04/2026", dt.datetime(2026, 4, 16)),
    ],
)
def test_parse_datetime_keeps_the_time_of_day(cell, expected):
    assert parse_datetime(cell) == expected


@pytest.mark.parametrize("text", ["16/04/2026 25:00", "16/04/2026 08:75"])
def test_parse_datetime_rejects_impossible_times(text):
    with pytest.raises(ValueError, match="không có thật"):
        parse_datetime(text)


@pytest.mark.parametrize("text", ["31/02/2026", "29/02/2026", "00/01/2026", "16/13/2026"])
def test_parse_date_rejects_impossible_dates(text):
    with pytest.raises(ValueError, match="không có thật"):
        parse_date(text)


@pytest.mark.parametrize("cell", [46128, 46128.0, "46128", "16/04/26", "abc", "", True, None])
def test_parse_date_rejects_what_is_not_a_date(cell):
    with pytest.raises(ValueError):
        parse_date(cell)


def test_parse_date_says_a_number_is_not_a_date():
    with pytest.raises(ValueError, match="số"):
        parse_date(46128.0)


# --- yes/no --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    ["có", "Có", "CÓ", " co ", "1", 1, 1.0, "x", "X", "yes", "Yes", "true", True, "đã số hóa"],
)
def test_parse_bool_true(cell):
    assert parse_bool(cell) is True


@pytest.mark.parametrize(
    "cell", ["không", "Không", "KHONG", "0", 0, 0.0, "no", "No", "false", False, "chưa"]
)
def test_parse_bool_false(cell):
    assert parse_bool(cell) is False


@pytest.mark.parametrize("cell", ["có lẽ", "2", 2, 0.5, "maybe", "xx"])
def test_parse_bool_rejects(cell):
    with pytest.raises(ValueError):
        parse_bool(cell)


# --- text ----------------------------------------------------------------------------


def test_parse_text_cleans_spaces_keeps_lines_and_composes_diacritics():
    decomposed = unicodedata.normalize("NFD", "Phường")  # as some exports write it
    assert decomposed != "Phường"
    assert parse_text("  Phường   Phù\u00a0Liễn \r\n\r\n  dòng 2 ") == "Phường Phù Liễn\ndòng 2"
    assert parse_text(decomposed) == "Phường"
    assert parse_text(12.0) == "12"
    assert parse_text(12.5) == "12.5"
    assert parse_text(7) == "7"
    with pytest.raises(ValueError):
        parse_text(dt.date(2026, 1, 1))


def test_is_blank():
    assert is_blank(None) and is_blank("") and is_blank("  \u00a0") and is_blank(float("nan"))
    assert not is_blank(0) and not is_blank("0") and not is_blank(False)


# --- header keys ---------------------------------------------------------------------


def test_header_spellings_are_one_key():
    spellings = ["Mã hồ sơ", "ma_ho_so", "MA HO SO", "MaHoSo", " mã  Hồ   SƠ ", "Mã-hồ-sơ"]
    assert {normalize_key(s) for s in spellings} == {"mahoso"}


def test_d_with_stroke_folds_to_d():
    assert normalize_key("Đơn vị") == "donvi"
    assert normalize_key("đơn vị") == "donvi"
    assert fold("Đường ĐI") == "duong di"
    assert normalize_key("Ngày hẹn trả") == normalize_key("NgayHenTra") == "ngayhentra"
    assert normalize_key("Mã hồ sơ") != normalize_key("Mã thủ tục")


def test_slug():
    assert slug("Bộ Tài chính") == "bo_tai_chinh"
    assert slug("Các Bộ, ngành") == "cac_bo_nganh"
    assert slug("  Bộ Giáo dục và Đào tạo ") == "bo_giao_duc_va_dao_tao"
    assert slug("Thành phố") == "thanh_pho"


# --- quarters ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2026-Q1", "2026Q1", "2026-q1", " 2026 - Q1 "])
def test_quarter_parse(text):
    assert Quarter.parse(text) == Quarter(2026, 1)


@pytest.mark.parametrize("text", ["2026-Q5", "2026-Q0", "Q1-2026", "26-Q1", "2026", ""])
def test_quarter_parse_rejects(text):
    with pytest.raises(ValueError):
        Quarter.parse(text)


def test_quarter_labels():
    q = Quarter(2026, 1)
    assert str(q) == "2026-Q1"
    assert q.label == "Quý I năm 2026"
    assert q.short_label == "Quý I/2026"
    assert Quarter(2025, 4).label == "Quý IV năm 2025"
    assert Quarter(2026, 3).short_label == "Quý III/2026"


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        (Quarter(2026, 1), dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        (Quarter(2026, 2), dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
        (Quarter(2026, 3), dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
        (Quarter(2026, 4), dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
    ],
)
def test_quarter_calendar_window(quarter, start, end):
    assert quarter.window() == (start, end)
    assert quarter.window("quy_lich") == (start, end)


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        (Quarter(2026, 1), dt.date(2025, 12, 15), dt.date(2026, 3, 14)),
        (Quarter(2026, 2), dt.date(2026, 3, 15), dt.date(2026, 6, 14)),
        (Quarter(2026, 3), dt.date(2026, 6, 15), dt.date(2026, 9, 14)),
        (Quarter(2026, 4), dt.date(2026, 9, 15), dt.date(2026, 12, 14)),
    ],
)
def test_quarter_nd09_window(quarter, start, end):
    assert quarter.window("nd09") == (start, end)


def test_quarter_next_and_previous_cross_years():
    assert Quarter(2025, 4).next() == Quarter(2026, 1)
    assert Quarter(2026, 1).next() == Quarter(2026, 2)
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)
    assert Quarter(2026, 3).previous() == Quarter(2026, 2)
    assert Quarter(2025, 4) < Quarter(2026, 1) < Quarter(2026, 2)


@given(st.integers(2000, 2100), st.integers(1, 4))
def test_quarter_windows_tile_the_year(year, n):
    q = Quarter(year, n)
    assert q.next().previous() == q and q.previous().next() == q
    for convention in ("quy_lich", "nd09"):
        start, end = q.window(convention)
        next_start, _ = q.next().window(convention)
        assert next_start - end == dt.timedelta(days=1)
    assert Quarter.parse(str(q)) == q


# --- properties ----------------------------------------------------------------------


# Counts beyond 2**53 cannot round-trip through a float; no ward counts that far.
@given(st.integers(min_value=0, max_value=2**53))
@example(0)
@example(999)
@example(1000)
@example(11952)
def test_vietnamese_thousands_round_trip(n):
    text = fmt.number(n)
    if n >= 1000:
        assert "." in text
    assert parse_int(text) == n
    assert parse_number(text) == (n, None)


NUMBERISH = st.from_regex(r"(khoảng |trên |dưới |~|>|<|-)?[0-9., \u00a0]{0,420}%?", fullmatch=True)


def _number_or_value_error(text: str, **kw: bool) -> None:
    try:
        value, qualifier = parse_number(text, **kw)
    except ValueError:
        return
    assert isinstance(value, float)
    assert math.isfinite(value) and value >= 0
    assert qualifier is None or kw.get("approximate")


@settings(max_examples=300)
@given(st.one_of(st.text(), NUMBERISH), st.booleans(), st.booleans())
@example("9" * 400, False, False)
@example("1" * 400 + ",5", True, True)
def test_parse_number_returns_a_non_negative_float_or_raises_value_error(
    text, approximate, percent
):
    _number_or_value_error(text, approximate=approximate, percent=percent)


DATEISH = st.from_regex(
    r"[0-9]{1,4}[/.\-][0-9]{1,2}[/.\-][0-9]{1,4}( [0-9:]{0,8})?", fullmatch=True
)


@settings(max_examples=300)
@given(st.one_of(st.text(), DATEISH))
@example("0000-01-01")
@example("00/00/0000")
def test_parse_date_returns_a_date_or_raises_value_error(text):
    try:
        result = parse_date(text)
    except ValueError:
        return
    assert type(result) is dt.date
