"""Reconciliation (helpers.checks) on real generated .xlsx workbooks.

Every rule is shown twice: on a workbook with one injected inconsistency, where it must give
exactly the expected finding (rule, severity, sheet as written, row or key, the two figures and
the gap), and on a clean counterpart, where it must stay silent. Then the seed, the ``check``
command, and property-based tests: consistent workbooks give no error, and one perturbed figure
always gives one.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import checks, findings
from helpers import contract as c
from helpers.cli import main
from helpers.indicators import compute
from helpers.io import read_workbook
from workbooks import (
    CHI_SO_HEADERS,
    HO_SO_HEADERS,
    chi_tieu_rows,
    info_rows,
    thu_tuc_rows,
    write_xlsx,
)

D = dt.date
DAY = dt.timedelta(days=1)
SEED = Path(__file__).resolve().parents[1] / "data" / "phu-lien" / "2026-Q1.xlsx"

# Sheet names as an office writes them (display labels for some, contract keys for others):
# findings must name the sheet as written.
S_INFO, S_CHI_TIEU, S_THU_TUC = "Thông tin", "Chỉ tiêu", "thu_tuc"
S_AGG, S_CHI_SO, S_HO_SO = "Hồ sơ tổng hợp", "Chỉ số", "Hồ sơ"

AGG_KEYS = [col.key for col in c.HO_SO_TONG_HOP.columns]
AGG_LABELS = [col.label for col in c.HO_SO_TONG_HOP.columns]  # "Hệ thống", "Thuộc", ...
AGG_COUNTS = AGG_KEYS[2:]
COL = {k: i for i, k in enumerate(AGG_KEYS)}
OUT_KEYS = [
    "giai_quyet_truoc_han",
    "giai_quyet_dung_han",
    "giai_quyet_qua_han",
    "rut_tu_choi",
    "dang_giai_quyet_trong_han",
    "dang_giai_quyet_qua_han",
]

# A consistent aggregate: 100 carried + 1000 received = 300 + 600 + 50 resolved + 30 withdrawn
# + 100 + 20 pending; online + direct = received on every row; Thành phố + Các Bộ, ngành = Tổng;
# Bộ Tư pháp + Bộ Tài chính = Các Bộ, ngành. Sheet rows 2..6.
#     he_thong, thuoc, carried, received, online, direct, early, on time, late, withdrawn,
#     pending in time, pending late
CLEAN_AGG: list[list[object]] = [
    ["Tổng", None, 100, 1000, 800, 200, 300, 600, 50, 30, 100, 20],
    ["Thành phố", None, None, 600, 500, 100, *[None] * 6],
    ["Các Bộ, ngành", None, None, 400, 300, 100, *[None] * 6],
    ["Bộ Tư pháp", "Các Bộ, ngành", None, 250, 200, 50, *[None] * 6],
    ["Bộ Tài chính", "Các Bộ, ngành", None, 150, 100, 50, *[None] * 6],
]
AGG_ROW = {row[0]: i + 2 for i, row in enumerate(CLEAN_AGG)}  # he_thong -> sheet row

THU_TUC_SPLIT = {"toan_trinh": 6, "mot_phan": 3, "truc_tiep": 1}

# A consistent chi_so sheet (rows 2..6); thu_tuc_toan_trinh agrees with the thu_tuc sheet.
CLEAN_CHI_SO: list[list[object]] = [
    ["du_lieu_so", "vneid_so_suc_khoe", "Sổ sức khỏe điện tử", "22.581", "57.566", 39, "tk", None],
    ["kinh_te_so", "hkd_khong_tien_mat", "Hộ kinh doanh không dùng tiền mặt", 90, 100, "trên 80%",
     "hộ", None],
    ["xa_hoi_so", "chi_tra_tai_khoan", "Chi trả qua tài khoản", "2.433", "2.433", "100%", "người",
     None],
    ["nhan_luc_so", "to_cong_tac", "Tổ công tác Đề án 06", "khoảng 300", None, None, "người", None],
    ["chinh_quyen_so", "thu_tuc_toan_trinh", "Thủ tục trực tuyến toàn trình", 6, 10, 60, "thủ tục",
     None],
]  # fmt: skip
CHI_SO_ROW = {row[1]: i + 2 for i, row in enumerate(CLEAN_CHI_SO)}

# Hand-made dossier records for 2026-Q1 (sheet rows 2..8) and their flows, counted by hand:
# HS6 is carried over (received 15/12/2025, resolved 05/01/2026, late); HS1 early, HS2 on time,
# HS3 late; HS4 pending within its deadline, HS5 pending overdue; HS7 withdrawn.
RECORDS: list[list[object]] = [
    ["HS1", "TT0001", "Hộ tịch", "Thành phố", "truc_tuyen", D(2026, 1, 5), D(2026, 1, 10),
     D(2026, 1, 8), "da_giai_quyet", True],
    ["HS2", "TT0002", "Đất đai", "Thành phố", "truc_tiep", D(2026, 2, 10), D(2026, 2, 15),
     D(2026, 2, 15), "da_giai_quyet", False],
    ["HS3", "TT0003", "Chứng thực", "Bộ Tư pháp", "buu_chinh", D(2026, 3, 1), D(2026, 3, 5),
     D(2026, 3, 10), "da_giai_quyet", True],
    ["HS4", "TT0001", "Hộ tịch", "Thành phố", "truc_tuyen", D(2026, 3, 20), D(2026, 4, 10),
     None, "dang_giai_quyet", False],
    ["HS5", "TT0002", "Đất đai", "Bộ Tư pháp", "truc_tuyen", D(2026, 2, 1), D(2026, 2, 10),
     None, "dang_giai_quyet", False],
    ["HS6", "TT0003", "Chứng thực", "Thành phố", "truc_tuyen", D(2025, 12, 15), D(2025, 12, 20),
     D(2026, 1, 5), "da_giai_quyet", True],
    ["HS7", "TT0001", "Hộ tịch", "Thành phố", "truc_tiep", D(2026, 3, 10), D(2026, 3, 20),
     D(2026, 3, 12), "rut", False],
]  # fmt: skip
# The Tổng row those records give: carried 1, received 6 (3 online, 3 direct/post), early 1,
# on time 1, late 2, withdrawn 1, pending in time 1, pending overdue 1.
RECORDS_TOTAL: list[object] = ["Tổng", None, 1, 6, 3, 3, 1, 1, 2, 1, 1, 1]


# --- builders ----------------------------------------------------------------------------


def sheets(
    *,
    quarter: str = "2026-Q1",
    info: dict[str, object] | None = None,
    agg: list[list[object]] | None = None,
    chi_so: list[list[object]] | None = None,
    chi_tieu: tuple[list[str], list[list[object]]] | None = None,
    records: list[list[object]] | None = None,
    with_agg: bool = True,
) -> dict[str, tuple[list[str], list[list[object]]]]:
    """A complete workbook's sheets, consistent unless a part is replaced."""
    out = {
        S_INFO: (["khoa", "gia_tri"], info_rows(quarter, **(info or {}))),
        S_CHI_TIEU: chi_tieu
        or (
            ["ma", "noi_dung", "loai", "trang_thai"],
            chi_tieu_rows(
                {"muc_tieu": (4, 2), "nhiem_vu_tien_do": (3, 1), "nhiem_vu_thuong_xuyen": (2, 0)}
            ),
        ),
        S_THU_TUC: (
            ["ma_thu_tuc", "ten_thu_tuc", "linh_vuc", "muc_do", "he_thong"],
            thu_tuc_rows(THU_TUC_SPLIT),
        ),
        S_CHI_SO: (list(CHI_SO_HEADERS), copy.deepcopy(CLEAN_CHI_SO) if chi_so is None else chi_so),
    }
    if with_agg:
        out[S_AGG] = (list(AGG_LABELS), copy.deepcopy(CLEAN_AGG) if agg is None else agg)
    if records is not None:
        out[S_HO_SO] = (list(HO_SO_HEADERS), records)
    return out


