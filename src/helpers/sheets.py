"""One sheet's rows turned into a typed table, checked cell by cell against the contract.

Row 1 is matched against the contract's headers (personal-data columns are dropped there,
before any of their cells is converted); then each column is parsed a batch of rows at a time,
each distinct value once; then the table is built with the contract's types. Every message
about a header, a cell or a repeated value is here.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import chain, compress
from operator import itemgetter

import pandas as pd

from helpers import contract as c
from helpers.errors import Problem
from helpers.parsing import (
    is_blank,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_int,
    parse_number,
    parse_text,
)
from helpers.text import normalize_key, slug
from helpers.xmlscan import SheetScan

ROW_COLUMN = "dong"  # Excel row number kept with every record, for messages and checks
_HEADER_SEARCH_ROWS = 10  # rows scanned for a header that is not in row 1
# columns holding a stable key, kept as its slug (chi_so.ma names a figure in chi-so.json)
_KEY_COLUMNS = {(c.CHI_SO.key, "ma")}
# (sheet, date column) -> the column beside it that keeps the cell's time of day, in hours
# (8.25 is 08:15; NaN when the cell gives none, i.e. midnight exactly): the receipt hour, for
# the analysis of when the counter is busy. The date column itself stays a date, so every
# figure and check reads exactly what it read before.
TIME_OF_DAY = {(c.HO_SO.key, "ngay_tiep_nhan"): "gio_tiep_nhan"}

_EXCEL_ERRORS = {
    "#DIV/0!": "chia cho 0",
    "#N/A": "không tìm thấy giá trị",
    "#NAME?": "tên hàm hoặc tên vùng không nhận ra",
    "#NULL!": "hai vùng không giao nhau",
    "#NUM!": "số không hợp lệ",
    "#REF!": "tham chiếu tới ô không còn tồn tại",
    "#VALUE!": "sai kiểu giá trị",
    "#SPILL!": "kết quả mảng bị chắn",
    "#CALC!": "lỗi tính toán",
    "#GETTING_DATA": "dữ liệu chưa tải xong",
}


def _error_message(code: str) -> str:
    meaning = _EXCEL_ERRORS.get(code.upper())
    shown = f"{code} ({meaning})" if meaning else (code or "lỗi")
    return f"ô chứa giá trị lỗi của Excel {shown}; hãy sửa công thức hoặc nhập giá trị vào ô này"


_UNCOMPUTED = (
    "ô chứa công thức chưa từng được tính (tệp được tạo bởi một chương trình không tính công "
    "thức, nên không có giá trị); hãy mở tệp bằng Excel hoặc LibreOffice Calc rồi lưu lại "
    "để công thức được tính"
)


SHEET_LOOKUP: dict[str, str] = {}
for _s in c.SHEETS:
    SHEET_LOOKUP[normalize_key(_s.key)] = _s.key
    SHEET_LOOKUP[normalize_key(_s.label)] = _s.key


def header_lookup(sheet: c.Sheet) -> dict[str, tuple[str, int]]:
    """Normalized header -> (column key, priority); lower priority wins."""
    lookup: dict[str, tuple[str, int]] = {}
    for col in sheet.columns:
        for priority, header in enumerate(col.headers()):
            lookup.setdefault(header, (col.key, priority))
    return lookup


def _parser(col: c.Column) -> Callable[[object], object]:
    if col.kind == "any":  # typed later, by the row's key (thong_tin.gia_tri)
        return lambda v: parse_text(v) if isinstance(v, str) else v
    if col.kind == "text":
        return parse_text
    if col.kind == "int":
        return parse_int
    if col.kind == "date":
        return parse_date
    if col.kind == "bool":
        return parse_bool
    if col.kind in ("number", "rate"):
        percent = col.kind == "rate"
        return lambda v: parse_number(v, approximate=col.approximate, percent=percent)
    if col.kind == "enum":
        lookup = {normalize_key(k): k for k in col.enum}
        lookup.update({normalize_key(v): k for k, v in col.enum.items()})
        lookup.update({normalize_key(k): v for k, v in col.codes.items() if k})

        def parse_enum(value: object) -> str:
            code = lookup.get(normalize_key(parse_text(value)))
            if code is None:
                raise ValueError("không thuộc danh mục")
            return code

        return parse_enum
    raise AssertionError(col.kind)


def _find_header_row(rows: list[list[object]], lookup: dict[str, tuple[str, int]]) -> int | None:
    """Index of the first row that looks like this sheet's header, if not row 1."""
    for i, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        keys = {
            lookup[k][0] for k in (normalize_key(v) for v in row if not is_blank(v)) if k in lookup
        }
        if len(keys) >= 2:
            return i
    return None


