"""The city roll-up of a quarter and the tidy table of every figure."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from helpers import indicators, rollup
from helpers.blocks import Table
from helpers.io import read_workbook
from helpers.periods import Quarter
from workbooks import random_records, sample_workbook


def _unit(root, unit: str, q: str, seed: int, aggregate: bool = False):
    start, end = Quarter.parse(q).window()
    return sample_workbook(
        root / unit / f"{q}.xlsx",
        quarter=q,
        info={"tu_ngay": start, "den_ngay": end, "don_vi": f"Phường {unit.upper()}"},
        records=None if aggregate else random_records(150 + 40 * seed, seed, start, end),
        aggregate=aggregate,
    )


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = tmp_path_factory.mktemp("data")
    _unit(root, "an", "2026-Q1", 1)
    _unit(root, "binh", "2026-Q1", 2)
    _unit(root, "seed", "2026-Q1", 3, aggregate=True)  # the seed's figures: error findings
    _unit(root, "an", "2025-Q4", 4)
    (root / "hong").mkdir()
    (root / "hong" / "2026-Q1.xlsx").write_bytes(b"broken")
    return root


def _figures(root, unit, q="2026-Q1"):
    return indicators.compute(read_workbook(root / unit / f"{q}.xlsx", quarter=q))


def test_totals_add_flows_and_recompute_rates(data):
    r = rollup.collect(data, "2026-Q1")
    assert sorted(u.unit for u in r.units) == ["an", "binh", "seed"]
    assert list(r.unreadable) == ["hong"] and "không phải bảng tính" in r.unreadable["hong"]
    each = [_figures(data, u) for u in ("an", "binh", "seed")]
    t = r.totals()
    assert t["ho_so.tiep_nhan"] == sum(f["ho_so.tiep_nhan"] for f in each)
    assert t["ho_so.truc_tuyen"] == sum(f["ho_so.truc_tuyen"] for f in each)
    assert t["ho_so.ty_le_truc_tuyen"] == pytest.approx(
        t["ho_so.truc_tuyen"] / t["ho_so.tiep_nhan"]
    )
    assert t["don_vi.so_luong"] == 3 and t["don_vi.co_loi_so_lieu"] >= 1


def test_league_is_ranked_by_online_rate(data):
    league = rollup.collect(data, "2026-Q1").league()
    rates = list(league["ho_so.ty_le_truc_tuyen"])
    assert rates == sorted(rates, reverse=True)
    assert set(league["don_vi"]) == {"an", "binh", "seed"}
    assert int(league.set_index("don_vi").loc["seed", "loi"]) >= 1  # 884 parts vs 896 declared


def test_tidy_table_of_every_figure(data):
    table = rollup.tidy(data)
    assert list(table.columns) == ["don_vi", "ky", "ma", "gia_tri"]
    assert set(zip(table["don_vi"], table["ky"], strict=True)) == {
        ("an", "2025-Q4"), ("an", "2026-Q1"), ("binh", "2026-Q1"), ("seed", "2026-Q1"),
    }  # fmt: skip
    got = table[(table["don_vi"] == "an") & (table["ky"] == "2025-Q4")].set_index("ma")["gia_tri"]
    expected = _figures(data, "an", "2025-Q4")
    assert got.to_dict() == pytest.approx({k: float(v) for k, v in expected.items()})


@pytest.mark.kernel
def test_consolidate_writes_the_city_report(data, tmp_path):
    folder = rollup.consolidate("2026-Q1", data, tmp_path)
    assert folder == tmp_path / "tong-hop" / "2026-Q1"
    assert {p.name for p in folder.iterdir()} >= {"bao-cao.html", "bao-cao.pdf", "chi-so.json"}
    totals = json.loads((folder / "chi-so.json").read_text(encoding="utf-8"))
    assert totals["ky"] == "2026-Q1" and totals["don_vi.so_luong"] == 3
    html = (folder / "bao-cao.html").read_text(encoding="utf-8")
    assert "BÁO CÁO TỔNG HỢP" in html and "Xếp hạng các đơn vị" in html
    assert "Phường SEED" in html and "lỗi" in html and "hong" in html
    assert html.count('src="data:image/png;base64,') >= 2
    text = " ".join(p.extract_text() for p in PdfReader(folder / "bao-cao.pdf").pages)
    assert "BÁO CÁO TỔNG HỢP" in text


def test_consolidate_a_quarter_nobody_has_is_a_clear_error(data, tmp_path):
    with pytest.raises(rollup.WorkbookError, match="Không đơn vị nào"):
        rollup.consolidate("2024-Q1", data, tmp_path)
    assert not (tmp_path / "tong-hop").exists()


def test_units_are_ranked_by_the_service_index_estimate(data):
    r = rollup.collect(data, "2026-Q1")
    league = r.index_league()
    shares = list(league["ty_le_diem"])
    assert shares == sorted(shares, reverse=True)
    for row in league.itertuples():
        f = _figures(data, row.don_vi)
        assert row.diem == pytest.approx(f["chi_so_766.diem"])
        assert row.ty_le_diem == pytest.approx(
            f["chi_so_766.diem"] / f["chi_so_766.diem_co_so_lieu"]
        )
    # the aggregate-only unit measures fewer indicators than the units with records
    measured = dict(zip(league["don_vi"], league["co_so_lieu"], strict=True))
    assert measured["seed"] < measured["an"] == measured["binh"]
    section = rollup.index_section(r)
    assert "Xếp hạng theo Chỉ số phục vụ người dân, doanh nghiệp" in section.texts()[0]
    (table,) = [b for b in section.blocks if isinstance(b, Table)]
    assert list(table.frame["Đơn vị"]) == list(league["ten"])