def write(path: Path, **kw: object) -> Path:
    return write_xlsx(path, sheets(**kw))  # type: ignore[arg-type]


def agg_with(*changes: tuple[str, str, object]) -> list[list[object]]:
    """CLEAN_AGG with ``(he_thong, column key, new value)`` changes."""
    rows = copy.deepcopy(CLEAN_AGG)
    for name, key, value in changes:
        row = next(r for r in rows if r[0] == name)
        row[COL[key]] = value
    return rows


def chi_so_with(ma: str, **values: object) -> list[list[object]]:
    """CLEAN_CHI_SO with cells of row ``ma`` replaced (tu_so=..., ty_le_bao_cao=...)."""
    rows = copy.deepcopy(CLEAN_CHI_SO)
    row = next(r for r in rows if r[1] == ma)
    for key, value in values.items():
        row[CHI_SO_HEADERS.index(key)] = value
    return rows


def reconcile(path: Path) -> list[checks.Finding]:
    return checks.reconcile(read_workbook(path))


def of(all_found: list[checks.Finding], rule: str) -> list[checks.Finding]:
    return [f for f in all_found if f.rule == rule]


def only(all_found: list[checks.Finding], rule: str) -> checks.Finding:
    found = of(all_found, rule)
    assert len(found) == 1, found
    return found[0]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the clean workbook ----------------------------------------------------------------------


def test_clean_workbooks_give_no_finding(tmp_path):
    # the counterpart of every rule below: the same workbooks, nothing injected
    assert reconcile(write(tmp_path / "agg.xlsx")) == []
    both = write(tmp_path / "both.xlsx", records=copy.deepcopy(RECORDS), agg=[RECORDS_TOTAL])
    assert reconcile(both) == []
    records_only = write(tmp_path / "rec.xlsx", records=copy.deepcopy(RECORDS), with_agg=False)
    wb = read_workbook(records_only)
    figures = compute(wb)
    # the hand count above, so the records really are consistent (and the rules saw data)
    assert figures["ho_so.ky_truoc_chuyen_sang"] == 1 and figures["ho_so.tiep_nhan"] == 6
    assert figures["ho_so.da_giai_quyet"] == 4 and figures["ho_so.dang_qua_han"] == 1
    assert checks.reconcile(wb, figures) == []
    assert set(checks.RULES) == {
        "tong_thanh_phan",
        "kenh_nop_khong_khop",
        "ty_le_lech",
        "vuot_100",
        "dong_ho_so",
        "ky_so_lieu",
        "hai_gia_tri",
        "ho_so_trung",
        "ket_qua_truoc_tiep_nhan",
        "chi_tieu_ngay",
        "chi_tieu_mau_thuan",
    }


# --- tong_thanh_phan -------------------------------------------------------------------------


def test_tong_thanh_phan_parts_of_a_named_parent(tmp_path):
    # Bộ Tư pháp 250 -> 240: the ministries now add up to 390 against the declared 400
    path = write(tmp_path / "a.xlsx", agg=agg_with(("Bộ Tư pháp", "tiep_nhan", 240)))
    f = only(reconcile(path), "tong_thanh_phan")
    assert (f.severity, f.sheet, f.row, f.key) == ("loi", S_AGG, AGG_ROW["Các Bộ, ngành"], None)
    assert f.figures == {"tổng ghi": 400, "cộng các phần": 390}
    assert f.gap == 10
    assert "«Tiếp nhận»" in f.message and "Bộ Tư pháp: 240" in f.message
    assert f"dòng {AGG_ROW['Các Bộ, ngành']}" in f.where and S_AGG in f.where


def test_tong_thanh_phan_parts_above_the_total(tmp_path):
    # Thành phố 600 -> 700: the parts of «Tổng» add up to 1100, above the declared 1000
    path = write(tmp_path / "a.xlsx", agg=agg_with(("Thành phố", "tiep_nhan", 700)))
    f = only(reconcile(path), "tong_thanh_phan")
    assert (f.severity, f.sheet, f.row) == ("loi", S_AGG, AGG_ROW["Tổng"])
    assert f.figures == {"tổng ghi": 1000, "cộng các phần": 1100}
    assert f.gap == -100


def test_tong_thanh_phan_parts_below_the_total_are_fine(tmp_path):
    # «Tổng» may leave systems out: parts below it are no contradiction
    rows = agg_with(("Thành phố", "tiep_nhan", 500), ("Thành phố", "truc_tuyen", 400))
    assert of(reconcile(write(tmp_path / "a.xlsx", agg=rows)), "tong_thanh_phan") == []