@dataclass
class _Header:
    """Row 1 matched against the contract."""

    chosen: dict[str, tuple[int, int]]  # key -> (column index, priority of its header)
    headers: dict[str, str]  # key -> header as written
    personal: list[str]  # personal-data headers, never read
    problems: list[Problem]


def read_sheet(
    name: str,
    sheet_name: str,
    sheet: c.Sheet,
    head: list[list[object]],
    tail: Iterable[tuple[int, list[list[object]]]] = (),
    scan: SheetScan | None = None,
) -> tuple[pd.DataFrame | None, dict[str, str], list[str], list[Problem]]:
    """One sheet's table from its rows: ``head`` from row 1, then ``tail``'s blocks of rows
    (first row's number, rows). The table is None when any problem was found."""
    scan = scan or SheetScan()
    lookup = header_lookup(sheet)
    at = partial(Problem, name, sheet=sheet_name)
    match = _match_header(head[0] if head else [], lookup, at)
    problems = match.problems + _header_problems(sheet, head, match, lookup, scan, at)
    if problems:
        return None, match.headers, match.personal, problems

    columns = [
        _ColumnReader(sheet.column(key), idx, match.headers[key], (sheet.key, key) in TIME_OF_DAY)
        for key, (idx, _) in match.chosen.items()
    ]
    row_numbers, problems = _read_rows(columns, head, tail, scan, at)
    data: dict[str, list[object]] = {rc.col.key: rc.values for rc in columns}
    problems += _repeated_values(sheet, data, row_numbers, match.headers, at)
    if problems:
        return None, match.headers, match.personal, problems
    qualifiers = {rc.col.key: rc.qualifiers for rc in columns if rc.col.approximate}
    return _frame(sheet, data, qualifiers, row_numbers), match.headers, match.personal, []


def _match_header(
    header: list[object], lookup: dict[str, tuple[str, int]], at: Callable[..., Problem]
) -> _Header:
    """Each contract column's header cell, keeping the best-priority header of each key."""
    found = _Header({}, {}, [], [])
    for idx, raw in enumerate(header):
        if is_blank(raw):
            continue
        text = _header_text(raw)
        norm = normalize_key(text)
        if norm in c.PERSONAL_DATA_HEADERS:
            found.personal.append(text)
            continue
        hit = lookup.get(norm)
        if hit is None:
            continue
        key, priority = hit
        if key in found.chosen:
            other_idx, other_priority = found.chosen[key]
            if other_priority == priority:
                found.problems.append(
                    at(
                        f"cột «{text}» bị trùng (đã có cột «{found.headers[key]}» "
                        f"ở cột {_col_letter(other_idx)})",
                        row=1,
                        column=text,
                    )
                )
                continue
            if other_priority < priority:
                continue
        found.chosen[key] = (idx, priority)
        found.headers[key] = text
    return found


def _header_problems(
    sheet: c.Sheet,
    head: list[list[object]],
    match: _Header,
    lookup: dict[str, tuple[str, int]],
    scan: SheetScan,
    at: Callable[..., Problem],
) -> list[Problem]:
    """A header below row 1, merged header cells, required columns missing."""
    header = head[0] if head else []
    missing = [col for col in sheet.columns if col.required and col.key not in match.chosen]
    if missing:
        found_at = _find_header_row(head, lookup)
        if not match.chosen and found_at not in (None, 0):
            return [
                at(
                    f"dòng tiêu đề cột phải là dòng 1; có vẻ tiêu đề nằm ở dòng {found_at + 1}"
                    " (hãy xóa các dòng phía trên nó)",
                    row=found_at + 1,
                )
            ]
    problems = _merged_header_problems(header, scan, at)
    if missing:
        problems += _missing_column_problems(sheet, head, missing, scan, at)
    return problems


