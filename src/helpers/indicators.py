"""Every derived figure of the contract, under its stable key (``ho_so.tiep_nhan`` …).

Counts are ints, rates are fractions 0–1. A figure the data cannot give (a denominator of
zero, a total the aggregate leaves blank) is left out rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import contract as c
from helpers import service_index, targets
from helpers.io import Workbook
from helpers.rates import ratio
from helpers.text import normalize_key, slug

Figures = dict[str, int | float]

# Flow columns of the national form, in the order of ho_so_tong_hop.
FLOW_KEYS = (
    "ky_truoc_chuyen_sang",
    "tiep_nhan",
    "truc_tuyen",
    "truc_tiep_buu_chinh",
    "truoc_han",
    "dung_han",
    "qua_han",
    "rut_tu_choi",
    "dang_trong_han",
    "dang_qua_han",
)
# flow key -> its column of ho_so_tong_hop
AGGREGATE_COLUMNS = {
    "ky_truoc_chuyen_sang": "ky_truoc_chuyen_sang",
    "tiep_nhan": "tiep_nhan",
    "truc_tuyen": "truc_tuyen",
    "truc_tiep_buu_chinh": "truc_tiep_buu_chinh",
    "truoc_han": "giai_quyet_truoc_han",
    "dung_han": "giai_quyet_dung_han",
    "qua_han": "giai_quyet_qua_han",
    "rut_tu_choi": "rut_tu_choi",
    "dang_trong_han": "dang_giai_quyet_trong_han",
    "dang_qua_han": "dang_giai_quyet_qua_han",
}
_EXCLUDED = c.EXCLUDED_STATUSES


# --- dossiers from records -----------------------------------------------------------


def classify_records(records: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """One boolean column per flow of the national form, one row per dossier.

    Received: ``ngay_tiep_nhan`` in [start, end]. Carried over: received before ``start`` and
    still open at it. Resolved/withdrawn: closed with a result dated in the window (a
    withdrawal without a date counts as closed in the window). Pending: the rest of carried
    over + received; overdue when ``han_xu_ly`` is before ``end``. Early/on time/late compare
    result date and deadline by calendar day; no deadline counts as on time. A repeated
    ``ma_ho_so`` counts once, at its first row.
    """
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    status = records["trang_thai"]
    # a repeated ma_ho_so counts once (checks.duplicate_dossiers reports the repeat)
    counted = ~status.isin(_EXCLUDED) & ~records["ma_ho_so"].duplicated(keep="first")
    received_on = records["ngay_tiep_nhan"].dt.normalize()
    result_on = records["ngay_co_ket_qua"].dt.normalize()
    deadline = records["han_xu_ly"].dt.normalize()

    in_window = (received_on >= s) & (received_on <= e)
    received = counted & in_window
    carried = counted & (received_on < s) & (result_on.isna() | (result_on >= s))
    population = received | carried
    closed_in_window = (result_on >= s) & (result_on <= e)
    resolved = population & (status == "da_giai_quyet") & closed_in_window
    withdrawn = population & status.isin(("rut", "tu_choi")) & (closed_in_window | result_on.isna())
    pending = population & ~resolved & ~withdrawn
    online = records["kenh_nop"] == "truc_tuyen"
    no_deadline = deadline.isna()
    flags = pd.DataFrame(
        {
            "ky_truoc_chuyen_sang": carried,
            "tiep_nhan": received,
            "truc_tuyen": received & online,
            "truc_tiep_buu_chinh": received & ~online,
            "truoc_han": resolved & ~no_deadline & (result_on < deadline),
            "dung_han": resolved & (no_deadline | (result_on == deadline)),
            "qua_han": resolved & ~no_deadline & (result_on > deadline),
            "rut_tu_choi": withdrawn,
            "dang_trong_han": pending & (no_deadline | (deadline >= e)),
            "dang_qua_han": pending & ~no_deadline & (deadline < e),
            "so_hoa": resolved & records["da_so_hoa"].astype(bool),
            "khong_tiep_nhan": (status == "khong_tiep_nhan") & (in_window | received_on.isna()),
        },
        index=records.index,
    )
    return flags.fillna(False).astype(bool)


def record_flows(records: pd.DataFrame, start: dt.date, end: dt.date) -> dict[str, int]:
    """Counts of every flow over all records."""
    return {k: int(v) for k, v in classify_records(records, start, end).sum().items()}


def record_breakdown(
    records: pd.DataFrame,
    by: str,
    start: dt.date,
    end: dt.date,
    flags: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Flow counts per value of ``by`` (``he_thong``, ``linh_vuc`` …), one row each
    (``flags``: the records already classified for this window)."""
    flags = classify_records(records, start, end) if flags is None else flags
    table = flags.groupby(group_labels(records, by), sort=True).sum().astype(int)
    table.index.name = by
    return table