def test_tong_thanh_phan_blank_part_is_not_taken_as_zero(tmp_path):
    # A blank cell means "not stated" (docs: never taken as zero): one ministry's channels
    # unstated leave the named parent's channel totals unverifiable, not wrong ...
    rows = agg_with(
        ("Bộ Tài chính", "truc_tuyen", None), ("Bộ Tài chính", "truc_tiep_buu_chinh", None)
    )
    assert of(reconcile(write(tmp_path / "a.xlsx", agg=rows)), "tong_thanh_phan") == []
    # ... but stated parts above the parent still contradict it
    rows = agg_with(("Bộ Tài chính", "truc_tuyen", None), ("Bộ Tư pháp", "truc_tuyen", 350),
                    ("Bộ Tư pháp", "tiep_nhan", 400), ("Bộ Tài chính", "tiep_nhan", 0),
                    ("Bộ Tài chính", "truc_tiep_buu_chinh", None))  # fmt: skip
    f = only(reconcile(write(tmp_path / "b.xlsx", agg=rows)), "tong_thanh_phan")
    assert (f.row, f.gap) == (AGG_ROW["Các Bộ, ngành"], -50)
    assert f.figures == {"tổng ghi": 300, "cộng các phần": 350}


# --- kenh_nop_khong_khop ---------------------------------------------------------------------


def test_kenh_nop_khong_khop(tmp_path):
    # Tổng: 810 online + 200 direct = 1010, against 1000 received
    path = write(tmp_path / "a.xlsx", agg=agg_with(("Tổng", "truc_tuyen", 810)))
    found = reconcile(path)
    f = only(found, "kenh_nop_khong_khop")
    assert (f.severity, f.sheet, f.row) == ("loi", S_AGG, AGG_ROW["Tổng"])
    assert f.figures == {"tiếp nhận": 1000, "trực tuyến + trực tiếp": 1010}
    assert f.gap == -10
    assert of(found, "tong_thanh_phan") == []  # parts below «Tổng» are allowed
    assert of(reconcile(write(tmp_path / "b.xlsx")), "kenh_nop_khong_khop") == []


# --- ty_le_lech ------------------------------------------------------------------------------


def test_ty_le_lech_declared_rate_against_its_counts(tmp_path):
    rows = chi_so_with("thu_tuc_toan_trinh", tu_so=218, mau_so=377, ty_le_bao_cao=18)
    rows[CHI_SO_ROW["thu_tuc_toan_trinh"] - 2][1] = "dvc_toan_trinh"  # not a computed figure
    f = only(reconcile(write(tmp_path / "a.xlsx", chi_so=rows)), "ty_le_lech")
    assert (f.severity, f.sheet, f.row) == ("loi", S_CHI_SO, CHI_SO_ROW["thu_tuc_toan_trinh"])
    assert f.key == "chi_so.dvc_toan_trinh"
    assert f.figures["tỷ lệ báo cáo"] == pytest.approx(0.18)
    assert f.figures["tỷ lệ tính"] == pytest.approx(218 / 377)
    assert f.gap == pytest.approx(218 / 377 - 0.18)
    assert "18%" in f.message and "218/377" in f.message


def test_ty_le_lech_rounding_is_not_a_finding(tmp_path):
    # 22.581/57.566 = 39,23%: declared 39 (and 39,2%) are the same figure rounded
    assert of(reconcile(write(tmp_path / "a.xlsx")), "ty_le_lech") == []
    rows = chi_so_with("vneid_so_suc_khoe", ty_le_bao_cao="39,2%")
    assert of(reconcile(write(tmp_path / "b.xlsx", chi_so=rows)), "ty_le_lech") == []
    rows = chi_so_with("vneid_so_suc_khoe", ty_le_bao_cao=38)
    f = only(reconcile(write(tmp_path / "c.xlsx", chi_so=rows)), "ty_le_lech")
    assert f.row == CHI_SO_ROW["vneid_so_suc_khoe"] and f.key == "chi_so.vneid_so_suc_khoe"
    assert f.gap == pytest.approx(22581 / 57566 - 0.38)


def test_ty_le_lech_above_a_floor(tmp_path):
    # "trên 80%" with 70/100 is false; with 90/100 (the clean sheet) it holds
    rows = chi_so_with("hkd_khong_tien_mat", tu_so=70)
    f = only(reconcile(write(tmp_path / "a.xlsx", chi_so=rows)), "ty_le_lech")
    assert (f.severity, f.sheet, f.row) == ("loi", S_CHI_SO, CHI_SO_ROW["hkd_khong_tien_mat"])
    assert f.key == "chi_so.hkd_khong_tien_mat"
    assert f.figures == {"tỷ lệ báo cáo": pytest.approx(0.8), "tỷ lệ tính": pytest.approx(0.7)}
    assert f.gap == pytest.approx(-0.1)
    assert "trên 80%" in f.message


# --- vuot_100 --------------------------------------------------------------------------------


def test_vuot_100_numerator_above_denominator(tmp_path):
    rows = chi_so_with("chi_tra_tai_khoan", tu_so="2.500", ty_le_bao_cao=None)
    f = only(reconcile(write(tmp_path / "a.xlsx", chi_so=rows)), "vuot_100")
    assert (f.severity, f.sheet, f.row) == ("loi", S_CHI_SO, CHI_SO_ROW["chi_tra_tai_khoan"])
    assert f.key == "chi_so.chi_tra_tai_khoan"
    assert f.figures == {"tử số": 2500, "mẫu số": 2433}
    assert f.gap == 67


@pytest.mark.parametrize(
    ("declared", "value", "gap"), [("trên 100%", 1.0, 0.0), (120, 1.2, 0.2), ("120%", 1.2, 0.2)]
)
def test_vuot_100_declared_rate(tmp_path, declared, value, gap):
    rows = chi_so_with("to_cong_tac", ty_le_bao_cao=declared)
    f = only(reconcile(write(tmp_path / "a.xlsx", chi_so=rows)), "vuot_100")
    assert (f.severity, f.sheet, f.row) == ("loi", S_CHI_SO, CHI_SO_ROW["to_cong_tac"])
    assert f.key == "chi_so.to_cong_tac"
    assert f.figures == {"tỷ lệ báo cáo": pytest.approx(value), "tối đa": 1.0}
    assert f.gap == pytest.approx(gap)
    assert "vượt 100%" in f.message


def test_vuot_100_exactly_100_is_fine(tmp_path):
    # 2.433/2.433 at "100%" (and as the number 100, or 1 as an Excel percentage) is no finding
    for i, declared in enumerate(["100%", 100, 1]):
        rows = chi_so_with("chi_tra_tai_khoan", ty_le_bao_cao=declared)
        assert of(reconcile(write(tmp_path / f"{i}.xlsx", chi_so=rows)), "vuot_100") == []