def _merged_header_problems(
    header: list[object], scan: SheetScan, at: Callable[..., Problem]
) -> list[Problem]:
    problems = []
    for ref, first_row, first_col, last_row, _ in scan.merged:
        if first_row <= 1 <= last_row:
            raw = header[first_col] if first_col < len(header) else None
            down = f" và trải xuống tới dòng {last_row}" if last_row > 1 else ""
            problems.append(
                at(
                    f"các ô tiêu đề {ref} bị gộp (merge) thành một ô{down}; dòng 1 cần mỗi cột "
                    "một ô tiêu đề riêng và chỉ một dòng tiêu đề — hãy bỏ gộp ô (Unmerge Cells)",
                    row=1,
                    column=_col_letter(first_col) if is_blank(raw) else _header_text(raw),
                )
            )
    return problems


def _missing_column_problems(
    sheet: c.Sheet,
    head: list[list[object]],
    missing: list[c.Column],
    scan: SheetScan,
    at: Callable[..., Problem],
) -> list[Problem]:
    """Header cells holding a formula or an error, then a blank row 1 or each column missing."""
    header = head[0] if head else []
    header_marks = _marks(scan, row=1)
    problems = [
        at(message, row=1, column=_col_letter(idx), value=shown)
        for idx, (message, shown) in sorted(header_marks.items())
    ]
    if all(is_blank(v) for v in header) and not header_marks:
        required = ", ".join(col.key for col in sheet.columns if col.required)
        empty = all(is_blank(v) for row in head for v in row)
        problems.append(
            at(
                "trang trống: chưa có dòng tiêu đề cột"
                if empty
                else "dòng tiêu đề cột (dòng 1) để trống",
                row=1,
                expected=f"dòng 1 có tiêu đề các cột: {required}",
            )
        )
    else:
        problems += [
            at(
                f"thiếu cột «{col.label}» ({col.key})",
                row=1,
                column=col.label,
                expected="dòng 1 có tiêu đề cột này",
            )
            for col in missing
        ]
    return problems


def _read_rows(
    columns: list[_ColumnReader],
    head: list[list[object]],
    tail: Iterable[tuple[int, list[list[object]]]],
    scan: SheetScan,
    at: Callable[..., Problem],
) -> tuple[list[int], list[Problem]]:
    """Every row below the header parsed into the columns; the Excel rows kept, the problems."""
    # cells calamine reads as blank but which hold an uncomputed formula or an error value
    read_columns = {rc.idx for rc in columns}
    flagged: dict[int, dict[str, tuple[str, object]]] = {}
    for (r, idx), mark in _marks(scan).items():
        if r > 1 and idx in read_columns:
            key = next(rc.col.key for rc in columns if rc.idx == idx)
            flagged.setdefault(r, {})[key] = mark
    data_merges = [m for m in scan.merged if m[3] > 1][:_MERGE_HINTS]
    row_numbers: list[int] = []
    problems: list[Problem] = []
    for numbers, rows in _batches(head, tail, flagged):
        found = _read_batch(columns, numbers, rows, flagged, row_numbers, data_merges)
        for r, column, kw in found:
            problems.append(at(kw.pop("message"), row=r, column=column, **kw))
    return row_numbers, problems


def _repeated_values(
    sheet: c.Sheet,
    data: dict[str, list[object]],
    row_numbers: list[int],
    headers: dict[str, str],
    at: Callable[..., Problem],
) -> list[Problem]:
    """A value repeated in a column the contract wants unique (case, spaces, accents aside),
    or in a combination of columns (``("loai", "ma")``: a code repeats only within its kind);
    blanks never repeat."""
    problems = []
    for unique in sheet.unique:
        keys = (unique,) if isinstance(unique, str) else unique
        if any(k not in data for k in keys):
            continue
        scope = ", ".join(f"«{headers[k]}»" for k in keys[:-1])
        seen: dict[tuple[object, ...], int] = {}
        for r, *values in zip(row_numbers, *(data[k] for k in keys), strict=True):
            if values[-1] is None:
                continue
            folded = tuple(normalize_key(v) if isinstance(v, str) else v for v in values)
            if folded not in seen:
                seen[folded] = r
                continue
            within = f" (cùng {scope} {', '.join(map(str, values[:-1]))})" if scope else ""
            problems.append(
                at(
                    f"giá trị bị trùng với dòng {seen[folded]}{within}",
                    row=r,
                    column=headers[keys[-1]],
                    value=values[-1],
                    expected="mỗi giá trị chỉ xuất hiện một lần"
                    + (f" trong cùng {scope}" if scope else ""),
                )
            )
    return problems


