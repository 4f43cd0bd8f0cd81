"""Large sheets read a slice of rows at a time, so memory stays flat at a million dossiers.

calamine holds a whole sheet in memory as it reads it (about 90 bytes a cell: a city's
1.000.000-row export would take most of a gigabyte before a single value is parsed). Here the
sheet's XML is cut between rows into slices of a few tens of megabytes; each slice becomes a
small workbook of its own (the original styles and shared strings, one sheet) that calamine
reads as usual. Every cell is still decoded by calamine (dates, shared and inline strings,
booleans, errors); only the rows it holds at once are fewer.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

from python_calamine import CalamineWorkbook

# A sheet whose XML is larger than this is read in slices (~250.000 rows of a dossier export,
# ~500 MB held by calamine); below it, one read is faster (no slice workbooks to build).
LARGE_BYTES = 96 << 20
SLICE_BYTES = 32 << 20  # the size of each slice of a large sheet
# the first slice is small: its rows are kept while the header is looked at
FIRST_SLICE_BYTES = 1 << 20
_READ_CHUNK = 8 << 20

_ROOT_OPEN = re.compile(rb"<((?:[\w.-]+:)?)worksheet\b")
_SHEET_DATA_OPEN = re.compile(rb"<((?:[\w.-]+:)?)sheetData\b[^>]*?(/?)>")
# the sheet's declared extent: a slice holds fewer rows, and calamine may size its grid from it
_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\b[^>]*?(?:/>|>.*?</(?:[\w.-]+:)?dimension>)")
_SHEET_DATA_CLOSE = re.compile(rb"</(?:[\w.-]+:)?sheetData>")
_ROW_CLOSE = re.compile(rb"</(?:[\w.-]+:)?row>|<(?:[\w.-]+:)?row\b[^>]*/>")
_NAME = "S"
_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    b'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.styles+xml"/>'
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
    b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="' + _REL.encode() + b'/officeDocument" '
    b'Target="xl/workbook.xml"/></Relationships>'
)


def is_large(zf: zipfile.ZipFile, member: str) -> bool:
    """Whether a sheet part is large enough to read in slices."""
    return zf.getinfo(member).file_size > LARGE_BYTES


def sliced_rows(
    path: str,
    member: str,
    workbook: str,
    related: dict[str, str],
) -> tuple[list[list[object]], Iterator[tuple[int, list[list[object]]]]] | None:
    """The sheet's first slice as rows from A1, then blocks of later rows (first row number, rows).

    None when the sheet holds no rows. calamine's errors surface while the rows are read.
    """
    with zipfile.ZipFile(path) as zf:
        styles = zf.read(related["styles"]) if "styles" in related else None
        shared = zf.read(related["sharedStrings"]) if "sharedStrings" in related else None
        book_xml = _workbook_xml(zf.read(workbook))
    pieces = _xml_slices(path, member)
    first = next(pieces, None)
    if first is None:
        return None

    def book(xml: bytes) -> CalamineWorkbook:
        return _slice_book(xml, book_xml, styles, shared)

    head = book(first).get_sheet_by_name(_NAME).to_python(skip_empty_area=False)
    return head, _later_rows(pieces, book)


def _later_rows(
    pieces: Iterator[bytes], book: Callable[[bytes], CalamineWorkbook]
) -> Iterator[tuple[int, list[list[object]]]]:
    for xml in pieces:
        sheet = book(xml).get_sheet_by_name(_NAME)
        rows = sheet.to_python(skip_empty_area=True)  # from the slice's first row and column
        if not rows or sheet.start is None:
            continue
        row0, col0 = sheet.start
        del sheet  # calamine's grid: the rows are in Python now
        if col0:
            pad = [None] * col0
            rows = [pad + row for row in rows]
        yield row0 + 1, rows
        del rows


def _xml_slices(path: str, member: str) -> Iterator[bytes]:
    """The sheet's XML as a series of complete worksheets, each holding a run of its rows."""
    with zipfile.ZipFile(path) as zf, zf.open(member) as fh:
        data = b""
        while (opening := _SHEET_DATA_OPEN.search(data)) is None:
            chunk = fh.read(_READ_CHUNK)
            if not chunk:
                return
            data += chunk
        if opening.group(2):  # <sheetData/>: no rows at all
            return
        root = _ROOT_OPEN.search(data)
        root_prefix = root.group(1) if root else opening.group(1)
        head = _DIMENSION.sub(b"", data[: opening.end()])
        tail = b"</" + opening.group(1) + b"sheetData></" + root_prefix + b"worksheet>"
        body, searched, target, done = data[opening.end() :], 0, FIRST_SLICE_BYTES, False
        while True:
            while True:  # read on to the slice's size, or to the end of the rows
                closing = _SHEET_DATA_CLOSE.search(body, max(0, searched - 64))
                searched = len(body)
                if closing:
                    body, done = body[: closing.start()], True
                if done or len(body) > target:
                    break
                chunk = fh.read(_READ_CHUNK)
                if not chunk:
                    done = True
                    break
                body += chunk
            cut = _row_end(body, target) if len(body) > target else len(body)
            if cut is None:  # one enormous row: read on until it ends
                target = len(body) + _READ_CHUNK
                continue
            if body[:cut].strip():
                yield head + body[:cut] + tail
            body, target = body[cut:], SLICE_BYTES
            searched = len(body)
            if done and not body.strip():
                return


