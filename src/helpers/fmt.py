"""Vietnamese formats for numbers, percentages and dates (``11.952``, ``39,2%``, ``16/04/2026``)."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from helpers.periods import Period, Quarter, Span, parse_span

LOCALE = "vi_VN"
MISSING = "–"  # shown where a figure is not stated


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def number(value: float | int | None, digits: int = 1) -> str:
    """``11952`` gives ``11.952``; ``1234.5`` gives ``1.234,5``; None gives ``–``."""
    if _missing(value):
        return MISSING
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def percent(rate: float | None, digits: int = 1) -> str:
    """A fraction as a Vietnamese percentage: ``0.392`` gives ``39,2%``, ``1.0`` gives ``100%``."""
    if _missing(rate):
        return MISSING
    pattern = "#,##0" + ("." + "#" * digits if digits else "") + "%"
    return format_percent(rate, format=pattern, locale=LOCALE)


def date(value: dt.date | pd.Timestamp | None) -> str:
    """``16/04/2026``."""
    if _missing(value) or value is pd.NaT:
        return MISSING
    if isinstance(value, pd.Timestamp):
        value = value.date()
    return format_date(value, "dd/MM/yyyy", locale=LOCALE)


def month(value: pd.Period | dt.date) -> str:
    """A month as reports write it: ``01/2026``."""
    return f"{value.month:02d}/{value.year}"


def long_date(value: dt.date | None, place: str | None = None) -> str:
    """``Phù Liễn, ngày 05 tháng 01 năm 2026`` (dots where the date is not yet known).

    Decree 30/2020 writes days under 10 and months 1–2 with a leading zero.
    """
    prefix = f"{place}, " if place else ""
    if _missing(value):
        return f"{prefix}ngày … tháng … năm …"
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"{prefix}ngày {value.day:02d} tháng {month} năm {value.year}"


def quarter(value: Quarter | str, short: bool = False) -> str:
    """``Quý I năm 2026`` (or ``Quý I/2026``); a longer period as :func:`period` says it."""
    if isinstance(value, Period):
        return period(value, short)
    q = value if isinstance(value, Quarter) else Quarter.parse(value)
    return q.short_label if short else q.label


def period(value: Span | str, short: bool = False) -> str:
    """A quarter (``Quý I năm 2026``; short, as inside a sentence: ``Quý I/2026``) or a longer
    period (``6 tháng đầu năm 2026``, ``Năm 2026``; short: ``năm 2026``)."""
    span = value if isinstance(value, Quarter | Period) else parse_span(value)
    if not short:
        return span.label
    if isinstance(span, Quarter):
        return span.short_label
    return span.label[:1].lower() + span.label[1:]


def approx(value: float | int | None, qualifier: str | None = None, digits: int = 1) -> str:
    """A number with its qualifier: ``khoảng 3.000``."""
    text = number(value, digits)
    return f"{qualifier} {text}" if qualifier and text != MISSING else text


def approx_percent(rate: float | None, qualifier: str | None = None) -> str:
    """A rate with its qualifier: ``trên 80%``."""
    text = percent(rate)
    return f"{qualifier} {text}" if qualifier and text != MISSING else text


def figure(value: float | None, is_rate: bool, qualifier: str | None = None) -> str:
    """A figure as a sentence shows it: ``39,2%`` for a rate, ``14`` for a count."""
    return approx_percent(value, qualifier) if is_rate else approx(value, qualifier)


def points(value: float | None) -> str:
    """Points of the service index, up to two decimals: ``38,6``, ``0,04``."""
    return number(value, digits=2)


def change_points(delta: float | None) -> str:
    """A change of rate in percentage points, signed: ``+3,2 điểm %``."""
    if _missing(delta):
        return MISSING
    return f"{'+' if delta > 0 else ''}{number(delta * 100)} điểm %"
