"""Targets judged from the figures: real generated workbooks, every rule of ``helpers.targets``."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from helpers import contract as c
from helpers import (
    findings,
    fmt,
    indicators,
    judging,
    report,
    sections,
    targets,
    template,
    trends,
)
from helpers.errors import ContractError
from helpers.io import read_workbook
from workbooks import CHI_SO_HEADERS, chi_so_rows, sample_workbook

WORKBOOK = Path(sys.executable).with_name("workbook")
HEADERS = ["ma", "noi_dung", "loai", "trang_thai", "chi_so", "nguong", "chieu"]
Q1 = dt.date(2026, 1, 1), dt.date(2026, 3, 31)


def target_rows(*rows: tuple) -> list[list[object]]:
    """Targets (ma, loai, trang_thai, chi_so, nguong[, chieu]) plus one unlinked task."""
    out = [
        [ma, f"Nội dung {ma}", loai, status, key, threshold, *rest]
        for ma, loai, status, key, threshold, *rest in rows
    ]
    return [*out, ["NV9", "Nhiệm vụ không đo", "nhiem_vu_thuong_xuyen", "dang_thuc_hien"]]


def workbook_with(tmp_path: Path, rows: list[list[object]], **kw) -> Path:
    chi_so = [*chi_so_rows(), ["ha_tang", "wifi", "Nhà văn hóa có Wi-Fi", 14, None, None,
                               "nhà văn hóa", None]]  # fmt: skip
    return sample_workbook(
        tmp_path / "xa-thu" / "2026-Q1.xlsx",
        extra_sheets={"chi_tieu": (HEADERS, rows), "chi_so": (CHI_SO_HEADERS, chi_so)},
        **kw,
    )


def judged(path: Path) -> dict[str, targets.Judgement]:
    wb = read_workbook(path)
    return {j.ma: j for j in targets.judge(wb, indicators.compute(wb))}


def test_every_kind_of_threshold_is_judged(tmp_path):
    path = workbook_with(
        tmp_path,
        target_rows(
            ("MT1", "muc_tieu", "dang_thuc_hien", "chi_so.vneid_so_suc_khoe", "70%"),
            ("MT2", "muc_tieu", "dang_thuc_hien", "chi_so.vneid_so_suc_khoe", 0.39),  # Excel %
            ("MT3", "muc_tieu", "hoan_thanh", "ho_so.ty_le_truc_tuyen", 100),  # points
            ("MT4", "muc_tieu", "hoan_thanh", "chi_so.wifi", 14),  # a count
            ("MT5", "muc_tieu", "dang_thuc_hien", "chi_so.wifi", "20"),
            ("MT6", "muc_tieu", "dang_thuc_hien", "ho_so.dang_qua_han", 0, "toi_da"),
            ("MT7", "muc_tieu", "dang_thuc_hien", "ho_so.ty_le_so_hoa", "100%"),  # no records
            ("MT8", "muc_tieu", "dang_thuc_hien", "thu_tuc.ty_le_toan_trinh", "80%"),
            ("MT9", "muc_tieu", "dang_thuc_hien", "chi_so.ho_kinh_doanh_qr", "80%"),
        ),
    )
    j = judged(path)
    # 22.581/57.566 = 39,2% against 70%: 40.297 accounts are 70%, 17.716 are missing
    assert (j["MT1"].verdict, j["MT1"].missing, j["MT1"].unit) == ("chua_dat", 17716, "tài khoản")
    assert j["MT1"].figure == "chi_so.vneid_so_suc_khoe.ty_le"
    assert j["MT1"].gap == pytest.approx(22581 / 57566 - 0.7)
    assert (j["MT2"].verdict, j["MT2"].threshold, j["MT2"].missing) == ("dat", 0.39, None)
    # the aggregate's 11.952 of 11.952 online: 100 written as points
    assert (j["MT3"].verdict, j["MT3"].threshold) == ("dat", 1.0)
    assert (j["MT4"].verdict, j["MT4"].figure, j["MT4"].gap) == ("dat", "chi_so.wifi", 0)
    assert (j["MT5"].verdict, j["MT5"].gap, j["MT5"].missing) == ("chua_dat", -6, None)
    # the aggregate states 0 pending overdue: within "không quá 0"
    assert (j["MT6"].verdict, j["MT6"].direction) == ("dat", "toi_da")
    assert j["MT7"].verdict == "khong_co_so_lieu" and j["MT7"].value is None
    assert (j["MT8"].verdict, j["MT8"].missing, j["MT8"].unit) == ("chua_dat", 84, "thủ tục")
    # a rate only declared ("trên 80%"): judged at its value, with its qualifier, no count
    assert (j["MT9"].verdict, j["MT9"].qualifier, j["MT9"].missing) == ("dat", "trên", None)
    assert "NV9" not in j


def test_the_figures_go_to_chi_so_json_under_stable_keys(tmp_path):
    path = workbook_with(
        tmp_path,
        target_rows(
            ("MT1", "muc_tieu", "dang_thuc_hien", "chi_so.vneid_so_suc_khoe", "70%"),
            ("MT2", "muc_tieu", "dang_thuc_hien", "ho_so.ty_le_so_hoa", "100%"),
            ("1", "nhiem_vu_tien_do", "dang_thuc_hien", "chi_so.wifi", 10),
        ),
    )
    f = indicators.compute(read_workbook(path))
    assert f["chi_tieu.muc_tieu.mt1.dat"] == 0
    assert f["chi_tieu.muc_tieu.mt1.con_thieu"] == 17716
    assert f["chi_tieu.muc_tieu.mt1.nguong"] == 0.7
    assert f["chi_tieu.muc_tieu.mt1.gia_tri"] == pytest.approx(0.39226, abs=1e-5)
    assert "chi_tieu.muc_tieu.mt2.dat" not in f and f["chi_tieu.muc_tieu.mt2.nguong"] == 1.0
    assert f["chi_tieu.nhiem_vu_tien_do.1.dat"] == 1 and f["chi_tieu.nhiem_vu_tien_do.1.chenh"] == 4
    assert (f["chi_tieu.danh_gia.tong"], f["chi_tieu.danh_gia.dat"]) == (3, 1)
    assert (f["chi_tieu.danh_gia.chua_dat"], f["chi_tieu.danh_gia.khong_co_so_lieu"]) == (1, 1)
    json.loads(indicators.to_json(f, "xa-thu", "2026-Q1"))  # every value serializable


def test_a_target_declared_done_that_its_figure_contradicts_is_an_error(tmp_path):
    path = workbook_with(
        tmp_path,
        target_rows(
            ("MT1", "muc_tieu", "hoan_thanh", "chi_so.vneid_so_suc_khoe", "70%"),
            ("MT2", "muc_tieu", "hoan_thanh", "chi_so.wifi", 14),  # done and met: fine
            ("MT3", "muc_tieu", "hoan_thanh", "ho_so.ty_le_so_hoa", "100%"),  # no data: fine
        ),
    )
    found = [f for f in findings.check_file(path).findings if f.rule == "chi_tieu_mau_thuan"]
    assert len(found) == 1
    (f,) = found
    assert (f.severity, f.sheet, f.row, f.key) == (
        "loi",
        "chi_tieu",
        2,
        "chi_tieu.muc_tieu.mt1.dat",
    )
    assert "«MT1» ghi hoàn thành" in f.message and "39,2%" in f.message
    assert "còn thiếu 17.716 tài khoản" in f.message


def test_codes_repeat_across_kinds_but_not_within_one(tmp_path):
    rows = [
        ["1", "Mục tiêu 1", "muc_tieu", "hoan_thanh"],
        ["2", "Mục tiêu 2", "muc_tieu", "dang_thuc_hien"],
        ["1", "Nhiệm vụ 1", "nhiem_vu_tien_do", "hoan_thanh"],
        ["2", "Nhiệm vụ 2", "Nhiệm vụ theo tiến độ", "dang_thuc_hien"],
        ["1", "Thường xuyên 1", "nhiem_vu_thuong_xuyen", "dang_thuc_hien"],
    ]
    f = indicators.compute(read_workbook(workbook_with(tmp_path / "a", rows)))
    assert f["chi_tieu.muc_tieu.tong"] == 2 and f["chi_tieu.nhiem_vu_tien_do.hoan_thanh"] == 1
    rows.append(["2", "Mục tiêu 2 lặp", "Mục tiêu", "dang_thuc_hien"])
    with pytest.raises(ContractError) as info:
        read_workbook(workbook_with(tmp_path / "b", rows))
    (problem,) = info.value.problems
    assert (problem.sheet, problem.row, problem.column, problem.value) == ("chi_tieu", 7, "ma", "2")
    assert "trùng với dòng 3" in problem.message and "«loai» muc_tieu" in problem.message


def test_a_figure_that_does_not_exist_is_a_contract_error_with_the_nearest_keys(tmp_path):
    path = workbook_with(
        tmp_path,
        target_rows(
            ("MT1", "muc_tieu", "dang_thuc_hien", "vneid_so_suc_khoe", "70%"),
            ("MT2", "muc_tieu", "dang_thuc_hien", "ho_so.ty_le_truc_tuyen", "nhiều"),
            ("MT3", "muc_tieu", "dang_thuc_hien", "ho_so.truc_tuyen", "50%"),
            ("MT4", "muc_tieu", "dang_thuc_hien", "chi_so.wifi", None),
            ("MT5", "muc_tieu", "dang_thuc_hien", None, "70%"),
        ),
    )
    with pytest.raises(ContractError) as info:
        indicators.compute(read_workbook(path))
    problems = {p.row: p for p in info.value.problems}
    assert sorted(problems) == [2, 3, 4, 5, 6]
    unknown = problems[2]
    assert (unknown.sheet, unknown.column, unknown.value) == (
        "chi_tieu",
        "chi_so",
        "vneid_so_suc_khoe",
    )
    assert "gần nhất: chi_so.vneid_so_suc_khoe" in str(unknown)
    assert problems[3].column == "nguong" and "«nhiều»" in str(problems[3])
    assert "dùng mã tỷ lệ ho_so.ty_le_truc_tuyen" in str(problems[4])
    assert "chưa ghi ngưỡng" in str(problems[5]) and "chưa ghi chỉ số đo" in str(problems[6])


def test_the_cli_says_so_in_plain_words_and_writes_nothing(tmp_path):
    path = workbook_with(
        tmp_path, target_rows(("MT1", "muc_tieu", "dang_thuc_hien", "chi_so.khong_co", "70%"))
    )
    before = path.read_bytes()
    check = subprocess.run([str(WORKBOOK), "check", str(path)], capture_output=True, text=True)
    assert check.returncode == 2, check.stderr
    assert "Traceback" not in check.stderr
    assert "trang «chi_tieu», dòng 2, cột «chi_so»" in check.stderr
    assert "«chi_so.khong_co»" in check.stderr
    out = tmp_path / "out"
    run = subprocess.run(
        [str(WORKBOOK), "run", "--unit", "xa-thu", "--data", str(tmp_path), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2 and "chi_so.khong_co" in run.stderr
    assert not (out / "xa-thu" / "2026-Q1").exists()
    assert path.read_bytes() == before


def test_records_and_the_drafted_assessment_name_the_unmet_targets(tmp_path):
    records = [
        [f"HS{i}", "TT0001", "Hộ tịch", "Thành phố", "truc_tuyen" if i < 6 else "truc_tiep",
         dt.date(2026, 2, 1), dt.date(2026, 2, 10), dt.date(2026, 2, 9 + 2 * (i >= 8)),
         "da_giai_quyet", True]
        for i in range(10)
    ]  # fmt: skip
    workbook_with(
        tmp_path,
        target_rows(
            ("MT1", "muc_tieu", "dang_thuc_hien", "ho_so.ty_le_truc_tuyen", "80%"),
            ("MT2", "muc_tieu", "dang_thuc_hien", "ho_so.qua_han", 1, "toi_da"),
            ("MT3", "muc_tieu", "dang_thuc_hien", "ho_so.ty_le_dung_han", "90%"),
        ),
        records=records,
        aggregate=False,
    )
    rep = report.build("xa-thu", "2026-Q1", tmp_path)
    j = {x.ma: x for x in rep.judgements}
    # 6 of 10 online against 80%: 2 more; 2 late against at most 1; 8 of 10 on time < 90%
    assert (j["MT1"].verdict, j["MT1"].missing) == ("chua_dat", 2)
    assert (j["MT2"].verdict, j["MT2"].gap) == ("chua_dat", 1)
    assert (j["MT3"].verdict, j["MT3"].missing) == ("chua_dat", 1)
    results, shortcomings = judging.drafted_assessment(rep)
    assert "MT1 «Nội dung MT1» chưa đạt: 60% so với ngưỡng 80%, còn thiếu 2 hồ sơ." in shortcomings
    assert "MT2 «Nội dung MT2» chưa đạt: 2 so với ngưỡng không quá 1." in shortcomings
    section = judging.assessment(rep)
    assert all(s in section.texts() for s in shortcomings)
    assert not any("chưa đạt" in s for s in judging.assessment(rep, draft=False).texts())
    table = sections.target_table(rep)
    assert list(table.columns) == ["Mã", "Nội dung", "Số liệu", "Ngưỡng", "Đánh giá", "Chênh lệch"]
    assert table.loc[0].tolist()[2:] == [
        "60%",
        "tối thiểu 80%",
        "Chưa đạt",
        "còn thiếu 20 điểm % (2 hồ sơ)",
    ]
    assert table.loc[1, "Chênh lệch"] == "vượt 1 hồ sơ"


def test_the_sample_links_the_seeds_targets():
    rep = report.build("phu-lien", "2026-Q1")
    j = {x.ma: x for x in rep.judgements}
    assert j["MT11"].verdict == "chua_dat" and j["MT11"].missing == 17716
    assert {m for m, x in j.items() if x.verdict == "dat"} == {
        "MT01", "MT02", "MT03", "MT04", "MT06", "MT07", "MT08",
    }  # fmt: skip
    assert {m for m, x in j.items() if x.verdict == "chua_dat"} == {
        "MT10", "MT11", "MT12", "MT13", "MT14",
    }  # fmt: skip
    _, shortcomings = judging.drafted_assessment(rep)
    assert (
        "MT11 «Trên 70% người dân tích hợp Sổ sức khỏe điện tử trên ứng dụng VNeID» chưa đạt: "
        "39,2% so với ngưỡng 70%, còn thiếu 17.716 tài khoản."
    ) in shortcomings
    # the sample's targets agree with their figures: no contradiction to report
    assert not [f for f in rep.findings if f.rule == "chi_tieu_mau_thuan"]


def test_headers_as_the_template_writes_them(tmp_path):
    path = sample_workbook(
        tmp_path / "xa-thu" / "2026-Q1.xlsx",
        extra_sheets={
            "chi_tieu": (
                ["Mã", "Nội dung", "Loại", "Trạng thái", "Chỉ số đo", "Ngưỡng", "Chiều"],
                [["MT1", "A", "Mục tiêu", "Đang thực hiện", "chi_so.vneid_so_suc_khoe", "70%",
                  "Tối thiểu"]],
            )
        },
    )  # fmt: skip
    wb = read_workbook(path)
    (j,) = targets.judge(wb, indicators.compute(wb))
    assert (j.direction, j.missing) == ("toi_thieu", 17716)


def test_the_drafted_changes_on_last_quarter_follow_which_way_is_good_news():
    rep = report.build("mau-an", "2026-Q1")
    table = trends.change_table(rep.history).set_index("ma")
    good, bad = judging._largest_changes(rep)
    late = table.loc["ho_so.qua_han"]
    assert late.thay_doi < 0  # fewer late dossiers: good news, though the count fell
    assert (
        f"Hồ sơ giải quyết quá hạn giảm {fmt.percent(-late.thay_doi_pt)} so với Quý IV/2025 "
        f"(từ {fmt.number(late.ky_truoc)} xuống {fmt.number(late.ky_nay)})."
    ) in good
    # a new year's programme is not compared with last year's, target for target
    assert not any("Mục tiêu đã hoàn thành" in s for s in good + bad)
    assert len(good) <= 3 and len(bad) <= 3
    results, shortcomings = judging.drafted_assessment(rep)
    assert set(good) <= set(results) and set(bad) <= set(shortcomings)


def test_a_quarter_without_its_predecessor_drafts_no_change():
    rep = report.build("phu-lien", "2026-Q1")
    assert judging._largest_changes(rep) == ([], [])


def test_the_template_offers_the_figure_keys_as_a_dropdown(tmp_path):
    wb = openpyxl.load_workbook(
        template.write_template(tmp_path / "mau.xlsx", "xa-thu", "2026-Q1"), data_only=False
    )
    ws = wb[c.CHI_TIEU.label]
    column = next(i for i, col in enumerate(c.CHI_TIEU.columns, 1) if col.key == "chi_so")
    letter = openpyxl.utils.get_column_letter(column)
    (dv,) = [v for v in ws.data_validations.dataValidation if f"{letter}2" in str(v.sqref)]
    assert dv.type == "list" and dv.errorStyle == "information"  # other keys stay allowed
    sheet, cells = dv.formula1.split("!")
    lists = wb[sheet.strip("'")]
    first, last = (
        int(ref.strip("$").lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ$")) for ref in cells.split(":")
    )
    col = cells.split("$")[1]
    values = [lists[f"{col}{r}"].value for r in range(first, last + 1)]
    assert values[: len(c.FIGURES)] == list(c.FIGURES)
    assert "ho_so.ty_le_truc_tuyen" in values and "chi_so_766.diem" in values
    # then chi_so.<mã> of each row the unit types in «Chỉ số», by formula
    assert values[len(c.FIGURES)].startswith("=IF(") and "chi_so." in values[len(c.FIGURES)]
    guide = " ".join(
        str(v) for row in wb["Hướng dẫn"].iter_rows(values_only=True) for v in row if v
    )
    assert "chi_so.vneid_so_suc_khoe, 70%" in guide and "toi_da" in guide
