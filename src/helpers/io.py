"""Reading a unit's quarterly workbook into typed tables, checked against the contract.

Only the contract's columns are ever materialised: personal-data columns of dossier exports
(names, ID numbers, phones, addresses, emails) are dropped while the header row is matched,
before any cell of theirs is converted or stored.
"""

from __future__ import annotations

import datetime as dt
import gc
import html
import operator
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, compress
from operator import itemgetter
from pathlib import Path
from typing import Literal
from xml.etree import ElementTree as ET

import pandas as pd
from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from helpers import cache, office, paths, slices
from helpers import contract as c
from helpers.errors import ContractError, ParameterError, Problem, WorkbookError
from helpers.parsing import (
    is_blank,
    parse_bool,
    parse_date,
    parse_int,
    parse_number,
    parse_text,
)
from helpers.periods import Quarter
from helpers.text import normalize_key, slug

EXTENSIONS = (".xlsx", ".xlsm")


class _NeverRaised(BaseException):
    pass


# A panic inside python-calamine's Rust code (e.g. a date cell far out of range) surfaces as
# pyo3's PanicException, which derives from BaseException: catch it with ordinary errors.
_PANIC = next(
    (k for k in BaseException.__subclasses__() if k.__name__ == "PanicException"), _NeverRaised
)
_CALAMINE_FAILURES = (Exception, _PANIC)
_FILE_NAME = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
ROW_COLUMN = "dong"  # Excel row number kept with every record, for messages and checks
_HEADER_SEARCH_ROWS = 10  # rows scanned for a header that is not in row 1


@dataclass
class Workbook:
    """A unit's quarter as read: metadata, typed tables and where each came from."""

    path: Path
    info: dict[str, object]
    tables: dict[str, pd.DataFrame]
    sheet_names: dict[str, str] = field(default_factory=dict)  # contract key -> name in file
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # key -> col -> header
    ignored_personal: dict[str, list[str]] = field(default_factory=dict)  # headers not read

    @property
    def quarter(self) -> Quarter:
        return Quarter.parse(str(self.info["ky"]))

    def has(self, sheet: str) -> bool:
        return sheet in self.tables and not self.tables[sheet].empty

    def table(self, sheet: str) -> pd.DataFrame:
        """The sheet's table; an empty one with the contract's columns when absent."""
        if sheet in self.tables:
            return self.tables[sheet]
        return pd.DataFrame(columns=[col.key for col in c.SHEET_BY_KEY[sheet].columns])


# --- discovery -----------------------------------------------------------------------


def workbook_path(data_dir: Path | str, unit: str, quarter: str | Quarter) -> Path:
    """``<data>/<unit>/<YYYY>-Q<n>.xlsx`` (or ``.xlsm``); ParameterError naming what exists."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise ParameterError(f"Không có thư mục dữ liệu «{data_dir}».")
    q = parse_quarter(quarter)
    if Path(unit).name == unit and unit not in ("", ".", ".."):  # a folder of data_dir only
        for ext in EXTENSIONS:
            path = paths.entry(data_dir, unit) / f"{q}{ext}"  # in any Unicode form
            if path.exists():  # a folder of that name too: the reader says what is wrong
                return path
    units = list_units(data_dir)
    if paths.nfc(unit) not in units:
        known = ", ".join(units) or "(chưa có đơn vị nào)"
        raise ParameterError(
            f"Không có đơn vị «{unit}» trong thư mục «{data_dir}». Các đơn vị có: {known}."
        )
    quarters = ", ".join(str(x) for x in list_quarters(data_dir, unit)) or "(chưa có quý nào)"
    raise ParameterError(
        f"Đơn vị «{unit}» không có số liệu {q.label} (cần tệp {data_dir / unit / f'{q}.xlsx'}). "
        f"Các quý có: {quarters}."
    )


def parse_quarter(quarter: str | Quarter) -> Quarter:
    """A quarter asked for by a user; ParameterError when it is not one."""
    if isinstance(quarter, Quarter):
        return quarter
    try:
        return Quarter.parse(quarter)
    except ValueError as exc:
        raise ParameterError(f"Kỳ báo cáo không hợp lệ: {exc}.") from None


def list_units(data_dir: Path | str) -> list[str]:
    """Unit slugs (in NFC): folders of ``data_dir`` holding at least one ``YYYY-Qn`` workbook."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return []
    return sorted(
        {
            paths.nfc(d.name)
            for d in data_dir.iterdir()
            if d.is_dir() and list_quarters(data_dir, d.name)
        }
    )


