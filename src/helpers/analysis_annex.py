"""The annex «PHỤ LỤC. PHÂN TÍCH HỒ SƠ»: the record analytics of a built report, as blocks."""

# The tables come from helpers.analysis (one classification of the records per annex, the
# report's own); here they are only formatted. Part of the official outline, not web_only: a
# ward filing upward sends the annex with the report, so the DOCX has its tables (charts, as
# everywhere, stay in the HTML and PDF).

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from helpers import analysis, charts, fmt, indicators
from helpers import blocks as bk
from helpers import contract as c
from helpers.blocks import Block, Section
from helpers.wording import say

if TYPE_CHECKING:
    from helpers.report import Report

# A short annex (each table row costs the PDF and the DOCX): the five procedures with the most
# late dossiers, five online procedures without an online dossier; the notebook lists them all.
# Every table is given its columns' widths: printed, it is laid out once from them.
TOP_N = 5
IDLE_SHOWN = 5


@dataclass(frozen=True)
class Tables:
    """The annex's tables, computed once per run (:attr:`helpers.report.Report.annex`): the
    kernel's HTML and the DOCX format the same ones."""

    records: int  # dossier rows analysed
    months: pd.DataFrame
    times: pd.DataFrame
    total_times: pd.DataFrame
    late: pd.DataFrame  # every procedure with a late or overdue dossier, most first
    idle: pd.DataFrame
    weekdays: pd.DataFrame
    counter_hours: pd.DataFrame


def tables(rep: Report) -> Tables | None:
    """The annex's tables from the report's records (one classification of them, the
    report's own), or None for a unit that reports aggregates only."""
    if not rep.workbook.has("ho_so"):
        return None
    records = rep.workbook.table("ho_so")
    start, end = rep.info["tu_ngay"], rep.info["den_ngay"]
    flags = indicators.classify_records(records, start, end)  # type: ignore[arg-type]
    data = (records, start, end)
    procedures = rep.workbook.table("thu_tuc")
    return Tables(
        records=len(records),
        months=analysis.monthly_receipts(*data, flags=flags),
        times=analysis.processing_times(*data, flags=flags),
        total_times=analysis.processing_times(*data, by=None, flags=flags),
        late=analysis.late_procedures(
            records, procedures, start, end, top_n=len(records), flags=flags
        ),
        idle=analysis.idle_online_procedures(records, procedures, start, end, flags=flags),
        weekdays=analysis.receipts_by_weekday(*data, flags=flags),
        counter_hours=analysis.receipts_by_weekday_hour(*data, kenh_nop="truc_tiep", flags=flags),
    )


def sections(rep: Report, analysis_on: bool = True) -> list[Section]:
    """The annex as one section (annex: on its own page after the signature), or none when it
    is turned off or the unit reports aggregates only (no ``ho_so`` sheet)."""
    t = rep.annex if analysis_on else None
    if t is None:
        return []
    blocks = bk.heading(2, say("muc.phan_tich"))
    blocks += bk.paragraphs([say("phan_tich.mo_dau", so_ban_ghi=t.records, **rep.words())], "note")
    blocks += _months(t.months)
    blocks += _times(t.times, t.total_times)
    blocks += _late(t.late)
    blocks += _idle(t.idle, rep.workbook.table("thu_tuc"))
    blocks += _calendar(t.weekdays, t.counter_hours)
    return [Section(blocks, annex=True)]


