"""Periods longer than a quarter (six months, nine months, the year): their names, the files
they need, and their figures built from real quarter workbooks, checked against a computation
written here from the contract's definitions, independently of ``helpers``."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from helpers import discovery, indicators, trends
from helpers.errors import ParameterError
from helpers.io import read_workbook
from helpers.periods import Period, Quarter, order, parse_span
from helpers.text import normalize_key, slug
from workbooks import chained_unit, random_records, sample_workbook

# --- names and spans ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quarters", "label", "after"),
    [
        ("2026-6T", (1, 2), "6 tháng đầu năm 2026", "6 tháng cuối năm 2026"),
        ("2026-9t", (1, 2, 3), "9 tháng năm 2026", "Quý IV năm 2026"),
        ("2026", (1, 2, 3, 4), "Năm 2026", "Năm 2027"),
        ("2026-Q2", (2,), "Quý II năm 2026", "Quý III năm 2026"),
    ],
)
def test_a_period_names_its_quarters_and_what_comes_after(text, quarters, label, after):
    span = parse_span(text)
    assert span.quarters == tuple(Quarter(2026, n) for n in quarters)
    assert span.latest == Quarter(2026, quarters[-1])
    assert span.label == label
    assert span.next().label == after
    assert parse_span(str(span)) == span  # the file and folder name reads back
    assert span.same_period_last_year().quarters == tuple(Quarter(2025, n) for n in quarters)


def test_a_quarter_asked_as_a_period_is_the_quarter():
    assert parse_span("2026-Q2") == Quarter(2026, 2)
    assert str(parse_span("2026-6T")) == "2026-6T" and str(parse_span("2026")) == "2026"


@pytest.mark.parametrize("text", ["2026-5T", "2026-H1", "26-6T", "2026-Q5", ""])
def test_what_is_not_a_period_is_refused_with_the_accepted_forms(text):
    with pytest.raises(ValueError, match="YYYY-6T"):
        parse_span(text)


def test_the_window_runs_from_the_first_quarter_to_the_latest():
    assert Period(2026, 1, 2).window() == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert Period(2026, 1, 4).window("nd09") == (dt.date(2025, 12, 15), dt.date(2026, 12, 14))


def test_newest_first_puts_the_year_before_its_fourth_quarter():
    spans = [parse_span(t) for t in ("2026-Q3", "2026", "2026-9T", "2026-Q4", "2026-6T")]
    assert [str(s) for s in sorted(spans, key=order, reverse=True)] == [
        "2026", "2026-Q4", "2026-9T", "2026-Q3", "2026-6T",
    ]  # fmt: skip


# --- finding the quarters' files --------------------------------------------------------------


def _quarter(folder: Path, q: str, seed: int = 1) -> Path:
    start, end = Quarter.parse(q).window()
    return sample_workbook(
        folder / f"{q}.xlsx",
        quarter=q,
        info={"tu_ngay": start, "den_ngay": end},
        records=random_records(60, seed, start, end),
        aggregate=False,
    )


def test_a_missing_quarter_is_named_with_the_folder_looked_in(tmp_path):
    for q in ("2026-Q1", "2026-Q3"):
        _quarter(tmp_path / "xa-thu", q)
    with pytest.raises(ParameterError) as caught:
        discovery.span_files(tmp_path, "xa-thu", "2026-9T")
    message = str(caught.value)
    assert "9 tháng năm 2026" in message and "thiếu số liệu Quý II/2026" in message
    assert "2026-Q2.xlsx" in message and str(tmp_path / "xa-thu") in message
    assert "Các quý có: 2026-Q1, 2026-Q3" in message
    with pytest.raises(ParameterError, match=r"Quý II/2026, Quý IV/2026"):
        discovery.span_files(tmp_path, "xa-thu", "2026")
    files = discovery.span_files(tmp_path, "xa-thu", "2026-Q3")
    assert list(files) == [Quarter(2026, 3)]
    with pytest.raises(ParameterError, match="Không có đơn vị «xa-khac»"):
        discovery.span_files(tmp_path, "xa-khac", "2026-6T")


def test_complete_periods_are_those_whose_quarters_are_all_there(tmp_path):
    for q in ("2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"):
        _quarter(tmp_path / "xa-thu", q)
    (tmp_path / "xa-thu" / "2026-6T.xlsx").write_bytes(b"")  # a period workbook: no quarter
    (tmp_path / "xa-thu" / "~$2026-Q4.xlsx").write_bytes(b"")  # Excel's lock file
    assert [str(p) for p in discovery.complete_periods(tmp_path, "xa-thu")] == [
        "2026-6T", "2026-9T",
    ]  # fmt: skip
    assert discovery.list_quarters(tmp_path, "xa-thu")[-1] == Quarter(2026, 3)
    assert discovery.period_file(tmp_path / "xa-thu", Period(2026, 1, 2)) is not None
    assert discovery.period_file(tmp_path / "xa-thu", Period(2026, 1, 3)) is None
    assert discovery.is_period_file(Path("2026-6T.xlsx")) and discovery.is_period_file(
        Path("2026.xlsm")
    )
    assert not discovery.is_period_file(Path("2026-Q1.xlsx"))


# --- every figure has a kind --------------------------------------------------------------------


def test_every_figure_a_workbook_gives_has_a_kind(tmp_path):
    from test_service_index import procedures, records, write_unit

    rich = indicators.compute(read_workbook(write_unit(tmp_path / "a.xlsx", records(200, 3))))
    aggregate = indicators.compute(read_workbook(sample_workbook(tmp_path / "b.xlsx")))
    assert procedures  # the generator of every optional column
    unknown = sorted(k for k in {**rich, **aggregate} if trends.kind_of(k) is None)
    assert unknown == []
    for key, (_, kind) in trends.TRACKED.items():
        assert trends.kind_of(key) == kind
    assert trends.kind_of("ho_so.ky_truoc_chuyen_sang") == "first"
    assert trends.kind_of("ho_so.dang_qua_han") == "stock"
    assert trends.kind_of("ho_so.he_thong.bo_tu_phap.tiep_nhan") == "flow"
    assert trends.kind_of("ho_so.he_thong.bo_tu_phap.dang_qua_han") == "stock"
    assert trends.kind_of("thu_tuc.truc_tuyen_co_ho_so") == "distinct"
    assert trends.kind_of("chi_tieu.muc_tieu.mt11.gia_tri") == "derived"
    assert trends.kind_of("chi_tieu.muc_tieu.hoan_thanh") == "stock"


def test_combine_adds_flows_keeps_stocks_and_recomputes_rates():
    q1 = {
        "ho_so.ky_truoc_chuyen_sang": 5, "ho_so.tiep_nhan": 100, "ho_so.truc_tuyen": 80,
        "ho_so.truoc_han": 50, "ho_so.dung_han": 20, "ho_so.qua_han": 10,
        "ho_so.da_giai_quyet": 80, "ho_so.dang_trong_han": 15, "ho_so.dang_qua_han": 0,
        "ho_so.dang_giai_quyet": 15, "ho_so.rut_tu_choi": 10, "ho_so.ty_le_truc_tuyen": 0.8,
        "thu_tuc.tong": 10, "thu_tuc.toan_trinh": 5, "ho_so.he_thong.bo_y_te.tiep_nhan": 7,
        "chi_so.qr.ty_le": 0.7, "chi_so.qr.ty_le_bao_cao": 0.7,
    }  # fmt: skip
    q2 = {
        "ho_so.ky_truoc_chuyen_sang": 15, "ho_so.tiep_nhan": 300, "ho_so.truc_tuyen": 150,
        "ho_so.truoc_han": 200, "ho_so.dung_han": 0, "ho_so.qua_han": 50,
        "ho_so.da_giai_quyet": 250, "ho_so.dang_trong_han": 40, "ho_so.dang_qua_han": 5,
        "ho_so.dang_giai_quyet": 45, "ho_so.rut_tu_choi": 20, "ho_so.ty_le_truc_tuyen": 0.5,
        "thu_tuc.tong": 20, "thu_tuc.toan_trinh": 15, "chi_so.qr.ty_le": 0.9,
        "chi_so.qr.ty_le_bao_cao": 0.9,
    }  # fmt: skip
    p = trends.combine([q1, q2])
    assert p["ho_so.tiep_nhan"] == 400 and p["ho_so.da_giai_quyet"] == 330
    assert p["ho_so.ky_truoc_chuyen_sang"] == 5  # the first quarter's
    assert p["ho_so.dang_giai_quyet"] == 45 and p["ho_so.dang_qua_han"] == 5  # the latest's
    assert p["ho_so.ty_le_truc_tuyen"] == pytest.approx(230 / 400)  # not (0,8 + 0,5) / 2
    assert p["ho_so.ty_le_dung_han"] == pytest.approx(270 / 330)
    assert p["ho_so.chi_so_tien_do"] == pytest.approx((270 + 40) / (5 + 400))
    assert p["thu_tuc.tong"] == 20 and p["thu_tuc.ty_le_toan_trinh"] == pytest.approx(0.75)
    assert p["ho_so.he_thong.bo_y_te.tiep_nhan"] == 7  # a system absent in Q2 received none
    assert p["chi_so.qr.ty_le"] == 0.9  # a rate only declared: the latest quarter's
    assert "thu_tuc.truc_tuyen_co_ho_so" not in p  # distinct procedures: never added up
    # a flow one quarter does not state is not guessed
    assert "ho_so.so_hoa" not in trends.combine([q1, {**q2, "ho_so.so_hoa": 3}])


# --- the property: a period built from its quarters is the period of their records -----------

FLOWS = ("tiep_nhan", "truc_tuyen", "truc_tiep_buu_chinh", "truoc_han", "dung_han", "qua_han",
         "rut_tu_choi", "so_hoa")  # fmt: skip


def direct(rows_by_quarter: dict[str, list[list[object]]], start: dt.date, end: dt.date):
    """The period's flows straight from its quarters' dossier lists: one row per ``ma_ho_so``
    (the latest quarter's), classified by the contract's rules over the period's window."""
    latest: dict[str, list[object]] = {}
    for q in sorted(rows_by_quarter):
        for row in rows_by_quarter[q]:
            latest[row[0]] = row
    out = dict.fromkeys((*FLOWS, "ky_truoc_chuyen_sang", "dang_trong_han", "dang_qua_han"), 0)
    systems: dict[str, int] = {}
    online_procedures: set[str] = set()
    for row in latest.values():
        _, proc, _, system, channel, received, deadline, result, status, digitized = row
        carried = received < start and (result is None or result >= start)
        got = start <= received <= end
        if not (carried or got):
            continue
        closed_in = result is not None and start <= result <= end
        resolved = status == "da_giai_quyet" and closed_in
        withdrawn = status in ("rut", "tu_choi") and (closed_in or result is None)
        out["ky_truoc_chuyen_sang"] += carried
        if got:
            out["tiep_nhan"] += 1
            systems[system] = systems.get(system, 0) + 1
            online = channel == "truc_tuyen"
            out["truc_tuyen" if online else "truc_tiep_buu_chinh"] += 1
            if online:
                online_procedures.add(normalize_key(proc))
        if resolved:
            if deadline is None or result == deadline:
                out["dung_han"] += 1
            else:
                out["truoc_han" if result < deadline else "qua_han"] += 1
            out["so_hoa"] += bool(digitized)
        elif withdrawn:
            out["rut_tu_choi"] += 1
        elif deadline is not None and deadline < end:
            out["dang_qua_han"] += 1
        else:
            out["dang_trong_han"] += 1
    return out, systems, online_procedures


def _period(folder: Path, period: Period) -> indicators.Figures:
    workbooks = [read_workbook(folder / f"{q}.xlsx", quarter=q) for q in period.quarters]
    return trends.period_figures(workbooks, [indicators.compute(wb) for wb in workbooks])


# every example writes and reads real workbooks; a seed has nothing to shrink towards
@pytest.mark.slow
@settings(
    max_examples=12,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(1, 120),
    last=st.sampled_from([2, 3, 4]),
)
def test_a_period_built_from_its_quarters_is_the_period_of_their_records(seed, n, last):
    period = Period(2026, 1, last)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "xa-thu"
        rows = chained_unit(folder, [str(q) for q in period.quarters], seed=seed, n=n)
        assume(all(rows.values()))  # an empty dossier list gives no dossier figures at all
        figures = _period(folder, period)
        latest = indicators.compute(read_workbook(folder / f"{period.latest}.xlsx"))
    start, end = period.window()
    flows, systems, online = direct(rows, start, end)
    for key, value in flows.items():
        assert figures[f"ho_so.{key}"] == value, key
    for system, value in systems.items():
        assert figures[f"ho_so.he_thong.{slug(system)}.tiep_nhan"] == value, system
    resolved = flows["truoc_han"] + flows["dung_han"] + flows["qua_han"]
    assert figures["ho_so.da_giai_quyet"] == resolved
    assert figures.get("ho_so.ty_le_truc_tuyen") == (
        pytest.approx(flows["truc_tuyen"] / flows["tiep_nhan"]) if flows["tiep_nhan"] else None
    )
    # stocks are the latest quarter's, and so is what is judged from the procedure list
    for key in ("thu_tuc.tong", "thu_tuc.toan_trinh", "chi_so.vneid_so_suc_khoe",
                "chi_tieu.muc_tieu.hoan_thanh", "ho_so.dang_giai_quyet"):  # fmt: skip
        assert figures[key] == latest[key], key
    listed = {normalize_key(f"TT{i:04d}") for i in range(1, latest["thu_tuc.truc_tuyen"] + 1)}
    assert figures["thu_tuc.truc_tuyen_co_ho_so"] == len(listed & online)
