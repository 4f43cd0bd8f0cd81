"""A unit's figures across its quarters: change on the previous quarter and year to date.

Flows (dossiers received, resolved …) add up over the year's quarters; stocks (accounts
integrated, members, procedures published, objectives done) are taken at the latest quarter;
rates are recomputed from the summed flows, never averaged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import indicators, rates
from helpers.discovery import list_quarters, quarter_file
from helpers.errors import ContractError
from helpers.io import read_workbook
from helpers.periods import Quarter

# Figures followed over time: key -> (label, kind). kind: "flow" adds up over a year,
# "stock" is read at the latest quarter, "rate" is num/den of two flows (or stocks).
TRACKED: dict[str, tuple[str, str]] = {
    "ho_so.tiep_nhan": ("Hồ sơ tiếp nhận", "flow"),
    "ho_so.truc_tuyen": ("Hồ sơ trực tuyến", "flow"),
    "ho_so.da_giai_quyet": ("Hồ sơ đã giải quyết", "flow"),
    "ho_so.qua_han": ("Hồ sơ giải quyết quá hạn", "flow"),
    "ho_so.rut_tu_choi": ("Hồ sơ rút, từ chối", "flow"),
    "ho_so.dang_giai_quyet": ("Hồ sơ đang giải quyết cuối kỳ", "stock"),
    "thu_tuc.tong": ("Thủ tục hành chính công khai", "stock"),
    "thu_tuc.toan_trinh": ("Thủ tục trực tuyến toàn trình", "stock"),
    "chi_tieu.muc_tieu.hoan_thanh": ("Mục tiêu đã hoàn thành", "stock"),
    "chi_so.vneid_so_suc_khoe": ("Tài khoản VNeID tích hợp sổ sức khỏe", "stock"),
    "chi_so.vneid_an_sinh_xa_hoi": ("Tài khoản VNeID tích hợp an sinh xã hội", "stock"),
    "chi_so.vneid_giay_phep_lai_xe": ("Tài khoản VNeID tích hợp giấy phép lái xe", "stock"),
}
# Which way a change is good news, for the drafted assessment: +1 more is better (the default),
# -1 less is better, 0 neither (more dossiers received is neither good nor bad).
BETTER: dict[str, int] = {
    "ho_so.tiep_nhan": 0,
    "ho_so.da_giai_quyet": 0,
    "ho_so.qua_han": -1,
    "ho_so.rut_tu_choi": -1,
    "ho_so.dang_giai_quyet": 0,
    "thu_tuc.tong": 0,
}
# Rates followed over time (their numerators and denominators: helpers.rates), recomputed
# from the summed counts of the year's quarters.
RATES: dict[str, str] = {
    "ho_so.ty_le_truc_tuyen": "Tỷ lệ hồ sơ trực tuyến",
    "ho_so.ty_le_dung_han": "Tỷ lệ giải quyết đúng hạn",
}


@dataclass
class History:
    """Figures of a unit's quarters up to one quarter, and the quarters that could not be read."""

    quarter: Quarter
    figures: dict[Quarter, indicators.Figures]
    unreadable: list[Quarter]

    @property
    def previous(self) -> indicators.Figures | None:
        return self.figures.get(self.quarter.previous())

    def year_quarters(self) -> list[Quarter]:
        return [q for q in sorted(self.figures) if q.year == self.quarter.year]

    def missing_this_year(self) -> list[Quarter]:
        return [
            Quarter(self.quarter.year, n)
            for n in range(1, self.quarter.n + 1)
            if Quarter(self.quarter.year, n) not in self.figures
        ]


def history(folder: Path, quarter: Quarter, current: indicators.Figures | None = None) -> History:
    """Figures of every quarter up to ``quarter`` found in a unit's folder.

    ``current`` (this quarter's figures, already computed) saves reading it again. A
    quarter whose file breaks the contract is listed as unreadable, not fatal: its own run
    reports it.
    """
    figures: dict[Quarter, indicators.Figures] = {}
    unreadable: list[Quarter] = []
    for q in list_quarters(folder.parent, folder.name):
        if q > quarter:
            continue
        if q == quarter and current is not None:
            figures[q] = current
            continue
        path = quarter_file(folder, q)
        if path is None:  # listed under a name differing in case only (2026-q1.XLSX)
            unreadable.append(q)
            continue
        try:
            figures[q] = indicators.compute(read_workbook(path, quarter=q))
        except ContractError:
            unreadable.append(q)
    return History(quarter, figures, unreadable)


def year_to_date(h: History) -> dict[str, float]:
    """Flows summed over the year's quarters so far, stocks at the latest, rates recomputed."""
    quarters = h.year_quarters()
    if not quarters:
        return {}
    latest = h.figures[quarters[-1]]
    out: dict[str, float] = {}
    for key, (_, kind) in TRACKED.items():
        values = [h.figures[q].get(key) for q in quarters]
        if kind == "flow":
            if all(v is not None for v in values):
                out[key] = sum(values)  # type: ignore[arg-type]
        elif key in latest:
            out[key] = latest[key]
    for key in RATES:
        num, den = rates.parts(key)  # type: ignore[misc]
        summed = [sum(h.figures[q].get(k, 0) for q in quarters) for k in (*num, *den)]
        rate = rates.ratio(sum(summed[: len(num)]), sum(summed[len(num) :]))
        if rate is not None:
            out[key] = rate
    return out


def change_table(h: History) -> pd.DataFrame:
    """One row per tracked figure: this quarter, last quarter, change, year to date."""
    this = h.figures[h.quarter]
    before = h.previous
    ytd = year_to_date(h)
    rows = []
    for key, (label, kind) in {**TRACKED, **{k: (v, "rate") for k, v in RATES.items()}}.items():
        now = this.get(key)
        if now is None:
            continue
        then = before.get(key) if before else None
        delta = None if then is None else now - then
        relative = indicators.ratio(delta, then) if kind != "rate" and then else None
        rows.append(
            {
                "ma": key,
                "chi_so": label,
                "loai": kind,
                "ky_nay": now,
                "ky_truoc": then,
                "thay_doi": delta,
                "thay_doi_pt": relative,
                "luy_ke": ytd.get(key),
            }  # fmt: skip
        )
    return pd.DataFrame(rows)


def series(h: History, keys: list[str]) -> pd.DataFrame:
    """Quarters as rows, the given figures as columns (missing where a quarter lacks one)."""
    quarters = sorted(h.figures)
    return pd.DataFrame(
        {key: [h.figures[q].get(key) for q in quarters] for key in keys},
        index=[q.short_label for q in quarters],
    )
