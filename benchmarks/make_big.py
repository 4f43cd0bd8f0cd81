"""A contract workbook with an ``ho_so`` sheet of any size, written the way Excel writes one.

Every sheet other than ``ho_so`` is copied (values only) from the Mẫu An sample
(data/mau-an/2026-Q1.xlsx), with its sheet names and order. ``ho_so`` holds the sample's
dossier rows cycled to ``n_rows``, each with a unique ``ma_ho_so`` (HS000000001, …); every
other value, dates included, is as in the sample.

The sheets' XML is written directly (no openpyxl cells), so that a million rows take seconds,
and packed by the shared writer (``helpers.xlsx.write_zip``: streamed, fixed entry times, so
the same arguments give the same bytes). It looks like Excel's own files: text in
xl/sharedStrings.xml, dates as serial numbers with a date style (numFmtId 14), numbers as
numbers, a <dimension> and r= on every row and cell.
The aggregate sheets are not rescaled, so ``workbook check`` finds reconciliation problems
(exit 1) on a big file; a contract error (exit 2) means this generator is wrong.

Usage: .venv/bin/python benchmarks/make_big.py N OUT.xlsx
"""

from __future__ import annotations

import argparse
import itertools
import math
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

try:
    from helpers import xlsx
except ModuleNotFoundError:  # a checkout without `pip install -e .`: use its src/
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from helpers import xlsx

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "mau-an" / "2026-Q1.xlsx"
DOSSIER_SHEET = "ho_so"
FIXED_TIME = datetime(2026, 4, 1)  # zip entry times: the same file for the same arguments
ID_COLUMN = "ma_ho_so"

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_SHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_EPOCH = datetime(1899, 12, 30)  # Excel's 1900 date system, valid from 1900-03-01 on
_DATE_STYLE = 1  # cellXfs index: numFmtId 14, Excel's built-in short date
_DATETIME_STYLE = 2  # cellXfs index: numFmtId 22, date and time

_ROWS_PER_CHUNK = 20_000  # rows joined before each write: big enough to amortise, small in RAM
_ZIP64_ABOVE_ROWS = 4_000_000  # ~450 bytes of XML a row; zip64 needed past 2 GiB of sheet XML


class _SharedStrings:
    """Excel's shared-string table: each distinct text once, cells refer to it by index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.refs = 0  # the <sst count=…>: how many cells refer to the table

    def __call__(self, text: str) -> int:
        self.refs += 1
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.index)
        return found


def _col_letter(idx: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    return get_column_letter(idx + 1)


def _number(value: float) -> str:
    if not math.isfinite(value):
        raise ValueError(f"a number Excel cannot store: {value!r}")
    # 1.0 → "1" as Excel writes it; repr keeps every digit of the rest
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _serial(value: date) -> str:
    if isinstance(value, datetime):
        delta = value.replace(tzinfo=None) - _EPOCH
        return _number(delta.days + delta.seconds / 86400 + delta.microseconds / 86400e6)
    return str((value - _EPOCH.date()).days)


def _cell(ref: str, value: object, strings: _SharedStrings) -> str:
    """One <c> element as Excel writes it; "" for a blank cell (Excel leaves it out)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return f'<c r="{ref}" t="s"><v>{strings(value)}</v></c>'
    if isinstance(value, bool):  # before int: bool is an int
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{_number(value)}</v></c>'
    if isinstance(value, datetime):
        return f'<c r="{ref}" s="{_DATETIME_STYLE}"><v>{_serial(value)}</v></c>'
    if isinstance(value, date):
        return f'<c r="{ref}" s="{_DATE_STYLE}"><v>{_serial(value)}</v></c>'
    raise TypeError(f"cell {ref}: no Excel type for {type(value).__name__} {value!r}")


def _used_size(rows: list[list[object]]) -> tuple[int, int]:
    """(last row, last column), 1-based, holding a value; (1, 1) for an empty sheet."""
    last_row = last_col = 1
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None and value != "":
                last_row, last_col = max(last_row, r), max(last_col, c)
    return last_row, last_col


def _sheet_head(last_row: int, last_col: int) -> str:
    return (
        f'{_DECL}<worksheet xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'
        f'<dimension ref="A1:{_col_letter(last_col - 1)}{last_row}"/>'
        '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/><sheetData>'
    )


_SHEET_TAIL = (
    '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
    'footer="0.3"/></worksheet>'
)


