"""Reporting periods: quarters written ``2026-Q1``, their dates and their Vietnamese names."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*[Qq]\s*([1-4])\s*$")
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

    def next(self) -> Quarter:
        return Quarter(self.year + self.n // 4, self.n % 4 + 1)

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
