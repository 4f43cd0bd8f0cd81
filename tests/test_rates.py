"""One definition per rate: every rate the figures hold is its parts' sums divided."""

from __future__ import annotations

import pytest
from test_service_index import records, write_unit

from helpers import indicators, rates, report
from helpers.io import read_workbook


@pytest.mark.parametrize("source", ["records", "aggregate"])
def test_every_rate_is_its_parts_divided(tmp_path, source):
    if source == "records":
        figures = indicators.compute(
            read_workbook(write_unit(tmp_path / "a.xlsx", records(300, 5)))
        )
    else:
        figures = report.build("phu-lien", "2026-Q1").figures
    checked = 0
    for key, value in figures.items():
        parts = rates.parts(key)
        if parts is None or not rates.is_rate(key):
            continue
        num, den = (rates.total(figures, keys) for keys in parts)
        if num is None or den is None:  # a rate only declared (chi_so «trên 80%»)
            assert key.startswith("chi_so.")
            continue
        assert value == pytest.approx(num / den), key
        checked += 1
    assert checked >= (8 if source == "records" else 6)


def test_the_count_still_missing_rounds_up_and_the_excess_down():
    assert rates.needed(0.7, 57566, 22581) == 17716  # 40.296,2 → 40.297 accounts
    assert rates.needed(0.5, 10, 5) == 0 and rates.needed(0.5, 10, 7) == 0
    assert rates.excess(0.05, 100, 7) == 2 and rates.excess(0.05, 100, 3) == 0
    assert rates.ratio(1, 0) is None and rates.ratio(None, 3) is None
