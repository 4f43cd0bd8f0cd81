"""helpers.analysis on real workbooks of generated records, each table against a computation
in plain Python here (from the rows written, not from the code under test); the annex built
from a report, a period's annex over its whole window."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import Counter

import pandas as pd
import pytest

from helpers import analysis, analysis_annex, charts, config, indicators, report
from helpers.blocks import Chart, Table
from helpers.io import read_workbook
from workbooks import chained_unit, random_records, sample_workbook, timed_records

START, END = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
SPLIT = {"toan_trinh": 30, "mot_phan": 20, "truc_tiep": 5}  # TT0041–TT0050: online, unused
ONLINE_LEVELS = ("toan_trinh", "mot_phan")


ROWS = timed_records(600, 14, START, END)


@pytest.fixture(scope="module")
def wb(tmp_path_factory):
    path = tmp_path_factory.mktemp("analysis") / "2026-Q1.xlsx"
    return read_workbook(
        sample_workbook(path, records=ROWS, aggregate=False, procedures=SPLIT), quarter="2026-Q1"
    )


@pytest.fixture(scope="module")
def data(wb):
    return wb.table("ho_so"), START, END


# --- the same definitions, in plain Python over the rows written -------------------------


def _day(value: object) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value  # type: ignore[return-value]


def _fields(r: list[object]) -> dict[str, object]:
    code, proc, field, _, channel, received, deadline, result, status, _ = r
    return {
        "proc": proc, "field": field, "channel": channel, "received": _day(received),
        "time": received.time() if isinstance(received, dt.datetime) else None,
        "deadline": deadline, "result": result, "status": status,
    }  # fmt: skip


DOSSIERS = [_fields(r) for r in ROWS]  # random_records: codes unique, every row counted


def _received(d) -> bool:
    return START <= d["received"] <= END


def _resolved(d) -> bool:
    return (
        d["status"] == "da_giai_quyet"
        and d["result"] is not None
        and START <= d["result"] <= END
        and d["received"] <= END
    )


def _late(d) -> bool:
    return _resolved(d) and d["deadline"] is not None and d["result"] > d["deadline"]


def _overdue(d) -> bool:
    carried = d["received"] < START and (d["result"] is None or d["result"] >= START)
    if not (_received(d) or carried) or _resolved(d):
        return False
    closed = d["result"] is None or START <= d["result"] <= END
    if d["status"] in ("rut", "tu_choi") and closed:
        return False
    return d["deadline"] is not None and d["deadline"] < END


# --- each function ------------------------------------------------------------------------


def test_monthly_receipts_by_channel(data, wb):
    t = analysis.monthly_receipts(*data)
    expected = Counter((d["received"].month, d["channel"]) for d in DOSSIERS if _received(d))
    assert [str(m) for m in t.index] == ["2026-01", "2026-02", "2026-03"]
    for m in t.index:
        for channel in ("truc_tuyen", "truc_tiep", "buu_chinh"):
            assert t.loc[m, channel] == expected[(m.month, channel)]
        assert t.loc[m, "tong"] == sum(v for (mm, _), v in expected.items() if mm == m.month)
    assert t["tong"].sum() == indicators.compute(wb)["ho_so.tiep_nhan"]  # the report's figure


def test_processing_times_by_field(data, wb):
    t = analysis.processing_times(*data)
    for field in ("Hộ tịch", "Đất đai", "Chứng thực"):
        done = [d for d in DOSSIERS if d["field"] == field and _resolved(d)]
        row = t.loc[field]
        assert row["da_giai_quyet"] == len(done)
        assert row["qua_han"] == sum(_late(d) for d in done)
        assert row["ty_le_qua_han"] == pytest.approx(row["qua_han"] / len(done))
        taken = [(d["result"] - d["received"]).days for d in done]
        allowed = [(d["deadline"] - d["received"]).days for d in done if d["deadline"]]
        assert row["so_ngay_trung_vi"] == statistics.median(taken)
        assert row["han_trung_vi"] == statistics.median(allowed)
    figures = indicators.compute(wb)
    assert t["da_giai_quyet"].sum() == figures["ho_so.da_giai_quyet"]
    assert t["qua_han"].sum() == figures["ho_so.qua_han"]
    overall = analysis.processing_times(*data, by=None)
    assert overall["da_giai_quyet"].tolist() == [figures["ho_so.da_giai_quyet"]]


def test_a_small_group_keeps_its_counts_but_no_median(data):
    by_procedure = analysis.processing_times(*data, by="ma_thu_tuc")
    small = by_procedure[by_procedure["da_giai_quyet"] < analysis.MIN_GROUP]
    large = by_procedure[by_procedure["da_giai_quyet"] >= analysis.MIN_GROUP]
    assert len(small) and len(large)
    assert small["so_ngay_trung_vi"].isna().all() and small["han_trung_vi"].isna().all()
    assert large["so_ngay_trung_vi"].notna().all()


def test_filters_fold_names_and_codes(data):
    t = analysis.processing_times(*data, linh_vuc="ho tich")
    assert list(t.index) == ["Hộ tịch"]
    months = analysis.monthly_receipts(*data, ma_thu_tuc="tt0007")
    assert months["tong"].sum() == sum(
        1 for d in DOSSIERS if _received(d) and d["proc"] == "TT0007"
    )


def test_late_procedures_rank_late_and_overdue_dossiers(data, wb):
    t = analysis.late_procedures(data[0], wb.table("thu_tuc"), START, END, top_n=5)
    late = Counter(d["proc"] for d in DOSSIERS if _late(d))
    overdue = Counter(d["proc"] for d in DOSSIERS if _overdue(d))
    totals = {p: late[p] + overdue[p] for p in set(late) | set(overdue)}
    assert len(t) == 5
    assert t["tong"].tolist() == sorted(totals.values(), reverse=True)[:5]
    for r in t.itertuples():
        assert (r.qua_han, r.dang_qua_han) == (late[r.ma_thu_tuc], overdue[r.ma_thu_tuc])
        assert r.ten_thu_tuc == f"Thủ tục số {int(r.ma_thu_tuc[2:])}"  # the name from thu_tuc
    every = analysis.late_procedures(data[0], wb.table("thu_tuc"), START, END, top_n=1000)
    assert len(every) == len(totals)
    figures = indicators.compute(wb)
    assert every["qua_han"].sum() == figures["ho_so.qua_han"]
    assert every["dang_qua_han"].sum() == figures["ho_so.dang_qua_han"]


def test_idle_online_procedures(data, wb):
    procedures = wb.table("thu_tuc")
    t = analysis.idle_online_procedures(data[0], procedures, START, END)
    used = {d["proc"] for d in DOSSIERS if _received(d) and d["channel"] == "truc_tuyen"}
    online = [
        (r.ma_thu_tuc, r.muc_do) for r in procedures.itertuples() if r.muc_do in ONLINE_LEVELS
    ]
    assert sorted(t["ma_thu_tuc"]) == sorted(code for code, _ in online if code not in used)
    assert {f"TT{i:04d}" for i in range(41, 51)} <= set(t["ma_thu_tuc"])  # no dossier at all
    counter = Counter(d["proc"] for d in DOSSIERS if _received(d))
    assert all(counter[r.ma_thu_tuc] == r.tiep_nhan_khac for r in t.itertuples())
    assert t["tiep_nhan_khac"].is_monotonic_decreasing  # the counter's most used first
    figures = indicators.compute(wb)
    assert len(t) == figures["thu_tuc.truc_tuyen"] - figures["thu_tuc.truc_tuyen_co_ho_so"]
    only_civil = analysis.idle_online_procedures(
        data[0], procedures, START, END, linh_vuc="hộ tịch"
    )
    assert set(only_civil["linh_vuc"]) == {"Hộ tịch"}


def test_receipts_by_weekday_and_hour(data):
    t = analysis.receipts_by_weekday_hour(*data)
    received = [d for d in DOSSIERS if _received(d)]
    timed = Counter((d["received"].weekday(), d["time"].hour) for d in received if d["time"])
    untimed = Counter(d["received"].weekday() for d in received if not d["time"])
    assert list(t.index) == [
        "Thứ Hai",
        "Thứ Ba",
        "Thứ Tư",
        "Thứ Năm",
        "Thứ Sáu",
        "Thứ Bảy",
        "Chủ nhật",
    ]
    assert [h for h in t.columns if isinstance(h, int)] == list(range(7, 17))
    for day in range(7):
        for hour in range(7, 17):
            assert t.iloc[day][hour] == timed[(day, hour)]
        assert t.iloc[day][analysis.NO_TIME] == untimed[day]
    assert t["tong"].sum() == len(received)
    counter = analysis.receipts_by_weekday_hour(*data, kenh_nop="truc_tiep")
    assert counter["tong"].sum() == sum(d["channel"] == "truc_tiep" for d in received)


def test_receipts_by_weekday_and_channel(data):
    t = analysis.receipts_by_weekday(*data)
    expected = Counter((d["received"].weekday(), d["channel"]) for d in DOSSIERS if _received(d))
    assert list(t.columns) == ["truc_tuyen", "truc_tiep", "buu_chinh", "tong"]
    for day in range(7):
        for channel in ("truc_tuyen", "truc_tiep", "buu_chinh"):
            assert t.iloc[day][channel] == expected[(day, channel)]
    assert t["tong"].tolist() == analysis.receipts_by_weekday_hour(*data)["tong"].tolist()


def test_without_receipt_times_only_the_weekdays(tmp_path):
    rows = random_records(80, 5, START, END)
    records = read_workbook(sample_workbook(tmp_path / "d.xlsx", records=rows)).table("ho_so")
    assert not analysis.has_receipt_times(records)
    t = analysis.receipts_by_weekday_hour(records, START, END)
    assert list(t.columns) == [analysis.NO_TIME, "tong"]


def test_no_output_names_a_dossier(data, wb):
    """Aggregates only: no dossier code in any table, index or column."""
    records, procedures = data[0], wb.table("thu_tuc")
    tables = [
        analysis.monthly_receipts(*data),
        analysis.processing_times(*data),
        analysis.processing_times(*data, by="ma_thu_tuc"),
        analysis.late_procedures(records, procedures, START, END, top_n=1000),
        analysis.idle_online_procedures(records, procedures, START, END),
        analysis.receipts_by_weekday_hour(*data),
        analysis.receipts_by_weekday(*data),
    ]
    codes = set(records["ma_ho_so"])
    for t in tables:
        cells = {str(v) for v in t.to_numpy().ravel()} | {str(v) for v in t.index}
        assert not cells & codes and "ma_ho_so" not in t.columns


def test_an_aggregate_only_unit_has_no_records_to_analyse(tmp_path):
    wb = read_workbook(sample_workbook(tmp_path / "a.xlsx"))
    with pytest.raises(analysis.NoRecords, match="không có danh sách hồ sơ"):
        analysis.records_of(wb)


def test_the_chart_builders_take_the_tables(data):
    for fig in (
        charts.monthly_channels(analysis.monthly_receipts(*data)),
        charts.late_shares(analysis.processing_times(*data)),
        charts.weekday_hours(analysis.receipts_by_weekday_hour(*data)),
    ):
        assert charts.to_png(fig).startswith(b"\x89PNG")


# --- the annex ----------------------------------------------------------------------------


def test_the_annex_of_a_record_level_report(tmp_path):
    path = tmp_path / "xa-thu" / "2026-Q1.xlsx"
    sample_workbook(path, records=ROWS, aggregate=False, procedures=SPLIT)
    rep = report.build("xa-thu", "2026-Q1", tmp_path)
    [annex] = analysis_annex.sections(rep)
    assert annex.annex and not annex.web_only  # filed with the report: in the DOCX too
    texts = annex.texts()
    assert texts[0] == "PHỤ LỤC. PHÂN TÍCH HỒ SƠ"
    assert any(t.startswith("5. Hồ sơ tiếp nhận theo ngày trong tuần") for t in texts)
    tables = [b for b in annex.blocks if isinstance(b, Table)]
    assert len(tables) == 5  # months, times, late, idle, weekdays
    # weekday × hour; a quarter's three months are a table only
    assert [b.caption for b in annex.blocks if isinstance(b, Chart)] == [
        "Hồ sơ nộp trực tiếp theo ngày trong tuần và khung giờ"
    ]
    shown = report.outline(rep)
    assert annex.texts() in [s.texts() for s in shown]
    assert analysis_annex.sections(rep, analysis_on=False) == []
    assert not any(
        "PHÂN TÍCH HỒ SƠ" in t for s in report.outline(rep, analysis=False) for t in s.texts()
    )


def test_the_annex_tables_are_laid_out_from_their_columns_widths(tmp_path):
    """Printed, a table with widths is laid out once from them (table-layout: fixed), not
    measured cell by cell; the DOCX gives its columns the same shares."""
    from docx import Document

    from helpers import blocks, word

    path = tmp_path / "xa-thu" / "2026-Q1.xlsx"
    sample_workbook(path, records=ROWS, aggregate=False, procedures=SPLIT)
    rep = report.build("xa-thu", "2026-Q1", tmp_path)
    [annex] = analysis_annex.sections(rep)
    tables = [b for b in annex.blocks if isinstance(b, Table)]
    for t in tables:
        assert len(t.widths) == len(t.frame.columns), t.caption
        assert sum(t.widths) == pytest.approx(1)
        html = str(blocks.block_html(t))
        assert html.count("<col ") == len(t.frame.columns)
        assert '<table class="co-dinh"><colgroup>' in html
        shown = [float(w) for w in re.findall(r'<col style="width: ([\d.]+)%">', html)]
        assert sum(shown) == pytest.approx(100, abs=0.3)
        assert shown == pytest.approx([w * 100 for w in t.widths], abs=0.05)
    times = next(t for t in tables if t.frame.columns[0] == "Lĩnh vực")
    assert times.widths[0] == max(times.widths)  # the field's name, the widest column
    css = (config.TEMPLATES_DIR / "nbconvert" / "bao_cao" / "bao_cao.css").read_text(
        encoding="utf-8"
    )
    printed = css[css.rindex("@media print") :]
    assert "table.co-dinh { table-layout: fixed; }" in printed
    # a table without widths is fitted to its text, as before
    plain = str(blocks.block_html(blocks.table(times.frame, "x")[0]))
    assert "<colgroup>" not in plain and '<div class="bang" tabindex="0"' in plain
    with pytest.raises(ValueError, match="6 positive widths"):
        blocks.table(times.frame, "x", widths=(1, 2))
    docx = Document(report.write_docx(rep, tmp_path / "bao-cao.docx"))
    [printed_times] = [
        t
        for t in docx.tables
        if [c.text for c in t.rows[0].cells[:2]] == ["Lĩnh vực", "Đã giải quyết"]
    ]
    for row in printed_times.rows:
        for cell, share in zip(row.cells, times.widths, strict=True):
            assert cell.width == pytest.approx(word.TEXT_WIDTH * share, abs=635)  # a twip


def test_an_annex_of_a_quarter_without_any_dossier_says_so(tmp_path):
    """Records that all closed before the window, no online procedure: every part says what
    it found, none fails."""
    rows = random_records(50, 1, dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    for r in rows:
        r[7], r[8] = r[5] + dt.timedelta(days=1), "da_giai_quyet"
    split = {"toan_trinh": 0, "mot_phan": 0, "truc_tiep": 5}
    sample_workbook(
        tmp_path / "u" / "2026-Q1.xlsx", records=rows, aggregate=False, procedures=split
    )
    [annex] = analysis_annex.sections(report.build("u", "2026-Q1", tmp_path))
    texts = annex.texts()
    assert "Trong kỳ chưa có hồ sơ nào được giải quyết." in texts
    assert "Không có hồ sơ giải quyết quá hạn hay đang quá hạn." in texts
    assert "Đơn vị chưa công bố thủ tục nào cung cấp trực tuyến." in texts
    assert not any("không ghi giờ" in t for t in texts)  # no dossier, not a missing time


def test_no_annex_for_an_aggregate_only_unit():
    rep = report.build("phu-lien", "2026-Q1")
    assert analysis_annex.sections(rep) == []
    assert not any("PHÂN TÍCH HỒ SƠ" in t for s in report.outline(rep) for t in s.texts())


def test_a_periods_annex_covers_every_quarter(tmp_path):
    chained_unit(tmp_path / "xa-ky", ["2026-Q1", "2026-Q2"], n=300)
    rep = report.build("xa-ky", "2026-6T", tmp_path)
    records = rep.workbook.table("ho_so")
    start, end = rep.info["tu_ngay"], rep.info["den_ngay"]
    assert (start, end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    months = analysis.monthly_receipts(records, start, end)
    assert len(months) == 6 and months.loc[pd.Period("2026-05", "M"), "tong"] > 0
    assert months["tong"].sum() == rep.figures["ho_so.tiep_nhan"]  # the quarters' sum
    times = analysis.processing_times(records, start, end, by=None)
    assert times["da_giai_quyet"].iloc[0] == rep.figures["ho_so.da_giai_quyet"]
    [annex] = analysis_annex.sections(rep)
    assert any("6 tháng đầu năm 2026" in t for t in annex.texts())
    charts_drawn = [b.caption for b in annex.blocks if isinstance(b, Chart)]
    assert "Hồ sơ tiếp nhận theo tháng và kênh nộp" in charts_drawn  # six months: a chart too