def group_labels(records: pd.DataFrame, by: str) -> pd.Series:
    """Each record's value of ``by`` as the tables show it: one label per name whatever its
    spelling (Bộ Tư pháp / BỘ TƯ PHÁP: the first spelling met), «(không ghi)» when blank."""
    names = records[by].astype(object).fillna("(không ghi)").astype(str)
    # names are folded once each, not once per dossier
    codes, spellings = pd.factorize(names, sort=False)  # spellings in order of appearance
    shown: dict[str, str] = {}
    for spelling in spellings:
        shown.setdefault(normalize_key(spelling), spelling)
    labels = np.array([shown[normalize_key(x)] for x in spellings] or [""], dtype=object)
    return pd.Series(labels[codes], index=records.index)


def linh_vuc_flows(wb: Workbook) -> pd.DataFrame | None:
    """Flow counts per ``linh_vuc`` of the workbook's records over its window (one row per
    field, the columns of :func:`classify_records`), None without records. Their sums are the
    ``ho_so.*`` figures: the same dossiers classified by the same rules."""
    if not wb.has("ho_so"):
        return None
    start, end = wb.info["tu_ngay"], wb.info["den_ngay"]
    return record_breakdown(wb.table("ho_so"), "linh_vuc", start, end)  # type: ignore[arg-type]


# --- dossiers from the aggregate sheet ----------------------------------------------


def aggregate_rows(table: pd.DataFrame) -> tuple[dict[str, float | None], pd.DataFrame]:
    """Declared totals (row «Tổng», else the sum of top-level rows) and the system rows."""
    is_total = table["he_thong"].map(normalize_key) == normalize_key(c.TONG)
    systems = table[~is_total]
    total: dict[str, float | None] = {}
    if is_total.any():
        row = table[is_total].iloc[0]
        for key, col in AGGREGATE_COLUMNS.items():
            total[key] = None if pd.isna(row[col]) else int(row[col])
    else:
        top = systems[systems["thuoc"].isna()]
        for key, col in AGGREGATE_COLUMNS.items():
            values = top[col].dropna()
            total[key] = int(values.sum()) if len(values) else None
    return total, systems


# --- all figures ----------------------------------------------------------------------


def flow_figures(flows: dict[str, int | None]) -> Figures:
    """ho_so.* keys from the ten flows (some may be None when the aggregate is silent): the
    unit's, or one row's (a system of ``ho_so_tong_hop``, a ``linh_vuc`` of the records)."""
    out: dict[str, int | float | None] = {
        f"ho_so.{k}": v for k, v in flows.items() if k in FLOW_KEYS
    }
    parts = [flows.get(k) for k in ("truoc_han", "dung_han", "qua_han")]
    resolved = None if all(p is None for p in parts) else sum(p or 0 for p in parts)
    pending_parts = [flows.get("dang_trong_han"), flows.get("dang_qua_han")]
    pending = None if all(p is None for p in pending_parts) else sum(p or 0 for p in pending_parts)
    in_time = (
        None if resolved is None else (flows.get("truoc_han") or 0) + (flows.get("dung_han") or 0)
    )
    carried, received = flows.get("ky_truoc_chuyen_sang"), flows.get("tiep_nhan")
    out.update(
        {
            "ho_so.da_giai_quyet": resolved,
            "ho_so.dang_giai_quyet": pending,
            "ho_so.ty_le_truc_tuyen": ratio(flows.get("truc_tuyen"), received),
            "ho_so.ty_le_dung_han": ratio(in_time, resolved),
        }
    )
    if carried is not None and received is not None and in_time is not None:
        out["ho_so.chi_so_tien_do"] = ratio(
            in_time + (flows.get("dang_trong_han") or 0), carried + received
        )
    if "so_hoa" in flows:
        out["ho_so.so_hoa"] = flows["so_hoa"]
        out["ho_so.ty_le_so_hoa"] = ratio(flows["so_hoa"], resolved)
    if flows.get("khong_tiep_nhan"):
        out["ho_so.khong_tiep_nhan"] = flows["khong_tiep_nhan"]
    return {k: v for k, v in out.items() if v is not None}