def _sheet_xml(rows: list[list[object]], strings: _SharedStrings) -> str:
    """A small sheet, whole, values as they are."""
    last_row, last_col = _used_size(rows)
    letters = [_col_letter(c) for c in range(last_col)]
    body = []
    for r, row in enumerate(rows[:last_row], start=1):
        cells = "".join(_cell(f"{letters[c]}{r}", v, strings) for c, v in enumerate(row[:last_col]))
        if cells:  # Excel writes no element for an empty row
            body.append(f'<row r="{r}" spans="1:{last_col}">{cells}</row>')
    return _sheet_head(last_row, last_col) + "".join(body) + _SHEET_TAIL


def _dossier_templates(
    data: list[list[object]], id_col: int, width: int, strings: _SharedStrings
) -> tuple[list[str], list[int]]:
    """One str.format template per sample dossier row: {0} = row number, {1} = the shared
    string index of its ma_ho_so; everything else is fixed. Also each row's count of text
    cells (for the <sst count>)."""
    letters = [_col_letter(c) for c in range(width)]
    templates, text_cells = [], []
    for row in data:
        before = strings.refs
        parts = [f'<row r="{{0}}" spans="1:{width}">']
        for c, value in enumerate(row[:width]):
            if c == id_col:
                parts.append(f'<c r="{letters[c]}{{0}}" t="s"><v>{{1}}</v></c>')
            else:
                # a placeholder ref that cannot occur in a value, swapped for {0} below
                parts.append(_cell(f"{letters[c]}\x00", value, strings).replace("\x00", "{0}"))
        parts.append("</row>")
        templates.append("".join(parts))
        text_cells.append(strings.refs - before + 1)  # + the id cell
    return templates, text_cells


def _dossier_rows(templates: list[str], n_rows: int, id_base: int) -> Iterator[str]:
    """The data rows' XML in chunks; row i (0-based) is sample row i % len, id HS{i+1}."""
    period = len(templates)
    for start in range(0, n_rows, _ROWS_PER_CHUNK):
        stop = min(start + _ROWS_PER_CHUNK, n_rows)
        yield "".join(templates[i % period].format(i + 2, id_base + i) for i in range(start, stop))


def _dossier_id(i: int) -> str:
    return f"HS{i + 1:09d}"


def _shared_strings_xml(strings: _SharedStrings, n_ids: int) -> Iterator[str]:
    total = len(strings.index) + n_ids

    def si(text: str) -> str:
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f"<si><t{space}>{escape(text)}</t></si>"

    yield f'{_DECL}<sst xmlns="{_MAIN_NS}" count="{strings.refs}" uniqueCount="{total}">'
    yield "".join(si(text) for text in strings.index)  # dicts keep insertion = index order
    for start in range(0, n_ids, _ROWS_PER_CHUNK):
        stop = min(start + _ROWS_PER_CHUNK, n_ids)
        yield "".join(f"<si><t>{_dossier_id(i)}</t></si>" for i in range(start, stop))
    yield "</sst>"


def _workbook_xml(names: list[str]) -> str:
    sheets = "".join(
        f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>'
        for i, name in enumerate(names, start=1)
    )
    return (
        f'{_DECL}<workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'
        '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" '
        f'windowHeight="12300"/></bookViews><sheets>{sheets}</sheets>'
        '<calcPr calcId="191029"/></workbook>'
    )


def _workbook_rels(n_sheets: int) -> str:
    rels = [
        f'<Relationship Id="rId{i}" Type="{_REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, n_sheets + 1)
    ]
    rels.append(
        f'<Relationship Id="rId{n_sheets + 1}" Type="{_REL_NS}/styles" Target="styles.xml"/>'
    )
    rels.append(
        f'<Relationship Id="rId{n_sheets + 2}" Type="{_REL_NS}/sharedStrings" '
        'Target="sharedStrings.xml"/>'
    )
    return f'{_DECL}<Relationships xmlns="{_PKG_REL_NS}">{"".join(rels)}</Relationships>'


def _content_types(n_sheets: int) -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_CT}"/>'
        for i in range(1, n_sheets + 1)
    )
    ml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    return (
        f'{_DECL}<Types xmlns="{_CT_NS}">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{ml}.sheet.main+xml"/>'
        f"{sheets}"
        f'<Override PartName="/xl/styles.xml" ContentType="{ml}.styles+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ml}.sharedStrings+xml"/>'
        "</Types>"
    )