def test_vuot_100_done_above_total_in_figures(tmp_path):
    wb = read_workbook(write(tmp_path / "a.xlsx"))
    figures = compute(wb)
    _, rule = checks.RULES["vuot_100"]
    assert list(rule(wb, figures)) == []
    assert figures["chi_tieu.muc_tieu.tong"] == 4
    figures["chi_tieu.muc_tieu.hoan_thanh"] = 7
    (f,) = rule(wb, figures)
    assert (f.rule, f.severity, f.key) == ("vuot_100", "loi", "chi_tieu.muc_tieu.hoan_thanh")
    assert f.figures == {"chi_tieu.muc_tieu.hoan_thanh": 7, "chi_tieu.muc_tieu.tong": 4}
    assert f.gap == 3


# --- dong_ho_so ------------------------------------------------------------------------------


def test_dong_ho_so_identity_failing(tmp_path):
    # 100 + 1000 = 1100 in, 300 + 600 + 50 + 60 + 100 + 20 = 1130 out
    path = write(tmp_path / "a.xlsx", agg=agg_with(("Tổng", "rut_tu_choi", 60)))
    f = only(reconcile(path), "dong_ho_so")
    # the unit's figures are the «Tổng» row's: the finding names that row and the figure
    assert (f.severity, f.sheet, f.key) == ("loi", S_AGG, "ho_so.tiep_nhan")
    assert f.row == AGG_ROW["Tổng"]
    assert f.figures == {"đầu kỳ + tiếp nhận": 1100, "giải quyết + rút + đang giải quyết": 1130}
    assert f.gap == -30
    assert "chênh 30" in f.message


def test_dong_ho_so_unstated_carry_over(tmp_path):
    # no carry-over stated, 1100 out of 1000 received: 100 must have been carried over
    path = write(tmp_path / "a.xlsx", agg=agg_with(("Tổng", "ky_truoc_chuyen_sang", None)))
    f = only(reconcile(path), "dong_ho_so")
    assert (f.severity, f.sheet, f.key) == ("canh_bao", S_AGG, "ho_so.ky_truoc_chuyen_sang")
    assert f.figures == {"tiếp nhận": 1000, "giải quyết + rút + đang giải quyết": 1100}
    assert f.gap == 100
    assert "phải là 100" in f.message


def test_dong_ho_so_dossiers_lost(tmp_path):
    # no carry-over stated, 300 + 450 + 50 + 30 + 100 + 20 = 950 out of 1000 received
    rows = agg_with(("Tổng", "ky_truoc_chuyen_sang", None), ("Tổng", "giai_quyet_dung_han", 450))
    f = only(reconcile(write(tmp_path / "a.xlsx", agg=rows)), "dong_ho_so")
    assert (f.severity, f.sheet, f.key) == ("loi", S_AGG, "ho_so.tiep_nhan")
    assert f.figures == {"tiếp nhận": 1000, "giải quyết + rút + đang giải quyết": 950}
    assert f.gap == -50


def test_dong_ho_so_clean(tmp_path):
    assert of(reconcile(write(tmp_path / "a.xlsx")), "dong_ho_so") == []
    # no carry-over stated and nothing needs one: out = received
    rows = agg_with(("Tổng", "ky_truoc_chuyen_sang", None), ("Tổng", "giai_quyet_dung_han", 500))
    assert of(reconcile(write(tmp_path / "b.xlsx", agg=rows)), "dong_ho_so") == []


# Every row stating its flows, each consistent (in = out), and the parts adding up to their
# parents: Thành phố + Các Bộ, ngành = Tổng; Bộ Tư pháp + Bộ Tài chính = Các Bộ, ngành.
FULL_AGG: list[list[object]] = [
    ["Tổng", None, 100, 1000, 800, 200, 300, 600, 50, 30, 100, 20],
    ["Thành phố", None, 60, 600, 500, 100, 180, 360, 30, 18, 60, 12],
    ["Các Bộ, ngành", None, 40, 400, 300, 100, 120, 240, 20, 12, 40, 8],
    ["Bộ Tư pháp", "Các Bộ, ngành", 25, 250, 200, 50, 75, 150, 12, 8, 25, 5],
    ["Bộ Tài chính", "Các Bộ, ngành", 15, 150, 100, 50, 45, 90, 8, 4, 15, 3],
]


def full_agg_with(*changes: tuple[str, str, object]) -> list[list[object]]:
    rows = copy.deepcopy(FULL_AGG)
    for name, key, value in changes:
        next(r for r in rows if r[0] == name)[COL[key]] = value
    return rows


def test_dong_ho_so_every_row_holds(tmp_path):
    assert reconcile(write(tmp_path / "a.xlsx", agg=copy.deepcopy(FULL_AGG))) == []


def test_dong_ho_so_one_finding_per_broken_system_row(tmp_path):
    # Thành phố: 60 + 600 = 660 in, 180 + 360 + 30 + 28 + 60 + 12 = 670 out;
    # Bộ Tài chính: 15 + 150 = 165 in, 45 + 80 + 8 + 4 + 15 + 3 = 155 out. The others hold.
    rows = full_agg_with(
        ("Thành phố", "rut_tu_choi", 28), ("Bộ Tài chính", "giai_quyet_dung_han", 80)
    )
    found = of(reconcile(write(tmp_path / "a.xlsx", agg=rows)), "dong_ho_so")
    assert [(f.sheet, f.row) for f in found] == [(S_AGG, 3), (S_AGG, 6)]
    city, finance = found
    assert (city.severity, city.key, city.gap) == ("loi", None, -10)
    assert city.figures == {"đầu kỳ + tiếp nhận": 660, "giải quyết + rút + đang giải quyết": 670}
    assert city.message.startswith("«Thành phố»: Kỳ trước chuyển sang 60 + tiếp nhận 600 = 660")
    assert "rút, từ chối 28" in city.message and "chênh 10" in city.message
    assert (finance.severity, finance.gap) == ("loi", 10)
    assert finance.figures == {"đầu kỳ + tiếp nhận": 165, "giải quyết + rút + đang giải quyết": 155}
    assert finance.message.startswith("«Bộ Tài chính»:")
    assert finance.where == f"trang «{S_AGG}», dòng 6"