def ho_so_figures(wb: Workbook) -> Figures:
    """Dossier figures: from records when the workbook has them, else from the aggregate."""
    out: Figures = {}
    if wb.has("ho_so"):
        records = wb.table("ho_so")
        start, end = wb.info["tu_ngay"], wb.info["den_ngay"]
        flags = classify_records(records, start, end)  # type: ignore[arg-type]
        out.update(service_counts(wb, flags))
        by_system = record_breakdown(records, "he_thong", start, end, flags)  # type: ignore[arg-type]
        # the flows over all records are the systems' sums: classified once, not twice
        flows = {k: int(v) for k, v in by_system.sum().items()}
        out.update(flow_figures(flows))  # type: ignore[arg-type]
        for name, row in by_system.iterrows():
            for key in ("tiep_nhan", "truc_tuyen", "da_giai_quyet", "dang_qua_han"):
                if key == "da_giai_quyet":
                    value = int(row["truoc_han"] + row["dung_han"] + row["qua_han"])
                else:
                    value = int(row[key])
                # names spelled two ways ("Bộ Tư pháp", "BỘ TƯ PHÁP") share one key: add up
                figure = f"ho_so.he_thong.{slug(name)}.{key}"
                out[figure] = int(out.get(figure, 0)) + value
    elif wb.has("ho_so_tong_hop"):
        total, systems = aggregate_rows(wb.table("ho_so_tong_hop"))
        out.update(flow_figures(total))
        for _, row in systems.iterrows():
            for key, col in AGGREGATE_COLUMNS.items():
                if key in ("tiep_nhan", "truc_tuyen") and not pd.isna(row[col]):
                    out[f"ho_so.he_thong.{slug(row['he_thong'])}.{key}"] = int(row[col])
    return out


def thu_tuc_figures(table: pd.DataFrame, with_fees: bool = False) -> Figures:
    """Published procedures by level of online service, with their shares; and, when the
    sheet says which carry a fee (``co_phi``), how many do and how many of those are online."""
    total = len(table)
    out: Figures = {"thu_tuc.tong": total}
    for level in c.MUC_DO_THU_TUC:
        n = int((table["muc_do"] == level).sum())
        out[f"thu_tuc.{level}"] = n
        rate = ratio(n, total)
        if rate is not None:
            out[f"thu_tuc.ty_le_{level}"] = rate
    online = table["muc_do"].isin(ONLINE_LEVELS)
    out["thu_tuc.truc_tuyen"] = int(online.sum())
    if total:
        out["thu_tuc.ty_le_truc_tuyen"] = out["thu_tuc.truc_tuyen"] / total
    if with_fees:
        fee = table["co_phi"].astype(bool)
        out["thu_tuc.co_phi"] = int(fee.sum())
        out["thu_tuc.co_phi_truc_tuyen"] = int((fee & online).sum())
    return out


ONLINE_LEVELS = ("toan_trinh", "mot_phan")  # procedures offered as an online public service


def _given(wb: Workbook, column: str, sheet: str = "ho_so") -> bool:
    """Whether ``sheet`` has ``column`` at all (absent means "no data", never "no")."""
    return column in wb.headers.get(sheet, {})


