"""The service index of Decision 766 estimated from real generated workbooks, checked against
a computation written here from the spec, independently of ``helpers``."""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from helpers import charts, indicators, judging, report, service_index
from helpers.io import read_workbook
from workbooks import (
    AGG_HEADERS,
    CHI_SO_HEADERS,
    aggregate_rows,
    chi_so_rows,
    chi_tieu_rows,
    info_rows,
    write_xlsx,
)

START, END = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
RECORD_HEADERS = [
    "ma_ho_so", "ma_thu_tuc", "linh_vuc", "kenh_nop", "ngay_tiep_nhan", "han_xu_ly",
    "ngay_co_ket_qua", "trang_thai", "da_so_hoa", "thanh_toan_truc_tuyen", "ket_qua_dien_tu",
    "so_hoa_thanh_phan", "tai_su_dung",
]  # fmt: skip
# the same fields under the national portal's own names (the contract's aliases)
PORTAL_HEADERS = [
    "MaHoSo", "MaTTHC", "TenLinhVuc", "KenhThucHien", "NgayTiepNhan", "NgayHenTra",
    "NgayKetThucXuLy", "TrangThaiHoSo", "HoSoCoThanhPhanSoHoa", "DuocThanhToanTrucTuyen",
    "Kết quả điện tử", "DuocSoHoa", "Tái sử dụng",
]  # fmt: skip
PORTAL_STATUS = {"da_giai_quyet": 10, "dang_giai_quyet": 4, "rut": 7}
PORTAL_CHANNEL = {"truc_tuyen": 2, "truc_tiep": 1, "buu_chinh": 3}
PORTAL_PAYMENT = {"truc_tuyen": 1, "khong_truc_tuyen": 0, None: None}


def procedures(n: int = 12) -> list[list[object]]:
    """Procedures TT01…: a third of each level, every other one carrying a fee."""
    levels = ["toan_trinh", "mot_phan", "truc_tiep"]
    return [
        [f"TT{i:02d}", f"Thủ tục {i}", "Hộ tịch", levels[i % 3], "Thành phố", i % 2 == 0]
        for i in range(1, n + 1)
    ]