def _months(t: pd.DataFrame) -> list[Block]:
    blocks = bk.heading(3, say("phan_tich.thang"))
    share = analysis.channel_share(t)
    labels = [fmt.month(m) for m in t.index]
    if t[analysis.TOTAL].sum():
        rated = share.dropna()
        words = {
            "tong": int(t[analysis.TOTAL].sum()),
            "so_thang": len(t),
            "thang_nhieu": t[analysis.TOTAL].idxmax(),
            "nhieu": int(t[analysis.TOTAL].max()),
            "ty_le_cao": None,
        }
        if len(rated) > 1:
            words |= {
                "ty_le_thap": rated.min(), "thang_thap": rated.idxmin(),
                "ty_le_cao": rated.max(), "thang_cao": rated.idxmax(),
            }  # fmt: skip
        blocks += bk.paragraphs([say("phan_tich.thang_cau", **words)])
    table = pd.DataFrame({"Tháng": labels})
    for key, label in c.KENH_NOP.items():
        table[label] = t[key].map(fmt.number).to_numpy()
    table["Tổng"] = t[analysis.TOTAL].map(fmt.number).to_numpy()
    table["Tỷ lệ trực tuyến"] = share.map(fmt.percent).to_numpy()
    widths = (1.2, *[1.0] * len(c.KENH_NOP), 1.0, 1.3)
    blocks += bk.table(
        table, say("phan_tich.thang_bang"), numeric=tuple(table.columns[1:]), widths=widths
    )
    if len(t) > 3:  # a quarter's three months read better in the table than as three bars
        title = say("bieu_do.phan_tich_thang")
        blocks += bk.chart(lambda: charts.monthly_channels(t, title), title)
    return blocks


def _times(t: pd.DataFrame, total: pd.DataFrame) -> list[Block]:
    blocks = bk.heading(3, say("phan_tich.thoi_gian"))
    if total.empty:
        return blocks + bk.paragraphs([say("phan_tich.khong_giai_quyet")], "empty")
    overall = total.iloc[0]
    worst = t[t["da_giai_quyet"] >= analysis.MIN_GROUP]["ty_le_qua_han"]
    worst = worst[worst > 0]
    blocks += bk.paragraphs(
        [
            say(
                "phan_tich.thoi_gian_cau",
                da_giai_quyet=int(overall["da_giai_quyet"]),
                so_ngay=overall["so_ngay_trung_vi"],
                han=overall["han_trung_vi"],
                qua_han=int(overall["qua_han"]),
                ty_le=overall["ty_le_qua_han"],
                linh_vuc_xau=worst.idxmax() if len(worst) else None,
                ty_le_xau=worst.max() if len(worst) else None,
            )
        ]
    )
    shown = pd.concat([t, total])
    table = pd.DataFrame(
        {
            "Lĩnh vực": shown.index,
            "Đã giải quyết": shown["da_giai_quyet"].map(fmt.number).to_numpy(),
            "Số ngày giải quyết (trung vị)": shown["so_ngay_trung_vi"].map(fmt.number).to_numpy(),
            "Thời hạn (trung vị, ngày)": shown["han_trung_vi"].map(fmt.number).to_numpy(),
            "Quá hạn": shown["qua_han"].map(fmt.number).to_numpy(),
            "Tỷ lệ quá hạn": shown["ty_le_qua_han"].map(fmt.percent).to_numpy(),
        }
    )
    blocks += bk.table(
        table,
        say("phan_tich.thoi_gian_bang"),
        numeric=tuple(table.columns[1:]),
        widths=(34, 14, 14, 14, 10, 14),  # a field's name on one line, the headings on two
    )
    blocks += bk.paragraphs([say("phan_tich.nhom_nho", toi_thieu=analysis.MIN_GROUP)], "note")
    # no chart here: the table has the late shares, and a bar per field took a whole page
    return blocks


def _late(every: pd.DataFrame) -> list[Block]:
    """``every``: all procedures with a late or overdue dossier, most first; the first
    TOP_N shown."""
    blocks = bk.heading(3, say("phan_tich.qua_han"))
    if every.empty:
        return blocks + bk.paragraphs([say("phan_tich.khong_qua_han")])
    t = every.head(TOP_N)
    sentence = say(
        "phan_tich.qua_han_cau",
        so_thu_tuc=len(every),
        hien=len(t),
        chiem=int(t[analysis.TOTAL].sum()),
        tong=int(every[analysis.TOTAL].sum()),
    )
    table = pd.DataFrame(
        {
            "Mã thủ tục": t["ma_thu_tuc"].astype(str),
            "Tên thủ tục": t["ten_thu_tuc"].fillna(fmt.MISSING),
            "Lĩnh vực": t["linh_vuc"].fillna(fmt.MISSING),
            "Giải quyết quá hạn": t["qua_han"].map(fmt.number),
            "Đang quá hạn": t["dang_qua_han"].map(fmt.number),
            "Tổng": t[analysis.TOTAL].map(fmt.number),
        }
    )
    blocks += bk.paragraphs([sentence])
    return blocks + bk.table(
        table,
        say("phan_tich.qua_han_bang"),
        numeric=tuple(table.columns[3:]),
        widths=(14, 35, 17, 12, 11, 11),
    )