_ROOT_RELS = (
    f'{_DECL}<Relationships xmlns="{_PKG_REL_NS}"><Relationship Id="rId1" '
    f'Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)

# cellXfs: 0 General, 1 short date (14), 2 date and time (22)
_STYLES = (
    f'{_DECL}<styleSheet xmlns="{_MAIN_NS}">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    '</cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" '
    'defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
)


def make_workbook(
    n_rows: int, path: Path, sample: Path = SAMPLE, receipt_times: bool = False
) -> Path:
    """Write a contract workbook whose ``ho_so`` sheet has exactly ``n_rows`` dossier rows.
    ``receipt_times``: each receipt date gets a time of day (07:30–16:30, fixed per sample
    row), as exports that keep the hour write it."""
    if n_rows < 1:
        raise ValueError("n_rows must be at least 1")
    book = CalamineWorkbook.from_path(sample)
    names = list(book.sheet_names)
    # skip_empty_area=False keeps every value at its own row and column, as the reader sees it
    sheets = {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in names}
    rows = sheets[DOSSIER_SHEET]
    last_row, width = _used_size(rows)
    header, data = rows[0][:width], rows[1:last_row]
    id_col = header.index(ID_COLUMN)
    if receipt_times:
        data = _with_receipt_times(header, data)

    # intern every sample text first, so the unique ids take one contiguous index range
    strings = _SharedStrings()
    small = {
        name: _sheet_xml(sheet, strings) for name, sheet in sheets.items() if name != DOSSIER_SHEET
    }
    head_cells = "".join(_cell(f"{_col_letter(c)}1", v, strings) for c, v in enumerate(header))
    refs = strings.refs
    templates, text_cells = _dossier_templates(data, id_col, width, strings)
    id_base = len(strings.index)
    # the templates are used n_rows times, not once each as counted while building them
    cycles, rest = divmod(n_rows, len(templates))
    strings.refs = refs + cycles * sum(text_cells) + sum(text_cells[:rest])

    head = _sheet_head(n_rows + 1, width) + f'<row r="1" spans="1:{width}">{head_cells}</row>'
    # the 1M-row sheet and its strings are ~0,5 GB of XML: streamed in chunks, never whole
    dossiers = itertools.chain([head], _dossier_rows(templates, n_rows, id_base), [_SHEET_TAIL])
    sheet_parts = [
        (f"xl/worksheets/sheet{i}.xml", dossiers if name == DOSSIER_SHEET else small[name])
        for i, name in enumerate(names, start=1)
    ]
    parts = [
        ("[Content_Types].xml", _content_types(len(names))),
        ("_rels/.rels", _ROOT_RELS),
        ("xl/workbook.xml", _workbook_xml(names)),
        ("xl/_rels/workbook.xml.rels", _workbook_rels(len(names))),
        *sheet_parts,
        ("xl/styles.xml", _STYLES),
        ("xl/sharedStrings.xml", _shared_strings_xml(strings, n_rows)),
    ]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    xlsx.write_zip(tmp, parts, fixed_time=FIXED_TIME, zip64=n_rows > _ZIP64_ABOVE_ROWS)
    tmp.replace(path)  # never leave a half-written .xlsx under the real name
    return path


def _with_receipt_times(header: list[object], data: list[list[object]]) -> list[list[object]]:
    """The rows with a time of day on each receipt date (a fixed pattern, not random)."""
    col = header.index("ngay_tiep_nhan")
    out = []
    for i, row in enumerate(data):
        row = list(row)
        value = row[col]
        if isinstance(value, date) and not isinstance(value, datetime):
            minutes = 7 * 60 + 30 + (i * 37) % (9 * 60)
            row[col] = datetime(value.year, value.month, value.day, minutes // 60, minutes % 60)
        out.append(row)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_rows", type=int, help="dossier rows in ho_so")
    parser.add_argument("out", type=Path, help="the .xlsx to write")
    parser.add_argument("--sample", type=Path, default=SAMPLE, help="workbook to copy from")
    parser.add_argument(
        "--receipt-times", action="store_true", help="a time of day on every receipt date"
    )
    args = parser.parse_args(argv)
    t = time.perf_counter()
    path = make_workbook(args.n_rows, args.out, args.sample, args.receipt_times)
    seconds = time.perf_counter() - t
    size = path.stat().st_size / 1e6
    print(f"{path}: {args.n_rows} ho_so rows, {size:.1f} MB, {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