def list_quarters(data_dir: Path | str, unit: str) -> list[Quarter]:
    """Quarters for which ``data_dir/unit`` holds a workbook, oldest first."""
    folder = paths.entry(Path(data_dir), unit)
    found = set()
    if folder.is_dir():
        for f in folder.iterdir():
            if office.is_lock_file(f):  # Excel's ~$… and LibreOffice's .~lock…# beside it
                continue
            match = _FILE_NAME.match(f.stem)
            if f.is_file() and f.suffix.lower() in EXTENSIONS and match:
                found.add(Quarter(int(match.group(1)), int(match.group(2))))
    return sorted(found)


# --- reading -----------------------------------------------------------------------


def read_workbook(
    path: Path | str,
    *,
    quarter: Quarter | str | None = None,
    cache_dir: Path | str | Literal[False] | None = None,
) -> Workbook:
    """Read and validate a workbook; raise ContractError listing every problem found.

    ``quarter``, when given, is the quarter the file is expected to report on (from its name);
    ``thong_tin.ky`` must agree with it. A workbook read before, unchanged, comes from the
    parsed-input cache in ``cache_dir`` (default: ``cache.default_dir()``; False: no cache).
    """
    path = Path(path)
    if cache_dir is False:
        return _parse_workbook(path, quarter)
    folder = Path(cache_dir) if cache_dir else cache.default_dir()
    try:
        key = cache.entry_key(path, quarter)
    except OSError:  # missing, a folder, unreadable: the parser says so in its own words
        return _parse_workbook(path, quarter)
    entry = cache.load(folder, key)
    if entry is not None:
        return Workbook(path=path, **vars(entry))
    wb = _parse_workbook(path, quarter)
    cache.store(
        folder,
        key,
        cache.Entry(wb.info, wb.tables, wb.sheet_names, wb.headers, wb.ignored_personal),
    )
    return wb


def _parse_workbook(path: Path, quarter: Quarter | str | None) -> Workbook:
    # Parsing makes millions of small lists and tuples and no reference cycle: the cyclic
    # garbage collector would walk every live one again and again (a fifth of the time at a
    # million rows); reference counting frees them all the same.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _read_all(path, quarter)
    finally:
        if enabled:
            gc.enable()


