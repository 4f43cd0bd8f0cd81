"""The year's targets judged from the figures: đạt, chưa đạt or không có số liệu.

A ``chi_tieu`` row naming a figure (``chi_so``) and a threshold (``nguong``) is judged against
that figure: by default it must reach the threshold (``toi_thieu``), or must not exceed it
(``toi_da``). A threshold written as a rate (``70%``, ``0,7``) on a count that has a
denominator (``chi_so.vneid_so_suc_khoe``: 22.581 of 57.566 accounts) judges the count's rate
and says how many are still missing; a plain number on a count judges the count itself.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from helpers import contract as c
from helpers import rates
from helpers.errors import ContractError, Problem
from helpers.io import ROW_COLUMN, Workbook
from helpers.parsing import parse_number
from helpers.text import slug

Figures = dict[str, int | float]
Verdict = Literal["dat", "chua_dat", "khong_co_so_lieu"]
VERDICTS: dict[str, str] = {
    "dat": "Đạt",
    "chua_dat": "Chưa đạt",
    "khong_co_so_lieu": "Không có số liệu",
}
_EPS = 1e-9


@dataclass(frozen=True)
class Judgement:
    """One target judged against its figure."""

    loai: str  # kind (muc_tieu …)
    ma: str  # code as written (MT11)
    noi_dung: str
    trang_thai: str  # status as declared by the unit
    row: int  # Excel row of the target
    named: str  # the figure as the row names it
    figure: str  # the figure judged (``….ty_le`` for a rate threshold on a count)
    threshold: float  # a fraction for a rate, else a count
    direction: str  # toi_thieu | toi_da
    value: float | None  # the figure's value; None: not in the data
    qualifier: str | None  # "trên", "khoảng" … when the figure is approximate
    numerator: float | None  # the counts behind a rate, when the data has them
    denominator: float | None
    unit: str  # what a count counts ("tài khoản", "hồ sơ" …)

    @property
    def key(self) -> str:
        """Prefix of the target's keys in ``chi-so.json``."""
        return f"chi_tieu.{self.loai}.{slug(self.ma)}"

    @property
    def is_rate(self) -> bool:
        return rates.is_rate(self.figure)

    @property
    def verdict(self) -> Verdict:
        if self.value is None:
            return "khong_co_so_lieu"
        if self.direction == "toi_da":
            return "dat" if self.value <= self.threshold + _EPS else "chua_dat"
        return "dat" if self.value >= self.threshold - _EPS else "chua_dat"

    @property
    def gap(self) -> float | None:
        """Figure minus threshold, in the figure's unit (a fraction for a rate)."""
        return None if self.value is None else self.value - self.threshold

    @property
    def missing(self) -> int | None:
        """For a rate with its counts and not met: how many the numerator still lacks
        (``toi_thieu``) or has too many (``toi_da``)."""
        if self.verdict != "chua_dat" or self.numerator is None or not self.denominator:
            return None
        if self.direction == "toi_da":
            return rates.excess(self.threshold, self.denominator, self.numerator)
        return rates.needed(self.threshold, self.denominator, self.numerator)


def known_keys(wb: Workbook, figures: Figures) -> set[str]:
    """Every figure a target may name: the contract's, this workbook's, and the ``chi_so``
    rows' (a figure known but absent from the data is judged "không có số liệu")."""
    out = set(figures) | set(c.FIGURES)
    for ma in wb.table("chi_so")["ma"]:
        base = f"chi_so.{ma}"
        out |= {base, f"{base}.ty_le", f"{base}.mau_so", f"{base}.ty_le_bao_cao"}
    return out


def judge(wb: Workbook, figures: Figures) -> list[Judgement]:
    """Every target that names a figure, judged; ContractError listing every row whose figure
    does not exist, whose threshold cannot be read, or that names only one of the two."""
    table = wb.table("chi_tieu")
    if "chi_so" not in table or table["chi_so"].isna().all() and table["nguong"].isna().all():
        return []
    sheet = wb.sheet_names.get("chi_tieu", "chi_tieu")
    headers = wb.headers.get("chi_tieu", {})
    known = known_keys(wb, figures)
    problems: list[Problem] = []
    out: list[Judgement] = []
    for row in table.itertuples():
        if row.chi_so is None and row.nguong is None:
            continue
        r = int(getattr(row, ROW_COLUMN))
        try:
            out.append(_judge_row(row, r, wb, figures, known))
        except _Unreadable as exc:
            column, message, value, expected = exc.args
            problems.append(
                Problem(
                    str(wb.path),
                    message,
                    sheet=sheet,
                    row=r,
                    column=headers.get(column, column),
                    value=value,
                    expected=expected,
                )
            )
    if problems:
        raise ContractError(problems)
    return out


class _Unreadable(Exception):
    """A target row that cannot be judged: (column, message, value, expected)."""