def records(n: int, seed: int) -> list[dict[str, object]]:
    """Dossiers before, inside and after the window, in every state, with the new fields."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        received = START + dt.timedelta(days=rng.randint(-40, 100))
        deadline = received + dt.timedelta(days=rng.randint(1, 15))
        status = rng.choice(["da_giai_quyet"] * 6 + ["dang_giai_quyet"] * 2 + ["rut"])
        result = (
            None if status == "dang_giai_quyet" else received + dt.timedelta(rng.randint(0, 25))
        )
        out.append(
            {
                "ma_ho_so": f"HS{i:05d}",
                "ma_thu_tuc": f"TT{rng.randint(1, 12):02d}",
                "linh_vuc": "Hộ tịch",
                "kenh_nop": rng.choice(["truc_tuyen"] * 3 + ["truc_tiep", "buu_chinh"]),
                "ngay_tiep_nhan": received,
                "han_xu_ly": deadline,
                "ngay_co_ket_qua": result,
                "trang_thai": status,
                "da_so_hoa": rng.random() < 0.7,
                "thanh_toan_truc_tuyen": rng.choice(["truc_tuyen", "khong_truc_tuyen", None]),
                "ket_qua_dien_tu": rng.random() < 0.6,
                "so_hoa_thanh_phan": rng.random() < 0.75,
                "tai_su_dung": rng.random() < 0.3,
            }
        )
    return out


def write_unit(path: Path, recs: list[dict[str, object]], *, portal: bool = False) -> Path:
    if portal:
        rows = [
            [
                r["ma_ho_so"], r["ma_thu_tuc"], r["linh_vuc"], PORTAL_CHANNEL[r["kenh_nop"]],
                r["ngay_tiep_nhan"], r["han_xu_ly"], r["ngay_co_ket_qua"],
                PORTAL_STATUS[r["trang_thai"]], int(r["da_so_hoa"]),
                PORTAL_PAYMENT[r["thanh_toan_truc_tuyen"]], int(r["ket_qua_dien_tu"]),
                int(r["so_hoa_thanh_phan"]), int(r["tai_su_dung"]),
            ]
            for r in recs
        ]  # fmt: skip
        headers = PORTAL_HEADERS
    else:
        rows = [[r[k] for k in RECORD_HEADERS] for r in recs]
        headers = RECORD_HEADERS
    return write_xlsx(
        path,
        {
            "thong_tin": (["khoa", "gia_tri"], info_rows("2026-Q1", START, END)),
            "chi_tieu": (["ma", "noi_dung", "loai", "trang_thai"], chi_tieu_rows()),
            "thu_tuc": (
                ["ma_thu_tuc", "ten_thu_tuc", "linh_vuc", "muc_do", "he_thong", "co_phi"],
                procedures(),
            ),
            "chi_so": (CHI_SO_HEADERS, chi_so_rows()),
            "ho_so": (headers, rows),
        },
    )


# --- the spec, computed here from the rows ------------------------------------------------


def by_hand(recs: list[dict[str, object]], procs: list[list[object]]) -> dict[str, float]:
    """Points per indicator, straight from ../shared/spec/service-index-766.md."""

    def inside(d):
        return d is not None and START <= d <= END

    received = [r for r in recs if inside(r["ngay_tiep_nhan"])]

    def open_at_start(r):
        return r["ngay_co_ket_qua"] is None or r["ngay_co_ket_qua"] >= START

    carried = [r for r in recs if r["ngay_tiep_nhan"] < START and open_at_start(r)]
    population = received + carried
    resolved = [
        r for r in population if r["trang_thai"] == "da_giai_quyet" and inside(r["ngay_co_ket_qua"])
    ]
    withdrawn = [
        r
        for r in population
        if r["trang_thai"] == "rut"
        and (r["ngay_co_ket_qua"] is None or inside(r["ngay_co_ket_qua"]))
    ]
    pending = [r for r in population if r not in resolved and r not in withdrawn]
    in_time = [r for r in resolved if r["ngay_co_ket_qua"] <= r["han_xu_ly"]]
    late = [r for r in resolved if r["ngay_co_ket_qua"] > r["han_xu_ly"]]
    pending_ok = [r for r in pending if r["han_xu_ly"] >= END]
    overdue = [r for r in pending if r["han_xu_ly"] < END]
    online_procs = {p[0] for p in procs if p[3] in ("toan_trinh", "mot_phan")}
    fee_procs = {p[0] for p in procs if p[5]}
    online = [r for r in received if r["kenh_nop"] == "truc_tuyen"]
    due = [r for r in received if r["thanh_toan_truc_tuyen"] is not None]
    paid = [r for r in due if r["thanh_toan_truc_tuyen"] == "truc_tuyen"]

    def linear(points, num, den):
        return None if den == 0 else points * num / den

    def capped(points, num, den, full):
        return None if den == 0 else points * min(1, num / den / full)

    return {
        "giai_quyet_dung_han": linear(20, len(in_time) + len(pending_ok), len(population)),
        "cung_cap_truc_tuyen": capped(2, len(online_procs), len(procs), 0.8),
        "dvc_phat_sinh_ho_so": linear(
            4, len(online_procs & {r["ma_thu_tuc"] for r in online}), len(online_procs)
        ),
        "ho_so_truc_tuyen": capped(6, len(online), len(received), 0.5),
        "tich_hop_thanh_toan": capped(2, len(fee_procs & online_procs), len(fee_procs), 0.8),
        "thu_tuc_co_thanh_toan": linear(
            2, len(fee_procs & {r["ma_thu_tuc"] for r in paid}), len(fee_procs)
        ),
        "ho_so_thanh_toan": linear(6, len(paid), len(due)),
        "ket_qua_dien_tu": linear(
            6, sum(bool(r["ket_qua_dien_tu"]) for r in resolved), len(resolved)
        ),
        "so_hoa_thanh_phan": capped(
            4, sum(bool(r["so_hoa_thanh_phan"]) for r in received), len(received), 0.8
        ),
        "tai_su_dung": capped(2, sum(bool(r["tai_su_dung"]) for r in received), len(received), 0.8),
        "hai_long_giai_quyet": capped(
            6, 1 - (len(late) + len(overdue)) / (len(resolved) + len(pending)), 1, 0.9
        ),
    }


def scores(path: Path) -> dict[str, float | None]:
    est = service_index.estimate(indicators.compute(read_workbook(path)))
    return {s.indicator.ma: s.points for s in est.scores}


# --- tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_record_level_points_match_the_spec_to_a_tenth(tmp_path, seed):
    recs = records(400, seed)
    got = scores(write_unit(tmp_path / f"{seed}.xlsx", recs))
    expected = by_hand(recs, procedures())
    for ma, points in expected.items():
        assert got[ma] == pytest.approx(points, abs=0.05), ma
    # portal data only: never scored, never 0
    for ma in ("cong_bo_dung_han", "dong_bo_trang_thai", "so_hoa_khac", "phan_anh_dung_han"):
        assert got[ma] is None
    est = service_index.estimate(indicators.compute(read_workbook(tmp_path / f"{seed}.xlsx")))
    assert est.reached == pytest.approx(sum(expected.values()), abs=0.1)
    assert est.measurable == 20 + 12 + 10 + 12 + 6  # every indicator with a formula


def test_the_portals_field_names_and_codes_read_the_same(tmp_path):
    recs = records(300, 7)
    ours = scores(write_unit(tmp_path / "a.xlsx", recs))
    portal = scores(write_unit(tmp_path / "b.xlsx", recs, portal=True))
    assert portal == pytest.approx(ours)


def test_an_aggregated_unit_gets_what_its_aggregate_allows(tmp_path):
    rows = aggregate_rows()
    rows[0][2] = 500  # carried over stated: the timeliness can be measured
    path = write_xlsx(
        tmp_path / "agg.xlsx",
        {
            "thong_tin": (["khoa", "gia_tri"], info_rows("2026-Q1", START, END)),
            "chi_tieu": (["ma", "noi_dung", "loai", "trang_thai"], chi_tieu_rows()),
            "thu_tuc": (["ma_thu_tuc", "ten_thu_tuc", "linh_vuc", "muc_do", "he_thong"],
                        [p[:5] for p in procedures()]),
            "chi_so": (CHI_SO_HEADERS, chi_so_rows()),
            "ho_so_tong_hop": (AGG_HEADERS, rows),
        },
    )  # fmt: skip
    got = scores(path)
    measured = {ma for ma, p in got.items() if p is not None}
    assert measured == {
        "giai_quyet_dung_han", "cung_cap_truc_tuyen", "ho_so_truc_tuyen", "hai_long_giai_quyet",
    }  # fmt: skip
    # (11.989 early + 0 on time + 392 pending in time) / (500 + 11.952)
    assert got["giai_quyet_dung_han"] == pytest.approx(20 * (11989 + 392) / 12452)
    assert got["cung_cap_truc_tuyen"] == pytest.approx(2 * min(1, 8 / 12 / 0.8))
    wb = read_workbook(path)
    f = indicators.compute(wb)
    est = service_index.estimate(f)
    no_data = {s.indicator.ma: judging.index_sentence(s, f) for s in est.scores if not s.measured}
    assert no_data["dvc_phat_sinh_ho_so"] == (
        "Không có số liệu: cần danh sách hồ sơ (trang «Hồ sơ»)."
    )
    assert "«Có phí, lệ phí»" in no_data["tich_hop_thanh_toan"]
    assert "Cổng Dịch vụ công quốc gia" in no_data["cong_bo_dung_han"]


def test_each_lost_point_is_explained_with_its_counts(tmp_path):
    recs = records(400, 11)
    path = write_unit(tmp_path / "a.xlsx", recs)
    f = indicators.compute(read_workbook(path))
    est = service_index.estimate(f)
    timeliness = next(s for s in est.scores if s.indicator.ma == "giai_quyet_dung_han")
    sentence = judging.index_sentence(timeliness, f)
    late, overdue = f["ho_so.qua_han"], f["ho_so.dang_qua_han"]
    assert late and overdue  # the generator makes both
    assert f"{late} hồ sơ giải quyết quá hạn" in sentence.replace(".", "")
    assert f"{overdue} hồ sơ đang quá hạn" in sentence.replace(".", "")
    assert "làm mất" in sentence and "điểm tiến độ" in sentence
    lost = f"{timeliness.lost:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    assert lost in sentence


def test_the_table_of_thresholds_is_data_with_its_source(tmp_path):
    rows = list(csv.DictReader(service_index.TABLE.open(encoding="utf-8")))
    assert sum(float(r["diem_toi_da"]) for r in rows) == 100
    assert all(r["nguon"].startswith("Quyết định 766/QĐ-TTg") for r in rows)
    # change a threshold in a copy of the table: the estimate follows the data, not the code
    for r in rows:
        if r["ma"] == "ho_so_truc_tuyen":
            r["day_du_tu"] = "0.9"
    copy = tmp_path / "chi_so_766.csv"
    with copy.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    figures = {"ho_so.truc_tuyen": 45, "ho_so.tiep_nhan": 100}
    default = service_index.estimate(figures)
    changed = service_index.estimate(figures, service_index.table(copy))
    pick = (
        {s.indicator.ma: s.points for s in default.scores},
        {s.indicator.ma: s.points for s in changed.scores},
    )
    assert pick[0]["ho_so_truc_tuyen"] == pytest.approx(6 * 0.45 / 0.5)
    assert pick[1]["ho_so_truc_tuyen"] == pytest.approx(6 * 0.45 / 0.9)
    rows[0]["diem_toi_da"] = "7"
    with copy.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    service_index.table.cache_clear()
    with pytest.raises(ValueError, match="do not add up"):
        service_index.table(copy)


KEYS = sorted({k for i in service_index.table() for k in (*i.tu_so, *i.mau_so)})


@given(st.dictionaries(st.sampled_from(KEYS), st.integers(0, 5000), max_size=len(KEYS)))
def test_points_never_exceed_their_maximum(figures):
    est = service_index.estimate(figures)
    for s in est.scores:
        if s.points is None:
            assert not s.measured  # no data: no points at all, never 0
        else:
            assert 0 <= s.points <= s.indicator.diem_toi_da + 1e-9
    assert 0 <= est.reached <= est.measurable + 1e-9 <= est.maximum + 1e-9 == 100 + 1e-9


DAY = st.integers(-30, 85)


@st.composite
def dossiers(draw):
    n = draw(st.integers(2, 12))
    out = []
    for i in range(n):
        received = START + dt.timedelta(days=draw(DAY))
        deadline = received + dt.timedelta(days=draw(st.integers(1, 10)))
        status = draw(st.sampled_from(["da_giai_quyet", "da_giai_quyet", "dang_giai_quyet", "rut"]))
        result = None
        if status != "dang_giai_quyet":
            result = received + dt.timedelta(days=draw(st.integers(0, 20)))
        out.append(
            {
                "ma_ho_so": f"HS{i}", "ma_thu_tuc": f"TT{draw(st.integers(1, 12)):02d}",
                "linh_vuc": "Hộ tịch", "kenh_nop": draw(st.sampled_from(list(PORTAL_CHANNEL))),
                "ngay_tiep_nhan": received, "han_xu_ly": deadline, "ngay_co_ket_qua": result,
                "trang_thai": status, "da_so_hoa": draw(st.booleans()),
                "thanh_toan_truc_tuyen": draw(st.sampled_from(list(PORTAL_PAYMENT))),
                "ket_qua_dien_tu": draw(st.booleans()), "so_hoa_thanh_phan": draw(st.booleans()),
                "tai_su_dung": draw(st.booleans()),
            }
        )  # fmt: skip
    return out


def _late_in_window(r: dict[str, object]) -> bool:
    result = r["ngay_co_ket_qua"]
    return (
        r["trang_thai"] == "da_giai_quyet"
        and result is not None
        and START <= result <= END
        and result > r["han_xu_ly"] >= START
        and (START <= r["ngay_tiep_nhan"] <= END or r["ngay_tiep_nhan"] < START)
    )


@pytest.mark.slow
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(recs=dossiers(), pick=st.integers(0, 100))
def test_a_dossier_turning_from_late_to_on_time_raises_the_points(tmp_path, recs, pick):
    late = [i for i, r in enumerate(recs) if _late_in_window(r)]
    assume(late)
    i = late[pick % len(late)]
    before = service_index.estimate(
        indicators.compute(read_workbook(write_unit(tmp_path / "a.xlsx", recs)))
    )
    fixed = [dict(r) for r in recs]
    fixed[i]["ngay_co_ket_qua"] = fixed[i]["han_xu_ly"]  # resolved on its deadline
    after = service_index.estimate(
        indicators.compute(read_workbook(write_unit(tmp_path / "b.xlsx", fixed)))
    )
    assert after.reached > before.reached
    for b, a in zip(before.scores, after.scores, strict=True):
        if b.points is not None:
            assert a.points >= b.points - 1e-9, b.indicator.ma
    assert math.isclose(after.measurable, before.measurable)


def test_the_chart_of_the_estimate_has_a_bar_per_group():
    rep = report.build("phu-lien", "2026-Q1")
    groups = [(name, 1.0, 2.0, top) for _, name, top, _ in rep.estimate.groups()]
    fig = charts.service_index(groups, "Chỉ số")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()][:2] == [
        "Công khai, minh bạch",
        "Tiến độ, kết quả giải quyết",
    ]
    assert "1/2 (tối đa 18)" in [t.get_text() for t in ax.texts]
    assert charts.to_png(fig).startswith(b"\x89PNG")
