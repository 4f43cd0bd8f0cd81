"""Record analytics: aggregates of the dossier records (``ho_so``) over a window, as DataFrames."""

# Every function takes the records (``wb.table("ho_so")``), the window's first and last days
# and optional filters, and returns counts, shares and medians only: never a dossier code or
# any other field of a single record. Which dossier is received, resolved, late or overdue is
# decided once, by ``indicators.classify_records`` (the national form's definitions), so the
# annex and the notebook agree with the report's figures; pass ``flags`` (its result for this
# window) to classify once for several calls.

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from helpers import contract as c
from helpers import indicators
from helpers.errors import ParameterError
from helpers.io import Workbook
from helpers.text import normalize_key
from helpers.wording import say

# Below this many resolved dossiers a group shows its counts but no median: a median of two
# dossiers is their own handling time, not a pattern.
MIN_GROUP = 5
CHANNELS = tuple(c.KENH_NOP)  # truc_tuyen, truc_tiep, buu_chinh
NO_TIME = "khong_ro_gio"  # column of dossiers whose receipt time the export does not give
TOTAL = "tong"


class NoRecords(ParameterError):
    """The unit reports aggregates only (no ``ho_so`` sheet): no record to analyse."""


def records_of(wb: Workbook) -> pd.DataFrame:
    """The dossier records of ``wb``; NoRecords, in plain words, for an aggregate-only unit."""
    if not wb.has("ho_so"):
        raise NoRecords(
            f"{wb.info.get('don_vi') or wb.path.parent.name} ({wb.path.name}) chỉ có số liệu "
            "hồ sơ tổng hợp (sheet ho_so_tong_hop), không có danh sách hồ sơ (sheet ho_so), "
            "nên không phân tích được theo hồ sơ. Hãy chọn một đơn vị có sheet ho_so."
        )
    return wb.table("ho_so")


def _folded(values: pd.Series) -> pd.Series:
    """Each value folded (case, spaces, diacritics), computed once per distinct value."""
    codes, uniques = pd.factorize(values.astype(object), sort=False)
    folded = np.array([normalize_key(str(u)) for u in uniques] + [""], dtype=object)
    return pd.Series(folded[codes], index=values.index)  # code -1 (blank) takes the last: ""


def select(
    records: pd.DataFrame, linh_vuc: str = "", ma_thu_tuc: str = "", kenh_nop: str = ""
) -> pd.Series:
    """Which records match the filters (blank: any); names and codes are compared folded, so
    ``ho tich`` selects «Hộ tịch». ``kenh_nop``: a channel code, or several joined by commas."""
    mask = pd.Series(True, index=records.index)
    for column, wanted in (("linh_vuc", linh_vuc), ("ma_thu_tuc", ma_thu_tuc)):
        if wanted:
            mask &= _folded(records[column]) == normalize_key(wanted)
    if kenh_nop:
        channels = [k.strip() for k in kenh_nop.split(",") if k.strip()]
        mask &= records["kenh_nop"].astype(object).isin(channels)
    return mask


def _flags(
    records: pd.DataFrame, start: dt.date, end: dt.date, flags: pd.DataFrame | None
) -> pd.DataFrame:
    return indicators.classify_records(records, start, end) if flags is None else flags


def _resolved(flags: pd.DataFrame) -> pd.Series:
    return flags["truoc_han"] | flags["dung_han"] | flags["qua_han"]


