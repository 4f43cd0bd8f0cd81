"""Change on last quarter and year to date, across a unit's real quarterly files."""

from __future__ import annotations

import pytest

from helpers import comparisons, indicators, report, trends
from helpers.blocks import Chart
from helpers.io import read_workbook
from helpers.periods import Quarter
from workbooks import random_records, sample_workbook


def _quarter_file(folder, q: str, seed: int):
    start, end = Quarter.parse(q).window()
    return sample_workbook(
        folder / f"{q}.xlsx",
        quarter=q,
        info={"tu_ngay": start, "den_ngay": end},
        records=random_records(300 + 50 * seed, seed, start, end),
        aggregate=False,
    )


@pytest.fixture(scope="module")
def unit(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data") / "xa-thu"
    for seed, q in enumerate(("2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"), start=1):
        _quarter_file(folder, q, seed)
    return folder


def _figures(folder, q):
    return indicators.compute(read_workbook(folder / f"{q}.xlsx", quarter=q))


def test_year_to_date_sums_flows_keeps_stocks_and_recomputes_rates(unit):
    h = trends.history(unit, Quarter(2026, 3))
    assert sorted(map(str, h.figures)) == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
    ytd = trends.year_to_date(h)
    q = [_figures(unit, f"2026-Q{n}") for n in (1, 2, 3)]
    assert ytd["ho_so.tiep_nhan"] == sum(f["ho_so.tiep_nhan"] for f in q)
    assert ytd["ho_so.da_giai_quyet"] == sum(f["ho_so.da_giai_quyet"] for f in q)
    assert ytd["ho_so.dang_giai_quyet"] == q[-1]["ho_so.dang_giai_quyet"]  # a stock
    assert ytd["thu_tuc.tong"] == q[-1]["thu_tuc.tong"]
    online = sum(f["ho_so.truc_tuyen"] for f in q) / sum(f["ho_so.tiep_nhan"] for f in q)
    assert ytd["ho_so.ty_le_truc_tuyen"] == pytest.approx(online)
    in_time = sum(f["ho_so.truoc_han"] + f["ho_so.dung_han"] for f in q)
    assert ytd["ho_so.ty_le_dung_han"] == pytest.approx(in_time / ytd["ho_so.da_giai_quyet"])
    # 2025-Q4 belongs to last year: not in this year's sum
    assert ytd["ho_so.tiep_nhan"] != sum(
        f["ho_so.tiep_nhan"] for f in [*q, _figures(unit, "2025-Q4")]
    )


def test_change_on_previous_quarter(unit):
    h = trends.history(unit, Quarter(2026, 1))
    table = trends.change_table(h).set_index("ma")
    now, before = _figures(unit, "2026-Q1"), _figures(unit, "2025-Q4")
    row = table.loc["ho_so.tiep_nhan"]
    assert row["ky_nay"] == now["ho_so.tiep_nhan"] and row["ky_truoc"] == before["ho_so.tiep_nhan"]
    assert row["thay_doi"] == now["ho_so.tiep_nhan"] - before["ho_so.tiep_nhan"]
    assert row["thay_doi_pt"] == pytest.approx(row["thay_doi"] / before["ho_so.tiep_nhan"])
    # Q1: the year to date is the quarter itself
    assert row["luy_ke"] == now["ho_so.tiep_nhan"]


def test_no_predecessor_is_said_not_failed(unit, tmp_path):
    folder = tmp_path / "xa-moi"
    _quarter_file(folder, "2026-Q2", 7)
    rep = report.prepare("xa-moi", "2026-Q2", str(tmp_path))
    section = comparisons.trends_section(rep)
    texts = " ".join(section.texts())
    assert "Chưa có số liệu Quý I/2026" in texts
    assert "thiếu số liệu Quý I/2026" in texts  # year to date is incomplete, and says so
    assert not [b for b in section if isinstance(b, Chart)]


def test_section_sentences_and_charts(unit):
    rep = report.prepare("xa-thu", "2026-Q2", str(unit.parent))
    section = comparisons.trends_section(rep)
    texts = " ".join(section.texts())
    before, now = _figures(unit, "2026-Q1"), _figures(unit, "2026-Q2")
    delta = now["ho_so.tiep_nhan"] - before["ho_so.tiep_nhan"]
    word = "tăng" if delta > 0 else "giảm"
    assert f"So với Quý I/2026: hồ sơ tiếp nhận {word}" in texts
    assert "Lũy kế từ đầu năm 2026 (2 quý)" in texts
    charts = [b for b in section if isinstance(b, Chart)]
    assert len(charts) == 2 and all(c.png.startswith(b"\x89PNG") for c in charts)


def test_an_unreadable_quarter_is_listed_not_fatal(unit, tmp_path):
    folder = tmp_path / "xa-thu"
    folder.mkdir()
    for q in ("2026-Q1", "2026-Q2"):
        (folder / f"{q}.xlsx").write_bytes((unit / f"{q}.xlsx").read_bytes())
    (folder / "2025-Q4.xlsx").write_bytes(b"not a workbook")
    h = trends.history(folder, Quarter(2026, 2))
    assert h.unreadable == [Quarter(2025, 4)]
    assert sorted(map(str, h.figures)) == ["2026-Q1", "2026-Q2"]
