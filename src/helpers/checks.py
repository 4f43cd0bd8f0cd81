"""Reconciliation: every inconsistency a careful reviewer would catch, as findings.

Each rule takes a read workbook (and its figures) and returns findings. A finding names its
rule, its severity (``loi``: the figures contradict each other; ``canh_bao``: they may be
right but need a look), where it is (sheet and row, or figure key), the figures that disagree,
the gap between them, and a plain-Vietnamese sentence an official can act on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

from helpers import contract as c
from helpers import fmt, indicators, targets
from helpers.errors import ContractError
from helpers.io import ROW_COLUMN, Workbook
from helpers.periods import Quarter
from helpers.text import normalize_key, slug

Severity = Literal["loi", "canh_bao"]
SEVERITY_LABEL = {"loi": "Lỗi", "canh_bao": "Cảnh báo"}
# A declared rate is written rounded: 39% stands for anything in [38.5%, 39.5%).
RATE_TOLERANCE = 0.005 + 1e-9


@dataclass(frozen=True)
class Finding:
    """One inconsistency found in a workbook."""

    rule: str
    severity: Severity
    message: str
    figures: dict[str, float | str | None] = field(default_factory=dict)  # label -> value
    gap: float | None = None
    sheet: str | None = None
    row: int | None = None
    key: str | None = None
    file: str | None = None  # the workbook's name, when a report reads several (a period)

    @property
    def where(self) -> str:
        parts = [f"tệp «{self.file}»"] if self.file else []
        if self.sheet:
            parts.append(f"trang «{self.sheet}»")
        if self.row:
            parts.append(f"dòng {self.row}")
        if self.key:
            parts.append(f"chỉ số {self.key}" if "." in self.key else f"khóa «{self.key}»")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "where": self.where}


Rule = Callable[[Workbook, indicators.Figures], Iterator[Finding]]
RULES: dict[str, tuple[str, Rule]] = {}


def rule(rule_id: str, title: str) -> Callable[[Rule], Rule]:
    """Register a rule under a stable id, with the title shown in the report."""

    def register(fn: Rule) -> Rule:
        RULES[rule_id] = (title, fn)
        return fn

    return register


def _sheet(wb: Workbook, key: str) -> str:
    return wb.sheet_names.get(key, key)


def _n(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


# --- 1. breakdowns that do not add up ---------------------------------------------------

_AGG_COUNTS = [col.key for col in c.HO_SO_TONG_HOP.columns if col.kind == "int"]


@rule("tong_thanh_phan", "Các phần không cộng lại bằng tổng")
def breakdown_totals(wb: Workbook, figures: indicators.Figures) -> Iterator[Finding]:
    """Rows of ``ho_so_tong_hop`` marked as parts of a row must add up to it.

    A row named in ``thuoc`` claims its parts are listed in full: any gap is an error. The
    parts of «Tổng» (rows with no ``thuoc``) may leave systems out, so only parts exceeding
    the total are an error there; likewise when a part's cell is blank (not stated).
    """
    if not wb.has("ho_so_tong_hop"):
        return
    t = wb.table("ho_so_tong_hop")
    sheet = _sheet(wb, "ho_so_tong_hop")
    headers = wb.headers.get("ho_so_tong_hop", {})
    keys = t["he_thong"].map(normalize_key)
    is_total = keys == normalize_key(c.TONG)
    parent_keys = t["thuoc"].map(lambda p: normalize_key(p) if isinstance(p, str) else None)
    for idx, row in t.iterrows():
        if is_total[idx]:
            children = t[parent_keys.isna() & ~is_total]
            explicit = False
        else:
            children = t[parent_keys == keys[idx]]
            explicit = True
        if children.empty:
            continue
        for col in _AGG_COUNTS:
            total = _n(row[col])
            parts = children[col].dropna()
            if total is None or parts.empty:
                continue
            summed = float(parts.sum())
            # a blank part is "not stated", never zero: with one unstated, only parts above
            # the total contradict it
            complete = explicit and len(parts) == len(children)
            if summed == total or (not complete and summed < total):
                continue
            names = "; ".join(
                f"{n}: {fmt.number(v)}"
                for n, v in zip(children["he_thong"], children[col], strict=True)
                if not pd.isna(v)
            )
            label = headers.get(col, col)
            yield Finding(
                "tong_thanh_phan",
                "loi",
                f"«{label}» của «{row['he_thong']}» ghi {fmt.number(total)} nhưng các phần "
                f"cộng lại {fmt.number(summed)} ({names}); "
                f"chênh {fmt.number(abs(total - summed))}. "
                "Cần rà lại từng phần hoặc số tổng.",
                {"tổng ghi": total, "cộng các phần": summed},
                total - summed,
                sheet,
                int(row[ROW_COLUMN]),
            )


@rule("kenh_nop_khong_khop", "Trực tuyến cộng trực tiếp khác số tiếp nhận")
def channels_add_up(wb: Workbook, figures: indicators.Figures) -> Iterator[Finding]:
    if not wb.has("ho_so_tong_hop"):
        return
    t = wb.table("ho_so_tong_hop")
    for _, row in t.iterrows():
        received, online, direct = (
            _n(row[k]) for k in ("tiep_nhan", "truc_tuyen", "truc_tiep_buu_chinh")
        )
        if received is None or online is None or direct is None or online + direct == received:
            continue
        yield Finding(
            "kenh_nop_khong_khop",
            "loi",
            f"«{row['he_thong']}»: trực tuyến {fmt.number(online)} + trực tiếp, bưu chính "
            f"{fmt.number(direct)} = {fmt.number(online + direct)}, khác số tiếp nhận "
            f"{fmt.number(received)}.",
            {"tiếp nhận": received, "trực tuyến + trực tiếp": online + direct},
            received - (online + direct),
            _sheet(wb, "ho_so_tong_hop"),
            int(row[ROW_COLUMN]),
        )


# --- 2. declared rates against their own counts -------------------------------------------


def declared_rate_agrees(
    rate: float, declared: float, qualifier: str | None = None, approximate_counts: bool = False
) -> bool:
    """Whether a rate as declared («trên 80%», «39%») agrees with the one its counts give: the
    one comparison of the reconciliation and of the report's sentences."""
    if qualifier == "trên":
        return rate > declared - RATE_TOLERANCE
    if qualifier == "dưới":
        return rate < declared + RATE_TOLERANCE
    if qualifier in ("khoảng", "gần") or approximate_counts:
        return abs(rate - declared) <= 0.05  # an approximation: five points of leeway
    return abs(rate - declared) <= RATE_TOLERANCE