def _row_end(body: bytes, limit: int) -> int | None:
    """Offset just past the last row that ends by ``limit``, else past the first after it."""
    start = limit
    while start > 0:
        start = max(0, start - (1 << 20))
        ends = [m.end() for m in _ROW_CLOSE.finditer(body, start, limit)]
        if ends:
            return ends[-1]
    after = _ROW_CLOSE.search(body, limit)
    return after.end() if after else None


def _workbook_xml(original: bytes) -> bytes:
    """A one-sheet workbook part keeping the original's date system (1900 or 1904)."""
    date1904 = False
    try:
        for el in ET.fromstring(original).iter():
            if el.tag.rpartition("}")[2] == "workbookPr":
                date1904 = (el.get("date1904") or "").lower() in ("1", "true")
                break
    except ET.ParseError:
        pass
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:r="' + _REL.encode() + b'">'
        b'<workbookPr date1904="' + (b"1" if date1904 else b"0") + b'"/>'
        b'<sheets><sheet name="' + _NAME.encode() + b'" sheetId="1" r:id="rId1"/></sheets>'
        b"</workbook>"
    )


def _slice_book(
    sheet_xml: bytes, book_xml: bytes, styles: bytes | None, shared: bytes | None
) -> CalamineWorkbook:
    rels = [b'<Relationship Id="rId1" Type="' + _REL.encode() + b'/worksheet" '
            b'Target="worksheets/sheet1.xml"/>']  # fmt: skip
    if styles is not None:
        rels.append(b'<Relationship Id="rId2" Type="' + _REL.encode() + b'/styles" '
                    b'Target="styles.xml"/>')  # fmt: skip
    if shared is not None:
        rels.append(b'<Relationship Id="rId3" Type="' + _REL.encode() + b'/sharedStrings" '
                    b'Target="sharedStrings.xml"/>')  # fmt: skip
    # a temporary file rather than memory: calamine then reads the slice's XML as a stream
    with tempfile.TemporaryDirectory(prefix="workbook-slice-") as tmp:
        path = Path(tmp) / "slice.xlsx"
        _write_slice(path, sheet_xml, book_xml, styles, shared, rels)
        return CalamineWorkbook.from_path(str(path))


def _write_slice(
    path: Path,
    sheet_xml: bytes,
    book_xml: bytes,
    styles: bytes | None,
    shared: bytes | None,
    rels: list[bytes],
) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _PACKAGE_RELS)
        z.writestr("xl/workbook.xml", book_xml)
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
            b'"http://schemas.openxmlformats.org/package/2006/relationships">'
            + b"".join(rels)
            + b"</Relationships>",
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if styles is not None:
            z.writestr("xl/styles.xml", styles)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
