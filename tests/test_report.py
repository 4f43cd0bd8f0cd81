"""Report sections, wording, formats and charts, without a kernel."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from matplotlib.figure import Figure

from helpers import charts, fmt, report, sections
from helpers.periods import Period, Quarter
from helpers.wording import LABELS, TEMPLATES, say
from workbooks import sample_workbook


@pytest.fixture
def hostile(tmp_path):
    """A valid workbook whose free text tries to inject HTML and script."""
    data = tmp_path / "data"
    sample_workbook(
        data / "xa-thu" / "2026-Q1.xlsx",
        info={"don_vi": "Xã <b>Thử</b> & Cộng sự", "nguoi_ky": "<script>alert('ký')</script>"},
        extra_sheets={
            "noi_dung": (
                ["muc", "thu_tu", "van_ban"],
                [
                    ["I.1", 1, "<script>alert(1)</script> đoạn văn"],
                    ["II.2.1", 1, '<img src=x onerror="alert(2)">'],
                    ["V", 1, "Đề nghị </p><iframe src=//evil.example>"],
                ],
            ),
        },
    )
    return report.prepare("xa-thu", "2026-Q1", str(data))


def _all_html(rep: report.Report) -> str:
    parts = [
        sections.title_block(rep),
        sections.section_i(rep),
        sections.objectives(rep),
        sections.digital_section(rep, "II.2.1"),
        sections.digital_section(rep, "II.2.3"),
        sections.proposals(rep),
        sections.findings_section(rep),
    ]
    return "".join(p._repr_html_() for p in parts)


def test_spreadsheet_text_is_escaped_everywhere(hostile):
    html = _all_html(hostile)
    assert "<script" not in html and "<iframe" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; đoạn văn" in html
    assert "&lt;img src=x onerror=" in html
    assert "<b>Thử</b>" not in html and "&lt;b&gt;Thử&lt;/b&gt; &amp; Cộng sự" in html


def test_generated_sentences_use_vietnamese_formats(hostile):
    html = sections.objectives(hostile)._repr_html_()
    assert "17 mục tiêu, 25 nhiệm vụ" in html
    assert "08 nhiệm vụ theo tiến độ" in html and "09/17 mục tiêu cụ thể (52,9%)" in html
    assert "06/08 nhiệm vụ theo tiến độ (75%)" in html
    dossiers = sections.dossiers(hostile)._repr_html_()
    assert "tiếp nhận 11.952 hồ sơ, trong đó trực tuyến 11.952 hồ sơ, đạt 100%" in dossiers
    assert "Số liệu không nêu số hồ sơ kỳ trước chuyển sang." in dossiers
    data = sections.digital_section(hostile, "II.2.3")._repr_html_()
    assert "22.581/57.566 tài khoản, đạt 39,2%" in data


def test_approximate_figures_keep_their_qualifier(hostile):
    html = sections.digital_section(hostile, "II.2.4")._repr_html_()
    assert "khoảng 300 người" in html
    html = sections.digital_section(hostile, "II.2.5")._repr_html_()
    assert "đạt trên 80%" in html


def test_findings_section_lists_the_seed_inconsistencies(hostile):
    html = sections.findings_section(hostile)._repr_html_()
    assert "PHỤ LỤC. KIỂM TRA SỐ LIỆU" in html
    assert "cộng lại 884" in html and "chênh 12" in html


def test_vietnamese_number_percent_and_date_formats():
    assert fmt.number(11952) == "11.952"
    assert fmt.number(1234.5) == "1.234,5"
    assert fmt.percent(0.392) == "39,2%"
    assert fmt.percent(1.0) == "100%"
    assert fmt.percent(None) == fmt.MISSING
    assert fmt.date(dt.date(2026, 4, 16)) == "16/04/2026"
    assert fmt.quarter("2026-Q1") == "Quý I năm 2026"
    assert fmt.approx(3000, "khoảng") == "khoảng 3.000"
    # Decree 30: leading zero for days under 10 and for months 1 and 2 only
    assert fmt.long_date(dt.date(2026, 1, 5), "Phù Liễn") == "Phù Liễn, ngày 05 tháng 01 năm 2026"
    assert fmt.long_date(dt.date(2026, 4, 16)) == "ngày 16 tháng 4 năm 2026"
    assert fmt.long_date(None, "Phù Liễn") == "Phù Liễn, ngày … tháng … năm …"


def test_every_template_renders():
    """No template may reference a name the code never passes (StrictUndefined)."""
    values = dict(
        don_vi="Phường A", co_quan="UBND phường A", nam=2026,
        tu_ngay=dt.date(2026, 1, 1), den_ngay=dt.date(2026, 3, 31), tong=10, toan_trinh=5,
        mot_phan=5, truc_tiep=0, ty_le_toan_trinh=0.5, ty_le_mot_phan=0.5, ty_le_truc_tiep=0.0,
        tiep_nhan=100, truc_tuyen=90, ty_le_truc_tuyen=0.9, truc_tiep_buu_chinh=10,
        ky_truoc_chuyen_sang=None, da_giai_quyet=80, truoc_han=70, dung_han=5, qua_han=5,
        ty_le_dung_han=0.9375, rut_tu_choi=2, dang_giai_quyet=18, dang_trong_han=18,
        dang_qua_han=0, so_hoa=80, ty_le_so_hoa=1.0, chi_so_tien_do=0.95, ten="Các Bộ, ngành",
        con=[{"ten": "Bộ Y tế", "tiep_nhan": 3}], so_ban_ghi=120, tu_so=1, tu_so_kem=None,
        mau_so=2, ty_le=0.5, ty_le_bao_cao=None, ty_le_bao_cao_kem=None, don_vi_tinh="người",
        ghi_chu=None, lech=False, muc_tieu_tong=17, muc_tieu_ht=9, muc_tieu_ty_le=0.53,
        nhiem_vu_tong=25, tien_do_tong=8, tien_do_ht=6, tien_do_ty_le=0.75, thuong_xuyen_tong=17,
        so_luong=10, so_loi=1, so_canh_bao=2, tep="a.xlsx", luc="08:00 16/04/2026",
        loai="Kế hoạch", so_ky_hieu="1/KH", ngay_ban_hanh=dt.date(2026, 1, 2), trich_yeu="về A",
        thay_doi=-12, thay_doi_pt=-0.1, ky_truoc_gia_tri=120, ky_nay=108,
        so_quy=1, thieu=["2026-Q1"], so_don_vi=3, khong_doc=1, ty_le_bao_cao_pt=None,
        dat=7, chua_dat=5, khong_co=0, verdict="chua_dat", chieu="toi_thieu", chenh=-0.3,
        la_ty_le=True, con_thieu=17716, nguong="70%", ma="MT11",
        noi_dung="Trên 70% …", gia_tri="39,2%", ds=[{"ma": "MT01", "gia_tri": "100%"}],
        co_so_lieu=14, toi_da=100, do_duoc=3, so_chi_so=18, ly_do="cần số liệu", diem=18.5,
        mau_so_ten="Thủ tục có phí", f={"ho_so.qua_han": 3, "ho_so.dang_qua_han": 1}, mat=1.5,
        can_them=12, day_du_tu=0.8, nhan_xet="Mất điểm.", truoc="10", nay="12",
        # the analysis annex
        so_thang=3, thang_nhieu=pd.Period("2026-01", "M"), nhieu=40, ty_le_cao=0.97,
        ty_le_thap=0.9, thang_thap=pd.Period("2026-02", "M"), thang_cao=pd.Period("2026-03", "M"),
        so_ngay=2.0, han=5.0, linh_vuc_xau="Đất đai", ty_le_xau=0.05, toi_thieu=5, so_thu_tuc=12,
        hien=10, chiem=30, co_ho_so=2, con_lai=3, ngay_nhieu="Thứ Hai", ngay_quay="Thứ Ba",
        quay=12, gio=8,
        cap_tren="Thành phố Hải Phòng", chi_tiet=[{"ten": "Hộ tịch", "so": 2}],
    )  # fmt: skip
    # what the report passes as ``ky``: a quarter, or a longer period
    for ky in (Quarter(2026, 1), Period(2026, 1, 2), Period(2026, 1, 4)):
        spans = dict(ky=ky, ky_sau=ky.next(), ky_truoc=ky.same_period_last_year())
        for key in [*TEMPLATES, *LABELS]:
            assert say(key, **values, **spans).strip(), key


def test_chart_builders_return_figures_with_vietnamese_labels():
    figures = {"thu_tuc.toan_trinh": 218, "thu_tuc.mot_phan": 159, "thu_tuc.truc_tiep": 0,
               "thu_tuc.ty_le_toan_trinh": 0.578, "thu_tuc.ty_le_mot_phan": 0.422,
               "thu_tuc.ty_le_truc_tiep": 0.0}  # fmt: skip
    fig = charts.procedures(figures)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "Thủ tục hành chính theo mức độ dịch vụ công trực tuyến"
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Trực tiếp", "Trực tuyến một phần", "Trực tuyến toàn trình",
    ]  # fmt: skip
    assert "218 (57,8%)" in [t.get_text() for t in ax.texts]
    png = charts.to_png(fig)
    assert png.startswith(b"\x89PNG") and len(png) > 5000