@rule("ty_le_lech", "Tỷ lệ báo cáo khác tỷ lệ tính từ số liệu")
def declared_rates(wb: Workbook, figures: indicators.Figures) -> Iterator[Finding]:
    if not wb.has("chi_so"):
        return
    t = wb.table("chi_so")
    for _, row in t.iterrows():
        num, den, declared = _n(row["tu_so"]), _n(row["mau_so"]), _n(row["ty_le_bao_cao"])
        rate = indicators.ratio(num, den)
        if rate is None or declared is None:
            continue
        qualifier = row["ty_le_bao_cao_kem"]
        if declared_rate_agrees(
            rate, declared, qualifier, bool(row["tu_so_kem"] or row["mau_so_kem"])
        ):
            continue
        yield Finding(
            "ty_le_lech",
            "loi",
            f"«{row['chi_so']}»: báo cáo ghi {fmt.approx_percent(declared, qualifier)} nhưng "
            f"{fmt.number(num)}/{fmt.number(den)} = {fmt.percent(rate)}; chênh "
            f"{fmt.number(abs(rate - declared) * 100)} điểm phần trăm.",
            {"tỷ lệ báo cáo": declared, "tỷ lệ tính": rate},
            rate - declared,
            _sheet(wb, "chi_so"),
            int(row[ROW_COLUMN]),
            f"chi_so.{row['ma']}",
        )


# --- 3. rates above 100%, parts above their whole ------------------------------------------