def test_dong_ho_so_a_row_without_its_carry_over(tmp_path):
    # Bộ Tư pháp states no carry-over: 275 out of 250 received, 25 must have been carried
    rows = full_agg_with(("Bộ Tư pháp", "ky_truoc_chuyen_sang", None))
    f = only(reconcile(write(tmp_path / "a.xlsx", agg=rows)), "dong_ho_so")
    assert (f.severity, f.sheet, f.row, f.key, f.gap) == ("canh_bao", S_AGG, 5, None, 25)
    assert f.message.startswith("«Bộ Tư pháp»:") and "phải là 25" in f.message


def test_dong_ho_so_rows_that_state_only_some_flows_are_not_judged(tmp_path):
    # CLEAN_AGG's systems state received and channels only: nothing to check on them
    rows = agg_with(("Thành phố", "giai_quyet_dung_han", 1))
    assert of(reconcile(write(tmp_path / "a.xlsx", agg=rows)), "dong_ho_so") == []


def test_dong_ho_so_aggregate_rows_beside_records(tmp_path):
    # with records, the aggregate is reconciled against them, and its rows are checked too
    total = list(RECORDS_TOTAL)
    total[COL["ky_truoc_chuyen_sang"]] = 2  # 2 + 6 in, 4 + 1 + 2 out
    path = write(tmp_path / "a.xlsx", records=copy.deepcopy(RECORDS), agg=[total])
    f = only(reconcile(path), "dong_ho_so")
    assert (f.sheet, f.row, f.key, f.gap) == (S_AGG, 2, None, 1)
    assert f.message.startswith("«Tổng»:")


def test_dong_ho_so_per_linh_vuc_of_the_records(tmp_path, monkeypatch):
    """The records' fields balance by the definitions of the records (every dossier counted
    once), so the check names a field only when its counts do not: here made not to."""
    from helpers import indicators

    path = write(tmp_path / "a.xlsx", records=copy.deepcopy(RECORDS), with_agg=False)
    assert of(reconcile(path), "dong_ho_so") == []
    real = indicators.linh_vuc_flows

    def one_counted_twice(wb):
        table = real(wb).copy()
        table.loc["Hộ tịch", "dang_trong_han"] += 1
        return table

    monkeypatch.setattr(indicators, "linh_vuc_flows", one_counted_twice)
    f = only(reconcile(path), "dong_ho_so")
    assert (f.severity, f.sheet, f.row, f.key, f.gap) == ("loi", S_HO_SO, None, None, -1)
    assert f.message.startswith("Lĩnh vực «Hộ tịch»: Kỳ trước chuyển sang 0 + tiếp nhận 3 = 3")
    assert f.figures == {"đầu kỳ + tiếp nhận": 3, "giải quyết + rút + đang giải quyết": 4}


# --- ky_so_lieu ------------------------------------------------------------------------------


def test_ky_so_lieu_window_past_the_quarter(tmp_path):
    path = write(tmp_path / "a.xlsx", info={"den_ngay": D(2026, 4, 16)})
    f = only(reconcile(path), "ky_so_lieu")
    assert (f.severity, f.sheet, f.key) == ("canh_bao", S_INFO, "den_ngay")
    assert f.figures == {"cuối kỳ": "31/03/2026", "đến ngày": "16/04/2026"}
    assert f.gap == 16


def test_ky_so_lieu_nd09_convention(tmp_path):
    # Decree 09 window of Q1: 15/12/2025 - 14/03/2026, no finding ...
    info = {"quy_uoc_ky": "nd09", "tu_ngay": D(2025, 12, 15), "den_ngay": D(2026, 3, 14)}
    assert of(reconcile(write(tmp_path / "a.xlsx", info=info)), "ky_so_lieu") == []
    # ... while under nd09 a calendar cut-off runs 17 days past the period
    info = {"quy_uoc_ky": "nd09"}
    f = only(reconcile(write(tmp_path / "b.xlsx", info=info)), "ky_so_lieu")
    assert f.gap == 17 and f.figures["cuối kỳ"] == "14/03/2026"
    # and the Decree 09 window read as a calendar quarter starts 17 days early
    info = {"tu_ngay": D(2025, 12, 15), "den_ngay": D(2026, 3, 14)}
    f = only(reconcile(write(tmp_path / "c.xlsx", info=info)), "ky_so_lieu")
    assert (f.key, f.gap, f.severity) == ("tu_ngay", 17, "canh_bao")


# --- hai_gia_tri -----------------------------------------------------------------------------


def test_hai_gia_tri_chi_so_against_thu_tuc(tmp_path):
    rows = chi_so_with("thu_tuc_toan_trinh", tu_so=8, ty_le_bao_cao=80)
    f = only(reconcile(write(tmp_path / "a.xlsx", chi_so=rows)), "hai_gia_tri")
    assert (f.severity, f.sheet, f.row) == ("loi", S_CHI_SO, CHI_SO_ROW["thu_tuc_toan_trinh"])
    assert f.key == "chi_so.thu_tuc_toan_trinh"
    assert f.figures == {"chỉ số ghi": 8, "thu_tuc.toan_trinh": THU_TUC_SPLIT["toan_trinh"]}
    assert f.gap == 2
    # the clean sheet states 6, the count of the thu_tuc sheet
    assert of(reconcile(write(tmp_path / "b.xlsx")), "hai_gia_tri") == []


def test_hai_gia_tri_aggregate_against_records(tmp_path):
    total = list(RECORDS_TOTAL)
    total[COL["rut_tu_choi"]] = 4  # the records hold one withdrawal
    path = write(tmp_path / "a.xlsx", records=copy.deepcopy(RECORDS), agg=[total])
    found = reconcile(path)
    f = only(found, "hai_gia_tri")
    assert (f.severity, f.sheet, f.row, f.key) == ("loi", S_AGG, None, "ho_so.rut_tu_choi")
    assert f.figures == {"bảng tổng hợp": 4, "danh sách hồ sơ": 1}
    assert f.gap == 3
    # the records are the truth: their flow is consistent; the aggregate's own row, with 3
    # withdrawals more, no longer balances, and that row is named
    (flow,) = of(found, "dong_ho_so")
    assert (flow.sheet, flow.row, flow.key, flow.gap) == (S_AGG, 2, None, -3)


# --- ho_so_trung -----------------------------------------------------------------------------