_BLANK = object()  # the failure of a blank cell where the contract wants a value
_MEMO_LIMIT = 50_000  # distinct values remembered per column (codes, names, dates repeat)


class _ColumnReader:
    """Parses one column's cells, remembering each distinct cell's result.

    A dossier export repeats a handful of statuses, channels, procedure codes and dates over
    thousands of rows: each distinct cell value is parsed once, and the rest is dictionary
    look-ups done a batch of rows at a time.
    """

    def __init__(self, col: c.Column, idx: int, header: str, keep_time: bool = False):
        self.col, self.idx, self.header = col, idx, header
        self.parse = parse_datetime if keep_time else _parser(col)
        self.values: list[object] = []
        self.qualifiers: list[object] = []
        self.number = col.kind in ("number", "rate")
        # (type, cell value) -> (parsed, qualifier, failure, blank); the type keeps 1, 1.0
        # and True apart
        self.memo: dict[object, _Hit] = {}
        self.by_type: dict[type, dict[object, _Hit]] = {}  # one memo per cell type
        if "" in col.codes:
            self.blank: _Hit = (col.codes[""], None, None, True)
        else:
            self.blank = (None, None, None if col.nullable else _BLANK, True)

    def lookup(self, cells: list[object]) -> list[_Hit]:
        """Each cell's parsed value, qualifier, failure and blankness."""
        types = set(map(type, cells))
        types.discard(type(None))
        if len(types) <= 1:  # the usual column: one type, and blanks; look values up directly
            kind = types.pop() if types else type(None)
            memo = self.by_type.get(kind)
            if memo is None:
                memo = self.by_type[kind] = {None: self._parse(None)}
            keys: list[object] = cells
        else:  # mixed: the type is part of the key, so that 1, 1.0 and True stay apart
            memo = self.memo
            keys = list(zip(map(type, cells), cells, strict=True))
        hits = list(map(memo.get, keys))
        if None not in hits:
            return hits  # type: ignore[return-value]
        parse = self._parse
        if len(memo) >= _MEMO_LIMIT or _mostly_distinct(keys, hits):
            # dossier codes and the like: parse them, remembering none
            return [h if h is not None else parse(v) for h, v in zip(hits, cells, strict=True)]
        for j, hit in enumerate(hits):
            if hit is None:
                hit = memo.get(keys[j])  # seen earlier in this batch
                if hit is None:
                    hit = parse(cells[j])
                    if len(memo) < _MEMO_LIMIT:
                        memo[keys[j]] = hit
                hits[j] = hit
        return hits  # type: ignore[return-value]

    def _parse(self, value: object) -> _Hit:
        cls = value.__class__
        if (not value.strip()) if cls is str else is_blank(value):  # type: ignore[union-attr]
            return self.blank
        try:
            parsed = self.parse(value)
        except ValueError as exc:
            return None, None, str(exc), False
        if self.number:
            return parsed[0], parsed[1], None, False  # type: ignore[index]
        return parsed, None, None, False


def _mostly_distinct(keys: list[object], hits: list[_Hit | None]) -> bool:
    """Whether most cells of a batch hold a value met nowhere else (no use remembering)."""
    return len(set(compress(keys, map(operator.not_, hits)))) > len(keys) // 2


_Hit = tuple[object, object, object, bool]
_BATCH_ROWS = 65_536  # rows parsed together, column by column


