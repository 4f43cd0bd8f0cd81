"""The report's content as plain blocks, and their HTML rendering.

``report`` builds sections out of these blocks once; ``to_html`` (here) and ``word`` (DOCX)
render the same blocks, so a sentence is written once for every output. The HTML side
escapes every text through ``markupsafe``: a spreadsheet cell holding ``<script>`` shows as
text and never runs.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal

import pandas as pd
from markupsafe import Markup, escape

if TYPE_CHECKING:  # matplotlib loads when a chart is drawn (helpers.charts)
    from matplotlib.figure import Figure

# "draft": says that the items after it were drafted from the figures (screen only, not DOCX)
ParagraphStyle = Literal["body", "note", "empty", "label", "subject", "scope", "draft"]


@dataclass(frozen=True)
class Heading:
    level: int  # 1 title, 2 "I. …", 3 "1. …", 4 "2.1. …"
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: ParagraphStyle = "body"


@dataclass(frozen=True)
class Items:
    """A list of "- " (or "+ ") items, each a sentence."""

    items: tuple[str, ...]
    marker: Literal["-", "+"] = "-"
    drafted: bool = False  # written by the workbook from the figures, for the analyst to review


@dataclass(frozen=True)
class Table:
    frame: pd.DataFrame
    caption: str
    numeric: tuple[str, ...] = ()  # columns aligned right
    # each column's share of the text width (summing to 1), or () to fit the columns to their
    # text: printed, a table with widths is laid out once from them (CSS table-layout: fixed);
    # a fitted one has every cell measured first (the annex's five tables: ~0,3 s of PDF)
    widths: tuple[float, ...] = ()


@dataclass(eq=False)
class Chart:
    """A chart, drawn (and rendered to PNG) the first time an output asks for it."""

    draw: Callable[[], Figure]
    caption: str

    @cached_property
    def png(self) -> bytes:
        from helpers.charts import to_png

        return to_png(self.draw())


@dataclass(frozen=True)
class Letterhead:
    """Decree 30 header: issuing body and number on the left, national motto and date right."""

    issuer: tuple[str, ...]  # lines in capitals, e.g. ("ỦY BAN NHÂN DÂN", "PHƯỜNG PHÙ LIỄN")
    number: str  # "Số: …/BC-UBND"
    place_date: str  # "Phù Liễn, ngày … tháng … năm …"


MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


@dataclass(frozen=True)
class Signature:
    """Recipients on the left, the signature block on the right."""

    recipients: tuple[str, ...]  # "Sở Khoa học và Công nghệ thành phố", …, "Lưu: VT, …"
    authority: tuple[str, ...]  # ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    signer: str


Block = Heading | Paragraph | Items | Table | Chart | Letterhead | Signature


@dataclass
class Section:
    """Blocks of one part of the report; Jupyter shows it as HTML."""

    blocks: list[Block] = field(default_factory=list)
    annex: bool = False  # outside the body an official signs (findings)
    web_only: bool = False  # shown in the HTML and PDF only, not in the official DOCX

    def _repr_html_(self) -> str:
        return str(to_html(self))

    def __iter__(self):
        return iter(self.blocks)

    def texts(self) -> list[str]:
        """Every sentence of the section, for tests and search."""
        out: list[str] = []
        for b in self.blocks:
            if isinstance(b, Heading | Paragraph):
                out.append(b.text)
            elif isinstance(b, Items):
                out.extend(b.items)
        return out


# --- lists of blocks, as the sections build them ----------------------------------------


def heading(level: int, text: str) -> list[Block]:
    """A heading (1 the title, 2 "I. …", 3 "1. …", 4 "2.1. …")."""
    return [Heading(level, text)]


def paragraphs(texts: Iterable[str], style: ParagraphStyle = "body") -> list[Block]:
    """One paragraph per text."""
    return [Paragraph(str(t), style) for t in texts]


def bullets(items: Iterable[str], marker: str = "-") -> list[Block]:
    """A list of items, or nothing when there is none."""
    items = tuple(items)
    return [Items(items, marker)] if items else []  # type: ignore[arg-type]


def table(
    frame: pd.DataFrame,
    caption: str,
    numeric: Sequence[str] = (),
    widths: Sequence[float] = (),
) -> list[Block]:
    """A table (``numeric`` columns aligned right); ``widths``: the columns' relative widths,
    one per column (the HTML and the DOCX give each column that share of the text width)."""
    if widths and (len(widths) != len(frame.columns) or min(widths) <= 0):
        raise ValueError(f"{len(frame.columns)} positive widths expected, got {list(widths)}")
    total = sum(widths)
    shares = tuple(w / total for w in widths)
    return [Table(frame.reset_index(drop=True), caption, tuple(numeric), shares)]


def chart(draw: Callable[[], Figure], caption: str) -> list[Block]:
    """A chart drawn only when an output shows it (the DOCX does not)."""
    return [Chart(draw, caption)]


# --- HTML -------------------------------------------------------------------------------


def _lines(text: str) -> Markup:
    return Markup("<br>").join(escape(line) for line in str(text).split("\n"))


def _table_html(t: Table) -> Markup:
    """A table that scrolls sideways on a phone rather than breaking the page; its scrolling
    box is a named region in the tab order, so the keyboard reaches and scrolls it too
    (axe-core's rule scrollable-region-focusable)."""
    head = Markup("").join(
        Markup('<th class="{}">{}</th>').format("so" if col in t.numeric else "", col)
        for col in t.frame.columns
    )
    rows = Markup("")
    for record in t.frame.itertuples(index=False):
        cells = Markup("").join(
            Markup('<td class="{}">{}</td>').format("so" if col in t.numeric else "", value)
            for col, value in zip(t.frame.columns, record, strict=True)
        )
        rows += Markup("<tr>{}</tr>").format(cells)
    opening = Markup("<table>")
    if t.widths:
        cols = Markup("").join(
            Markup('<col style="width: {}%">').format(f"{share * 100:.1f}") for share in t.widths
        )
        opening = Markup('<table class="co-dinh"><colgroup>{}</colgroup>').format(cols)
    return Markup(
        '<div class="bang" tabindex="0" role="region" aria-label="{}">{}'
        "<caption>{}</caption><thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>"
    ).format(t.caption, opening, t.caption, head, rows)


_PARAGRAPH_CLASS = {
    "body": "",
    "note": "ghi-chu",
    "empty": "trong",
    "label": "so-lieu-tieu-de",
    "subject": "trich-yeu",
    "scope": "pham-vi",
    "draft": "du-thao-nhan",
}


def block_html(b: Block) -> Markup:
    if isinstance(b, Heading):
        return Markup("<h{0}>{1}</h{0}>").format(b.level, b.text)
    if isinstance(b, Paragraph):
        cls = _PARAGRAPH_CLASS[b.style]
        attr = Markup(' class="{}"').format(cls) if cls else Markup("")
        return Markup("<p{}>{}</p>").format(attr, _lines(b.text))
    if isinstance(b, Items):
        cls = ("dash" if b.marker == "-" else "plus") + (" du-thao" if b.drafted else "")
        body = Markup("").join(Markup("<li>{}</li>").format(i) for i in b.items)
        return Markup('<ul class="{}">{}</ul>').format(cls, body)
    if isinstance(b, Table):
        return _table_html(b)
    if isinstance(b, Chart):
        data = base64.b64encode(b.png).decode("ascii")
        return Markup(
            '<figure><img src="data:image/png;base64,{}" alt="{}">'
            "<figcaption>{}</figcaption></figure>"
        ).format(data, b.caption, b.caption)
    if isinstance(b, Letterhead):
        left = Markup("").join(Markup("<div>{}</div>").format(x) for x in b.issuer)
        return Markup(
            '<header class="quoc-hieu">'
            '<div class="co-quan">{}<div class="so">{}</div></div>'
            '<div class="quoc-gia"><div class="qh">{}</div><div class="tn">{}</div>'
            '<div class="ngay">{}</div></div></header>'
        ).format(left, b.number, MOTTO[0], MOTTO[1], b.place_date)
    if isinstance(b, Signature):
        last = len(b.recipients) - 1
        items = Markup("").join(
            Markup("<li>- {}{}</li>").format(r, "." if i == last else ";")
            for i, r in enumerate(b.recipients)
        )
        signer = Markup("").join(Markup("<div>{}</div>").format(x) for x in b.authority)
        return Markup(
            '<footer class="ky"><div class="noi-nhan"><div class="nn">Nơi nhận:</div>'
            '<ul>{}</ul></div><div class="chu-ky">{}<div class="khoang-ky"></div>'
            "<div>{}</div></div></footer>"
        ).format(items, signer, b.signer)
    raise TypeError(f"not a block: {b!r}")


def to_html(section: Section | Sequence[Block]) -> Markup:
    """One section (or any blocks) as escaped HTML."""
    blocks = section.blocks if isinstance(section, Section) else section
    html = Markup("").join(block_html(b) for b in blocks)
    if isinstance(section, Section) and section.annex:
        return Markup('<section class="kiem-tra">{}</section>').format(html)
    return html