def test_ho_so_trung_names_every_row(tmp_path):
    records = copy.deepcopy(RECORDS)
    records[2][0] = records[4][0] = "HS1"  # rows 4 and 6 repeat row 2's code
    path = write(tmp_path / "a.xlsx", records=records, with_agg=False)
    wb = read_workbook(path)  # must not raise: a repeated row is reported, not refused
    assert wb.table("ho_so")["ma_ho_so"].tolist().count("HS1") == 3
    f = only(checks.reconcile(wb), "ho_so_trung")
    assert (f.severity, f.sheet, f.row) == ("loi", S_HO_SO, 2)
    assert f.figures == {"số lần": 3, "cần": 1}
    assert f.gap == 2
    # located by rows; the code stays out of findings, which reach the shared report
    assert "HS1" not in f.message and "dòng 2, 4, 6" in f.message
    assert compute(wb)["ho_so.tiep_nhan"] == 4  # counted once, at its first row
    clean = write(tmp_path / "b.xlsx", records=copy.deepcopy(RECORDS), with_agg=False)
    assert of(reconcile(clean), "ho_so_trung") == []


# --- ket_qua_truoc_tiep_nhan -----------------------------------------------------------------


def test_ket_qua_truoc_tiep_nhan(tmp_path):
    records = copy.deepcopy(RECORDS)
    records[1][7] = D(2026, 2, 7)  # HS2, row 3: received 10/02, result 07/02
    path = write(tmp_path / "a.xlsx", records=records, with_agg=False)
    f = only(reconcile(path), "ket_qua_truoc_tiep_nhan")
    assert (f.severity, f.sheet, f.row) == ("loi", S_HO_SO, 3)
    assert f.figures == {"ngày tiếp nhận": "10/02/2026", "ngày có kết quả": "07/02/2026"}
    assert f.gap == -3
    assert "HS2" not in f.message and "dòng 3" in f.message
    # a result on the day of receipt is fine
    records[1][7] = D(2026, 2, 10)
    clean = write(tmp_path / "b.xlsx", records=records, with_agg=False)
    assert of(reconcile(clean), "ket_qua_truoc_tiep_nhan") == []


# --- chi_tieu_ngay ---------------------------------------------------------------------------


def _chi_tieu(*rows: list[object]) -> tuple[list[str], list[list[object]]]:
    headers = ["ma", "noi_dung", "loai", "trang_thai", "ngay_hoan_thanh"]
    base = [
        ["MT1", "Mục tiêu 1", "muc_tieu", "hoan_thanh", D(2026, 2, 1)],
        ["NV1", "Nhiệm vụ 1", "nhiem_vu_tien_do", "dang_thuc_hien", None],
    ]
    return headers, base + [list(r) for r in rows]


def test_chi_tieu_ngay_done_after_cut_off(tmp_path):
    ct = _chi_tieu(["MT2", "Mục tiêu 2", "muc_tieu", "hoan_thanh", D(2026, 4, 10)])
    f = only(reconcile(write(tmp_path / "a.xlsx", chi_tieu=ct)), "chi_tieu_ngay")
    assert (f.severity, f.sheet, f.row) == ("canh_bao", S_CHI_TIEU, 4)
    assert f.figures == {"ngày hoàn thành": "10/04/2026", "ngày chốt": "31/03/2026"}
    assert f.gap == 10
    assert "«MT2»" in f.message


def test_chi_tieu_ngay_date_on_an_open_task(tmp_path):
    ct = _chi_tieu(["NV2", "Nhiệm vụ 2", "nhiem_vu_tien_do", "dang_thuc_hien", D(2026, 2, 15)])
    f = only(reconcile(write(tmp_path / "a.xlsx", chi_tieu=ct)), "chi_tieu_ngay")
    assert (f.severity, f.sheet, f.row) == ("canh_bao", S_CHI_TIEU, 4)
    assert "«NV2»" in f.message and "15/02/2026" in f.message and "Đang thực hiện" in f.message


def test_chi_tieu_ngay_clean(tmp_path):
    # done on the cut-off day itself, open tasks without a date
    ct = _chi_tieu(["MT2", "Mục tiêu 2", "muc_tieu", "hoan_thanh", D(2026, 3, 31)])
    assert of(reconcile(write(tmp_path / "a.xlsx", chi_tieu=ct)), "chi_tieu_ngay") == []


# --- luy_ke_giam (against the previous quarter) ----------------------------------------------


def _two_quarters(folder: Path, q2_vneid: str, q2_rate: int) -> Path:
    # Q1 ends with 100 pending (80 + 20), the 100 that CLEAN_AGG's Q2 carries over
    q1 = agg_with(("Tổng", "giai_quyet_truoc_han", 320), ("Tổng", "dang_giai_quyet_trong_han", 80))
    write(folder / "2026-Q1.xlsx", agg=q1)
    q2_info = {"tu_ngay": D(2026, 4, 1), "den_ngay": D(2026, 6, 30)}
    rows = chi_so_with("vneid_so_suc_khoe", tu_so=q2_vneid, ty_le_bao_cao=q2_rate)
    return write(folder / "2026-Q2.xlsx", quarter="2026-Q2", info=q2_info, chi_so=rows)


def test_luy_ke_giam_when_a_cumulative_count_drops(tmp_path):
    q2 = _two_quarters(tmp_path / "data" / "u", "22.000", 38)
    result = findings.check_file(q2)
    assert (result.unit, result.quarter, result.previous) == ("u", "2026-Q2", "2026-Q1.xlsx")
    f = only(result.findings, "luy_ke_giam")
    assert (f.severity, f.sheet, f.row) == ("canh_bao", S_CHI_SO, CHI_SO_ROW["vneid_so_suc_khoe"])
    assert f.key == "chi_so.vneid_so_suc_khoe"
    assert f.figures == {"Quý I/2026": 22581, "Quý II/2026": 22000}
    assert f.gap == -581
    assert [x.rule for x in result.findings] == ["luy_ke_giam"]  # nothing else is wrong
    assert "Đã đối chiếu với quý trước: 2026-Q1.xlsx" in findings.format_table(result)


def test_luy_ke_giam_not_when_it_rises(tmp_path):
    q2 = _two_quarters(tmp_path / "data" / "u", "23.000", 40)
    result = findings.check_file(q2)
    assert result.previous == "2026-Q1.xlsx"
    assert result.findings == []


