"""A unit's figures across its quarters: change on the previous quarter, year to date, and the
figures of a longer period (six months, nine months, the year) built from its quarters.

Every figure key has a kind (:func:`kind_of`). Flows (dossiers received, resolved …) add up
over the quarters; stocks (pending dossiers, accounts integrated, procedures published,
objectives done) are taken at the latest quarter; the carry-over is the first quarter's; rates
are recomputed from the combined counts by their one definition (``helpers.rates``), never
averaged; counts of distinct procedures are recounted from the records (:func:`combine`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

from helpers import indicators, rates
from helpers.discovery import list_quarters, quarter_file
from helpers.errors import ContractError
from helpers.io import Workbook, read_workbook
from helpers.periods import Quarter
from helpers.text import normalize_key

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


Kind = Literal["flow", "stock", "first", "rate", "distinct", "derived"]
# Dossier counts of the national form and of the service index: what happened in the period.
_FLOWS = {
    "ho_so.tiep_nhan", "ho_so.truc_tuyen", "ho_so.truc_tiep_buu_chinh", "ho_so.truoc_han",
    "ho_so.dung_han", "ho_so.qua_han", "ho_so.da_giai_quyet", "ho_so.rut_tu_choi",
    "ho_so.so_hoa", "ho_so.khong_tiep_nhan", "ho_so.phai_thanh_toan",
    "ho_so.thanh_toan_truc_tuyen", "ho_so.ket_qua_dien_tu", "ho_so.so_hoa_thanh_phan",
    "ho_so.tai_su_dung",
}  # fmt: skip
# Dossiers still open at the end of the period: the latest quarter's.
_PENDING = {"ho_so.dang_trong_han", "ho_so.dang_qua_han", "ho_so.dang_giai_quyet"}
# Procedures that had a dossier in the period: a procedure counted in two quarters is one
# procedure, so these are recounted from the records, never added (indicators.procedures_used).
DISTINCT = ("thu_tuc.truc_tuyen_co_ho_so", "thu_tuc.co_phi_co_thanh_toan")
# A flow a quarter may leave out when it is zero: a system with no dossier that quarter has
# no record, code 3 (not accepted) is listed only when there is one.
_ABSENT_IS_ZERO = ("ho_so.he_thong.", "ho_so.khong_tiep_nhan")


def kind_of(key: str) -> Kind | None:
    """How a figure combines over quarters; None for a key this classification does not know
    (left out of a period rather than guessed)."""
    if key.startswith(("chi_so_766.", "chi_tieu.danh_gia.")) or (
        key.startswith("chi_tieu.") and key.count(".") == 3
    ):
        return "derived"  # the index and the targets judged: recomputed from the figures
    if key == "ho_so.ky_truoc_chuyen_sang":
        return "first"
    if key in DISTINCT:
        return "distinct"
    if key.endswith(".ty_le_bao_cao"):
        return "stock"  # a rate as the unit declared it, at the latest quarter
    if rates.is_rate(key):
        return "rate"
    if key in _FLOWS:
        return "flow"
    if key in _PENDING:
        return "stock"
    if key.startswith("ho_so.he_thong."):
        return "stock" if key.endswith(".dang_qua_han") else "flow"
    if key.startswith(("thu_tuc.", "chi_so.", "chi_tieu.")):
        return "stock"
    return None


def combine(
    quarters: Sequence[indicators.Figures], distinct: Mapping[str, int] | None = None
) -> indicators.Figures:
    """The counts and rates of consecutive quarters (oldest first) reported together.

    Flows add up when every quarter states them (a key of ``_ABSENT_IS_ZERO`` counts zero in
    a quarter that leaves it out); stocks are the latest quarter's; the carry-over is the
    first's; ``distinct`` holds the procedure counts recounted from the quarters' records
    (without it they are left out); every rate is recomputed from those counts (a rate of
    stocks only, or one only declared, is the latest quarter's). The index and the targets
    are not here: they are judged from these figures (``indicators.judged``).
    """
    if not quarters:
        return {}
    first, latest = quarters[0], quarters[-1]
    keys = dict.fromkeys(k for f in quarters for k in f)
    out: indicators.Figures = {}
    for key in keys:
        kind = kind_of(key)
        if kind == "flow":
            values = [f.get(key) for f in quarters]
            if key.startswith(_ABSENT_IS_ZERO):
                values = [v or 0 for v in values]
            if all(v is not None for v in values):
                out[key] = sum(values)  # type: ignore[arg-type]
        elif kind == "stock" and key in latest:
            out[key] = latest[key]
        elif kind == "first" and key in first:
            out[key] = first[key]
    out.update({k: v for k, v in (distinct or {}).items() if kind_of(k) == "distinct"})
    for key in [k for k in keys if kind_of(k) == "rate"] + list(rates.PARTS):
        if key in out:
            continue
        split = rates.parts(key)
        rate = None
        if split is not None:
            rate = rates.ratio(rates.total(out, split[0]), rates.total(out, split[1]))
        if rate is None and key in latest and _of_stocks(key):
            rate = latest[key]  # chi_so.<ma>.ty_le only declared, or a share of stocks
        if rate is not None:
            out[key] = rate
    return out


def combine_breakdowns(tables: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Flow counts per name (``indicators.record_breakdown``: one row per ``linh_vuc`` …) of
    consecutive quarters (oldest first) reported together, each name's counts combined as
    :func:`combine` combines the unit's own (flows added, pending the latest quarter's, the
    carry-over the first's), so the rows add up to the period's ``ho_so.*`` figures. A name a
    quarter lacks counts zero there (it had no dossier); names are matched whatever their
    spelling, the first shown."""
    if not tables:
        return pd.DataFrame()
    columns = list(dict.fromkeys(c for t in tables for c in t.columns))
    shown: dict[str, str] = {}
    folded = []
    for t in tables:
        keys = t.index.map(normalize_key)
        for key, name in zip(keys, t.index, strict=True):
            shown.setdefault(key, name)
        folded.append(t.groupby(keys).sum())
    rows = []
    for key in shown:
        quarters = [
            {f"ho_so.{c}": int(f.at[key, c]) if key in f.index and c in f else 0 for c in columns}
            for f in folded
        ]
        combined = combine(quarters)
        rows.append([int(combined.get(f"ho_so.{c}", 0)) for c in columns])
    out = pd.DataFrame(rows, columns=columns, index=pd.Index(list(shown.values())))
    out.index.name = tables[-1].index.name
    return out


def period_figures(
    workbooks: Sequence[Workbook], figures: Sequence[indicators.Figures]
) -> indicators.Figures:
    """Every figure of consecutive quarters reported together, from their workbooks (oldest
    first) and the figures already computed from each: :func:`combine`, with the distinct
    procedures recounted from every quarter's records (when every quarter has records;
    counted against the latest procedure list), then the index and the targets judged from
    the result against the latest quarter's ``chi_tieu``."""
    used = [indicators.procedures_used(wb) for wb in workbooks]
    distinct = None
    if used and all(u is not None for u in used):
        merged = {
            key: set().union(*(u[key] for u in used))  # type: ignore[index]
            for key in used[0]  # type: ignore[union-attr]
            if all(key in u for u in used)  # type: ignore[operator]
        }
        distinct = indicators.procedure_counts(indicators.listed_procedures(workbooks[-1]), merged)
    return indicators.judged(workbooks[-1], combine(figures, distinct))


def _of_stocks(key: str) -> bool:
    split = rates.parts(key)
    if split is None:
        return True
    return all(kind_of(k) == "stock" for k in (*split[0], *split[1]))


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


def history(
    folder: Path,
    quarter: Quarter,
    current: indicators.Figures | None = None,
    known: Mapping[Quarter, indicators.Figures] | None = None,
) -> History:
    """Figures of every quarter up to ``quarter`` found in a unit's folder.

    ``current`` (this quarter's figures, already computed) and ``known`` (other quarters'
    figures already computed) save reading those again. A quarter whose file breaks the
    contract is listed as unreadable, not fatal: its own run reports it.
    """
    figures: dict[Quarter, indicators.Figures] = {}
    unreadable: list[Quarter] = []
    known = {**(known or {}), **({quarter: current} if current is not None else {})}
    for q in list_quarters(folder.parent, folder.name):
        if q > quarter:
            continue
        if q in known:
            figures[q] = known[q]
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
    """The tracked figures of the year's quarters so far, combined (:func:`combine`)."""
    combined = combine([h.figures[q] for q in h.year_quarters()])
    return {k: combined[k] for k in (*TRACKED, *RATES) if k in combined}


COLUMNS = ("ma", "chi_so", "loai", "ky_nay", "ky_truoc", "thay_doi", "thay_doi_pt")


def compare(now: indicators.Figures, then: indicators.Figures | None) -> pd.DataFrame:
    """One row per tracked figure of ``now``: its value, ``then``'s (another quarter, or the
    same period last year), the change (a count, or a rate's difference: × 100 gives
    percentage points) and, for a count, the relative change."""
    rows = []
    for key, (label, kind) in {**TRACKED, **{k: (v, "rate") for k, v in RATES.items()}}.items():
        value = now.get(key)
        if value is None:
            continue
        before = then.get(key) if then else None
        delta = None if before is None else value - before
        relative = indicators.ratio(delta, before) if kind != "rate" and before else None
        rows.append((key, label, kind, value, before, delta, relative))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def change_table(h: History) -> pd.DataFrame:
    """One row per tracked figure: this quarter, last quarter, change, year to date."""
    table = compare(h.figures[h.quarter], h.previous)
    ytd = year_to_date(h)
    table["luy_ke"] = [ytd.get(key) for key in table["ma"]]
    return table


def quarter_series(figures: Mapping[Quarter, indicators.Figures], keys: list[str]) -> pd.DataFrame:
    """Quarters as rows (oldest first, by their short names), the given figures as columns."""
    quarters = sorted(figures)
    return pd.DataFrame(
        {key: [figures[q].get(key) for q in quarters] for key in keys},
        index=[q.short_label for q in quarters],
    )


def series(h: History, keys: list[str]) -> pd.DataFrame:
    """Quarters as rows, the given figures as columns (missing where a quarter lacks one)."""
    return quarter_series(h.figures, keys)