def _read_batch(
    columns: list[_ColumnReader],
    numbers: list[int],
    rows: list[list[object]],
    flagged: dict[int, dict[str, tuple[str, object]]],
    row_numbers: list[int],
    merges: list[tuple[str, int, int, int, int]],
) -> list[tuple[int, str, dict[str, object]]]:
    """Parse a batch of rows into the columns; the problems found, in row then column order.

    Blank rows are skipped; ``row_numbers`` gets the Excel row of every row kept.
    """
    idxs = [rc.idx for rc in columns]
    width = max(idxs) + 1
    if min(map(len, rows)) < width:  # calamine's rows are all as wide as its range
        rows = [row if len(row) >= width else [*row, *[None] * (width - len(row))] for row in rows]
    if len(idxs) == 1:
        cells = [[row[idxs[0]] for row in rows]]
    else:
        cells = [list(col) for col in zip(*map(itemgetter(*idxs), rows), strict=True)]
    hits = [rc.lookup(col) for rc, col in zip(columns, cells, strict=True)]
    blank = [all(flags) for flags in zip(*(map(itemgetter(3), h) for h in hits), strict=True)]
    marked = [r in flagged for r in numbers] if flagged else None
    if marked:
        blank = [b and not m for b, m in zip(blank, marked, strict=True)]
    if any(blank):
        keep = [not b for b in blank]
        numbers = list(compress(numbers, keep))
        cells = [list(compress(col, keep)) for col in cells]
        hits = [list(compress(h, keep)) for h in hits]
        marked = list(compress(marked, keep)) if marked else None
    found: list[tuple[int, int, str, dict[str, object]]] = []
    base = len(row_numbers)
    row_numbers += numbers
    for ci, (rc, col, h) in enumerate(zip(columns, cells, hits, strict=True)):
        rc.values += map(itemgetter(0), h)
        if rc.col.approximate:
            rc.qualifiers += map(itemgetter(1), h)
        failures = list(map(itemgetter(2), h))
        suspects = range(len(h)) if marked or failures.count(None) != len(h) else ()
        for j in suspects:
            r = numbers[j]
            mark = flagged[r].get(rc.col.key) if marked and marked[j] else None
            if mark is not None:
                rc.values[base + j] = None
                if rc.col.approximate:
                    rc.qualifiers[base + j] = None
                message, shown = mark
                found.append((r, ci, rc.header, {"message": message, "value": shown}))
            elif failures[j] is _BLANK:
                message = "ô bị bỏ trống" + _merge_hint(merges, r, rc.idx)
                found.append(
                    (r, ci, rc.header, {"message": message, "expected": rc.col.expected()})
                )
            elif failures[j] is not None:
                found.append(
                    (
                        r,
                        ci,
                        rc.header,
                        {
                            "message": failures[j],
                            "value": as_found(col[j]),
                            "expected": rc.col.expected(),
                        },
                    )
                )
    found.sort(key=itemgetter(0, 1))
    return [(r, header, kw) for r, _, header, kw in found]


def _batches(
    head: list[list[object]],
    tail: Iterable[tuple[int, list[list[object]]]],
    flagged: dict[int, dict[str, tuple[str, object]]],
) -> Iterator[tuple[list[int], list[list[object]]]]:
    """(Excel row numbers, rows) in batches, every row below the header.

    ``tail`` holds blocks of consecutive rows, each with its first row's number. Rows that
    hold nothing calamine can read but a flagged cell (an uncomputed formula or an error value)
    are added as empty rows: between blocks, or past the range calamine returns.
    """
    pending = sorted(flagged)
    last = 1
    for start, rows in chain([(2, head[1:])], tail):
        if not rows:
            continue
        gap = [r for r in pending if last < r < start] if pending else []
        if gap:
            yield gap, [[] for _ in gap]
        for i in range(0, len(rows), _BATCH_ROWS):
            chunk = rows[i : i + _BATCH_ROWS]
            yield list(range(start + i, start + i + len(chunk))), chunk
        last = start + len(rows) - 1
    after = [r for r in pending if r > last]
    if after:
        yield after, [[] for _ in after]