def _read_all(path: Path, quarter: Quarter | str | None) -> Workbook:
    name = str(path)
    book = _open(path)
    problems: list[Problem] = []
    by_key = {}
    for sheet_name in book.sheet_names:
        key = _SHEET_LOOKUP.get(normalize_key(sheet_name))
        if key is None:
            continue
        if key in by_key:
            problems.append(
                Problem(
                    name,
                    f"có hai trang cùng là «{key}»: «{by_key[key]}» và «{sheet_name}» (tên trang "
                    "không phân biệt hoa thường, dấu và khoảng trắng); hãy giữ một trang, xóa "
                    "hoặc đổi tên trang kia",
                )
            )
            continue
        by_key[key] = sheet_name

    for sheet in c.SHEETS:
        if sheet.required and sheet.key not in by_key:
            problems.append(
                Problem(
                    name,
                    f"thiếu trang «{sheet.key}» ({sheet.label})",
                    expected="các trang: " + ", ".join(s.key for s in c.SHEETS if s.required),
                )
            )
    if c.HO_SO.key not in by_key and c.HO_SO_TONG_HOP.key not in by_key:
        problems.append(
            Problem(name, "thiếu cả trang «ho_so» lẫn «ho_so_tong_hop»; cần ít nhất một trang")
        )

    problems += _sheet_state_problems(name, book, list(by_key.values()))
    scans, large = _look_inside(path, list(by_key.values()))
    wb = Workbook(path=path, info={}, tables={})
    for key, sheet_name in by_key.items():
        sheet = c.SHEET_BY_KEY[key]

        def damaged(exc: BaseException, sheet_name: str = sheet_name) -> Problem:
            return Problem(
                name,
                f"trang bị hỏng, không đọc được ({exc}); hãy mở tệp bằng Excel hoặc "
                "LibreOffice Calc, lưu lại rồi kiểm tra lại",
                sheet=sheet_name,
            )

        tail: Iterable[tuple[int, list[list[object]]]] = ()
        try:
            sliced = large.get(sheet_name)
            if sliced is not None:  # read a slice of rows at a time (a city-sized export)
                head, tail = sliced() or ([], ())
            else:
                head = book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
        except _CALAMINE_FAILURES as exc:  # its errors carry no type worth catching apart
            problems.append(damaged(exc))
            continue
        try:
            table, headers, personal, sheet_problems = _read_sheet(
                name, sheet_name, sheet, head, tail, scans.get(sheet_name)
            )
        except _CALAMINE_FAILURES as exc:  # a later slice of a large sheet is damaged
            if isinstance(exc, WorkbookError):
                raise
            problems.append(damaged(exc))
            continue
        problems += sheet_problems
        if table is not None:
            wb.tables[key] = table
            wb.sheet_names[key] = sheet_name
            wb.headers[key] = headers
            if personal:
                wb.ignored_personal[key] = personal

    if "thong_tin" in wb.tables:
        wb.info, info_problems = _read_info(name, wb, quarter)
        problems += info_problems
    problems += _check_records(name, wb)
    data_sheets = [s.key for s in c.SHEETS if s.key not in ("thong_tin", "van_ban", "noi_dung")]
    present = [key for key in data_sheets if key in by_key]
    read_but_empty = all(key in wb.tables and wb.tables[key].empty for key in present)
    if present and read_but_empty:
        # a fresh template (or a workbook whose data rows were all deleted): say so plainly
        # rather than list every figure as missing
        raise ContractError(
            [
                Problem(
                    name,
                    "tệp vẫn còn trống: chưa có dòng số liệu nào ở các trang "
                    + ", ".join(f"«{by_key[k]}»" for k in present)
                    + "; hãy nhập số liệu rồi kiểm tra lại",
                )
            ]
        )
    if problems:
        raise ContractError(problems)
    return wb


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: .xls, or encrypted .xlsx
_OLE_SCAN_BYTES = 8 * 1024 * 1024  # an OLE directory names its streams; look this far for them
_FIX = "hãy mở tệp bằng Excel hoặc LibreOffice Calc và lưu lại thành .xlsx (Excel Workbook)"
_OTHER_FORMATS = {
    ".xls": "tệp .xls cũ (Excel 97-2003)",
    ".xlsb": "tệp .xlsb (Excel Binary Workbook)",
    ".ods": "tệp .ods (LibreOffice/OpenOffice)",
    ".csv": "tệp .csv (chỉ có chữ, một trang)",
    ".tsv": "tệp văn bản .tsv",
    ".txt": "tệp văn bản .txt",
    ".xml": "tệp .xml",
    ".htm": "trang web .htm",
    ".html": "trang web .html",
    ".numbers": "tệp Apple Numbers",
    ".zip": "tệp nén .zip",
}


def _open(path: Path) -> CalamineWorkbook:
    """Open the file as an .xlsx/.xlsm; ContractError saying in plain words what it is if not."""
    name = str(path)

    def fail(message: str, **kw: object) -> ContractError:
        return ContractError([Problem(name, message, **kw)])  # type: ignore[arg-type]

    if not path.exists():
        raise fail("không tìm thấy tệp (kiểm tra lại đường dẫn và tên tệp)")
    if path.is_dir():
        raise fail("là một thư mục, không phải tệp bảng tính")
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        what = _OTHER_FORMATS.get(suffix)
        raise fail(
            f"không phải tệp .xlsx hoặc .xlsm ({what}); {_FIX}"
            if what
            else "không phải tệp .xlsx hoặc .xlsm",
            value=path.suffix or "(không có đuôi)",
        )
    try:
        with path.open("rb") as fh:
            head = fh.read(_OLE_SCAN_BYTES)
    except OSError as exc:
        office.raise_if_in_use(path, exc)  # open in Excel (Windows locks it): say so
        raise fail(f"không đọc được tệp ({exc.strerror or exc})") from None
    if not head:
        raise fail("tệp rỗng (0 byte)")
    if head.startswith(_OLE_MAGIC[:4]):
        raise fail(_ole_message(head))
    if not head.startswith(b"PK"):
        raise fail(_not_a_zip_message(head))
    try:
        with zipfile.ZipFile(path) as zf:
            members = {_member_key(n) for n in zf.namelist()}
            mimetype = zf.read("mimetype")[:100] if "mimetype" in members else b""
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as exc:
        raise fail(
            "tệp .xlsx bị hỏng hoặc không đầy đủ (có thể chưa tải về hoặc chép xong), "
            f"không mở được ({exc}); hãy lấy lại tệp gốc"
        ) from None
    kind = _zip_kind(members, mimetype)
    if kind is not None:
        raise fail(kind)
    try:
        return CalamineWorkbook.from_path(str(path))
    except _CALAMINE_FAILURES as exc:
        raise fail(
            "tệp .xlsx bị hỏng hoặc không đầy đủ, không mở được "
            f"({exc}); hãy mở bằng Excel hoặc LibreOffice Calc, lưu lại, hoặc lấy lại tệp gốc"
        ) from None