@rule("vuot_100", "Tỷ lệ trên 100% hoặc tử số lớn hơn mẫu số")
def above_whole(wb: Workbook, figures: indicators.Figures) -> Iterator[Finding]:
    if wb.has("chi_so"):
        t = wb.table("chi_so")
        sheet = _sheet(wb, "chi_so")
        for _, row in t.iterrows():
            num, den, declared = _n(row["tu_so"]), _n(row["mau_so"]), _n(row["ty_le_bao_cao"])
            where = {"sheet": sheet, "row": int(row[ROW_COLUMN]), "key": f"chi_so.{row['ma']}"}
            if num is not None and den is not None and num > den:
                yield Finding(
                    "vuot_100",
                    "loi",
                    f"«{row['chi_so']}»: tử số {fmt.number(num)} lớn hơn mẫu số {fmt.number(den)}.",
                    {"tử số": num, "mẫu số": den},
                    num - den,
                    **where,
                )
            qualifier = row["ty_le_bao_cao_kem"]
            if declared is not None and (declared > 1 or (declared >= 1 and qualifier == "trên")):
                shown = fmt.approx_percent(declared, qualifier)
                yield Finding(
                    "vuot_100",
                    "loi",
                    f"«{row['chi_so']}»: tỷ lệ báo cáo {shown} vượt 100%, không thể có; cần ghi "
                    "đúng tỷ lệ (thường là 100%) hoặc nêu rõ số liệu.",
                    {"tỷ lệ báo cáo": declared, "tối đa": 1.0},
                    declared - 1.0,
                    **where,
                )
    pairs = [
        ("thu_tuc.toan_trinh", "thu_tuc.tong"),
        ("thu_tuc.mot_phan", "thu_tuc.tong"),
        ("thu_tuc.truc_tiep", "thu_tuc.tong"),
        ("ho_so.truc_tuyen", "ho_so.tiep_nhan"),
        ("ho_so.truc_tiep_buu_chinh", "ho_so.tiep_nhan"),
        ("ho_so.dang_qua_han", "ho_so.dang_giai_quyet"),
        *[(f"chi_tieu.{k}.hoan_thanh", f"chi_tieu.{k}.tong") for k in c.LOAI_CHI_TIEU],
    ]
    for part, whole in pairs:
        a, b = figures.get(part), figures.get(whole)
        if a is not None and b is not None and a > b:
            yield Finding(
                "vuot_100",
                "loi",
                f"{part} = {fmt.number(a)} lớn hơn {whole} = {fmt.number(b)}, là tổng chứa nó.",
                {part: a, whole: b},
                a - b,
                key=part,
            )
    for key, value in figures.items():
        if (
            key.endswith(".ty_le") or ".ty_le_" in key or key.endswith("chi_so_tien_do")
        ) and value > 1 + 1e-9:
            if key.startswith("chi_so."):
                continue  # reported above, with its row
            yield Finding(
                "vuot_100",
                "loi",
                f"{key} tính ra {fmt.percent(value)}, vượt 100%.",
                {key: value},
                value - 1.0,
                key=key,
            )


# --- 4. the flow identity -------------------------------------------------------------------


@rule("dong_ho_so", "Hồ sơ đầu kỳ + tiếp nhận khác giải quyết + rút + đang giải quyết")
def flow_identity(wb: Workbook, figures: indicators.Figures) -> Iterator[Finding]:
    """carried over + received = resolved + withdrawn/refused + pending: for the unit's total,
    for every row of ``ho_so_tong_hop`` (a system, «Tổng»), and for every ``linh_vuc`` of the
    records (which hold by the records' definitions: a finding there means a dossier counted
    twice or nowhere, the form Biểu II.06a would not balance)."""
    total_row = None
    if wb.has("ho_so_tong_hop"):
        table = wb.table("ho_so_tong_hop")
        sheet = _sheet(wb, "ho_so_tong_hop")
        is_total = table["he_thong"].map(normalize_key) == normalize_key(c.TONG)
        if not wb.has("ho_so") and is_total.any():
            total_row = int(table.loc[is_total.idxmax(), ROW_COLUMN])  # the figures' own row
        for _, row in table.iterrows():
            if int(row[ROW_COLUMN]) == total_row:
                continue
            flows = {
                key: None if pd.isna(row[col]) else int(row[col])
                for key, col in indicators.AGGREGATE_COLUMNS.items()
            }
            # a blank cell is "not stated": a row is judged only when it states every flow
            # but the carry-over (whose absence is itself a finding, as for the unit's total)
            if any(flows[k] is None for k in _ROW_FLOWS):
                continue
            yield from _identity(
                indicators.flow_figures(flows),  # type: ignore[arg-type]
                sheet,
                int(row[ROW_COLUMN]),
                f"«{row['he_thong']}»",
            )
    sheet = _sheet(wb, "ho_so_tong_hop") if not wb.has("ho_so") else None
    yield from _identity(figures, sheet, total_row, None)
    fields = indicators.linh_vuc_flows(wb)
    if fields is not None:
        for name, counts in fields.iterrows():
            flows = {key: int(counts[key]) for key in indicators.FLOW_KEYS}
            yield from _identity(
                indicators.flow_figures(flows),  # type: ignore[arg-type]
                _sheet(wb, "ho_so"),
                None,
                f"Lĩnh vực «{name}»",
            )


