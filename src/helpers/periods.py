"""Reporting periods: quarters written ``2026-Q1`` and the longer spans offices also report on
(``2026-6T`` the first six months, ``2026-9T`` nine months, ``2026`` the year), their dates and
their Vietnamese names."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*[Qq]\s*([1-4])\s*$")
_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:-?\s*([69])\s*[Tt])?\s*$")
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter of a year."""

    year: int
    n: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """``2026-Q1`` (also ``2026Q1``, ``2026-q1``) to a Quarter; ValueError otherwise."""
        match = _QUARTER.match(str(text))
        if not match:
            raise ValueError(f"«{text}» không phải một quý dạng YYYY-Qn (ví dụ 2026-Q1)")
        return cls(int(match.group(1)), int(match.group(2)))

    def __str__(self) -> str:
        return f"{self.year}-Q{self.n}"

    @property
    def label(self) -> str:
        """``Quý I năm 2026``."""
        return f"Quý {ROMAN[self.n]} năm {self.year}"

    @property
    def short_label(self) -> str:
        """``Quý I/2026``."""
        return f"Quý {ROMAN[self.n]}/{self.year}"

    @property
    def quarters(self) -> tuple[Quarter, ...]:
        """The quarters a report of this period adds up: itself (see :class:`Period`)."""
        return (self,)

    @property
    def latest(self) -> Quarter:
        return self

    def next(self) -> Quarter:
        return Quarter(self.year + self.n // 4, self.n % 4 + 1)

    def same_period_last_year(self) -> Quarter:
        return Quarter(self.year - 1, self.n)

    def previous(self) -> Quarter:
        return Quarter(self.year - (self.n == 1), (self.n - 2) % 4 + 1)

    def window(self, convention: str = "quy_lich") -> tuple[dt.date, dt.date]:
        """First and last day of the quarter's data under a period convention.

        ``quy_lich``: the calendar quarter. ``nd09``: Decree 09/2019's reporting regime,
        from the 15th of the month before the quarter to the 14th of its last month.
        """
        first_month = 3 * self.n - 2
        if convention == "nd09":
            start_year, start_month = (
                (self.year - 1, 12) if first_month == 1 else (self.year, first_month - 1)
            )
            return dt.date(start_year, start_month, 15), dt.date(self.year, first_month + 2, 14)
        end = dt.date(self.year + (self.n == 4), (3 * self.n) % 12 + 1, 1) - dt.timedelta(1)
        return dt.date(self.year, first_month, 1), end


@dataclass(frozen=True)
class Period:
    """Consecutive quarters of one year reported on together: ``2026-6T`` (Q1–Q2, "6 tháng
    đầu năm"), ``2026-9T`` (Q1–Q3) and ``2026`` (the year). Q3–Q4 ("6 tháng cuối năm") only
    names the time after a six-month report (section IV); it has no file name of its own."""

    year: int
    first: int
    last: int

    def __post_init__(self) -> None:
        if not 1 <= self.first < self.last <= 4:
            raise ValueError(f"quý {self.first}–{self.last} không phải một kỳ báo cáo")

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2026-6T``, ``2026-9T`` or ``2026`` to a Period; ValueError otherwise."""
        match = _PERIOD.match(str(text))
        if not match:
            raise ValueError(
                f"«{text}» không phải một kỳ báo cáo dạng YYYY-6T, YYYY-9T hoặc YYYY "
                "(ví dụ 2026-6T)"
            )
        months = match.group(2)
        return cls(int(match.group(1)), 1, {"6": 2, "9": 3, None: 4}[months])

    def __str__(self) -> str:
        if self.first == 1:
            return f"{self.year}" if self.last == 4 else f"{self.year}-{3 * self.last}T"
        return f"{self.year}-Q{self.first}-Q{self.last}"

    @property
    def quarters(self) -> tuple[Quarter, ...]:
        """The quarters it adds up, oldest first."""
        return tuple(Quarter(self.year, n) for n in range(self.first, self.last + 1))

    @property
    def latest(self) -> Quarter:
        """Its last quarter: stocks (pending dossiers, procedures, coverage) are taken there."""
        return Quarter(self.year, self.last)

    @property
    def label(self) -> str:
        """``6 tháng đầu năm 2026``, ``9 tháng năm 2026``, ``Năm 2026``."""
        if (self.first, self.last) == (1, 4):
            return f"Năm {self.year}"
        if self.first == 1:
            return f"{3 * self.last} tháng {'đầu năm' if self.last == 2 else 'năm'} {self.year}"
        if (self.first, self.last) == (3, 4):
            return f"6 tháng cuối năm {self.year}"
        return f"Quý {ROMAN[self.first]} – Quý {ROMAN[self.last]} năm {self.year}"

    @property
    def short_label(self) -> str:
        """As a column heading: the same as :attr:`label` (offices write it in full)."""
        return self.label

    def next(self) -> Quarter | Period:
        """What section IV plans for: the rest of the year, or the next year."""
        if self.last == 4:
            return Period(self.year + 1, 1, 4)
        if self.last == 3:
            return Quarter(self.year, 4)
        return Period(self.year, self.last + 1, 4)

    def same_period_last_year(self) -> Period:
        return Period(self.year - 1, self.first, self.last)

    def window(self, convention: str = "quy_lich") -> tuple[dt.date, dt.date]:
        """From the first day of its first quarter to the last of its latest."""
        return self.quarters[0].window(convention)[0], self.latest.window(convention)[1]


Span = Quarter | Period  # what a report covers


def parse_span(text: str) -> Span:
    """``2026-Q2`` to a Quarter; ``2026-6T``, ``2026-9T``, ``2026`` to a Period; ValueError
    naming the accepted forms otherwise."""
    try:
        return Quarter.parse(text)
    except ValueError:
        pass
    try:
        return Period.parse(text)
    except ValueError:
        raise ValueError(
            f"«{text}» không phải một kỳ báo cáo: dạng YYYY-Qn (một quý), YYYY-6T (6 tháng đầu "
            "năm), YYYY-9T (9 tháng) hoặc YYYY (cả năm), ví dụ 2026-Q2, 2026-6T, 2026"
        ) from None


def order(span: Span) -> tuple[Quarter, int]:
    """Sort key, oldest first: by the latest quarter, then the shorter span first (Q4 before
    the year it closes)."""
    return span.latest, len(span.quarters)