def monthly_receipts(
    records: pd.DataFrame,
    start: dt.date,
    end: dt.date,
    *,
    linh_vuc: str = "",
    ma_thu_tuc: str = "",
    flags: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Dossiers received per month of the window, by channel (``kenh_nop``): one row per month
    (index ``thang``, a monthly Period, months without a dossier included), a column per
    channel and ``tong``. The months' totals add up to ``ho_so.tiep_nhan``."""
    flags = _flags(records, start, end, flags)
    rows = flags["tiep_nhan"] & select(records, linh_vuc, ma_thu_tuc)
    months = records.loc[rows, "ngay_tiep_nhan"].dt.to_period("M")
    channel = records.loc[rows, "kenh_nop"].astype(object).fillna("truc_tiep")
    table = pd.crosstab(months, channel).reindex(
        index=pd.period_range(pd.Timestamp(start), pd.Timestamp(end), freq="M"),
        columns=list(CHANNELS),
        fill_value=0,
    )
    table[TOTAL] = table.sum(axis=1)
    table.index.name, table.columns.name = "thang", None
    return table.astype(int)


def processing_times(
    records: pd.DataFrame,
    start: dt.date,
    end: dt.date,
    *,
    by: str | None = "linh_vuc",
    linh_vuc: str = "",
    ma_thu_tuc: str = "",
    flags: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Dossiers resolved in the window against their deadlines, per value of ``by``
    (``linh_vuc``, ``he_thong``, ``ma_thu_tuc``; None: one row, «Tổng»), most resolved first:
    ``da_giai_quyet`` (count), ``qua_han`` (resolved late), ``ty_le_qua_han`` (late share),
    ``so_ngay_trung_vi`` (median calendar days from receipt to result) and ``han_trung_vi``
    (median days allowed, receipt to deadline, over the dossiers with a deadline). A group of
    fewer than ``MIN_GROUP`` resolved dossiers keeps its counts; its medians are NaN."""
    flags = _flags(records, start, end, flags)
    rows = _resolved(flags) & select(records, linh_vuc, ma_thu_tuc)
    received = records.loc[rows, "ngay_tiep_nhan"].dt.normalize()
    taken = (records.loc[rows, "ngay_co_ket_qua"].dt.normalize() - received).dt.days
    allowed = (records.loc[rows, "han_xu_ly"].dt.normalize() - received).dt.days
    groups = (
        indicators.group_labels(records, by)[rows]
        if by
        else pd.Series(say("phan_tich.tong"), index=taken.index)
    )
    frame = pd.DataFrame(
        {"g": groups, "late": flags.loc[rows, "qua_han"], "taken": taken, "allowed": allowed}
    )
    grouped = frame.groupby("g", sort=True)
    table = pd.DataFrame(
        {
            "da_giai_quyet": grouped.size(),
            "qua_han": grouped["late"].sum(),
            "so_ngay_trung_vi": grouped["taken"].median(),
            "han_trung_vi": grouped["allowed"].median(),
        }
    )
    table["ty_le_qua_han"] = table["qua_han"] / table["da_giai_quyet"]
    small = table["da_giai_quyet"] < MIN_GROUP
    table.loc[small, ["so_ngay_trung_vi", "han_trung_vi"]] = np.nan
    table = table.astype({"da_giai_quyet": int, "qua_han": int})
    table = table[["da_giai_quyet", "qua_han", "ty_le_qua_han", "so_ngay_trung_vi", "han_trung_vi"]]
    table.index.name = by or None
    return table.sort_values("da_giai_quyet", ascending=False, kind="stable")


def _procedure_names(procedures: pd.DataFrame) -> pd.DataFrame:
    """The published procedures by folded code: code, name, field and level as listed (the
    first row of a code listed twice)."""
    listed = procedures.assign(_ma=_folded(procedures["ma_thu_tuc"]))
    return listed.drop_duplicates("_ma").set_index("_ma")[
        ["ma_thu_tuc", "ten_thu_tuc", "linh_vuc", "muc_do"]
    ]


def late_procedures(
    records: pd.DataFrame,
    procedures: pd.DataFrame,
    start: dt.date,
    end: dt.date,
    *,
    top_n: int = 10,
    linh_vuc: str = "",
    flags: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The ``top_n`` procedures with the most dossiers resolved late (``qua_han``) or pending
    past their deadline (``dang_qua_han``), ``tong`` their sum, most first: code, name and
    field from ``thu_tuc`` (a code it does not list keeps the records' code, without a name).
    Procedures with none are left out."""
    flags = _flags(records, start, end, flags)
    rows = (flags["qua_han"] | flags["dang_qua_han"]) & select(records, linh_vuc)
    codes = _folded(records.loc[rows, "ma_thu_tuc"])
    counts = (
        flags.loc[rows, ["qua_han", "dang_qua_han"]].groupby(codes, sort=True).sum().astype(int)
    )
    counts[TOTAL] = counts["qua_han"] + counts["dang_qua_han"]
    counts = counts.sort_values(TOTAL, ascending=False, kind="stable").head(max(top_n, 0))
    spelled = records.loc[rows, "ma_thu_tuc"].astype(object).groupby(codes, sort=True).first()
    names = _procedure_names(procedures).reindex(counts.index)
    out = pd.DataFrame(
        {
            "ma_thu_tuc": names["ma_thu_tuc"].fillna(spelled.reindex(counts.index)),
            "ten_thu_tuc": names["ten_thu_tuc"],
            "linh_vuc": names["linh_vuc"],
            "qua_han": counts["qua_han"],
            "dang_qua_han": counts["dang_qua_han"],
            TOTAL: counts[TOTAL],
        }
    )
    return out.reset_index(drop=True)


def idle_online_procedures(
    records: pd.DataFrame,
    procedures: pd.DataFrame,
    start: dt.date,
    end: dt.date,
    *,
    linh_vuc: str = "",
    flags: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Published procedures offered online (``muc_do`` toàn trình or một phần) that received
    no online dossier in the window: code, name, field, level and ``tiep_nhan_khac`` (dossiers
    received for it by the counter or post), those with the most such dossiers first (people
    still come to the counter for them), then full online service before partial.
    Their number is ``thu_tuc.truc_tuyen`` − ``thu_tuc.truc_tuyen_co_ho_so`` (codes listed
    once). ``linh_vuc``: the procedure's field in ``thu_tuc``."""
    flags = _flags(records, start, end, flags)
    used = indicators.procedure_codes(records, flags["truc_tuyen"])
    listed = procedures.assign(_ma=_folded(procedures["ma_thu_tuc"]))
    idle = listed["muc_do"].isin(indicators.ONLINE_LEVELS) & ~listed["_ma"].isin(used)
    if linh_vuc:
        idle &= _folded(listed["linh_vuc"]) == normalize_key(linh_vuc)
    offline = flags["tiep_nhan"]
    other = _folded(records.loc[offline, "ma_thu_tuc"]).value_counts()
    out = listed.loc[idle, ["ma_thu_tuc", "ten_thu_tuc", "linh_vuc", "muc_do", "_ma"]].copy()
    out["tiep_nhan_khac"] = out["_ma"].map(other).fillna(0).astype(int)
    out["_level"] = out["muc_do"].map({level: i for i, level in enumerate(c.MUC_DO_THU_TUC)})
    out = out.sort_values(["tiep_nhan_khac", "_level"], ascending=[False, True], kind="stable")
    return out.drop(columns=["_ma", "_level"]).reset_index(drop=True)


def receipts_by_weekday(
    records: pd.DataFrame,
    start: dt.date,
    end: dt.date,
    *,
    linh_vuc: str = "",
    ma_thu_tuc: str = "",
    flags: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Dossiers received in the window by weekday (rows Thứ Hai … Chủ nhật, all seven) and
    channel (a column per ``kenh_nop``), and ``tong``."""
    flags = _flags(records, start, end, flags)
    rows = flags["tiep_nhan"] & select(records, linh_vuc, ma_thu_tuc)
    days = records.loc[rows, "ngay_tiep_nhan"].dt.day_of_week
    channel = records.loc[rows, "kenh_nop"].astype(object).fillna("truc_tiep")
    table = pd.crosstab(days, channel).reindex(index=range(7), columns=list(CHANNELS), fill_value=0)
    table[TOTAL] = table.sum(axis=1)
    table.index, table.columns.name = _weekdays(), None
    return table.astype(int)


def _weekdays() -> pd.Index:
    return pd.Index([say(f"thu.{d}") for d in range(7)], name="thu")


def receipts_by_weekday_hour(
    records: pd.DataFrame,
    start: dt.date,
    end: dt.date,
    *,
    kenh_nop: str = "",
    linh_vuc: str = "",
    ma_thu_tuc: str = "",
    flags: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Dossiers received in the window by weekday (rows Thứ Hai … Chủ nhật, all seven) and
    hour of receipt (a column per whole hour from the first to the last seen, ``khong_ro_gio``
    for those the export gives no time for), and ``tong``. ``kenh_nop="truc_tiep"``: the
    counter's dossiers only, the ones that need staff at that hour."""
    flags = _flags(records, start, end, flags)
    rows = flags["tiep_nhan"] & select(records, linh_vuc, ma_thu_tuc, kenh_nop)
    days = records.loc[rows, "ngay_tiep_nhan"].dt.day_of_week
    hours = (
        records.loc[rows, "gio_tiep_nhan"]
        if "gio_tiep_nhan" in records
        else pd.Series(np.nan, index=days.index)
    )
    hour = np.floor(hours)
    timed = hour.notna()
    table = pd.crosstab(days[timed], hour[timed].astype(int))
    seen = [int(h) for h in table.columns]
    columns: list[object] = list(range(min(seen), max(seen) + 1)) if seen else []
    table = table.reindex(index=range(7), columns=columns, fill_value=0)
    untimed = days[~timed].value_counts().reindex(range(7), fill_value=0)
    if untimed.any():
        table[NO_TIME] = untimed
    table[TOTAL] = days.value_counts().reindex(range(7), fill_value=0)
    table.index, table.columns.name = _weekdays(), "gio"
    return table.astype(int)


def has_receipt_times(records: pd.DataFrame) -> bool:
    """Whether the export gives the time of receipt of any dossier."""
    return "gio_tiep_nhan" in records and bool(records["gio_tiep_nhan"].notna().any())


def channel_share(table: pd.DataFrame, channels: Sequence[str] = ("truc_tuyen",)) -> pd.Series:
    """The share of ``channels`` in each row's ``tong`` of a table by channel (NaN for none)."""
    total = table[TOTAL].where(table[TOTAL] > 0)
    return table[list(channels)].sum(axis=1) / total