# the flows of the identity but the carry-over (the channels are another rule's)
_ROW_FLOWS = (
    "tiep_nhan", "truoc_han", "dung_han", "qua_han", "rut_tu_choi", "dang_trong_han",
    "dang_qua_han",
)  # fmt: skip


def _identity(
    figures: indicators.Figures, sheet: str | None, row: int | None, label: str | None
) -> Iterator[Finding]:
    """The flow identity of one set of ``ho_so.*`` figures: the unit's (``label`` None: the
    finding names the figure key) or one row's (``label`` opens the message)."""
    g = figures.get
    received, resolved, withdrawn, pending = (
        g("ho_so.tiep_nhan"),
        g("ho_so.da_giai_quyet"),
        g("ho_so.rut_tu_choi"),
        g("ho_so.dang_giai_quyet"),
    )
    if None in (received, resolved, withdrawn, pending):
        return  # a row that does not state them all cannot be checked
    out = resolved + withdrawn + pending  # type: ignore[operator]
    carried = g("ho_so.ky_truoc_chuyen_sang")
    whose = f"{label}: " if label else ""
    numbers = (
        f"Giải quyết {fmt.number(resolved)} + rút, từ chối {fmt.number(withdrawn)} + đang giải "
        f"quyết {fmt.number(pending)} = {fmt.number(out)}"
    )

    def key(figure: str) -> str | None:
        return None if label else figure

    if carried is None:
        implied = out - received  # type: ignore[operator]
        if implied == 0:
            return
        if implied < 0:
            yield Finding(
                "dong_ho_so",
                "loi",
                f"{whose}{numbers}, ít hơn số tiếp nhận {fmt.number(received)}: "
                f"{fmt.number(-implied)} hồ sơ không rõ đi đâu.",
                {"tiếp nhận": received, "giải quyết + rút + đang giải quyết": out},
                implied,
                sheet,
                row,
                key("ho_so.tiep_nhan"),
            )
            return
        yield Finding(
            "dong_ho_so",
            "canh_bao",
            f"{whose}{numbers}, nhiều hơn số tiếp nhận {fmt.number(received)} là "
            f"{fmt.number(implied)} hồ sơ, nhưng số liệu không nêu số hồ sơ kỳ trước chuyển "
            f"sang. Cần ghi số kỳ trước chuyển sang (phải là {fmt.number(implied)}) để số liệu "
            "khớp.",
            {"tiếp nhận": received, "giải quyết + rút + đang giải quyết": out},
            implied,
            sheet,
            row,
            key("ho_so.ky_truoc_chuyen_sang"),
        )
        return
    into = carried + received  # type: ignore[operator]
    if into != out:
        yield Finding(
            "dong_ho_so",
            "loi",
            f"{whose}Kỳ trước chuyển sang {fmt.number(carried)} + tiếp nhận "
            f"{fmt.number(received)} = {fmt.number(into)}, khác: "
            f"{numbers[0].lower() + numbers[1:]}; chênh {fmt.number(abs(into - out))}.",
            {"đầu kỳ + tiếp nhận": into, "giải quyết + rút + đang giải quyết": out},
            into - out,
            sheet,
            row,
            key("ho_so.tiep_nhan"),
        )


# --- 5. the data window against the quarter ------------------------------------------------