def test_luy_ke_giam_against_previous_directly(tmp_path):
    q2 = _two_quarters(tmp_path / "u", "22.000", 38)
    now, before = read_workbook(q2), read_workbook(tmp_path / "u" / "2026-Q1.xlsx")
    (f,) = checks.against_previous(now, before)
    assert f.rule == "luy_ke_giam" and f.gap == -581
    assert of(checks.reconcile(now, previous=before), "luy_ke_giam") == [f]
    assert of(checks.reconcile(now), "luy_ke_giam") == []


def test_unreadable_previous_quarter_is_skipped(tmp_path):
    q2 = _two_quarters(tmp_path / "u", "22.000", 38)
    (tmp_path / "u" / "2026-Q1.xlsx").write_bytes(b"not a workbook")
    result = findings.check_file(q2)
    assert result.previous is None and result.findings == []


# --- the seed --------------------------------------------------------------------------------


def test_seed_findings():
    before = sha256(SEED)
    result = findings.check_file(SEED)
    found = result.findings
    assert findings.has_errors(found)
    assert (result.unit, result.quarter, result.previous) == ("phu-lien", "2026-Q1", None)

    assert any(
        f.severity == "loi" and f.figures == {"tổng ghi": 896, "cộng các phần": 884} and f.gap == 12
        for f in of(found, "tong_thanh_phan")
    )
    rates = [
        (round(f.figures["tỷ lệ báo cáo"], 6), round(f.figures["tỷ lệ tính"], 6))
        for f in of(found, "ty_le_lech")
    ]
    assert (0.18, round(218 / 377, 6)) in rates
    assert (0.82, round(159 / 377, 6)) in rates
    assert any("trên 100%" in f.message and f.severity == "loi" for f in of(found, "vuot_100"))
    (flow,) = of(found, "dong_ho_so")  # the «Tổng» row; the ministries state received only
    assert (flow.gap, flow.row, flow.sheet) == (699, 2, "Hồ sơ tổng hợp")
    assert flow.figures == {"tiếp nhận": 11952, "giải quyết + rút + đang giải quyết": 12651}
    (window,) = of(found, "ky_so_lieu")
    assert window.gap == 16 and window.figures["cuối kỳ"] == "31/03/2026"
    assert window.figures["đến ngày"] == "16/04/2026"
    assert sha256(SEED) == before


def test_findings_are_ordered_errors_first():
    found = findings.check_file(SEED).findings
    severities = [f.severity for f in found]
    assert severities == sorted(severities, key=lambda s: s != "loi")


# --- the check command -----------------------------------------------------------------------


def test_cli_check_seed_table(capsys):
    before = sha256(SEED)
    assert main(["check", str(SEED)]) == 1
    out = capsys.readouterr().out
    assert "Lỗi" in out and "Cảnh báo" in out
    assert "884" in out and "896" in out
    assert "tong_thanh_phan" in out and "Chênh lệch: 12" in out
    assert sha256(SEED) == before


def test_cli_check_seed_json(capsys):
    assert main(["check", "--json", str(SEED)]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["don_vi"] == "phu-lien" and payload["ky"] == "2026-Q1"
    items = payload["findings"]
    assert items and payload["so_loi"] == sum(i["severity"] == "loi" for i in items)
    for item in items:
        assert {"rule", "severity", "figures", "gap", "where"} <= set(item)
        assert item["rule"] in checks.RULE_TITLES and item["severity"] in ("loi", "canh_bao")
    (parts,) = [
        i for i in items if i["rule"] == "tong_thanh_phan" and i["figures"]["tổng ghi"] == 896
    ]
    assert parts["gap"] == 12 and parts["figures"]["cộng các phần"] == 884
    assert "Hồ sơ tổng hợp" in parts["where"]


def test_cli_check_clean_workbook(tmp_path, capsys):
    path = write(tmp_path / "u" / "2026-Q1.xlsx")
    assert main(["check", str(path)]) == 0
    assert "không phát hiện" in capsys.readouterr().out
    assert main(["check", "--json", str(path)]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["findings"] == [] and payload["so_loi"] == 0


def test_cli_check_warnings_only_exit_0(tmp_path, capsys):
    path = write(tmp_path / "u" / "2026-Q1.xlsx", info={"den_ngay": D(2026, 4, 16)})
    assert main(["check", str(path)]) == 0
    assert "Cảnh báo" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["2026-Q1.xlsx", "notes.txt"])
def test_cli_check_not_a_workbook(tmp_path, capsys, name):
    path = tmp_path / name
    path.write_text("ma_ho_so,ngay_tiep_nhan\nHS1,01/01/2026\n", encoding="utf-8")
    assert main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert name in captured.err


# --- property-based: consistent workbooks are clean, one perturbation is caught --------------

Q_START, Q_END = D(2026, 1, 1), D(2026, 3, 31)
SYSTEMS = ["Thành phố", "Bộ Tư pháp", "Bộ Tài chính", "Bộ Y tế"]
PROPERTY_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def dossier(draw: st.DrawFn) -> list[object]:
    """One record with any dates, status and channel; never a result before receipt."""
    status = draw(
        st.sampled_from(["da_giai_quyet", "dang_giai_quyet", "rut", "tu_choi", "khong_tiep_nhan"])
    )
    received = Q_START + draw(st.integers(-90, 120)) * DAY
    deadline = draw(st.none() | st.integers(-5, 45).map(lambda d: received + d * DAY))
    result = None
    if status == "da_giai_quyet":
        result = received + draw(st.integers(0, 60)) * DAY
    elif status in ("rut", "tu_choi"):
        result = draw(st.none() | st.integers(0, 60).map(lambda d: received + d * DAY))
    elif status == "khong_tiep_nhan" and draw(st.booleans()):
        received = None  # never received: the export leaves the date blank
    channel = draw(
        st.sampled_from(["truc_tuyen", "truc_tiep", "buu_chinh", None, "2", "Trực tuyến"])
    )
    return [
        None,  # ma_ho_so, set by the caller
        f"TT{draw(st.integers(1, 9)):04d}",
        "Hộ tịch",
        draw(st.sampled_from(SYSTEMS)),
        channel,
        received,
        deadline,
        result,
        status,
        draw(st.booleans()),
    ]


@PROPERTY_SETTINGS
@given(records=st.lists(dossier(), min_size=1, max_size=40))
def test_property_consistent_records_give_no_error(records):
    for i, r in enumerate(records):
        r[0] = f"HS{i:05d}"
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / "2026-Q1.xlsx", records=records, with_agg=False)
        wb = read_workbook(path)
        figures = compute(wb)
        found = checks.reconcile(wb, figures)
    assert [f for f in found if f.severity == "loi"] == []
    # and the identity really holds on the figures the rules saw
    g = figures.get
    into = g("ho_so.ky_truoc_chuyen_sang", 0) + g("ho_so.tiep_nhan", 0)
    out = g("ho_so.da_giai_quyet", 0) + g("ho_so.rut_tu_choi", 0) + g("ho_so.dang_giai_quyet", 0)
    assert into == out


