"""What calamine does not tell, read from a sheet's raw XML: formulas never computed, Excel
error values, merged ranges; and, in the same pass over the zip, which sheets are too large to
read at once (those go to ``slices``).

Positions only, no messages (``sheets`` words them). Anything that cannot be scanned is left
out: the scan only adds messages, and calamine, the reader, reports damage itself.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from xml.etree import ElementTree as ET

from helpers import slices
from helpers.sniff import member_key


@dataclass
class SheetScan:
    """Cells of a sheet's XML that calamine reads as blank, and its merged ranges.

    Positions are (Excel row number, 0-based column index).
    """

    uncomputed: dict[tuple[int, int], str] = field(default_factory=dict)  # -> formula text
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # -> "#DIV/0!" ...
    merged: list[tuple[str, int, int, int, int]] = field(default_factory=list)
    # (ref, first row, first col, last row, last col)


_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
_SCAN_HINT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:f|mergeCell)[\s>/]|\st=[\"']e[\"']")
_SCAN_BYTES = (b"<f", b":f", b"mergeCell", b"'e'", b'"e"')  # needed for any _SCAN_HINT match
_SCAN_CHUNK = 1 << 20
_REL_ID = "}id"


def _col_index(letters: str) -> int:
    idx = 0
    for ch in letters.upper():
        idx = idx * 26 + ord(ch) - 64
    return idx - 1


def _cell_pos(ref: str | None) -> tuple[int, int] | None:
    match = _CELL_REF.match(ref or "")
    if not match:
        return None
    return int(match.group(2)), _col_index(match.group(1))


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


@dataclass
class Package:
    """Where a workbook's parts are in its zip, through the relationships."""

    workbook: str  # the workbook part (xl/workbook.xml)
    sheets: dict[str, str]  # sheet name -> part holding its XML
    related: dict[str, str]  # relationship type ("styles", "sharedStrings") -> part


SlicedReader = Callable[
    [], tuple[list[list[object]], Iterator[tuple[int, list[list[object]]]]] | None
]


def look_inside(
    path: Path, sheet_names: list[str]
) -> tuple[dict[str, SheetScan], dict[str, SlicedReader]]:
    """One pass over the zip for the named sheets: the scan of each sheet's XML (formulas,
    error values, merged ranges), and a sliced reader for each sheet too large to hold in
    memory at once. Sheets that cannot be scanned are left out: this only adds messages, and
    calamine remains the reader, which reports any damage itself."""
    scans: dict[str, SheetScan] = {}
    large: dict[str, SlicedReader] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            found = package(zf)
            if found is None:
                return scans, large
            for sheet_name in sheet_names:
                member = found.sheets.get(sheet_name)
                if member is None:
                    continue
                if slices.is_large(zf, member):
                    large[sheet_name] = partial(
                        slices.sliced_rows, str(path), member, found.workbook, found.related
                    )
                try:
                    scans[sheet_name] = _scan_sheet(zf, member)
                except _NeedsTree:  # cells without their reference: place them by parsing
                    with zf.open(member) as fh:
                        scans[sheet_name] = _scan_sheet_tree(fh)
                except Exception:  # damaged XML: calamine says so when it reads the sheet
                    continue
    except Exception:
        return scans, large
    return scans, large


def package(zf: zipfile.ZipFile) -> Package | None:
    """Where the workbook part and each sheet's XML are; None when there is no workbook."""
    members = {member_key(n): n for n in zf.namelist()}
    workbook = None
    if "_rels/.rels" in members:
        root = ET.fromstring(zf.read(members["_rels/.rels"]))
        for rel in root:
            if rel.get("Type", "").endswith("/officeDocument"):
                workbook = member_key(rel.get("Target", ""))
                break
    if workbook not in members:
        workbook = "xl/workbook.xml" if "xl/workbook.xml" in members else None
    if workbook is None:
        return None
    folder = posixpath.dirname(workbook)
    rels_name = posixpath.join(folder, "_rels", posixpath.basename(workbook) + ".rels")
    targets: dict[str, str] = {}
    related: dict[str, str] = {}
    if rels_name in members:
        for rel in ET.fromstring(zf.read(members[rels_name])):
            target = rel.get("Target", "").replace("\\", "/")
            if rel.get("TargetMode") == "External" or not target:
                continue
            if target.startswith("/"):
                key = member_key(target)
            else:
                key = posixpath.normpath(posixpath.join(folder, target)).lower()
            if key in members:
                targets[rel.get("Id", "")] = members[key]
                related.setdefault(rel.get("Type", "").rpartition("/")[2], members[key])
    parts = {}
    for el in ET.fromstring(zf.read(members[workbook])).iter():
        if _local(el.tag) != "sheet":
            continue
        rid = next((v for k, v in el.attrib.items() if k.endswith(_REL_ID)), None)
        if el.get("name") is not None and rid in targets:
            parts[el.get("name")] = targets[rid]
    return Package(members[workbook], parts, related)


class _NeedsTree(Exception):
    """A cell of interest has no ``r`` reference: only a full parse can place it."""