@rule("ky_so_lieu", "Khoảng số liệu ra ngoài quý báo cáo")
def data_window(wb: Workbook, figures: indicators.Figures) -> Iterator[Finding]:
    info = wb.info
    start, end = info.get("tu_ngay"), info.get("den_ngay")
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        return
    convention = str(info.get("quy_uoc_ky") or "quy_lich")
    q_start, q_end = wb.quarter.window(convention)
    sheet = _sheet(wb, "thong_tin")
    name = c.QUY_UOC_KY.get(convention, convention).lower()
    if end > q_end:
        yield Finding(
            "ky_so_lieu",
            "canh_bao",
            f"Báo cáo {wb.quarter.label} ({name}: {fmt.date(q_start)} – {fmt.date(q_end)}) "
            f"nhưng số liệu đến ngày {fmt.date(end)}, quá cuối kỳ {(end - q_end).days} ngày. "
            "Nếu đơn vị chốt số liệu theo cách khác, ghi «quy_uoc_ky» trong trang thông tin.",
            {"cuối kỳ": fmt.date(q_end), "đến ngày": fmt.date(end)},
            (end - q_end).days,
            sheet,
            key="den_ngay",
        )
    if start < q_start:
        yield Finding(
            "ky_so_lieu",
            "canh_bao",
            f"Số liệu bắt đầu từ {fmt.date(start)}, trước đầu kỳ {fmt.date(q_start)} "
            f"{(q_start - start).days} ngày.",
            {"đầu kỳ": fmt.date(q_start), "từ ngày": fmt.date(start)},
            (q_start - start).days,
            sheet,
            key="tu_ngay",
        )


# --- 6. the same figure stated twice ---------------------------------------------------------


@rule("hai_gia_tri", "Cùng một số liệu ghi hai giá trị khác nhau")
def stated_twice(wb: Workbook, figures: indicators.Figures) -> Iterator[Finding]:
    """A chi_so row named like a computed figure (``thu_tuc_toan_trinh`` ~ ``thu_tuc.toan_trinh``),
    and, with both dossier sheets, the aggregate's totals against the records'."""
    by_slug = {slug(k): k for k in figures if not k.startswith("chi_so.")}
    if wb.has("chi_so"):
        t = wb.table("chi_so")
        for _, row in t.iterrows():
            key = by_slug.get(str(row["ma"]))
            value = _n(row["tu_so"])
            if key is None or value is None or row["tu_so_kem"]:
                continue
            if value != figures[key]:
                yield Finding(
                    "hai_gia_tri",
                    "loi",
                    f"«{row['chi_so']}» ghi {fmt.number(value)} nhưng {key} tính từ số liệu là "
                    f"{fmt.number(figures[key])}.",
                    {"chỉ số ghi": value, key: figures[key]},
                    value - figures[key],
                    _sheet(wb, "chi_so"),
                    int(row[ROW_COLUMN]),
                    f"chi_so.{row['ma']}",
                )
    if wb.has("ho_so") and wb.has("ho_so_tong_hop"):
        declared, _ = indicators.aggregate_rows(wb.table("ho_so_tong_hop"))
        for key in indicators.FLOW_KEYS:
            stated, computed = declared.get(key), figures.get(f"ho_so.{key}")
            if stated is None or computed is None or stated == computed:
                continue
            yield Finding(
                "hai_gia_tri",
                "loi",
                f"Bảng tổng hợp ghi {key} = {fmt.number(stated)} nhưng danh sách hồ sơ cho "
                f"{fmt.number(computed)}; chênh {fmt.number(abs(stated - computed))}.",
                {"bảng tổng hợp": stated, "danh sách hồ sơ": computed},
                stated - computed,
                _sheet(wb, "ho_so_tong_hop"),
                key=f"ho_so.{key}",
            )


# --- 7. dossier records ----------------------------------------------------------------------


@rule("ho_so_trung", "Mã hồ sơ bị trùng")
def duplicate_dossiers(wb: Workbook, figures: indicators.Figures) -> Iterator[Finding]:
    if not wb.has("ho_so"):
        return
    t = wb.table("ho_so")
    dup = t[t["ma_ho_so"].duplicated(keep=False)]
    # the rows locate a dossier; its code stays out, since findings reach the shared report
    for _, group in dup.groupby("ma_ho_so", sort=True):
        rows = [int(r) for r in group[ROW_COLUMN]]
        yield Finding(
            "ho_so_trung",
            "loi",
            f"Một mã hồ sơ xuất hiện {len(rows)} lần (dòng {', '.join(map(str, rows))}); "
            "mỗi hồ sơ chỉ được tính một lần.",
            {"số lần": len(rows), "cần": 1},
            len(rows) - 1,
            _sheet(wb, "ho_so"),
            rows[0],
        )