def _frame(
    sheet: c.Sheet,
    data: dict[str, list[object]],
    qualifiers: dict[str, list[object]],
    row_numbers: list[int],
) -> pd.DataFrame:
    n = len(row_numbers)
    columns: dict[str, object] = {ROW_COLUMN: pd.array(row_numbers, dtype="int64")}
    timed: dict[str, pd.Series] = {}  # after the contract's columns (TIME_OF_DAY)
    for col in sheet.columns:
        values = data.get(col.key, [col.default] * n)
        if col.kind == "date" and (sheet.key, col.key) in TIME_OF_DAY:
            stamps = pd.to_datetime(pd.Series(values, dtype="object"))
            day = stamps.dt.normalize()
            # the same dtype as a date-only column's (a date has no finer unit than seconds)
            columns[col.key] = day.astype("datetime64[s]")
            hours = (stamps - day) / pd.Timedelta(hours=1)
            timed[TIME_OF_DAY[sheet.key, col.key]] = hours.where(hours > 0)
        elif col.kind == "date":
            columns[col.key] = pd.to_datetime(pd.Series(values, dtype="object"))
        elif col.kind == "int":
            columns[col.key] = pd.array(values, dtype="Int64")
        elif col.kind in ("number", "rate"):
            columns[col.key] = pd.array(
                [float("nan") if v is None else v for v in values], dtype="float64"
            )
            if col.approximate:
                columns[f"{col.key}_kem"] = pd.Series(
                    qualifiers.get(col.key, [None] * n), dtype=object
                )
        elif col.kind == "bool":
            columns[col.key] = pd.array([bool(v) for v in values], dtype="bool")
        elif col.kind == "enum" and sheet.key == c.HO_SO.key:
            # the sheet with a row per dossier (a million at a city): a category takes one byte
            # a row; the small sheets keep plain codes, whose value counts list only codes seen
            extra = {v for v in set(values) if v is not None} - set(col.enum)
            categories = [*col.enum, *sorted(extra, key=str)]
            columns[col.key] = pd.Categorical(values, categories=categories)
        elif sheet.key == c.HO_SO.key and col.key != "ma_ho_so":
            # procedure codes, fields and systems repeat over every dossier: categories
            columns[col.key] = pd.Categorical(values)
        elif (sheet.key, col.key) in _KEY_COLUMNS:  # never blank: pandas' str dtype, as read
            columns[col.key] = pd.Series([slug(v) for v in values], dtype="str")
        else:  # object dtype keeps None for a blank cell (pandas' str dtype would make it NaN)
            columns[col.key] = pd.Series(values, dtype=object)
    columns.update(timed)
    frame = pd.DataFrame(columns)
    frame[ROW_COLUMN] = frame[ROW_COLUMN].astype("int64")
    return frame


_MERGE_HINTS = 200  # merged ranges looked through for a blank cell's hint


def _marks(scan: SheetScan, row: int | None = None) -> dict:
    """(row, col) -> (message, value shown) for the scanned cells; those of ``row`` by col."""
    marks: dict[tuple[int, int], tuple[str, object]] = {}
    for pos, formula in scan.uncomputed.items():
        marks[pos] = (_UNCOMPUTED, formula or None)
    for pos, code in scan.errors.items():
        marks[pos] = (_error_message(code), code or None)
    if row is None:
        return marks
    return {col: mark for (r, col), mark in marks.items() if r == row}


def _merge_hint(merges: list[tuple[str, int, int, int, int]], r: int, idx: int) -> str:
    for ref, first_row, first_col, last_row, last_col in merges:
        if first_row <= r <= last_row and first_col <= idx <= last_col:
            return (
                f" (ô nằm trong vùng gộp {ref}: chỉ ô đầu của vùng gộp có giá trị; hãy bỏ gộp "
                "ô và điền giá trị vào từng ô)"
            )
    return ""


def as_found(value: object) -> object:
    """A cell value as a message shows it: 46023 rather than 46023.0."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return int(value)
    return value


def _header_text(value: object) -> str:
    """A header cell as text, whatever it holds (a date or a number is shown as such)."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    try:
        return parse_text(value)
    except ValueError:
        return str(value)


def _col_letter(idx: int) -> str:
    letters = ""
    idx += 1
    while idx:
        idx, rem = divmod(idx - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