def service_counts(wb: Workbook, flags: pd.DataFrame) -> Figures:
    """The counts of the service index (Decision 766) that only dossier records give.

    Each needs its column in the export: online services with an online dossier, fee-paying
    dossiers paid online, electronic results (else the ``da_so_hoa`` flag), digitized
    components and reused data. A column the export lacks gives no figure, so the index says
    "không có số liệu" rather than scoring zero.
    """
    records = wb.table("ho_so")
    received = flags["tiep_nhan"]
    resolved = flags["truoc_han"] | flags["dung_han"] | flags["qua_han"]

    def yes(column: str) -> pd.Series:
        return records[column].astype(bool)

    out = procedure_counts(listed_procedures(wb), procedures_used(wb, flags))
    if _given(wb, "thanh_toan_truc_tuyen"):
        payment = records["thanh_toan_truc_tuyen"]
        due = received & payment.notna()
        out["ho_so.phai_thanh_toan"] = int(due.sum())
        out["ho_so.thanh_toan_truc_tuyen"] = int((due & (payment == "truc_tuyen")).sum())
    electronic = "ket_qua_dien_tu" if _given(wb, "ket_qua_dien_tu") else "da_so_hoa"
    if _given(wb, electronic):
        out["ho_so.ket_qua_dien_tu"] = int((resolved & yes(electronic)).sum())
    for column in ("so_hoa_thanh_phan", "tai_su_dung"):
        if _given(wb, column):
            out[f"ho_so.{column}"] = int((received & yes(column)).sum())
    return out


def listed_procedures(wb: Workbook) -> dict[str, set[str]]:
    """Folded codes of the published procedures offered online (``truc_tuyen``) and, when the
    sheet says which carry a fee, of those (``co_phi``)."""
    procedures = wb.table("thu_tuc")
    listed = procedures["ma_thu_tuc"].map(normalize_key)
    out = {"truc_tuyen": set(listed[procedures["muc_do"].isin(ONLINE_LEVELS)])}
    if _given(wb, "co_phi", "thu_tuc"):
        out["co_phi"] = set(listed[procedures["co_phi"].astype(bool)])
    return out


def procedures_used(wb: Workbook, flags: pd.DataFrame | None = None) -> dict[str, set[str]] | None:
    """Folded codes of the procedures that received an online dossier in the window
    (``truc_tuyen``) and, when the export has the payment column, that had a dossier paid
    online (``thanh_toan``); None without records. ``flags``: the records already classified."""
    if not wb.has("ho_so"):
        return None
    records = wb.table("ho_so")
    if flags is None:
        flags = classify_records(records, wb.info["tu_ngay"], wb.info["den_ngay"])  # type: ignore[arg-type]

    out = {"truc_tuyen": procedure_codes(records, flags["truc_tuyen"])}
    if _given(wb, "thanh_toan_truc_tuyen"):
        paid = flags["tiep_nhan"] & (records["thanh_toan_truc_tuyen"] == "truc_tuyen")
        out["thanh_toan"] = procedure_codes(records, paid)
    return out


def procedure_codes(records: pd.DataFrame, mask: pd.Series) -> set[str]:
    """Folded procedure codes (``ma_thu_tuc``) of the records selected by ``mask``."""
    # folded once per distinct code, not once per dossier
    return {normalize_key(x) for x in records.loc[mask, "ma_thu_tuc"].dropna().unique()}


def procedure_counts(listed: dict[str, set[str]], used: dict[str, set[str]] | None) -> Figures:
    """``thu_tuc.truc_tuyen_co_ho_so`` (online procedures with an online dossier) and
    ``thu_tuc.co_phi_co_thanh_toan`` (fee procedures with a dossier paid online): distinct
    procedures, so a period recounts them from its quarters' sets, never adds them."""
    if used is None:
        return {}
    out: Figures = {"thu_tuc.truc_tuyen_co_ho_so": len(listed["truc_tuyen"] & used["truc_tuyen"])}
    if "thanh_toan" in used and "co_phi" in listed:
        out["thu_tuc.co_phi_co_thanh_toan"] = len(listed["co_phi"] & used["thanh_toan"])
    return out


