"""Derived figures checked against an independent, plain-Python count of the generated rows.

Each workbook is written as a real .xlsx, read with read_workbook and computed with
indicators.compute; the expected figures come from loops over the raw rows that were written,
following the contract's definitions, never from the package's own code.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter
from pathlib import Path

import pytest

from helpers.indicators import compute, to_json
from helpers.io import read_workbook
from workbooks import HO_SO_HEADERS, random_records, sample_workbook

D = dt.date
DAY = dt.timedelta(days=1)

# The contract's codes, written out again here so the oracle does not share the reader's tables.
STATUS = {
    "da_giai_quyet": "da_giai_quyet",
    "dang_giai_quyet": "dang_giai_quyet",
    "rut": "rut",
    "tu_choi": "tu_choi",
    9: "da_giai_quyet",
    10: "da_giai_quyet",
    7: "rut",
    2: "dang_giai_quyet",
    4: "dang_giai_quyet",
    3: "excluded",  # not received
    1: "excluded",  # submitted, not yet received
}
ONLINE = {"truc_tuyen", 2}
YES = {True, "có", "x"}
SYSTEM_SLUG = {
    "Thành phố": "thanh_pho",
    "Bộ Tư pháp": "bo_tu_phap",
    "Bộ Tài chính": "bo_tai_chinh",
    "Bộ Công an": "bo_cong_an",
}


def as_date(cell: object) -> dt.date | None:
    """The calendar day a generated cell stands for (the oracle's own, tiny parser)."""
    if cell is None:
        return None
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    day, month, year = map(int, str(cell).split("/"))
    return dt.date(year, month, day)


def expected_figures(rows: list[list[object]], start: dt.date, end: dt.date) -> dict:
    """Every ho_so.* figure, counted row by row from the contract's definitions."""
    n = Counter()
    per_system = Counter()
    cases = Counter()  # which situations the rows cover, for the coverage assertions
    for _ma, _tt, _lv, system, channel, rec, deadline, result, code, digit in rows:
        received_on, deadline, result = as_date(rec), as_date(deadline), as_date(result)
        status = STATUS[code]
        if status == "excluded":
            # "not received" (code 3) is counted apart, for the dossiers of the window
            n["khong_tiep_nhan"] += code == 3 and start <= received_on <= end
            cases["excluded"] += 1
            continue
        received = start <= received_on <= end
        carried = received_on < start and (result is None or result >= start)
        if received_on > end:
            cases["received after den_ngay"] += 1
        if received_on < start and not carried:
            cases["closed before tu_ngay"] += 1
        if not (received or carried):
            continue
        if received:
            n["tiep_nhan"] += 1
            per_system[SYSTEM_SLUG[system]] += 1
            if channel in ONLINE:
                n["truc_tuyen"] += 1
            else:
                n["truc_tiep_buu_chinh"] += 1
            cases[f"channel {channel}"] += 1
        else:
            n["ky_truoc_chuyen_sang"] += 1
            cases["carried over"] += 1
        closed_in_window = result is not None and start <= result <= end
        if status == "da_giai_quyet" and closed_in_window:
            if deadline is None:
                n["dung_han"] += 1
                cases["resolved, no deadline"] += 1
            elif result < deadline:
                n["truoc_han"] += 1
            elif result == deadline:
                n["dung_han"] += 1
                cases["resolved on the deadline"] += 1
            else:
                n["qua_han"] += 1
            n["so_hoa"] += digit in YES
            if not received:
                cases["carried over, resolved"] += 1
        elif status in ("rut", "tu_choi") and (result is None or closed_in_window):
            n["rut_tu_choi"] += 1
            cases[f"{status} {'undated' if result is None else 'dated'}"] += 1
        else:
            if deadline is not None and deadline < end:
                n["dang_qua_han"] += 1
            else:
                n["dang_trong_han"] += 1
                if deadline is None:
                    cases["pending, no deadline"] += 1
                elif deadline == end:
                    cases["pending, deadline on den_ngay"] += 1
            if result is not None:
                cases["closed after den_ngay, so pending"] += 1
            if not received:
                cases["carried over, still pending"] += 1

    resolved = n["truoc_han"] + n["dung_han"] + n["qua_han"]
    pending = n["dang_trong_han"] + n["dang_qua_han"]
    out = {
        f"ho_so.{k}": n[k]
        for k in (
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
    }
    out["ho_so.da_giai_quyet"] = resolved
    out["ho_so.dang_giai_quyet"] = pending
    if resolved:
        out["ho_so.ty_le_dung_han"] = (n["truoc_han"] + n["dung_han"]) / resolved
        out["ho_so.ty_le_so_hoa"] = n["so_hoa"] / resolved
    if n["tiep_nhan"]:
        out["ho_so.ty_le_truc_tuyen"] = n["truc_tuyen"] / n["tiep_nhan"]
    population = n["ky_truoc_chuyen_sang"] + n["tiep_nhan"]
    if population:
        out["ho_so.chi_so_tien_do"] = (
            n["truoc_han"] + n["dung_han"] + n["dang_trong_han"]
        ) / population
    for system, count in per_system.items():
        out[f"ho_so.he_thong.{system}.tiep_nhan"] = count
    out["_khong_tiep_nhan"] = n["khong_tiep_nhan"]
    out["_cases"] = cases
    return out


def boundary_records(n: int, seed: int, start: dt.date, end: dt.date) -> list[list[object]]:
    """Records dense at the edges: on tu_ngay, den_ngay and the deadline, either side of them.

    Dates are written as Excel dates, as datetimes with a time of day, or as dd/mm/yyyy text;
    statuses and channels as contract codes or as national-portal codes.
    """
    rng = random.Random(seed)
    span = (end - start).days

    def pick_received() -> dt.date:
        return rng.choice(
            [
                start - rng.randint(1, 60) * DAY,
                start - DAY,
                start,
                end,
                end + rng.randint(1, 15) * DAY,
                *[start + rng.randint(0, span) * DAY] * 4,
            ]
        )

    def write(day: dt.date | None) -> object:
        if day is None:
            return None
        form = rng.random()
        if form < 0.15:
            return day.strftime("%d/%m/%Y")
        if form < 0.3:
            return dt.datetime(
                day.year, day.month, day.day, rng.randint(7, 17), rng.choice([0, 30])
            )
        return day

    rows = []
    for i in range(n):
        received = pick_received()
        r = rng.random()
        if r < 0.1:
            deadline = None
        elif r < 0.15:
            deadline = end
        else:
            deadline = received + rng.randint(0, 25) * DAY
        status = rng.choice(
            ["da_giai_quyet"] * 5
            + ["dang_giai_quyet"] * 2
            + ["rut", "tu_choi", 9, 10, 7, 2, 4, 3, 1]
        )
        kind = STATUS[status]
        result = None
        if kind in ("da_giai_quyet", "rut", "tu_choi") and not (
            kind != "da_giai_quyet" and rng.random() < 0.35
        ):
            options = [received + rng.randint(0, 30) * DAY, end, end + DAY, start, start - DAY]
            if deadline is not None:
                options += [deadline, deadline, deadline - DAY, deadline + DAY]
            result = max(received, rng.choice(options))  # never before receipt
        rows.append(
            [
                f"B{seed}-{i:05d}",
                f"TT{rng.randint(1, 30):04d}",
                rng.choice(["Hộ tịch", "Đất đai", None]),
                rng.choice(list(SYSTEM_SLUG)),
                rng.choice(["truc_tuyen", "truc_tiep", "buu_chinh", 1, 2, 3, None]),
                write(received),
                write(deadline),
                write(result),
                status,
                rng.choice([True, False, "có", "không", 1, 0, None, "x"]),
            ]
        )
    return rows


def computed(tmp_path: Path, rows: list[list[object]], start: dt.date, end: dt.date) -> dict:
    path = sample_workbook(
        tmp_path / "2026-Q1.xlsx",
        records=rows,
        aggregate=False,
        info={"tu_ngay": start, "den_ngay": end},
    )
    wb = read_workbook(path, quarter="2026-Q1")
    assert len(wb.tables["ho_so"]) == len(rows)
    assert wb.info["tu_ngay"] == start and wb.info["den_ngay"] == end
    return compute(wb)


def assert_same_ho_so(figures: dict, expected: dict) -> None:
    got = {k: v for k, v in figures.items() if k.startswith("ho_so.")}
    want = {k: v for k, v in expected.items() if not k.startswith("_")}
    for key, value in want.items():
        assert key in got, key
        if isinstance(value, float):
            assert got[key] == pytest.approx(value, abs=1e-12), key
        else:
            assert got[key] == value, key
            assert isinstance(got[key], int), key
    he_thong = {k for k in got if k.startswith("ho_so.he_thong.") and k.endswith(".tiep_nhan")}
    assert he_thong == {k for k in want if k.startswith("ho_so.he_thong.")}
    flow = (
        got["ho_so.ky_truoc_chuyen_sang"] + got["ho_so.tiep_nhan"],
        got["ho_so.da_giai_quyet"] + got["ho_so.rut_tu_choi"] + got["ho_so.dang_giai_quyet"],
    )
    assert flow[0] == flow[1], "carried over + received = resolved + withdrawn + pending"
    assert got["ho_so.tiep_nhan"] == got["ho_so.truc_tuyen"] + got["ho_so.truc_tiep_buu_chinh"]
    assert got["ho_so.dang_giai_quyet"] == got["ho_so.dang_trong_han"] + got["ho_so.dang_qua_han"]
    for key in ("ho_so.ty_le_dung_han", "ho_so.ty_le_truc_tuyen", "ho_so.ty_le_so_hoa"):
        assert 0 <= got[key] <= 1


WINDOWS = [
    (D(2026, 1, 1), D(2026, 3, 31)),  # calendar quarter
    (D(2026, 1, 1), D(2026, 4, 16)),  # the seed's window, cut off in the next quarter
    (D(2025, 12, 15), D(2026, 3, 14)),  # Decree 09 reporting period
]

COVERED = [
    "carried over",
    "carried over, resolved",
    "carried over, still pending",
    "closed before tu_ngay",
    "received after den_ngay",
    "resolved on the deadline",
    "resolved, no deadline",
    "pending, no deadline",
    "pending, deadline on den_ngay",
    "closed after den_ngay, so pending",
    "rut dated",
    "rut undated",
    "tu_choi dated",
    "tu_choi undated",
    "excluded",
    "channel truc_tuyen",
    "channel 2",
    "channel buu_chinh",
    "channel 3",
    "channel None",
]


@pytest.mark.parametrize(("seed", "window"), [(1, WINDOWS[0]), (2, WINDOWS[1]), (3, WINDOWS[2])])
def test_record_figures_match_an_independent_count(tmp_path, seed, window):
    start, end = window
    rows = boundary_records(700, seed, start, end)
    expected = expected_figures(rows, start, end)
    cases = expected["_cases"]
    missing = [case for case in COVERED if not cases[case]]
    assert not missing, f"the generator did not cover {missing}"
    assert expected["ho_so.truoc_han"] and expected["ho_so.qua_han"]
    assert expected["ho_so.dang_trong_han"] and expected["ho_so.dang_qua_han"]

    figures = computed(tmp_path, rows, start, end)
    assert_same_ho_so(figures, expected)
    assert figures.get("ho_so.khong_tiep_nhan", 0) == expected["_khong_tiep_nhan"]


@pytest.mark.parametrize("seed", [7, 8])
def test_builder_random_records_match_an_independent_count(tmp_path, seed):
    start, end = D(2026, 1, 1), D(2026, 3, 31)
    rows = random_records(1500, seed, start, end)
    expected = expected_figures(rows, start, end)
    assert expected["ho_so.ky_truoc_chuyen_sang"] > 0
    assert_same_ho_so(computed(tmp_path, rows, start, end), expected)


def record(ma, received, deadline, result, status, *, channel="truc_tuyen", digit=False,
           system="Thành phố") -> list[object]:  # fmt: skip
    row = dict.fromkeys(HO_SO_HEADERS)
    row.update(
        ma_ho_so=ma,
        ma_thu_tuc="TT0001",
        linh_vuc="Hộ tịch",
        he_thong=system,
        kenh_nop=channel,
        ngay_tiep_nhan=received,
        han_xu_ly=deadline,
        ngay_co_ket_qua=result,
        trang_thai=status,
        da_so_hoa=digit,
    )
    return [row[h] for h in HO_SO_HEADERS]


Q1 = (D(2026, 1, 1), D(2026, 3, 31))


def test_five_records_by_hand(tmp_path):
    rows = [
        # carried over, still open, deadline passed: pending overdue
        record("A", D(2025, 12, 10), D(2026, 1, 5), None, "dang_giai_quyet", channel="truc_tiep"),
        # early (10/01 before 15/01), online, digitized
        record("B", D(2026, 1, 5), D(2026, 1, 15), D(2026, 1, 10), "da_giai_quyet", digit=True),
        # on the deadline day, direct
        record(
            "C", D(2026, 1, 6), D(2026, 1, 20), D(2026, 1, 20), "da_giai_quyet", channel="truc_tiep"
        ),  # fmt: skip
        # late, by post, digitized
        record(
            "D",
            D(2026, 1, 7),
            D(2026, 1, 10),
            D(2026, 1, 12),
            "da_giai_quyet",
            channel="buu_chinh",
            digit=True,
        ),  # fmt: skip
        # open, deadline after den_ngay: pending within deadline
        record("E", D(2026, 3, 1), D(2026, 4, 15), None, "dang_giai_quyet"),
    ]
    figures = computed(tmp_path, rows, *Q1)
    assert {k: v for k, v in figures.items() if k.startswith("ho_so.")} == {
        "ho_so.ky_truoc_chuyen_sang": 1,
        "ho_so.tiep_nhan": 4,
        "ho_so.truc_tuyen": 2,
        "ho_so.truc_tiep_buu_chinh": 2,
        "ho_so.ty_le_truc_tuyen": 0.5,
        "ho_so.da_giai_quyet": 3,
        "ho_so.truoc_han": 1,
        "ho_so.dung_han": 1,
        "ho_so.qua_han": 1,
        "ho_so.ty_le_dung_han": pytest.approx(2 / 3),
        "ho_so.rut_tu_choi": 0,
        "ho_so.dang_giai_quyet": 2,
        "ho_so.dang_trong_han": 1,
        "ho_so.dang_qua_han": 1,
        "ho_so.so_hoa": 2,
        "ho_so.ket_qua_dien_tu": 2,  # no such column: the da_so_hoa flag
        "ho_so.ty_le_so_hoa": pytest.approx(2 / 3),
        "ho_so.chi_so_tien_do": pytest.approx(3 / 5),
        "ho_so.he_thong.thanh_pho.tiep_nhan": 4,
        "ho_so.he_thong.thanh_pho.truc_tuyen": 2,
        "ho_so.he_thong.thanh_pho.da_giai_quyet": 3,
        "ho_so.he_thong.thanh_pho.dang_qua_han": 1,  # A, carried over
    }


def test_withdrawals_exclusions_and_records_outside_the_window_by_hand(tmp_path):
    rows = [
        record("R1", D(2026, 1, 10), D(2026, 1, 20), D(2026, 1, 12), "rut", channel=1),
        record("R2", D(2026, 1, 11), D(2026, 1, 20), None, "tu_choi", channel=None),
        record("X3", D(2026, 1, 12), None, None, 3),  # not received: apart
        record("X1", D(2026, 1, 13), None, None, 1),  # submitted, not received: excluded
        record("AFTER", D(2026, 4, 5), D(2026, 4, 9), D(2026, 4, 6), "da_giai_quyet"),
        record("BEFORE", D(2025, 12, 20), D(2025, 12, 30), D(2025, 12, 28), 9),
        # resolved after the cut-off: pending at it, and overdue (25/03 < 31/03)
        record("LATE", D(2026, 3, 20), D(2026, 3, 25), D(2026, 4, 2), 10, system="Bộ Tư pháp"),
        record("OPEN", D(2026, 3, 25), None, None, "dang_giai_quyet"),  # no deadline: in time
        record("NODL", D(2026, 1, 2), None, D(2026, 1, 3), "da_giai_quyet", digit="có"),
    ]
    figures = computed(tmp_path, rows, *Q1)
    assert {k: v for k, v in figures.items() if k.startswith("ho_so.")} == {
        "ho_so.ky_truoc_chuyen_sang": 0,
        "ho_so.tiep_nhan": 5,
        "ho_so.truc_tuyen": 3,
        "ho_so.truc_tiep_buu_chinh": 2,
        "ho_so.ty_le_truc_tuyen": pytest.approx(0.6),
        "ho_so.da_giai_quyet": 1,
        "ho_so.truoc_han": 0,
        "ho_so.dung_han": 1,
        "ho_so.qua_han": 0,
        "ho_so.ty_le_dung_han": 1.0,
        "ho_so.rut_tu_choi": 2,
        "ho_so.dang_giai_quyet": 2,
        "ho_so.dang_trong_han": 1,
        "ho_so.dang_qua_han": 1,
        "ho_so.so_hoa": 1,
        "ho_so.ket_qua_dien_tu": 1,  # no such column: the da_so_hoa flag
        "ho_so.ty_le_so_hoa": 1.0,
        "ho_so.chi_so_tien_do": pytest.approx(2 / 5),
        "ho_so.khong_tiep_nhan": 1,
        "ho_so.he_thong.thanh_pho.tiep_nhan": 4,
        "ho_so.he_thong.thanh_pho.truc_tuyen": 2,
        "ho_so.he_thong.thanh_pho.da_giai_quyet": 1,
        "ho_so.he_thong.thanh_pho.dang_qua_han": 0,
        "ho_so.he_thong.bo_tu_phap.tiep_nhan": 1,
        "ho_so.he_thong.bo_tu_phap.truc_tuyen": 1,
        "ho_so.he_thong.bo_tu_phap.da_giai_quyet": 0,
        "ho_so.he_thong.bo_tu_phap.dang_qua_han": 1,
    }


def test_dates_on_the_window_edges(tmp_path):
    rows = [
        record("S", D(2026, 1, 1), D(2026, 1, 1), D(2026, 1, 1), "da_giai_quyet"),  # on tu_ngay
        record("E", D(2026, 3, 31), D(2026, 3, 31), None, "dang_giai_quyet"),  # deadline = cut-off
        record("E2", D(2026, 3, 31), D(2026, 3, 30), None, "dang_giai_quyet"),
        record("C", D(2025, 12, 31), D(2026, 1, 2), D(2026, 1, 1), "da_giai_quyet"),
        record("C0", D(2025, 12, 30), D(2025, 12, 31), D(2025, 12, 31), "da_giai_quyet"),
        record("END", D(2026, 3, 30), D(2026, 3, 30), dt.datetime(2026, 3, 31, 16, 30), 9),
        record("P", D(2026, 4, 1), D(2026, 4, 2), None, "dang_giai_quyet"),
    ]
    f = computed(tmp_path, rows, *Q1)
    assert f["ho_so.tiep_nhan"] == 4  # S, E, E2, END
    assert f["ho_so.ky_truoc_chuyen_sang"] == 1  # C (C0 closed on 31/12)
    assert (f["ho_so.truoc_han"], f["ho_so.dung_han"], f["ho_so.qua_han"]) == (1, 1, 1)
    assert (f["ho_so.dang_trong_han"], f["ho_so.dang_qua_han"]) == (1, 1)  # E, E2


def test_system_spelled_two_ways_is_one_system(tmp_path):
    rows = [
        record("A", D(2026, 1, 5), None, None, "dang_giai_quyet", system="Bộ Tư pháp"),
        record("B", D(2026, 1, 6), None, None, "dang_giai_quyet", system="BỘ TƯ PHÁP"),
        record("C", D(2026, 1, 7), None, None, "dang_giai_quyet", system="Bộ Tư pháp "),
    ]
    figures = computed(tmp_path, rows, *Q1)
    assert figures["ho_so.he_thong.bo_tu_phap.tiep_nhan"] == 3
    assert figures["ho_so.he_thong.bo_tu_phap.truc_tuyen"] == 3


# --- the aggregate path (the seed's figures) -------------------------------------------


@pytest.fixture(scope="module")
def seed_figures(tmp_path_factory) -> dict:
    path = sample_workbook(tmp_path_factory.mktemp("seed") / "2026-Q1.xlsx")
    return compute(read_workbook(path, quarter="2026-Q1"))


def test_aggregate_dossier_figures(seed_figures):
    f = seed_figures
    assert f["ho_so.tiep_nhan"] == 11952
    assert f["ho_so.truc_tuyen"] == 11952
    assert f["ho_so.truc_tiep_buu_chinh"] == 0
    assert f["ho_so.ty_le_truc_tuyen"] == 1.0
    assert f["ho_so.da_giai_quyet"] == 11989
    assert f["ho_so.truoc_han"] == 11989
    assert f["ho_so.ty_le_dung_han"] == 1.0
    assert f["ho_so.rut_tu_choi"] == 270
    assert f["ho_so.dang_giai_quyet"] == 392
    assert f["ho_so.dang_trong_han"] == 392 and f["ho_so.dang_qua_han"] == 0
    assert "ho_so.ky_truoc_chuyen_sang" not in f  # the seed does not state the carry-over
    assert "ho_so.chi_so_tien_do" not in f
    assert "ho_so.ty_le_so_hoa" not in f
    assert f["ho_so.he_thong.cac_bo_nganh.tiep_nhan"] == 896
    assert f["ho_so.he_thong.bo_tai_chinh.tiep_nhan"] == 414
    assert f["ho_so.he_thong.bo_xay_dung.tiep_nhan"] == 137
    assert f["ho_so.he_thong.bo_cong_thuong.tiep_nhan"] == 0
    assert "ho_so.he_thong.tong.tiep_nhan" not in f


def test_procedure_figures(seed_figures):
    f = seed_figures
    assert (f["thu_tuc.tong"], f["thu_tuc.toan_trinh"], f["thu_tuc.mot_phan"]) == (377, 218, 159)
    assert f["thu_tuc.truc_tiep"] == 0
    assert f["thu_tuc.ty_le_toan_trinh"] == pytest.approx(218 / 377)
    assert f["thu_tuc.ty_le_mot_phan"] == pytest.approx(159 / 377)
    assert f["thu_tuc.ty_le_truc_tiep"] == 0


def test_objective_figures(seed_figures):
    f = seed_figures
    assert (f["chi_tieu.muc_tieu.tong"], f["chi_tieu.muc_tieu.hoan_thanh"]) == (17, 9)
    assert (f["chi_tieu.nhiem_vu_tien_do.tong"], f["chi_tieu.nhiem_vu_tien_do.hoan_thanh"]) == (
        8,
        6,
    )
    assert f["chi_tieu.nhiem_vu_thuong_xuyen.tong"] == 17
    assert f["chi_tieu.nhiem_vu.tong"] == 25
    assert f["chi_tieu.muc_tieu.ty_le_hoan_thanh"] == pytest.approx(9 / 17)


def test_indicator_figures(seed_figures):
    f = seed_figures
    assert f["chi_so.vneid_so_suc_khoe"] == 22581
    assert f["chi_so.vneid_so_suc_khoe.mau_so"] == 57566
    assert f["chi_so.vneid_so_suc_khoe.ty_le"] == pytest.approx(22581 / 57566)
    assert round(f["chi_so.vneid_so_suc_khoe.ty_le"], 4) == 0.3923
    assert f["chi_so.vneid_so_suc_khoe.ty_le_bao_cao"] == pytest.approx(0.39)
    assert f["chi_so.to_cong_tac"] == 300
    assert "chi_so.to_cong_tac.ty_le" not in f
    # "trên 80%": a declared rate only
    assert "chi_so.ho_kinh_doanh_qr" not in f
    assert "chi_so.ho_kinh_doanh_qr.mau_so" not in f
    assert f["chi_so.ho_kinh_doanh_qr.ty_le"] == pytest.approx(0.8)
    assert f["chi_so.ho_kinh_doanh_qr.ty_le_bao_cao"] == pytest.approx(0.8)


# --- chi-so.json ------------------------------------------------------------------------


def _is_rate(key: str) -> bool:
    return "ty_le" in key or key.endswith("chi_so_tien_do")


@pytest.mark.parametrize("source", ["aggregate", "records"])
def test_to_json(tmp_path, source):
    start, end = Q1
    if source == "aggregate":
        path = sample_workbook(tmp_path / "2026-Q1.xlsx")
    else:
        rows = boundary_records(300, 11, start, end)
        path = sample_workbook(tmp_path / "2026-Q1.xlsx", records=rows, aggregate=False)
    figures = compute(read_workbook(path))
    text = to_json(figures, "thu-nghiem", "2026-Q1")
    data = json.loads(text)
    assert data["don_vi"] == "thu-nghiem" and data["ky"] == "2026-Q1"
    assert set(data) == set(figures) | {"don_vi", "ky"}
    rates = counts = 0
    for key, value in data.items():
        if key in ("don_vi", "ky"):
            continue
        assert not isinstance(value, dict | list | bool), key  # a flat object of numbers
        if _is_rate(key):
            assert type(value) is float and 0 <= value <= 1, (key, value)
            assert value == pytest.approx(figures[key], abs=1e-6)
            rates += 1
        elif key.startswith(("ho_so.", "thu_tuc.", "chi_tieu.")):
            assert type(value) is int, (key, value)  # counts are JSON integers, not 12.0
            assert value == figures[key] and value >= 0
            counts += 1
    assert rates >= 5 and counts >= 15
    assert '"ho_so.tiep_nhan": ' in text and "NaN" not in text
