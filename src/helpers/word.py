"""The official report as a Word document in the layout of Decree 30/2020/NĐ-CP, Appendix I.

It lays out the very blocks the HTML shows (``report.outline``), so every sentence is the
same in both. Charts stay in the HTML and PDF; the body an official signs holds text and
tables; the reconciliation findings go to an annex after the signature.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from helpers.blocks import (
    MOTTO,
    Block,
    Chart,
    Heading,
    Items,
    Letterhead,
    Paragraph,
    Section,
    Signature,
    Table,
)

# --- layout, in one place (Decree 30/2020, Appendix I) --------------------------------------
FONT = "Times New Roman"
PAGE = (Mm(210), Mm(297))  # A4
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
BODY_PT = 14
TABLE_PT = 12
FIRST_LINE_INDENT = Cm(1.27)
SPACE_AFTER = Pt(6)
LINE_SPACING = 1.15
TEXT_WIDTH = PAGE[0] - MARGINS["left"] - MARGINS["right"]
LETTERHEAD_WIDTHS = (Cm(6.2), Cm(10.3))  # issuing body | national motto; 16.5 cm of text width
SIGNATURE_WIDTHS = (Cm(8.0), Cm(8.5))
# the paragraph style of every table cell: set once on the style, not again in each cell (a
# report's tables hold hundreds of cells, and python-docx builds each property's XML anew)
TABLE_TEXT = "Chữ trong bảng"


def build(sections: Iterable[Section]) -> Document:
    """A Document from the report's sections, in order."""
    doc = Document()
    _page_setup(doc)
    _styles(doc)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # the template's empty first paragraph
        body.remove(p)
    for section in sections:
        if section.annex:
            _annex_break(doc)
        for block in section:
            _block(doc, block)
    return doc


def to_bytes(sections: Iterable[Section]) -> bytes:
    buffer = io.BytesIO()
    build(sections).save(buffer)
    return buffer.getvalue()


def write(sections: Iterable[Section], path: Path) -> Path:
    """Write the DOCX atomically."""
    from helpers.atomic import write_bytes

    return write_bytes(path, to_bytes(sections))


# --- page and styles ----------------------------------------------------------------------


def _page_setup(doc: Document) -> None:
    sec = doc.sections[0]
    sec.page_width, sec.page_height = PAGE
    sec.top_margin, sec.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    sec.left_margin, sec.right_margin = MARGINS["left"], MARGINS["right"]
    sec.header_distance = Mm(10)
    # page numbers centred at the top, from page 2 on (Decree 30)
    sec.different_first_page_header_footer = True
    header = sec.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(header, "PAGE", size=BODY_PT - 1)


def _styles(doc: Document) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = SPACE_AFTER
    pf.line_spacing = LINE_SPACING
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    rpr.append(lang)
    cell = doc.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    cell.font.size = Pt(TABLE_PT)
    cell.paragraph_format.first_line_indent = Cm(0)
    cell.paragraph_format.space_after = Pt(0)
    cell.paragraph_format.line_spacing = 1.0


def _field(paragraph: DocxParagraph, code: str, size: int) -> None:
    """A Word field (PAGE …) that Word and LibreOffice compute when they lay the page out."""
    run = paragraph.add_run()
    run.font.size = Pt(size)
    for kind, text in (("begin", None), (None, f" {code} "), ("separate", None), (None, "1"),
                       ("end", None)):  # fmt: skip
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text.strip() == code:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


# --- blocks -------------------------------------------------------------------------------


def _para(
    container, text: str = "", *, bold: bool = False, italic: bool = False, size: int = BODY_PT,
    align: WD_ALIGN_PARAGRAPH | None = WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = True,
    space_after: Pt | None = None,
) -> DocxParagraph:  # fmt: skip
    p = container.add_paragraph()
    p.alignment = align
    pf = p.paragraph_format
    pf.first_line_indent = FIRST_LINE_INDENT if indent else Cm(0)
    if space_after is not None:
        pf.space_after = space_after
    lines = str(text).split("\n")
    for i, line in enumerate(lines):
        run = p.add_run(line)
        run.bold, run.italic = bold, italic
        run.font.size = Pt(size)
        if i < len(lines) - 1:
            run.add_break()
    return p