@rule("ket_qua_truoc_tiep_nhan", "Ngày có kết quả trước ngày tiếp nhận")
def result_before_receipt(wb: Workbook, figures: indicators.Figures) -> Iterator[Finding]:
    if not wb.has("ho_so"):
        return
    t = wb.table("ho_so")
    bad = t[t["ngay_co_ket_qua"].notna() & (t["ngay_co_ket_qua"] < t["ngay_tiep_nhan"])]
    for _, r in bad.iterrows():
        days = (r["ngay_tiep_nhan"] - r["ngay_co_ket_qua"]).days
        yield Finding(
            "ket_qua_truoc_tiep_nhan",
            "loi",
            f"Hồ sơ ở dòng {int(r[ROW_COLUMN])} có kết quả ngày "
            f"{fmt.date(r['ngay_co_ket_qua'])}, trước ngày tiếp nhận "
            f"{fmt.date(r['ngay_tiep_nhan'])} ({days} ngày).",
            {
                "ngày tiếp nhận": fmt.date(r["ngay_tiep_nhan"]),
                "ngày có kết quả": fmt.date(r["ngay_co_ket_qua"]),
            },
            -days,
            _sheet(wb, "ho_so"),
            int(r[ROW_COLUMN]),
        )


# --- 8. objectives -------------------------------------------------------------------------


@rule("chi_tieu_ngay", "Ngày hoàn thành chỉ tiêu không khớp trạng thái")
def objective_dates(wb: Workbook, figures: indicators.Figures) -> Iterator[Finding]:
    if not wb.has("chi_tieu"):
        return
    t = wb.table("chi_tieu")
    end = pd.Timestamp(wb.info["den_ngay"])
    sheet = _sheet(wb, "chi_tieu")
    for _, r in t.iterrows():
        done_on = r["ngay_hoan_thanh"]
        if r["trang_thai"] == "hoan_thanh" and not pd.isna(done_on) and done_on > end:
            yield Finding(
                "chi_tieu_ngay",
                "canh_bao",
                f"«{r['ma']}» ghi hoàn thành ngày {fmt.date(done_on)}, sau ngày chốt số liệu "
                f"{fmt.date(end)}; không nên tính là đã hoàn thành trong kỳ.",
                {"ngày hoàn thành": fmt.date(done_on), "ngày chốt": fmt.date(end)},
                (done_on - end).days,
                sheet,
                int(r[ROW_COLUMN]),
            )
        elif r["trang_thai"] != "hoan_thanh" and not pd.isna(done_on):
            yield Finding(
                "chi_tieu_ngay",
                "canh_bao",
                f"«{r['ma']}» có ngày hoàn thành {fmt.date(done_on)} nhưng trạng thái là "
                f"«{c.TRANG_THAI_CHI_TIEU[r['trang_thai']]}».",
                {},
                None,
                sheet,
                int(r[ROW_COLUMN]),
            )


@rule("chi_tieu_mau_thuan", "Chỉ tiêu ghi hoàn thành nhưng số liệu chưa đạt")
def targets_contradicted(wb: Workbook, figures: indicators.Figures) -> Iterator[Finding]:
    """A target declared done whose own figure says it is not met."""
    for j in targets.judge(wb, figures):
        if j.trang_thai != "hoan_thanh" or j.verdict != "chua_dat":
            continue
        value = fmt.figure(j.value, j.is_rate, j.qualifier)
        threshold = fmt.figure(j.threshold, j.is_rate)
        missing = f", còn thiếu {fmt.number(j.missing)} {j.unit}" if j.missing else ""
        yield Finding(
            "chi_tieu_mau_thuan",
            "loi",
            f"«{j.ma}» ghi hoàn thành nhưng số liệu {j.figure} là {value}, "
            f"{'vượt' if j.direction == 'toi_da' else 'chưa đạt'} ngưỡng {threshold}{missing}. "
            "Cần sửa trạng thái hoặc số liệu.",
            {"số liệu": j.value, "ngưỡng": j.threshold},
            j.gap,
            _sheet(wb, "chi_tieu"),
            j.row,
            f"{j.key}.dat",
        )


# --- 9. against the previous quarter ------------------------------------------------------


