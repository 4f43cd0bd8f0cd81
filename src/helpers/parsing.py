"""Cell values to Python values: Vietnamese number, percent, date and yes/no text.

Each parser takes what a spreadsheet cell holds (a number, a date, text) and returns a clean
value, or raises ``ValueError`` whose message says in Vietnamese what was wrong. The reader
turns those into contract problems that name the file, sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from helpers.text import fold

# "khoảng 3.000", "trên 80%": an approximate figure, kept with its qualifier.
QUALIFIERS: dict[str, str] = {
    "khoang": "khoảng",
    "xap xi": "khoảng",
    "~": "khoảng",
    "≈": "khoảng",
    "tren": "trên",
    "hon": "trên",
    ">": "trên",
    "≥": "trên",
    ">=": "trên",
    "it nhat": "trên",
    "duoi": "dưới",
    "<": "dưới",
    "≤": "dưới",
    "<=": "dưới",
    "gan": "gần",
}
_QUALIFIER_RE = re.compile(
    r"^(" + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True)) + r")\s*"
)

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_PLAIN = re.compile(r"^-?\d+$")
_DOT_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")  # 11.952 or 1.234,5
_SPACE_THOUSANDS = re.compile(r"^-?\d{1,3}( \d{3})+(,\d+)?$")  # 11 952
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")  # 39,2
_DECIMAL_POINT = re.compile(r"^-?\d+\.\d+$")  # 39.2, when not a thousands group
# a time of day may follow the date (dossier systems export "16/04/2026 08:15:00")
_TIME = r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})" + _TIME + "$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + "$")

# The largest count a float holds exactly (and far beyond any ward's figure): a larger number is
# a typing slip, and would overflow the tables' integer columns.
MAX_NUMBER = 2**53
MAX_NUMBER_TEXT = "9.007.199.254.740.992"
# Dates outside these years are typing slips (01/01/0206, 31/12/9999 as "no deadline").
MIN_YEAR, MAX_YEAR = 1900, 2100

_TRUE = {"co", "1", "x", "yes", "y", "true", "dung", "da so hoa", "da"}
_FALSE = {"khong", "0", "no", "n", "false", "sai", "chua", "chua so hoa"}


def is_blank(value: object) -> bool:
    """True for an empty cell: None, NaN, or text of only spaces."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not _SPACES.sub("", value)


def _number_text(text: str) -> float:
    """A Vietnamese (or plain) number written as text, without sign words or percent."""
    try:
        number = _number_text_unchecked(text)
    except (OverflowError, ValueError):  # hundreds of digits: too large, or over int's limit
        raise ValueError("không đọc được thành số") from None
    if not math.isfinite(number):
        raise ValueError("là số quá lớn")
    return number


def _number_text_unchecked(text: str) -> float:
    t = _SPACES.sub(" ", text).strip()
    if _PLAIN.match(t):
        return float(int(t))
    if _DOT_THOUSANDS.match(t):
        return float(t.replace(".", "").replace(",", "."))
    if _SPACE_THOUSANDS.match(t):
        return float(t.replace(" ", "").replace(",", "."))
    if _DECIMAL_COMMA.match(t):
        return float(t.replace(",", "."))
    if _DECIMAL_POINT.match(t):
        return float(t)
    raise ValueError("không đọc được thành số")


