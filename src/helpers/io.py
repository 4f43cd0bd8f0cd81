"""Reading a unit's quarterly workbook into typed tables, checked against the contract: the
reading API (``read_workbook``, ``Workbook``), and the order of the steps.

Only the contract's columns are ever materialised: personal-data columns of dossier exports
(names, ID numbers, phones, addresses, emails) are dropped while the header row is matched,
before any cell of theirs is converted or stored.

The steps live in their own modules: ``sniff`` opens the file (or says what it is instead),
``xmlscan`` finds what calamine does not tell (formulas never computed, error values, merged
cells), ``sheets`` turns each sheet into a typed table, ``records`` reads ``thong_tin`` and
checks whole records; ``discovery`` finds the workbooks of a data folder.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd

from helpers import cache, records, sheets, sniff, xmlscan
from helpers import contract as c
from helpers.errors import ContractError, Problem, WorkbookError
from helpers.periods import Period, Quarter, Span, parse_span
from helpers.sheets import ROW_COLUMN
from helpers.text import normalize_key

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

__all__ = ["ROW_COLUMN", "Workbook", "read_period_workbook", "read_workbook"]


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

    @property
    def span(self) -> Span:
        """What the workbook reports on: its quarter, or the period a report built it for."""
        return parse_span(str(self.info["ky"]))

    def has(self, sheet: str) -> bool:
        return sheet in self.tables and not self.tables[sheet].empty

    def table(self, sheet: str) -> pd.DataFrame:
        """The sheet's table; an empty one with the contract's columns when absent."""
        if sheet in self.tables:
            return self.tables[sheet]
        return pd.DataFrame(columns=[col.key for col in c.SHEET_BY_KEY[sheet].columns])


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


# what a period workbook (2026-6T.xlsx) holds: the report's metadata and narrative only
PERIOD_SHEETS = ("thong_tin", "noi_dung")


def read_period_workbook(path: Path | str, period: Period) -> Workbook:
    """Read a period workbook: ``thong_tin`` (every key optional) and ``noi_dung`` of a
    six-month, nine-month or annual report. Its other sheets are not read: a period's figures
    are always its quarters'. ContractError listing every problem found."""
    path = Path(path)
    name = str(path)
    book = sniff.open_workbook(path)
    by_key, problems = _contract_sheets(name, book.sheet_names, only=PERIOD_SHEETS)
    if not by_key:
        problems.append(
            Problem(
                name,
                "tệp của kỳ báo cáo không có trang «thong_tin» hay «noi_dung»",
                expected="trang «thong_tin» (thông tin báo cáo) và/hoặc «noi_dung» (nội dung)",
            )
        )
    problems += sniff.sheet_state_problems(name, book, list(by_key.values()))
    wb, sheet_problems = _read_tables(path, book, by_key)
    problems += sheet_problems
    if "thong_tin" in wb.tables:
        wb.info, info_problems = records.read_period_info(name, wb, period)
        problems += info_problems
    if problems:
        raise ContractError(problems)
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
    book = sniff.open_workbook(path)
    by_key, problems = _contract_sheets(name, book.sheet_names)
    problems += sniff.sheet_state_problems(name, book, list(by_key.values()))
    wb, sheet_problems = _read_tables(path, book, by_key)
    problems += sheet_problems
    if "thong_tin" in wb.tables:
        wb.info, info_problems = records.read_info(name, wb, quarter)
        problems += info_problems
    problems += records.check_records(name, wb)
    _refuse_empty(name, wb, by_key)
    if problems:
        raise ContractError(problems)
    return wb


def _contract_sheets(
    name: str, sheet_names: list[str], only: tuple[str, ...] | None = None
) -> tuple[dict[str, str], list[Problem]]:
    """Contract key -> sheet name as written; two sheets of one key, the required sheets
    missing. ``only``: just these sheets, none of them required."""
    problems: list[Problem] = []
    by_key: dict[str, str] = {}
    for sheet_name in sheet_names:
        key = sheets.SHEET_LOOKUP.get(normalize_key(sheet_name))
        if key is None or (only is not None and key not in only):
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
    if only is not None:
        return by_key, problems
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
    return by_key, problems


def _read_tables(
    path: Path, book: CalamineWorkbook, by_key: dict[str, str]
) -> tuple[Workbook, list[Problem]]:
    """Every contract sheet's typed table (``info`` still empty), and the problems found."""
    name = str(path)
    problems: list[Problem] = []
    scans, large = xmlscan.look_inside(path, list(by_key.values()))
    wb = Workbook(path=path, info={}, tables={})
    for key, sheet_name in by_key.items():

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
        except sniff.CALAMINE_FAILURES as exc:  # its errors carry no type worth catching apart
            problems.append(damaged(exc))
            continue
        try:
            table, headers, personal, sheet_problems = sheets.read_sheet(
                name, sheet_name, c.SHEET_BY_KEY[key], head, tail, scans.get(sheet_name)
            )
        except sniff.CALAMINE_FAILURES as exc:  # a later slice of a large sheet is damaged
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
    return wb, problems


def _refuse_empty(name: str, wb: Workbook, by_key: dict[str, str]) -> None:
    """A fresh template (or a workbook whose data rows were all deleted): say so plainly
    rather than list every figure as missing."""
    data_sheets = [s.key for s in c.SHEETS if s.key not in ("thong_tin", "van_ban", "noi_dung")]
    present = [key for key in data_sheets if key in by_key]
    read_but_empty = all(key in wb.tables and wb.tables[key].empty for key in present)
    if present and read_but_empty:
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