@st.composite
def flows(draw: st.DrawFn) -> dict[str, int]:
    """One system's consistent flows: carried + received = out; online + direct = received."""
    out = {k: draw(st.integers(0, 3000)) for k in OUT_KEYS}
    total = sum(out.values())
    carried = draw(st.integers(0, total))
    received = total - carried
    online = draw(st.integers(0, received))
    return {
        "ky_truoc_chuyen_sang": carried,
        "tiep_nhan": received,
        "truc_tuyen": online,
        "truc_tiep_buu_chinh": received - online,
        **out,
    }


def _sum(parts: list[dict[str, int]]) -> dict[str, int]:
    return {k: sum(p[k] for p in parts) for k in AGG_COUNTS}


def _row(name: str, parent: str | None, values: dict[str, int | None]) -> list[object]:
    return [name, parent, *(values.get(k) for k in AGG_COUNTS)]


def _number_cell(n: int, as_text: bool) -> object:
    return f"{n:,}".replace(",", ".") if as_text else n


@st.composite
def chi_so_sheet(draw: st.DrawFn) -> list[list[object]]:
    """chi_so rows with tu_so <= mau_so and the declared rate round(100*tu/mau), in any form."""
    rows = []
    for i in range(draw(st.integers(1, 5))):
        den = draw(st.integers(1, 100_000))
        num = draw(st.integers(0, den))
        rate = round(100 * num / den)
        form = draw(st.sampled_from(["text_percent", "points", "excel_fraction", "text_points"]))
        if form == "points" and rate > 1:
            declared: object = rate
        elif form == "excel_fraction":
            declared = rate / 100
        elif form == "text_points":
            declared = str(rate)
        else:
            declared = f"{rate}%"
        text = draw(st.booleans())
        rows.append(
            ["xa_hoi_so", f"cs_{i}", f"Chỉ số {i}", _number_cell(num, text),
             _number_cell(den, text), declared, "người", None]
        )  # fmt: skip
    return rows


@st.composite
def aggregate_spec(draw: st.DrawFn, blanks: bool = True) -> dict[str, object]:
    """A consistent ho_so_tong_hop: systems under «Tổng» (some possibly not listed), optionally
    a «Các Bộ, ngành» row with its ministries, and the Tổng row as the exact sum."""
    top = [draw(flows()) for _ in range(draw(st.integers(1, 3)))]
    children = [draw(flows()) for _ in range(draw(st.integers(0, 3)))]
    listed = [True] * len(top)
    if blanks:
        listed = [draw(st.booleans()) for _ in top]
    rows: list[dict[str, object]] = []
    for i, (values, shown) in enumerate(zip(top, listed, strict=True)):
        if shown:
            rows.append({"name": f"Hệ thống {i + 1}", "parent": None, "values": dict(values)})
    parts = list(top)
    if children:
        parent = _sum(children)
        parts.append(parent)
        rows.append({"name": "Các Bộ, ngành", "parent": None, "values": dict(parent)})
        for i, values in enumerate(children):
            rows.append({"name": f"Bộ {i + 1}", "parent": "Các Bộ, ngành", "values": dict(values)})
    if blanks:  # cells left blank ("not stated") in system rows; the Tổng row states everything
        for row in rows:
            for key in AGG_COUNTS:
                if draw(st.integers(0, 9)) == 0:
                    row["values"][key] = None  # type: ignore[index]
    total = {"name": c.TONG, "parent": None, "values": _sum(parts)}
    return {"agg": [total, *rows], "chi_so": draw(chi_so_sheet())}


def _write_spec(folder: Path, spec: dict[str, object]) -> Path:
    agg = [_row(r["name"], r["parent"], r["values"]) for r in spec["agg"]]  # type: ignore[attr-defined]
    return write(folder / "2026-Q1.xlsx", agg=agg, chi_so=spec["chi_so"])


@PROPERTY_SETTINGS
@given(spec=aggregate_spec())
def test_property_consistent_aggregate_gives_no_error(spec):
    with tempfile.TemporaryDirectory() as tmp:
        found = reconcile(_write_spec(Path(tmp), spec))
    assert [f for f in found if f.severity == "loi"] == []


PERTURBATIONS = [
    "system_received",
    "system_online",
    "total_withdrawn",
    "total_received",
    "rate",
    "numerator",
]


@PROPERTY_SETTINGS
@given(
    spec=aggregate_spec(blanks=False),
    kind=st.sampled_from(PERTURBATIONS),
    amount=st.integers(1, 500),
    pick=st.integers(0, 100),
)
def test_property_one_perturbed_figure_gives_an_error(spec, kind, amount, pick):
    spec = copy.deepcopy(spec)
    agg, chi_so = spec["agg"], spec["chi_so"]
    systems = agg[1:]
    if kind == "system_received":
        systems[pick % len(systems)]["values"]["tiep_nhan"] += amount
    elif kind == "system_online":
        systems[pick % len(systems)]["values"]["truc_tuyen"] += amount
    elif kind == "total_withdrawn":
        agg[0]["values"]["rut_tu_choi"] += amount
    elif kind == "total_received":
        agg[0]["values"]["tiep_nhan"] += amount
    else:
        row = chi_so[pick % len(chi_so)]
        num = int(str(row[3]).replace(".", ""))
        den = int(str(row[4]).replace(".", ""))
        if kind == "numerator":
            row[3] = den + amount
        else:  # a declared rate moved by at least two points
            rate = round(100 * num / den)
            delta = 2 + amount % 30
            row[5] = f"{rate - delta if rate >= delta else rate + delta}%"
    with tempfile.TemporaryDirectory() as tmp:
        found = reconcile(_write_spec(Path(tmp), spec))
    assert findings.has_errors(found), (kind, found)