def against_previous(
    wb: Workbook, previous: Workbook, previous_figures: indicators.Figures | None = None
) -> Iterator[Finding]:
    """Coverage counts (``chi_so`` rows with a denominator: accounts integrated, people paid
    to accounts …) accumulate; one below the previous quarter's needs an explanation."""
    if not (wb.has("chi_so") and previous.has("chi_so")):
        return
    before = previous.table("chi_so").set_index("ma")
    sheet = _sheet(wb, "chi_so")
    for _, row in wb.table("chi_so").iterrows():
        now = _n(row["tu_so"])
        if row["ma"] not in before.index or now is None or _n(row["mau_so"]) is None:
            continue
        then = _n(before.loc[row["ma"], "tu_so"])
        if then is not None and now < then:
            yield Finding(
                "luy_ke_giam",
                "canh_bao",
                f"«{row['chi_so']}» là số lũy kế nhưng giảm từ {fmt.number(then)} "
                f"({previous.quarter.short_label}) xuống {fmt.number(now)}; cần kiểm tra lại.",
                {previous.quarter.short_label: then, wb.quarter.short_label: now},
                now - then,
                sheet,
                int(row[ROW_COLUMN]),
                f"chi_so.{row['ma']}",
            )


def carried_over(
    wb: Workbook,
    figures: indicators.Figures,
    previous: Workbook,
    previous_figures: indicators.Figures,
) -> Iterator[Finding]:
    """A quarter's carry-over is the previous quarter's pending: what was still open at its
    end. Otherwise dossiers appear or vanish between the two files, and a period that adds
    the quarters up does not balance."""
    carried = figures.get("ho_so.ky_truoc_chuyen_sang")
    pending = previous_figures.get("ho_so.dang_giai_quyet")
    if carried is None or pending is None or carried == pending:
        return
    this, before = wb.quarter.short_label, previous.quarter.short_label
    sheet = _sheet(wb, "ho_so" if wb.has("ho_so") else "ho_so_tong_hop")
    yield Finding(
        "chuyen_ky_khong_khop",
        "loi",
        f"{this} ghi kỳ trước chuyển sang {fmt.number(carried)} hồ sơ, nhưng cuối {before} "
        f"(tệp {previous.path.name}) còn {fmt.number(pending)} hồ sơ đang giải quyết; chênh "
        f"{fmt.number(abs(carried - pending))}. Số chuyển sang {this} phải bằng số đang giải "
        f"quyết cuối {before}: kiểm tra hai tệp (khoảng số liệu, hồ sơ bị sót hoặc trùng).",
        {f"đang giải quyết cuối {before}": pending, f"kỳ trước chuyển sang {this}": carried},
        carried - pending,
        sheet,
        key="ho_so.ky_truoc_chuyen_sang",
    )


# --- running the rules -----------------------------------------------------------------------


RULE_TITLES = {
    **{k: title for k, (title, _) in RULES.items()},
    "luy_ke_giam": "Số lũy kế thấp hơn quý trước",
    "chuyen_ky_khong_khop": "Kỳ trước chuyển sang khác số đang giải quyết cuối quý trước",
}


def reconcile(
    wb: Workbook,
    figures: indicators.Figures | None = None,
    previous: Workbook | None = None,
    previous_figures: indicators.Figures | None = None,
) -> list[Finding]:
    """Every finding of every rule, errors first; ``previous`` is last quarter's workbook
    (``previous_figures`` its figures, when already computed)."""
    figures = indicators.compute(wb) if figures is None else figures
    found = [f for _, fn in RULES.values() for f in fn(wb, figures)]
    if previous is not None:
        found += against_previous(wb, previous)
        if previous_figures is None:
            try:
                previous_figures = indicators.compute(previous)
            except ContractError:  # its own check names what is wrong with it
                previous_figures = {}
        found += carried_over(wb, figures, previous, previous_figures)
    order = list(RULE_TITLES)
    return sorted(found, key=lambda f: (f.severity != "loi", order.index(f.rule), f.row or 0))


def previous_of(folder: Path, quarter: Quarter) -> Workbook | None:
    """The workbook of the quarter before ``quarter`` in ``folder``, if it exists and reads."""
    from helpers.discovery import quarter_file
    from helpers.io import read_workbook

    before = quarter.previous()
    candidate = quarter_file(folder, before)
    if candidate is None:
        return None
    try:
        return read_workbook(candidate, quarter=before)
    except ContractError:
        return None  # its own check reports it; no comparison then