def parse_number(
    value: object, *, approximate: bool = False, percent: bool = False
) -> tuple[float, str | None]:
    """Parse a count or amount; returns ``(value, qualifier)``.

    Text follows Vietnamese conventions: ``.`` groups thousands and ``,`` marks decimals
    (``22.581`` is 22581, ``1.234,5`` is 1234.5); a lone ``.`` not followed by exactly three
    digits is read as a decimal point (``39.2``). With ``approximate``, a leading
    ``khoảng``/``trên``/``dưới``/``gần`` (or ``~``, ``>``, ``<``) is kept as the qualifier.
    With ``percent`` the value is a fraction: text ``39,2%`` or ``39,2`` gives 0.392, and a
    cell number up to 1 is taken as an Excel percentage (0.39 gives 0.39) while a larger one
    counts percent points (39 gives 0.39).
    """
    if isinstance(value, bool):
        raise ValueError("là giá trị đúng/sai, không phải số")
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("không phải số hữu hạn")
        number = float(value)
        if percent and abs(number) > 1:
            number /= 100
        qualifier = None
    elif isinstance(value, str):
        text = _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()
        qualifier = None
        match = _QUALIFIER_RE.match(fold(text))
        if match:
            if not approximate:
                raise ValueError(f"có chữ «{text[: match.end()].strip()}»; cần một số chính xác")
            qualifier = QUALIFIERS[match.group(1)]
            text = text[match.end() :].strip()
        has_percent = text.endswith("%")
        if has_percent:
            if not percent:
                raise ValueError("có dấu %; cột này cần một số, không phải tỷ lệ")
            text = text[:-1].strip()
        number = _number_text(text)
        if percent:
            number /= 100
    elif isinstance(value, dt.date | dt.datetime | dt.time | dt.timedelta):
        raise ValueError("là ngày giờ, không phải số")
    else:
        raise ValueError("không đọc được thành số")
    if number < 0:
        raise ValueError("là số âm")
    if number > MAX_NUMBER:
        raise ValueError(f"là số quá lớn (lớn nhất {MAX_NUMBER_TEXT})")
    return number, qualifier


def parse_int(value: object) -> int:
    """Parse a non-negative whole count (``11.952``, ``11952``, ``11952.0``)."""
    number, _ = parse_number(value)
    if number != int(number):
        raise ValueError("không phải số nguyên")
    return int(number)


def parse_date(value: object) -> dt.date:
    """Parse an Excel date or ``dd/mm/yyyy`` text (also ``d/m/yyyy``, ``yyyy-mm-dd``); a time
    of day after it is dropped (see :func:`parse_datetime` to keep it).

    Years outside 1900–2100 are rejected as typing slips.
    """
    return parse_datetime(value).date()


def parse_datetime(value: object) -> dt.datetime:
    """As :func:`parse_date`, keeping the time of day of an Excel date-time or of text such as
    ``16/04/2026 08:15`` (midnight when the cell gives none)."""
    if isinstance(value, dt.datetime):
        _plausible(value.date())
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime.combine(_plausible(value), dt.time())
    if isinstance(value, str):
        text = value.strip()
        match = _DMY.match(text)
        if match:
            day, month, year, *clock = match.groups()
        else:
            match = _ISO.match(text)
            if not match:
                raise ValueError("không đọc được thành ngày")
            year, month, day, *clock = match.groups()
        hour, minute, second = (int(g or 0) for g in clock)
        try:
            date = dt.date(int(year), int(month), int(day))
            moment = dt.datetime.combine(date, dt.time(hour, minute, second))
        except ValueError:
            raise ValueError("là ngày không có thật") from None
        _plausible(date)
        return moment
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError("là một số, không phải ngày (hãy định dạng ô là ngày)")
    raise ValueError("không đọc được thành ngày")


def _plausible(date: dt.date) -> dt.date:
    if not MIN_YEAR <= date.year <= MAX_YEAR:
        raise ValueError(f"là ngày có năm {date.year}, ngoài khoảng {MIN_YEAR}–{MAX_YEAR}")
    return date


def parse_bool(value: object) -> bool:
    """Parse yes/no: ``có``/``không``, ``1``/``0``, ``x``, ``true``/``false``."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    key = _SPACES.sub(" ", fold(str(value))).strip()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueError("không phải có/không")


_LINE_SPACES = re.compile(r"[ \t\u00a0\u202f]+")


def parse_text(value: object) -> str:
    """Cell as NFC text, stray spaces removed, line breaks kept; integral numbers lose .0."""
    # the common case, fast: ASCII with nothing to normalize (no control character, no run of
    # spaces, none at either end)
    if (
        value.__class__ is str
        and value.isascii()  # type: ignore[union-attr]
        and value.isprintable()  # type: ignore[union-attr]
        and "  " not in value  # type: ignore[operator]
        and value[:1] != " " != value[-1:]  # type: ignore[index]
    ):
        return value  # type: ignore[return-value]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        raise ValueError("là ngày, không phải chữ")
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    lines = (_LINE_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