def _block(doc: Document, b: Block) -> None:
    if isinstance(b, Letterhead):
        _letterhead(doc, b)
    elif isinstance(b, Heading):
        if b.level == 1:  # BÁO CÁO
            _para(doc, b.text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False,
                  space_after=Pt(0)).paragraph_format.space_before = Pt(12)  # fmt: skip
        else:
            _para(doc, b.text, bold=True, italic=b.level == 4, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    elif isinstance(b, Paragraph):
        if b.style == "draft":
            return  # the analyst's cue on screen; the signed document reads as written
        if b.style == "subject":
            p = _para(doc, b.text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
            _rule_below(p, Cm(6))
        elif b.style == "scope":
            _para(doc, b.text, italic=True, size=BODY_PT - 1, align=WD_ALIGN_PARAGRAPH.CENTER,
                  indent=False)  # fmt: skip
        elif b.style == "note":
            _para(doc, b.text, italic=True, size=BODY_PT - 2)
        elif b.style in ("empty", "label"):
            _para(doc, b.text, italic=True)
        else:
            _para(doc, b.text)
    elif isinstance(b, Items):
        for item in b.items:
            _para(doc, f"{b.marker} {item}")
    elif isinstance(b, Table):
        _table(doc, b)
    elif isinstance(b, Chart):
        return  # charts belong to the HTML and PDF; the signed document holds text and tables
    elif isinstance(b, Signature):
        _signature(doc, b)
    else:
        raise TypeError(f"not a block: {b!r}")


def _borderless(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _widths(table, widths) -> None:
    """Column widths, set on the grid (LibreOffice reads it) and on every cell (Word does)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for tr in table._tbl.tr_lst:  # the XML rows: table.rows[i].cells walks the whole table
        for tc, width in zip(tr.tc_lst, widths, strict=True):
            tc.width = width


CHAR_WIDTH = Cm(0.2)  # one character of 12 pt Times New Roman, roughly
WIDE_CHAR_WIDTH = Cm(0.3)  # capitals and %, which a table's codes and rates are made of
CELL_PADDING = Cm(0.45)  # both cell margins, as LibreOffice and Word lay them out


def _word_width(word: str) -> int:
    """Roughly how wide ``word`` prints: capitals and % take more room than other letters."""
    return sum(WIDE_CHAR_WIDTH if ch.isupper() or ch in "%MW" else CHAR_WIDTH for ch in word)


def _content_widths(t: Table) -> list[int]:
    """Column widths: each column at least as wide as its longest word (no word broken), the
    rest of the text width shared by how much text each column holds."""
    floors, weights = [], []
    for name in t.frame.columns:
        texts = [str(v) for v in t.frame[name] if v is not None]
        words = [w for x in [str(name), *texts] for w in x.split()]
        floors.append(max((_word_width(w) for w in words), default=2 * CHAR_WIDTH) + CELL_PADDING)
        lengths = sorted(len(x) for x in texts)
        weights.append(lengths[int(len(lengths) * 0.9)] if lengths else 0)
    spare = TEXT_WIDTH - sum(floors)
    if spare <= 0:
        return [int(f * TEXT_WIDTH / sum(floors)) for f in floors]
    total = sum(weights) or 1
    return [int(f + spare * w / total) for f, w in zip(floors, weights, strict=True)]


def _cell_para(cell: _Cell, text: str, *, bold=False, italic=False, size=13, first=False):
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pf = p.paragraph_format
    pf.first_line_indent = Cm(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    run = p.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    return p


def _rule_below(p: DocxParagraph, length: Cm, width_of: Cm | None = None) -> None:
    """A short centred rule under a line: a bottom border on an indented empty paragraph."""
    available = width_of or TEXT_WIDTH
    side = max((available - length) // 2, 0)
    rule = OxmlElement("w:p")
    p._p.addnext(rule)
    rp = DocxParagraph(rule, p._parent)
    pf = rp.paragraph_format
    pf.left_indent = pf.right_indent = side
    pf.first_line_indent = Cm(0)
    pf.space_after = Pt(6)
    pf.line_spacing = Pt(2)
    ppr = rule.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    ppr.append(bdr)


def _letterhead(doc: Document, b: Letterhead) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borderless(table)
    _widths(table, LETTERHEAD_WIDTHS)
    left, right = table.rows[0].cells
    last = None
    for i, line in enumerate(b.issuer):
        last = _cell_para(left, line, bold=True, size=13, first=i == 0)
    if last is not None:
        _rule_below(last, Cm(2.2), LETTERHEAD_WIDTHS[0])
    _cell_para(left, b.number, size=13)
    _cell_para(right, MOTTO[0], bold=True, size=13, first=True)
    motto = _cell_para(right, MOTTO[1], bold=True, size=14)
    _rule_below(motto, Cm(5.6), LETTERHEAD_WIDTHS[1])
    _cell_para(right, b.place_date, italic=True, size=14)


def _table(doc: Document, t: Table) -> None:
    caption = _para(doc, t.caption, bold=True, size=TABLE_PT, indent=False,
                    align=WD_ALIGN_PARAGRAPH.LEFT, space_after=Pt(3))  # fmt: skip
    caption.paragraph_format.keep_with_next = True
    frame = t.frame
    table = doc.add_table(rows=1, cols=len(frame.columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    style = doc.styles[TABLE_TEXT]
    for cell, name in zip(table.rows[0].cells, frame.columns, strict=True):
        _table_text(cell, str(name), style, bold=True, right=False)
    _repeat_header(table.rows[0])
    right = [name in t.numeric for name in frame.columns]
    for record in frame.itertuples(index=False):
        tr = table.add_row()._tr
        for tc, value, numeric in zip(tr.tc_lst, record, right, strict=True):
            text = "" if value is None else str(value)
            _table_text(_Cell(tc, table), text, style, right=numeric)
    widths = [int(TEXT_WIDTH * share) for share in t.widths] if t.widths else _content_widths(t)
    _widths(table, widths)
    _para(doc, "", space_after=Pt(0))


def _table_text(
    cell: _Cell, text: str, style: ParagraphStyle, *, bold: bool = False, right: bool
) -> None:
    p = cell.paragraphs[0]
    p._p.style = style.style_id  # what p.style = style writes, without its look-up by name
    if right:  # left is the style's own
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = p.add_run(text)
    if bold:  # not bold is the style's own: no <w:b w:val="0"/> in every cell (time, size)
        run.bold = True


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _signature(doc: Document, b: Signature) -> None:
    table = doc.add_table(rows=1, cols=2)
    _borderless(table)
    _widths(table, SIGNATURE_WIDTHS)
    left, right = table.rows[0].cells
    head = left.paragraphs[0]
    head.paragraph_format.first_line_indent = Cm(0)
    head.paragraph_format.space_after = Pt(0)
    run = head.add_run("Nơi nhận:")
    run.bold = run.italic = True
    run.font.size = Pt(12)
    last = len(b.recipients) - 1
    for i, name in enumerate(b.recipients):
        p = left.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        p.paragraph_format.first_line_indent = Cm(0)
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.line_spacing = 1.0
        r = p.add_run(f"- {name}{'.' if i == last else ';'}")
        r.font.size = Pt(11)
    for i, line in enumerate(b.authority):
        _cell_para(right, line, bold=True, size=14, first=i == 0)
    for _ in range(4):  # room to sign and stamp
        _cell_para(right, "", size=14)
    _cell_para(right, b.signer, bold=True, size=14)


def _annex_break(doc: Document) -> None:
    """The annex starts on a new page, after the signature."""
    p = doc.add_paragraph()
    p.add_run().add_break(WD_BREAK.PAGE)
