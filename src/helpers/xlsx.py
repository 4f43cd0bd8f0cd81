"""Writing .xlsx files: sheets of rows in one house style, saved so a rerun gives the same bytes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

BOLD = Font(bold=True)
TOP = Alignment(vertical="top")
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "dd/mm/yyyy"
MAX_WIDTH = 80  # characters: a longer text wraps, and no column is wider
DATE_WIDTH = 10  # characters of a date shown dd/mm/yyyy

# A zip part: its name and its content, whole (bytes or text) or as chunks streamed one by one.
Part = tuple[str, bytes | str | Iterable[bytes | str]]


def new_workbook(*, write_only: bool = False) -> Workbook:
    """An empty workbook, without openpyxl's default sheet; ``write_only`` streams its rows."""
    wb = Workbook(write_only=write_only)
    if not write_only:  # a write-only workbook starts with no sheet
        wb.remove(wb.active)
    return wb


def styled(
    ws: Worksheet,
    value: object,
    *,
    font: Font | None = None,
    fill: PatternFill | None = None,
    alignment: Alignment | None = None,
    number_format: str | None = None,
) -> Cell:
    """A cell to append to ``ws`` (normal or write-only) with these styles."""
    cell = WriteOnlyCell(ws, value=value)  # a Cell at A1 until appended, in either mode
    # set in this order always: each assignment registers a style, and their order is the
    # order of styles.xml, so a fixed order keeps regenerated files byte-identical
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if alignment is not None:
        cell.alignment = alignment
    if number_format is not None:
        cell.number_format = number_format
    return cell


def text_width(value: object) -> int:
    """Characters a value takes on its longest line (a date: ``DATE_WIDTH``)."""
    if isinstance(value, date):
        return DATE_WIDTH
    return max(map(len, str(value).split("\n")))


def fit_widths(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[float]:
    """Each column's width: its longest line, header included, + 2; at most ``MAX_WIDTH`` + 2."""
    longest = [len(text) for text in header]
    for row in rows:
        for j, value in enumerate(row[: len(header)]):
            if value is not None:
                longest[j] = max(longest[j], text_width(value))
    return [min(n + 2, MAX_WIDTH + 2) for n in longest]


def write_sheet(
    wb: Workbook,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    style: bool = True,
    widths: Sequence[float] | None = None,
    header_alignment: Alignment | None = None,
) -> Worksheet:
    """Append a sheet ``title``: ``header`` in row 1, then ``rows`` (None: a blank cell).

    Styled (the default): bold header (with ``header_alignment``), frozen first row, column
    ``widths`` (fitted to the values when not given, which needs ``rows`` to be a sequence), a
    filter over the table, long or multi-line text wrapped. Dates are dated (dd/mm/yyyy) either
    way. The same on a normal and a write-only (streamed) workbook; nothing here knows the
    contract: callers pass sheet titles, headers and values as they want them written.
    """
    ws = wb.create_sheet(title)
    if style:
        ws.freeze_panes = "A2"
        # before the first row: a write-only sheet writes its columns when the rows start
        for j, width in enumerate(widths or fit_widths(header, rows), start=1):  # type: ignore[arg-type]
            ws.column_dimensions[get_column_letter(j)].width = width
        ws.append([styled(ws, text, font=BOLD, alignment=header_alignment) for text in header])
    else:
        ws.append(list(header))
    count = 0
    for row in rows:
        ws.append([_cell(ws, value, style) for value in row])
        count += 1
    if style:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    return ws


def _cell(ws: Worksheet, value: object, style: bool) -> object:
    if isinstance(value, date):
        return styled(ws, value, number_format=DATE_FORMAT)
    if style and isinstance(value, str) and (len(value) > MAX_WIDTH or "\n" in value):
        return styled(ws, value, alignment=WRAP)
    return value


def save(
    wb: Workbook, target: Path | str | IO[bytes], *, fixed_time: datetime | None = None
) -> None:
    """Save ``wb`` to a path or a binary file. With ``fixed_time``, the document's created and
    modified times and every zip entry's time are that time: the same workbook, the same bytes."""
    if isinstance(target, str | Path):
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    if fixed_time is None:
        wb.save(target)
        return
    wb.properties.created = fixed_time
    buffer = io.BytesIO()
    wb.save(buffer)  # openpyxl stamps `modified` with the current time here ...
    wb.properties.modified = fixed_time  # ... so put the constant back into core.xml
    core = tostring(wb.properties.to_tree())
    with zipfile.ZipFile(buffer) as saved:
        parts = (
            (item.filename, core if item.filename == "docProps/core.xml" else saved.read(item))
            for item in saved.infolist()
        )
        write_zip(target, parts, fixed_time=fixed_time)


def write_zip(
    target: Path | str | IO[bytes],
    parts: Iterable[Part],
    *,
    fixed_time: datetime,
    zip64: bool = False,
) -> None:
    """Write an .xlsx package (a deflated zip) of ``parts``, every entry dated ``fixed_time``.

    A part given as chunks is streamed, never held whole (a million-row sheet is ~0,5 GB of
    XML); ``zip64`` is needed once a part passes 2 GiB.
    """
    stamp = fixed_time.timetuple()[:6]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts:
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            if isinstance(data, bytes | str):
                zf.writestr(entry, data)
                continue
            with zf.open(entry, "w", force_zip64=zip64) as fh:
                for chunk in data:
                    fh.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