def chi_tieu_figures(table: pd.DataFrame) -> Figures:
    """Objectives and tasks: how many, how many done, per kind."""
    out: Figures = {}
    for kind in c.LOAI_CHI_TIEU:
        rows = table[table["loai"] == kind]
        done = int((rows["trang_thai"] == "hoan_thanh").sum())
        out[f"chi_tieu.{kind}.tong"] = len(rows)
        out[f"chi_tieu.{kind}.hoan_thanh"] = done
        rate = ratio(done, len(rows))
        if rate is not None:
            out[f"chi_tieu.{kind}.ty_le_hoan_thanh"] = rate
    out["chi_tieu.nhiem_vu.tong"] = (
        out["chi_tieu.nhiem_vu_tien_do.tong"] + out["chi_tieu.nhiem_vu_thuong_xuyen.tong"]
    )
    return out


def chi_so_figures(table: pd.DataFrame) -> Figures:
    """``chi_so.<ma>`` (value), ``.mau_so``, ``.ty_le`` (computed, else declared) and
    ``.ty_le_bao_cao`` (declared)."""
    out: Figures = {}
    for _, row in table.iterrows():
        key = f"chi_so.{row['ma']}"
        value, den, declared = row["tu_so"], row["mau_so"], row["ty_le_bao_cao"]
        if not pd.isna(value):
            out[key] = _number(value)
        if not pd.isna(den):
            out[f"{key}.mau_so"] = _number(den)
        rate = ratio(value, den) if not (pd.isna(value) or pd.isna(den)) else None
        if rate is None and not pd.isna(declared):
            rate = float(declared)
        if rate is not None:
            out[f"{key}.ty_le"] = rate
        if not pd.isna(declared):
            out[f"{key}.ty_le_bao_cao"] = float(declared)
    return out


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


def compute(wb: Workbook) -> Figures:
    """Every figure of the workbook under its stable key: the counts and rates, the service
    index estimated from them (``chi_so_766.*``) and the targets judged against them
    (``chi_tieu.<loai>.<ma>.*``). ContractError when a target names a figure that does not
    exist or states a threshold that cannot be read."""
    out: Figures = {}
    out.update(thu_tuc_figures(wb.table("thu_tuc"), _given(wb, "co_phi", "thu_tuc")))
    out.update(ho_so_figures(wb))
    out.update(chi_tieu_figures(wb.table("chi_tieu")))
    out.update(chi_so_figures(wb.table("chi_so")))
    return judged(wb, out)


def judged(wb: Workbook, counts: Figures) -> Figures:
    """``counts`` with what is judged from them: the service index (``chi_so_766.*``) and the
    targets of ``wb``'s ``chi_tieu`` (``chi_tieu.<loai>.<ma>.*``). A period's figures are
    judged here too, from its combined counts."""
    out = dict(counts)
    out.update(service_index.figures(service_index.estimate(out)))
    out.update(targets.figures(targets.judge(wb, out)))
    return out


def to_json(
    figures: Figures, unit: str, quarter: str, same_period: tuple[str, Figures] | None = None
) -> str:
    """The ``chi-so.json`` text: the figures sorted by key, plus ``don_vi`` and ``ky``; with
    ``same_period`` (its name and figures: the same period last year), ``cung_ky`` holds those
    under the same keys and ``thay_doi_cung_ky`` each figure minus its value then (a count's
    change; a rate's as a fraction, × 100 for percentage points)."""
    payload: dict[str, object] = {"don_vi": unit, "ky": quarter}
    payload.update(_values(figures))
    if same_period is not None:
        name, before = same_period
        payload["cung_ky"] = {"ky": name, **_values(before)}
        payload["thay_doi_cung_ky"] = _values(
            {k: figures[k] - before[k] for k in figures if k in before}
        )
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _values(figures: Figures) -> dict[str, int | float]:
    return {
        key: int(figures[key]) if isinstance(figures[key], int) else round(float(figures[key]), 6)
        for key in sorted(figures)
    }


def write_json(
    figures: Figures,
    unit: str,
    quarter: str,
    path: Path | str,
    same_period: tuple[str, Figures] | None = None,
) -> Path:
    """Write ``chi-so.json`` atomically (a reader never sees half a file)."""
    from helpers.atomic import write_text

    return write_text(Path(path), to_json(figures, unit, quarter, same_period))
