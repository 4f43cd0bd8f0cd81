"""Batch runs: discovery, the content-hash cache, failure isolation, the index, Dask."""

from __future__ import annotations

import re
import shutil

import pytest

from helpers import batch, cache
from helpers.periods import Quarter
from workbooks import random_records, sample_workbook

FAST = ("html",)  # the PDF and DOCX are tested elsewhere; here the batch mechanics matter


def _quarter_file(folder, q: str, seed: int, n: int = 120):
    start, end = Quarter.parse(q).window()
    return sample_workbook(
        folder / f"{q}.xlsx",
        quarter=q,
        info={"tu_ngay": start, "den_ngay": end},
        records=random_records(n, seed, start, end),
        aggregate=False,
    )


@pytest.fixture
def data(tmp_path):
    root = tmp_path / "data"
    _quarter_file(root / "xa-a", "2026-Q1", 1)
    _quarter_file(root / "xa-a", "2026-Q2", 2)
    _quarter_file(root / "xa-b", "2026-Q1", 3)
    (root / "khong-phai-don-vi").mkdir(parents=True)  # a folder with no workbook is no unit
    return root


def test_discover_every_unit_quarter_and_filters(data):
    jobs = batch.discover(data)
    # xa-a has both quarters of the first six months: its six-month report too; xa-b has not
    assert [(j.unit, j.quarter) for j in jobs] == [
        ("xa-a", "2026-Q1"),
        ("xa-b", "2026-Q1"),
        ("xa-a", "2026-Q2"),
        ("xa-a", "2026-6T"),
    ]
    assert [(j.unit, j.quarter) for j in batch.discover(data, units=["xa-b"])] == [
        ("xa-b", "2026-Q1")
    ]
    assert len(batch.discover(data, quarters=["2026-Q2"])) == 1
    assert [(j.unit, j.quarter) for j in batch.discover(data, quarters=["2026-6t"])] == [
        ("xa-a", "2026-6T")
    ]


@pytest.mark.kernel
def test_cache_skips_unchanged_and_rerenders_exactly_the_affected(data, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = batch.run_batch(data, out, jobs=2, formats=FAST)
    assert [o.status for o in first] == ["da_tao"] * 4
    assert (out / "xa-a" / "2026-6T" / "chi-so.json").is_file()
    second = batch.run_batch(data, out, jobs=2, formats=FAST)
    assert [o.status for o in second] == ["bo_qua"] * 4
    assert sum(o.seconds for o in second) < 0.2 * sum(o.seconds for o in first)

    # a changed input re-renders that quarter, the unit's later ones (they compare with it)
    # and the periods that add it up
    _quarter_file(data / "xa-a", "2026-Q1", 99)
    third = {(o.unit, o.quarter): o.status for o in batch.run_batch(data, out, formats=FAST)}
    assert third == {
        ("xa-a", "2026-Q1"): "da_tao",
        ("xa-a", "2026-Q2"): "da_tao",
        ("xa-a", "2026-6T"): "da_tao",
        ("xa-b", "2026-Q1"): "bo_qua",
    }
    # a period workbook (its metadata and narrative) re-renders only its period
    sample_workbook(data / "xa-a" / "2026-6T.xlsx", quarter="2026-6T")  # its thong_tin, noi_dung
    fourth = {(o.unit, o.quarter): o.status for o in batch.run_batch(data, out, formats=FAST)}
    assert [k for k, v in fourth.items() if v == "da_tao"] == [("xa-a", "2026-6T")]
    # changed code re-renders everything; --force too
    monkeypatch.setattr(cache, "source_hash", lambda *_: "another version of the code")
    assert {o.status for o in batch.run_batch(data, out, jobs=1, formats=FAST)} == {"da_tao"}
    assert {o.status for o in batch.run_batch(data, out, jobs=1, formats=FAST, force=True)} == {
        "da_tao"
    }


@pytest.mark.kernel
def test_a_broken_workbook_fails_alone(data, tmp_path):
    broken = data / "xa-b" / "2026-Q1.xlsx"
    broken.write_bytes(b"this is not a workbook")
    out = tmp_path / "out"
    outcomes = {(o.unit, o.quarter): o for o in batch.run_batch(data, out, jobs=2, formats=FAST)}
    failed = outcomes[("xa-b", "2026-Q1")]
    assert failed.status == "loi" and "không phải bảng tính" in failed.message
    assert outcomes[("xa-a", "2026-Q1")].status == "da_tao"
    assert outcomes[("xa-a", "2026-Q2")].status == "da_tao"
    assert not (out / "xa-b" / "2026-Q1").exists()
    table = batch.summary_table(list(outcomes.values()))
    assert "xa-b" in table and "Lỗi" in table and "1 lỗi." in table


@pytest.mark.kernel
def test_index_links_every_report_and_works_offline(data, tmp_path):
    out = tmp_path / "out"
    batch.run_batch(data, out, jobs=1, formats=("html", "docx"))
    html = (out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', html)
    assert sorted(link for link in links if link.endswith(".html")) == [
        "xa-a/2026-6T/bao-cao.html",
        "xa-a/2026-Q1/bao-cao.html",
        "xa-a/2026-Q2/bao-cao.html",
        "xa-b/2026-Q1/bao-cao.html",
    ]
    assert all((out / link).is_file() for link in links)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    rows = re.findall(
        r'<tr data-don-vi="([^"]+)">\s*<td>[^<]*</td><td class="ky">([^<]+)</td>', html
    )
    # newest first: the six months closed by Q2, then Q2
    assert [r[1] for r in rows[:2]] == ["6 tháng đầu năm 2026", "Quý II/2026"]
    assert '<option value="xa-a">' in html and '<option value="xa-b">' in html
    assert "lỗi" in html  # the findings count of each report


@pytest.mark.kernel
def test_batch_on_a_dask_cluster(data, tmp_path):
    distributed = pytest.importorskip("distributed")
    shutil.rmtree(data / "xa-b")
    out = tmp_path / "out"
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
    ):  # fmt: skip
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        outcomes = batch.run_batch(data, out, scheduler=cluster.scheduler_address, formats=FAST)
    assert [(o.unit, o.quarter, o.status) for o in outcomes] == [
        ("xa-a", "2026-Q1", "da_tao"),
        ("xa-a", "2026-Q2", "da_tao"),
        ("xa-a", "2026-6T", "da_tao"),
    ]
    assert (out / "xa-a" / "2026-Q2" / "bao-cao.html").is_file()
    assert (out / "index.html").is_file()