def _idle(t: pd.DataFrame, procedures: pd.DataFrame) -> list[Block]:
    blocks = bk.heading(3, say("phan_tich.truc_tuyen"))
    online = int(procedures["muc_do"].isin(indicators.ONLINE_LEVELS).sum())
    if t.empty:
        key = "phan_tich.truc_tuyen_du" if online else "phan_tich.truc_tuyen_khong_co"
        return blocks + bk.paragraphs([say(key)])
    blocks += bk.paragraphs(
        [
            say(
                "phan_tich.truc_tuyen_cau",
                so_thu_tuc=len(t),
                tong=online,
                co_ho_so=int((t["tiep_nhan_khac"] > 0).sum()),
            )
        ]
    )
    shown = t.head(IDLE_SHOWN)
    table = pd.DataFrame(
        {
            "Mã thủ tục": shown["ma_thu_tuc"].astype(str),
            "Tên thủ tục": shown["ten_thu_tuc"],
            "Lĩnh vực": shown["linh_vuc"].fillna(fmt.MISSING),
            "Mức độ": shown["muc_do"].map(c.MUC_DO_THU_TUC),
            "Hồ sơ trực tiếp, bưu chính": shown["tiep_nhan_khac"].map(fmt.number),
        }
    )
    caption = say("phan_tich.truc_tuyen_bang", hien=len(shown), con_lai=len(t) - len(shown))
    return blocks + bk.table(
        table, caption, numeric=("Hồ sơ trực tiếp, bưu chính",), widths=(15, 37, 18, 14, 16)
    )


def _calendar(days: pd.DataFrame, counter: pd.DataFrame) -> list[Block]:
    """Receipts by weekday and channel, and the counter's by hour when the export gives the
    time of receipt (``counter``: its weekday × hour table)."""
    blocks = bk.heading(3, say("phan_tich.lich"))
    total = days[analysis.TOTAL]
    if total.sum():
        at_counter = days["truc_tiep"]
        blocks += bk.paragraphs(
            [
                say(
                    "phan_tich.lich_cau",
                    ngay_nhieu=total.idxmax(),
                    nhieu=int(total.max()),
                    ngay_quay=at_counter.idxmax(),
                    quay=int(at_counter.max()) if at_counter.sum() else None,
                )
            ]
        )
    table = pd.DataFrame({"Ngày": days.index})
    for key, label in c.KENH_NOP.items():
        table[label] = days[key].map(fmt.number).to_numpy()
    table["Tổng"] = total.map(fmt.number).to_numpy()
    widths = (1.2, *[1.0] * len(c.KENH_NOP), 1.0)
    blocks += bk.table(
        table, say("phan_tich.lich_bang"), numeric=tuple(table.columns[1:]), widths=widths
    )
    hours = [h for h in counter.columns if isinstance(h, int)]
    timed = counter[hours]
    if not total.sum():
        return blocks
    if not hours or not timed.to_numpy().sum():
        return blocks + bk.paragraphs([say("phan_tich.khong_gio")], "note")
    per_hour = timed.sum(axis=0)
    busiest = int(per_hour.idxmax())
    blocks += bk.paragraphs(
        [
            say(
                "phan_tich.gio_cau",
                gio=busiest,
                nhieu=int(per_hour.max()),
                ty_le=per_hour.max() / per_hour.sum(),
            )
        ]
    )
    # the grid itself as a chart only (HTML, PDF): as a table it took a page of its own, and
    # the sentence above names the hour to staff for in the DOCX too
    title = say("bieu_do.phan_tich_gio")
    blocks += bk.chart(lambda: charts.weekday_hours(counter, title), title)
    return blocks