def _judge_row(row: object, r: int, wb: Workbook, figures: Figures, known: set[str]) -> Judgement:
    named, raw = row.chi_so, row.nguong  # type: ignore[attr-defined]
    if named is None:
        raise _Unreadable(
            "chi_so",
            "có ngưỡng nhưng chưa ghi chỉ số đo",
            None,
            "mã một số liệu của báo cáo, ví dụ chi_so.vneid_so_suc_khoe",
        )
    key = str(named).strip().lower()
    if key not in known:
        close = difflib.get_close_matches(key, sorted(known), n=3, cutoff=0.5)
        raise _Unreadable(
            "chi_so",
            "chỉ số này không có trong các số liệu của báo cáo",
            named,
            "mã một số liệu của báo cáo"
            + (f"; gần nhất: {', '.join(close)}" if close else " (xem trang «Hướng dẫn»)"),
        )
    if raw is None:
        raise _Unreadable(
            "nguong", "có chỉ số đo nhưng chưa ghi ngưỡng", None, "một tỷ lệ hoặc một số"
        )
    try:
        figure, threshold = _threshold(key, raw, figures)
    except ValueError as exc:
        raise _Unreadable(
            "nguong", f"ngưỡng không đọc được: {exc}", raw, _THRESHOLD_EXPECTED
        ) from None
    num_den = rates.parts(figure)
    counted = num_den[0][0] if num_den else figure
    return Judgement(
        loai=row.loai,  # type: ignore[attr-defined]
        ma=str(row.ma),  # type: ignore[attr-defined]
        noi_dung=str(row.noi_dung),  # type: ignore[attr-defined]
        trang_thai=row.trang_thai,  # type: ignore[attr-defined]
        row=r,
        named=str(named),
        figure=figure,
        threshold=threshold,
        direction=row.chieu or "toi_thieu",  # type: ignore[attr-defined]
        value=figures.get(figure),
        qualifier=_qualifier(wb, figure),
        numerator=rates.total(figures, num_den[0]) if num_den else None,
        denominator=rates.total(figures, num_den[1]) if num_den else None,
        unit=_units(wb).get(counted) or c.FIGURES.get(counted, ("", "đơn vị"))[1],
    )


_THRESHOLD_EXPECTED = "một tỷ lệ (70%, 0,7) hoặc một số (14)"


def _threshold(key: str, raw: object, figures: Figures) -> tuple[str, float]:
    """The figure judged and the threshold in its unit.

    ``70%`` is a rate; a plain number is a rate when the figure is one (``0,7`` or ``70``),
    and on a ``chi_so`` row (or a count with a denominator) a number up to 1 is a rate, a
    larger one a count.
    """
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise ValueError("không phải một tỷ lệ hay một số")
    written_as_rate = isinstance(raw, str) and "%" in raw
    value, _ = parse_number(raw, approximate=True, percent=written_as_rate)
    if value < 0:
        raise ValueError("ngưỡng âm")
    if rates.is_rate(key):
        return key, value if written_as_rate or value <= 1 else value / 100
    # a chi_so row's rate comes from its counts or is declared: the data decides which
    has_rate = key.startswith("chi_so.") or f"{key}.mau_so" in figures
    if written_as_rate or (has_rate and value <= 1):
        if not has_rate:
            rate = next((r for r, (num, _) in rates.PARTS.items() if num == (key,)), None)
            hint = f"; dùng mã tỷ lệ {rate}" if rate else ""
            raise ValueError(f"ngưỡng là tỷ lệ nhưng chỉ số này là một số đếm{hint}")
        return f"{key}.ty_le", value
    return key, value


def _units(wb: Workbook) -> dict[str, str]:
    """What each ``chi_so`` row counts, as the unit wrote it (``tài khoản``)."""
    t = wb.table("chi_so")
    return {f"chi_so.{m}": str(u) for m, u in zip(t["ma"], t["don_vi_tinh"], strict=True) if u}


def _qualifier(wb: Workbook, figure: str) -> str | None:
    """«trên», «khoảng» … of a ``chi_so`` figure as the unit wrote it."""
    if not figure.startswith("chi_so."):
        return None
    t = wb.table("chi_so")
    ma, _, part = figure.removeprefix("chi_so.").partition(".")
    rows = t[t["ma"] == ma]
    if not len(rows):
        return None
    column = "tu_so_kem"
    if part == "ty_le" and pd.isna(rows["mau_so"].iloc[0]):
        column = "ty_le_bao_cao_kem"  # a rate only declared: its own qualifier
    if column not in rows:
        return None
    q = rows[column].iloc[0]
    return None if q is None or pd.isna(q) else str(q)


def figures(judgements: list[Judgement]) -> Figures:
    """``chi_tieu.<loai>.<ma>.{gia_tri, nguong, dat, chenh, con_thieu}`` for each target, and
    how many targets are judged, met, missed and without data (``chi_tieu.danh_gia.*``)."""
    out: Figures = {}
    for j in judgements:
        out[f"{j.key}.nguong"] = j.threshold
        if j.value is not None:
            out[f"{j.key}.gia_tri"] = j.value
            out[f"{j.key}.dat"] = int(j.verdict == "dat")
            out[f"{j.key}.chenh"] = j.gap  # type: ignore[assignment]
        if j.missing is not None:
            out[f"{j.key}.con_thieu"] = j.missing
    if judgements:
        out["chi_tieu.danh_gia.tong"] = len(judgements)
        for verdict in VERDICTS:
            out[f"chi_tieu.danh_gia.{verdict}"] = sum(j.verdict == verdict for j in judgements)
    return out