_CELL_OPEN = re.compile(rb"<(?:[\w.-]+:)?c\b")
_CELL_XML = re.compile(rb"<((?:[\w.-]+:)?)c\b([^>]*?)(?:/>|>(.*?)</\1c>)", re.S)
_CHILD_XML = re.compile(rb"<(?:[\w.-]+:)?(f|v|is)\b([^>]*?)(?:/>|>(.*?)</(?:[\w.-]+:)?\1>)", re.S)
_FORMULA_TAG = re.compile(rb"<(?:[\w.-]+:)?f[\s>/]")
_ERROR_ATTR = re.compile(rb"""\st\s*=\s*["']e["']""")
_MERGE_XML = re.compile(rb"""<(?:[\w.-]+:)?mergeCell\b[^>]*?\sref\s*=\s*["']([^"']+)["']""")
_ATTR_R = re.compile(rb"""\sr\s*=\s*["']([^"']*)["']""")
_ATTR_T = re.compile(rb"""\st\s*=\s*["']([^"']*)["']""")


def _scan_sheet(zf: zipfile.ZipFile, member: str) -> SheetScan:
    """Scan a sheet's XML in chunks cut between rows, looking closely only where it matters.

    A regular expression finds formulas, error values and merged ranges; only those cells are
    taken apart, so a long sheet without formulas costs one byte search.
    """
    scan = SheetScan()
    rest = b""
    with zf.open(member) as fh:
        while True:
            chunk = fh.read(_SCAN_CHUNK)
            data = rest + chunk
            if chunk:
                cut = data.rfind(b"row>")  # the end of a row tag: no cell spans it
                if cut < 0:
                    rest = data
                    continue
                part, rest = data[: cut + 4], data[cut + 4 :]
            else:
                part, rest = data, b""
            # byte searches first: a plain sheet has none of these, and the regular
            # expression, which stops at every "<", costs far more than they do
            if any(hint in part for hint in _SCAN_BYTES) and _SCAN_HINT.search(part):
                _scan_part(part, scan)
            if not chunk:
                return scan


def _scan_part(part: bytes, scan: SheetScan) -> None:
    starts = set()
    for match in _FORMULA_TAG.finditer(part):
        j = match.start()
        for _ in range(4):  # the formula is the cell's first child, or close to it
            j = part.rfind(b"<", 0, j)
            if j < 0 or _CELL_OPEN.match(part, j):
                break
        if j >= 0 and _CELL_OPEN.match(part, j):
            starts.add(j)
    for match in _ERROR_ATTR.finditer(part):
        j = part.rfind(b"<", 0, match.start())
        if j >= 0 and _CELL_OPEN.match(part, j):
            starts.add(j)
    for j in sorted(starts):
        cell = _CELL_XML.match(part, j)
        if cell is None:
            continue
        attrs, inner = cell.group(2), cell.group(3) or b""
        ref = _ATTR_R.search(attrs)
        pos = _cell_pos(ref.group(1).decode("ascii", "replace")) if ref else None
        if pos is None:
            raise _NeedsTree
        kind = _ATTR_T.search(attrs)
        children = {name.decode(): _xml_text(text) for name, _, text in _CHILD_XML.findall(inner)}
        _classify(scan, pos, kind.group(1).decode() if kind else "n", children)
    for match in _MERGE_XML.finditer(part):
        _add_merge(scan, match.group(1).decode("ascii", "replace"))


def _xml_text(raw: bytes | None) -> str | None:
    """Element text as XML gives it (entities resolved); None for an empty element."""
    if raw is None:
        return None
    return html.unescape(raw.decode("utf-8", "replace"))


def _classify(
    scan: SheetScan, pos: tuple[int, int], kind: str, children: dict[str, str | None]
) -> None:
    """Record a cell holding an error value, or a formula that was never computed."""
    if kind == "e":
        scan.errors[pos] = (children.get("v") or "").strip()
        return
    if "f" not in children or "is" in children:
        return
    value = children.get("v")
    if "v" not in children or (not value and kind != "str"):
        formula = children["f"]
        scan.uncomputed[pos] = "=" + formula if formula else ""


def _add_merge(scan: SheetScan, ref: str) -> None:
    first, _, last = ref.partition(":")
    a, b = _cell_pos(first), _cell_pos(last or first)
    if a is not None and b is not None:
        scan.merged.append((ref, a[0], a[1], b[0], b[1]))


def _scan_sheet_tree(fh: object) -> SheetScan:
    """The same scan by parsing every element: for cells written without their reference."""
    scan = SheetScan()
    row_no, col, cell = 0, -1, (0, 0)
    sheet_data = None
    for event, el in ET.iterparse(fh, events=("start", "end")):  # type: ignore[arg-type]
        tag = _local(el.tag)
        if event == "start":
            if tag == "row":
                r = el.get("r", "")
                row_no, col = (int(r) if r.isdigit() else row_no + 1), -1
            elif tag == "c":
                pos = _cell_pos(el.get("r"))
                if pos is not None:
                    row_no, col = pos
                else:
                    col += 1
                cell = (row_no, col)
            elif tag == "sheetData":
                sheet_data = el
            continue
        if tag == "c":
            children = {_local(child.tag): child.text for child in el}
            _classify(scan, cell, el.get("t", "n"), children)
            el.clear()
        elif tag == "row" and sheet_data is not None:
            sheet_data.clear()  # keep memory flat on long sheets
        elif tag == "mergeCell":
            _add_merge(scan, el.get("ref") or "")
    return scan
