"""The DOCX: Decree 30/2020 layout, opened with python-docx and rendered once by LibreOffice."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from pypdf import PdfReader

from helpers import report
from workbooks import sample_workbook

EMU_TOLERANCE = Mm(0.5)


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "bao-cao.docx"
    report.write_docx(report.prepare("phu-lien", "2026-Q1"), path)
    return path


@pytest.fixture(scope="module")
def doc(seed_docx):
    return Document(seed_docx)


def _body_paragraphs(doc):
    return [p for p in doc.paragraphs if p.text.strip()]


def test_a4_and_margins_of_decree_30(doc):
    sec = doc.sections[0]
    assert abs(sec.page_width - Mm(210)) < EMU_TOLERANCE
    assert abs(sec.page_height - Mm(297)) < EMU_TOLERANCE
    assert Mm(20) - EMU_TOLERANCE <= sec.top_margin <= Mm(25) + EMU_TOLERANCE
    assert Mm(20) - EMU_TOLERANCE <= sec.bottom_margin <= Mm(25) + EMU_TOLERANCE
    assert Mm(30) - EMU_TOLERANCE <= sec.left_margin <= Mm(35) + EMU_TOLERANCE
    assert Mm(15) - EMU_TOLERANCE <= sec.right_margin <= Mm(20) + EMU_TOLERANCE


def test_times_new_roman_everywhere_and_body_style(doc):
    normal = doc.styles["Normal"]
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {
        "Times New Roman"
    }
    assert Pt(13) <= normal.font.size <= Pt(14)
    assert normal.paragraph_format.space_after >= Pt(6)
    assert 1.0 <= normal.paragraph_format.line_spacing <= 1.5
    xml = doc.element.xml
    assert not re.search(r'w:ascii="(?!Times New Roman)', xml)  # no run picks another font
    body = [p for p in _body_paragraphs(doc) if p.text.startswith("Ngay từ đầu năm 2026")]
    assert body, "narrative paragraph missing"
    p = body[0]
    assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert Cm(1) - Mm(0.2) <= p.paragraph_format.first_line_indent <= Cm(1.27) + Mm(0.2)


def test_page_numbers_centred_at_top_except_on_page_one(doc):
    sec = doc.sections[0]
    assert sec.different_first_page_header_footer
    header = sec.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" in header._p.xml and "fldChar" in header._p.xml
    assert not "".join(p.text for p in sec.first_page_header.paragraphs).strip()


def _cell_lines(cell):
    return [(p.text, p) for p in cell.paragraphs if p.text.strip()]


def test_letterhead_is_a_borderless_two_column_table(doc):
    table = doc.tables[0]
    assert len(table.columns) == 2
    assert 'w:val="nil"' in table._tbl.tblPr.xml  # borders removed
    left, right = table.rows[0].cells
    left_lines = _cell_lines(left)
    assert [t for t, _ in left_lines] == ["ỦY BAN NHÂN DÂN", "PHƯỜNG PHÙ LIỄN", "Số: …/BC-UBND"]
    assert all(r.bold for _, p in left_lines[:2] for r in p.runs)
    # a short rule under the issuing body: a bottom border on an indented paragraph
    assert any("w:bottom" in p._p.xml for p in left.paragraphs)
    right_lines = _cell_lines(right)
    texts = [t for t, _ in right_lines]
    assert texts[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert all(r.bold for _, p in right_lines[:2] for r in p.runs)
    assert texts[2] == "Phù Liễn, ngày … tháng … năm …"
    assert all(r.italic for r in right_lines[2][1].runs)


def test_title_subject_and_opening(doc):
    paras = _body_paragraphs(doc)
    title = next(p for p in paras if p.text == "BÁO CÁO")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and all(r.bold for r in title.runs)
    subject = paras[paras.index(title) + 1]
    assert subject.text.startswith("Sơ kết tình hình, kết quả triển khai thực hiện Nghị quyết")
    assert subject.text.endswith("trên địa bàn phường Phù Liễn quý I năm 2026")
    assert any(p.text.startswith("Thực hiện Công văn số 4720/VP-VX") for p in paras)


def test_sections_items_and_tables(doc):
    texts = [p.text for p in _body_paragraphs(doc)]
    for heading in (
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TỔ CHỨC THỰC HIỆN",
        "1. Công tác chỉ đạo điều hành",
        "II. KẾT QUẢ TRIỂN KHAI THỰC HIỆN TRONG QUÝ I/2026",
        "2.2. Chính quyền số",
        "3. Phát triển khoa học, công nghệ, đổi mới sáng tạo",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. NHIỆM VỤ, GIẢI PHÁP TRONG QUÝ II NĂM 2026",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ):
        assert heading in texts, heading
    assert any(t.startswith("+ Kế hoạch số 13/KH-UBND ngày 10/03/2026") for t in texts)
    assert any(t.startswith("- Tài khoản VNeID") and "22.581/57.566" in t for t in texts)
    assert any(
        "tiếp nhận 11.952 hồ sơ, trong đó trực tuyến 11.952 hồ sơ, đạt 100%" in t for t in texts
    )
    data_tables = [
        t for t in doc.tables[1:] if t.style is not None and t.style.name == "Table Grid"
    ]
    assert len(data_tables) >= 3
    flows = next(t for t in data_tables if t.rows[0].cells[0].text == "Chỉ tiêu")
    assert [c.text for c in flows.rows[2].cells] == ["Tiếp nhận trong kỳ", "11.952", ""]
    # no chart in the signed document
    assert not doc.inline_shapes


def test_signature_block(doc):
    sig = next(t for t in doc.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:"))
    left, right = sig.rows[0].cells
    head = left.paragraphs[0]
    assert head.text == "Nơi nhận:" and head.runs[0].bold and head.runs[0].italic
    assert head.runs[0].font.size == Pt(12)
    lines = [p for p in left.paragraphs[1:] if p.text]
    assert lines[0].text == "- Sở Khoa học và Công nghệ thành phố;"
    assert lines[-1].text == "- Lưu: VT, VHXX."
    assert all(r.font.size == Pt(11) for p in lines for r in p.runs)
    signed = [(p.text, p) for p in right.paragraphs if p.text]
    assert [t for t, _ in signed] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Văn Diện"]
    assert all(r.bold for _, p in signed for r in p.runs)
    empty = [p for p in right.paragraphs if not p.text]
    assert len(empty) >= 3  # room to sign and stamp


def test_findings_are_an_annex_after_the_signature(doc):
    body = doc.element.body
    children = list(body.iterchildren())
    sig_index = next(
        i
        for i, el in enumerate(children)
        if el.tag == qn("w:tbl") and "Nơi nhận:" in el.xpath("string(.)")
    )
    after = "".join(el.xpath("string(.)") for el in children[sig_index + 1 :])
    before = "".join(el.xpath("string(.)") for el in children[:sig_index])
    assert "PHỤ LỤC. KIỂM TRA SỐ LIỆU" in after and "cộng lại 884" in after
    assert "KIỂM TRA SỐ LIỆU" not in before
    assert any('w:type="page"' in el.xml for el in children[sig_index + 1 : sig_index + 3])


def test_known_date_is_written_the_decree_30_way(tmp_path):
    data = tmp_path / "data"
    sample_workbook(data / "xa-a" / "2026-Q1.xlsx", info={"ngay_bao_cao": dt.date(2026, 1, 5)})
    path = report.write_docx(report.prepare("xa-a", "2026-Q1", str(data)), tmp_path / "a.docx")
    right = Document(path).tables[0].rows[0].cells[1]
    assert "Thử Nghiệm, ngày 05 tháng 01 năm 2026" in [p.text for p in right.paragraphs]


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (make test-deps installs libreoffice-writer-nogui)",
)
@pytest.mark.slow  # LibreOffice renders the DOCX
def test_libreoffice_renders_it_on_a4_with_numbered_pages(seed_docx, tmp_path):
    proc = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(seed_docx)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "bao-cao.pdf"
    assert pdf.is_file(), proc.stdout + proc.stderr
    pages = PdfReader(pdf).pages
    assert len(pages) >= 5
    assert all(round(float(p.mediabox.width)) == 595 for p in pages)
    first = pages[0].extract_text()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "PHƯỜNG PHÙ LIỄN" in first
    # the letterhead fits: the motto stays on one line beside the issuing body
    assert "Độc lập - Tự do - Hạnh phúc" in first
    assert not re.match(r"\s*1\s", first)  # page one carries no number
    assert pages[1].extract_text().lstrip().startswith("2")  # numbers at the top from page 2
    text = " ".join(p.extract_text() for p in pages)
    assert "Phạm Văn Diện" in text and "11.952" in text