def _ole_message(head: bytes) -> str:
    """An OLE compound file: tell an encrypted workbook from a renamed .xls."""
    names = head.lower()  # stream names are UTF-16LE; lower() folds their ASCII letters

    def has(stream: str) -> bool:
        return stream.lower().encode("utf-16-le") in names

    if has("EncryptedPackage") or has("EncryptionInfo"):
        return (
            "tệp được đặt mật khẩu (mã hóa) nên không đọc được; hãy mở bằng Excel, gỡ mật khẩu "
            "(Tệp > Thông tin > Bảo vệ Sổ làm việc > Mã hóa bằng Mật khẩu, xóa mật khẩu) "
            "rồi lưu lại thành .xlsx"
        )
    if has("Workbook") or has("Book"):
        return f"là bảng tính .xls cũ (Excel 97-2003) bị đổi đuôi thành .xlsx; {_FIX}"
    return (
        "tệp được đặt mật khẩu hoặc là bảng tính .xls cũ đổi tên, không đọc được; "
        "hãy bỏ mật khẩu và lưu lại thành .xlsx"
    )


def _not_a_zip_message(head: bytes) -> str:
    """What a file that is no zip (so no .xlsx) most likely is."""
    text = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")):
        return (
            f"là một trang web (HTML) mang đuôi bảng tính, thường gặp khi xuất từ phần mềm; {_FIX}"
        )
    if text.startswith(b"<?xml"):
        return f"là tệp XML (có thể là «XML Spreadsheet 2003»), không phải .xlsx; {_FIX}"
    if text.startswith(b"%pdf"):
        return "là tệp PDF, không phải bảng tính; cần tệp .xlsx theo mẫu số liệu"
    sample = head[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text: Excel's "Unicode Text"
        sample = sample[2:].decode("utf-16", "replace").encode("utf-8")
    try:
        sample.decode("utf-8")
        is_text = b"\x00" not in sample
    except UnicodeDecodeError as exc:
        is_text = exc.start > len(sample) - 4 and b"\x00" not in sample  # cut mid-character
    if is_text:
        return (
            f"là tệp văn bản (có thể là .csv) bị đổi đuôi thành .xlsx, không phải bảng tính; {_FIX}"
        )
    return "không phải bảng tính Excel (.xlsx)"


def _member_key(name: str) -> str:
    return name.replace("\\", "/").lstrip("/").lower()


def _zip_kind(members: set[str], mimetype: bytes) -> str | None:
    """None for a zip holding a workbook; else what the zip is, as a message."""
    if any(m == "workbook.xml" or m.endswith("/workbook.xml") for m in members):
        return None
    if b"opendocument.spreadsheet" in mimetype:
        return f"là tệp .ods (LibreOffice/OpenOffice) bị đổi đuôi thành .xlsx; {_FIX}"
    if b"opendocument" in mimetype:
        return "là một tài liệu OpenDocument, không phải bảng tính"
    if any(m.endswith("workbook.bin") for m in members):
        return f"là tệp .xlsb (Excel Binary Workbook) bị đổi đuôi thành .xlsx; {_FIX}"
    if "word/document.xml" in members:
        return "là tài liệu Word (.docx), không phải bảng tính"
    if "ppt/presentation.xml" in members:
        return "là tệp trình chiếu PowerPoint (.pptx), không phải bảng tính"
    return "là một tệp nén (.zip) nhưng không chứa bảng tính Excel"


def _sheet_state_problems(
    name: str, book: CalamineWorkbook, sheet_names: list[str]
) -> list[Problem]:
    """Contract sheets that are hidden, or are not worksheets (a chart sheet of that name)."""
    try:
        metadata = {m.name: m for m in book.sheets_metadata}
    except _CALAMINE_FAILURES:  # the reading itself reports a broken workbook
        return []
    problems = []
    for sheet_name in sheet_names:
        meta = metadata.get(sheet_name)
        if meta is None:
            continue
        if meta.typ != SheetTypeEnum.WorkSheet:
            problems.append(
                Problem(
                    name,
                    "là trang biểu đồ hoặc trang macro, không phải trang số liệu; hãy đổi tên "
                    "trang này và đặt số liệu vào một trang tính thường",
                    sheet=sheet_name,
                )
            )
        elif meta.visible == SheetVisibleEnum.VeryHidden:
            problems.append(
                Problem(
                    name,
                    "trang đang bị ẩn sâu (very hidden) nên người xem tệp không thấy số liệu của "
                    "nó; không dùng số liệu trên trang ẩn — hãy bỏ ẩn trang (trong Excel: "
                    "Developer > Visual Basic > Properties > Visible = xlSheetVisible), kiểm tra "
                    "lại số liệu rồi lưu",
                    sheet=sheet_name,
                )
            )
        elif meta.visible == SheetVisibleEnum.Hidden:
            problems.append(
                Problem(
                    name,
                    "trang đang bị ẩn (hidden) nên người xem tệp không thấy số liệu của nó; "
                    "không dùng số liệu trên trang ẩn — hãy bỏ ẩn trang (nhấp chuột phải vào "
                    "tên một trang > Bỏ ẩn/Unhide), kiểm tra lại số liệu rồi lưu",
                    sheet=sheet_name,
                )
            )
    return problems


# --- what calamine does not tell: formulas never computed, error values, merged cells --------


@dataclass
class _SheetScan:
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
class _Package:
    """Where a workbook's parts are in its zip, through the relationships."""

    workbook: str  # the workbook part (xl/workbook.xml)
    sheets: dict[str, str]  # sheet name -> part holding its XML
    related: dict[str, str]  # relationship type ("styles", "sharedStrings") -> part


_SlicedReader = Callable[
    [], tuple[list[list[object]], Iterator[tuple[int, list[list[object]]]]] | None
]


def _look_inside(
    path: Path, sheet_names: list[str]
) -> tuple[dict[str, _SheetScan], dict[str, _SlicedReader]]:
    """One pass over the zip for the named sheets: the scan of each sheet's XML (formulas,
    error values, merged ranges), and a sliced reader for each sheet too large to hold in
    memory at once. Sheets that cannot be scanned are left out: this only adds messages, and
    calamine remains the reader, which reports any damage itself."""
    scans: dict[str, _SheetScan] = {}
    large: dict[str, _SlicedReader] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            package = _package(zf)
            if package is None:
                return scans, large
            for sheet_name in sheet_names:
                member = package.sheets.get(sheet_name)
                if member is None:
                    continue
                if slices.is_large(zf, member):
                    large[sheet_name] = partial(
                        slices.sliced_rows, str(path), member, package.workbook, package.related
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


def _package(zf: zipfile.ZipFile) -> _Package | None:
    members = {_member_key(n): n for n in zf.namelist()}
    workbook = None
    if "_rels/.rels" in members:
        root = ET.fromstring(zf.read(members["_rels/.rels"]))
        for rel in root:
            if rel.get("Type", "").endswith("/officeDocument"):
                workbook = _member_key(rel.get("Target", ""))
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
                key = _member_key(target)
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
    return _Package(members[workbook], parts, related)


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


def _scan_sheet(zf: zipfile.ZipFile, member: str) -> _SheetScan:
    """Scan a sheet's XML in chunks cut between rows, looking closely only where it matters.

    A regular expression finds formulas, error values and merged ranges; only those cells are
    taken apart, so a long sheet without formulas costs one byte search.
    """
    scan = _SheetScan()
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


def _scan_part(part: bytes, scan: _SheetScan) -> None:
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
    scan: _SheetScan, pos: tuple[int, int], kind: str, children: dict[str, str | None]
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


def _add_merge(scan: _SheetScan, ref: str) -> None:
    first, _, last = ref.partition(":")
    a, b = _cell_pos(first), _cell_pos(last or first)
    if a is not None and b is not None:
        scan.merged.append((ref, a[0], a[1], b[0], b[1]))


def _scan_sheet_tree(fh: object) -> _SheetScan:
    """The same scan by parsing every element: for cells written without their reference."""
    scan = _SheetScan()
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


_SHEET_LOOKUP: dict[str, str] = {}
for _s in c.SHEETS:
    _SHEET_LOOKUP[normalize_key(_s.key)] = _s.key
    _SHEET_LOOKUP[normalize_key(_s.label)] = _s.key


def _header_lookup(sheet: c.Sheet) -> dict[str, tuple[str, int]]:
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


def _read_sheet(
    name: str,
    sheet_name: str,
    sheet: c.Sheet,
    head: list[list[object]],
    tail: Iterable[tuple[int, list[list[object]]]] = (),
    scan: _SheetScan | None = None,
) -> tuple[pd.DataFrame | None, dict[str, str], list[str], list[Problem]]:
    """One sheet's table from its rows: ``head`` from row 1, then ``tail``'s blocks of rows
    (first row's number, rows)."""
    problems: list[Problem] = []
    scan = scan or _SheetScan()
    lookup = _header_lookup(sheet)

    def problem(message: str, **kw: object) -> None:
        problems.append(Problem(name, message, sheet=sheet_name, **kw))  # type: ignore[arg-type]

    header = head[0] if head else []
    # column index -> (key, priority), keeping the best-priority header of each key
    chosen: dict[str, tuple[int, int]] = {}
    headers: dict[str, str] = {}
    personal: list[str] = []
    for idx, raw in enumerate(header):
        if is_blank(raw):
            continue
        text = _header_text(raw)
        norm = normalize_key(text)
        if norm in c.PERSONAL_DATA_HEADERS:
            personal.append(text)
            continue
        hit = lookup.get(norm)
        if hit is None:
            continue
        key, priority = hit
        if key in chosen:
            other_idx, other_priority = chosen[key]
            if other_priority == priority:
                problem(
                    f"cột «{text}» bị trùng (đã có cột «{headers[key]}» "
                    f"ở cột {_col_letter(other_idx)})",
                    row=1,
                    column=text,
                )
                continue
            if other_priority < priority:
                continue
        chosen[key] = (idx, priority)
        headers[key] = text

    missing = [col for col in sheet.columns if col.required and col.key not in chosen]
    if missing:
        found_at = _find_header_row(head, lookup)
        if not chosen and found_at not in (None, 0):
            problem(
                f"dòng tiêu đề cột phải là dòng 1; có vẻ tiêu đề nằm ở dòng {found_at + 1}"
                " (hãy xóa các dòng phía trên nó)",
                row=found_at + 1,
            )
            return None, headers, personal, problems
    for ref, first_row, first_col, last_row, _ in scan.merged:
        if first_row <= 1 <= last_row:
            raw = header[first_col] if first_col < len(header) else None
            down = f" và trải xuống tới dòng {last_row}" if last_row > 1 else ""
            problem(
                f"các ô tiêu đề {ref} bị gộp (merge) thành một ô{down}; dòng 1 cần mỗi cột "
                "một ô tiêu đề riêng và chỉ một dòng tiêu đề — hãy bỏ gộp ô (Unmerge Cells)",
                row=1,
                column=_col_letter(first_col) if is_blank(raw) else _header_text(raw),
            )
    if missing:
        header_marks = _marks(scan, row=1)
        for idx, (message, shown) in sorted(header_marks.items()):
            problem(message, row=1, column=_col_letter(idx), value=shown)
        if all(is_blank(v) for v in header) and not header_marks:
            required = ", ".join(col.key for col in sheet.columns if col.required)
            empty = all(is_blank(v) for row in head for v in row)
            problem(
                "trang trống: chưa có dòng tiêu đề cột"
                if empty
                else "dòng tiêu đề cột (dòng 1) để trống",
                row=1,
                expected=f"dòng 1 có tiêu đề các cột: {required}",
            )
        else:
            for col in missing:
                problem(
                    f"thiếu cột «{col.label}» ({col.key})",
                    row=1,
                    column=col.label,
                    expected="dòng 1 có tiêu đề cột này",
                )
    if problems:
        return None, headers, personal, problems

    columns = [
        _ColumnReader(sheet.column(key), idx, headers[key]) for key, (idx, _) in chosen.items()
    ]
    data: dict[str, list[object]] = {rc.col.key: rc.values for rc in columns}
    qualifiers: dict[str, list[object]] = {
        rc.col.key: rc.qualifiers for rc in columns if rc.col.approximate
    }
    # cells calamine reads as blank but which hold an uncomputed formula or an error value
    read_columns = {rc.idx for rc in columns}
    flagged: dict[int, dict[str, tuple[str, object]]] = {}
    for (r, idx), mark in _marks(scan).items():
        if r > 1 and idx in read_columns:
            key = next(rc.col.key for rc in columns if rc.idx == idx)
            flagged.setdefault(r, {})[key] = mark
    data_merges = [m for m in scan.merged if m[3] > 1][:_MERGE_HINTS]
    row_numbers: list[int] = []
    for numbers, rows in _batches(head, tail, flagged):
        found = _read_batch(columns, numbers, rows, flagged, row_numbers, data_merges)
        for r, column, kw in found:
            problem(kw.pop("message"), row=r, column=column, **kw)

    for unique in sheet.unique:
        for found in _repeats(unique, data, row_numbers, headers):
            problem(found.pop("message"), **found)
    if problems:
        return None, headers, personal, problems

    frame = _frame(sheet, data, qualifiers, row_numbers)
    return frame, headers, personal, problems


def _repeats(
    unique: str | tuple[str, ...],
    data: dict[str, list[object]],
    row_numbers: list[int],
    headers: dict[str, str],
) -> Iterator[dict[str, object]]:
    """Every repeat of a unique column, or of a combination of columns (``("loai", "ma")``:
    a code repeats only within its kind), as a located problem; blanks never repeat."""
    keys = (unique,) if isinstance(unique, str) else unique
    if any(k not in data for k in keys):
        return
    scope = ", ".join(f"«{headers[k]}»" for k in keys[:-1])
    seen: dict[tuple[object, ...], int] = {}
    for r, *values in zip(row_numbers, *(data[k] for k in keys), strict=True):
        if values[-1] is None:
            continue
        folded = tuple(normalize_key(v) if isinstance(v, str) else v for v in values)
        if folded not in seen:
            seen[folded] = r
            continue
        yield {
            "message": f"giá trị bị trùng với dòng {seen[folded]}"
            + (f" (cùng {scope} {', '.join(map(str, values[:-1]))})" if scope else ""),
            "row": r,
            "column": headers[keys[-1]],
            "value": values[-1],
            "expected": "mỗi giá trị chỉ xuất hiện một lần"
            + (f" trong cùng {scope}" if scope else ""),
        }


_BLANK = object()  # the failure of a blank cell where the contract wants a value
_MEMO_LIMIT = 50_000  # distinct values remembered per column (codes, names, dates repeat)


class _ColumnReader:
    """Parses one column's cells, remembering each distinct cell's result.

    A dossier export repeats a handful of statuses, channels, procedure codes and dates over
    thousands of rows: each distinct cell value is parsed once, and the rest is dictionary
    look-ups done a batch of rows at a time.
    """

    def __init__(self, col: c.Column, idx: int, header: str):
        self.col, self.idx, self.header = col, idx, header
        self.parse = _parser(col)
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
                            "value": _as_found(col[j]),
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
    for col in sheet.columns:
        values = data.get(col.key, [col.default] * n)
        if col.kind == "date":
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
        else:  # object dtype keeps None for a blank cell (pandas' str dtype would make it NaN)
            columns[col.key] = pd.Series(values, dtype=object)
    frame = pd.DataFrame(columns)
    frame[ROW_COLUMN] = frame[ROW_COLUMN].astype("int64")
    return frame


_MERGE_HINTS = 200  # merged ranges looked through for a blank cell's hint


def _marks(scan: _SheetScan, row: int | None = None) -> dict:
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


def _as_found(value: object) -> object:
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


_INFO_LOOKUP: dict[str, str] = {}
for _k, (_label, _kind, _req) in c.THONG_TIN_KHOA.items():
    _INFO_LOOKUP[normalize_key(_k)] = _k
    _INFO_LOOKUP[normalize_key(_label)] = _k


def _read_info(
    name: str, wb: Workbook, quarter: Quarter | str | None
) -> tuple[dict[str, object], list[Problem]]:
    """thong_tin rows to a dict of typed values."""
    table = wb.tables["thong_tin"]
    sheet_name = wb.sheet_names["thong_tin"]
    value_header = wb.headers["thong_tin"].get("gia_tri", "gia_tri")
    problems: list[Problem] = []
    info: dict[str, object] = {}
    rows: dict[str, int] = {}
    for r, khoa, value in zip(table[ROW_COLUMN], table["khoa"], table["gia_tri"], strict=True):
        key = _INFO_LOOKUP.get(normalize_key(khoa))
        if key is None:
            continue  # extra keys are allowed and ignored
        if key in rows:
            problems.append(
                Problem(
                    name,
                    f"khóa «{key}» xuất hiện hai lần (dòng {rows[key]} và {r})",
                    sheet=sheet_name,
                    row=r,
                )
            )
            continue
        rows[key] = int(r)
        label, kind, _ = c.THONG_TIN_KHOA[key]
        if value is None:
            continue
        try:
            info[key] = parse_date(value) if kind == "date" else parse_text(value)
        except ValueError as exc:
            problems.append(
                Problem(
                    name,
                    f"{label}: {exc}",
                    sheet=sheet_name,
                    row=int(r),
                    column=value_header,
                    value=_as_found(value),
                    expected=c.EXPECTED[kind],
                )
            )
    for key, (label, _kind, required) in c.THONG_TIN_KHOA.items():
        if required and key not in info and not any(p.row == rows.get(key) for p in problems):
            problems.append(
                Problem(
                    name,
                    f"thiếu «{key}» ({label})",
                    sheet=sheet_name,
                    row=rows.get(key),
                    column=value_header if key in rows else None,
                    expected=f"một dòng có khóa «{key}» và giá trị của nó",
                )
            )

    def at(key: str) -> dict[str, object]:
        return {"sheet": sheet_name, "row": rows.get(key), "column": value_header}

    if "ky" in info:
        try:
            ky = Quarter.parse(str(info["ky"]))
        except ValueError as exc:
            problems.append(Problem(name, str(exc), value=info["ky"], **at("ky")))  # type: ignore[arg-type]
        else:
            info["ky"] = str(ky)
            expected_q = Quarter.parse(str(quarter)) if quarter is not None else None
            if expected_q is not None and ky != expected_q:
                problems.append(
                    Problem(
                        name,
                        f"kỳ báo cáo ghi {ky} nhưng tệp là của {expected_q}",
                        value=info["ky"],
                        expected=str(expected_q),
                        **at("ky"),
                    )  # type: ignore[arg-type]
                )
    start, end = info.get("tu_ngay"), info.get("den_ngay")
    if isinstance(start, dt.date) and isinstance(end, dt.date) and start > end:
        problems.append(
            Problem(
                name,
                "ngày bắt đầu sau ngày kết thúc của số liệu",
                value=f"{start:%d/%m/%Y} > {end:%d/%m/%Y}",
                **at("den_ngay"),  # type: ignore[arg-type]
            )
        )
    convention = info.get("quy_uoc_ky")
    if convention is not None:
        code = {normalize_key(k): k for k in c.QUY_UOC_KY}.get(normalize_key(convention))
        if code is None:
            problems.append(
                Problem(
                    name,
                    "quy ước kỳ không thuộc danh mục",
                    value=convention,
                    expected="quy_lich hoặc nd09",
                    **at("quy_uoc_ky"),
                )  # type: ignore[arg-type]
            )
        else:
            info["quy_uoc_ky"] = code
    info.setdefault("quy_uoc_ky", "quy_lich")
    return info, problems


def _check_records(name: str, wb: Workbook) -> list[Problem]:
    """Per-row rules that involve more than one cell."""
    problems: list[Problem] = []
    if "ho_so" in wb.tables:
        t = wb.tables["ho_so"]
        sheet_name, headers = wb.sheet_names["ho_so"], wb.headers["ho_so"]
        unreceived = t["ngay_tiep_nhan"].isna() & ~t["trang_thai"].isin(c.EXCLUDED_STATUSES)
        for r in t.loc[unreceived, ROW_COLUMN]:
            problems.append(
                Problem(
                    name,
                    "ô bị bỏ trống (chỉ hồ sơ chưa được tiếp nhận mới không có ngày tiếp nhận)",
                    sheet=sheet_name,
                    row=int(r),
                    column=headers.get("ngay_tiep_nhan", "Ngày tiếp nhận"),
                    expected=c.EXPECTED["date"],
                )
            )
        missing = t[(t["trang_thai"] == "da_giai_quyet") & t["ngay_co_ket_qua"].isna()]
        for r in missing[ROW_COLUMN]:
            problems.append(
                Problem(
                    name,
                    "hồ sơ đã giải quyết nhưng chưa có ngày có kết quả",
                    sheet=sheet_name,
                    row=int(r),
                    column=headers.get("ngay_co_ket_qua", "Ngày có kết quả"),
                    expected=c.EXPECTED["date"],
                )
            )
    if "ho_so_tong_hop" in wb.tables:
        t = wb.tables["ho_so_tong_hop"]
        sheet_name, headers = wb.sheet_names["ho_so_tong_hop"], wb.headers["ho_so_tong_hop"]
        names = {normalize_key(h) for h in t["he_thong"]}
        for r, parent in zip(t[ROW_COLUMN], t["thuoc"], strict=True):
            if parent is not None and normalize_key(parent) not in names | {normalize_key(c.TONG)}:
                problems.append(
                    Problem(
                        name,
                        "dòng này thuộc một hệ thống không có trong trang",
                        sheet=sheet_name,
                        row=int(r),
                        column=headers.get("thuoc", "Thuộc"),
                        value=parent,
                        expected="tên một hệ thống ở cột «Hệ thống» hoặc để trống",
                    )
                )
    if "chi_so" in wb.tables:
        t = wb.tables["chi_so"]
        t["ma"] = [slug(m) for m in t["ma"]]
    return problems
