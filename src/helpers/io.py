"""Reading a unit's quarterly workbook into typed tables, checked against the contract.

Only the contract's columns are ever materialised: personal-data columns of dossier exports
(names, ID numbers, phones, addresses, emails) are dropped while the header row is matched,
before any cell of theirs is converted or stored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from python_calamine import CalamineWorkbook

from helpers import contract as c
from helpers.errors import ContractError, ParameterError, Problem
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
    units = list_units(data_dir)
    if unit not in units:
        known = ", ".join(units) or "(chưa có đơn vị nào)"
        raise ParameterError(
            f"Không có đơn vị «{unit}» trong thư mục «{data_dir}». Các đơn vị có: {known}."
        )
    q = parse_quarter(quarter)
    for ext in EXTENSIONS:
        path = data_dir / unit / f"{q}{ext}"
        if path.is_file():
            return path
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
    """Unit slugs: folders of ``data_dir`` holding at least one ``YYYY-Qn`` workbook."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return []
    return sorted(
        d.name for d in data_dir.iterdir() if d.is_dir() and list_quarters(data_dir, d.name)
    )


def list_quarters(data_dir: Path | str, unit: str) -> list[Quarter]:
    """Quarters for which ``data_dir/unit`` holds a workbook, oldest first."""
    folder = Path(data_dir) / unit
    found = set()
    if folder.is_dir():
        for f in folder.iterdir():
            match = _FILE_NAME.match(f.stem)
            if f.is_file() and f.suffix.lower() in EXTENSIONS and match:
                found.add(Quarter(int(match.group(1)), int(match.group(2))))
    return sorted(found)


# --- reading -----------------------------------------------------------------------


def read_workbook(path: Path | str, *, quarter: Quarter | str | None = None) -> Workbook:
    """Read and validate a workbook; raise ContractError listing every problem found.

    ``quarter``, when given, is the quarter the file is expected to report on (from its name);
    ``thong_tin.ky`` must agree with it.
    """
    path = Path(path)
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
                Problem(name, f"có hai trang cùng là «{key}»: «{by_key[key]}» và «{sheet_name}»")
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

    wb = Workbook(path=path, info={}, tables={})
    for key, sheet_name in by_key.items():
        sheet = c.SHEET_BY_KEY[key]
        try:
            rows = book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
        except Exception as exc:  # calamine's errors carry no type worth catching apart
            problems.append(Problem(name, f"không đọc được trang: {exc}", sheet=sheet_name))
            continue
        table, headers, personal, sheet_problems = _read_sheet(name, sheet_name, sheet, rows)
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


def _open(path: Path) -> CalamineWorkbook:
    name = str(path)
    if not path.exists():
        raise ContractError([Problem(name, "không tìm thấy tệp")])
    if path.is_dir():
        raise ContractError([Problem(name, "là một thư mục, không phải tệp bảng tính")])
    if path.suffix.lower() not in EXTENSIONS:
        hint = (
            " (tệp .xls cũ: hãy mở bằng Excel và lưu lại thành .xlsx)"
            if path.suffix.lower() == ".xls"
            else ""
        )
        raise ContractError(
            [
                Problem(
                    name,
                    f"không phải tệp .xlsx hoặc .xlsm{hint}",
                    value=path.suffix or "(không có đuôi)",
                )
            ]
        )
    with path.open("rb") as fh:
        magic = fh.read(8)
    if not magic:
        raise ContractError([Problem(name, "tệp rỗng (0 byte)")])
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise ContractError(
            [
                Problem(
                    name,
                    "tệp được đặt mật khẩu hoặc là bảng tính .xls cũ đổi tên; "
                    "hãy bỏ mật khẩu và lưu lại thành .xlsx",
                )
            ]
        )
    if not magic.startswith(b"PK"):
        raise ContractError([Problem(name, "không phải bảng tính Excel (.xlsx)")])
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:
        raise ContractError(
            [Problem(name, f"tệp .xlsx bị hỏng hoặc không đầy đủ, không mở được ({exc})")]
        ) from None


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
    name: str, sheet_name: str, sheet: c.Sheet, rows: list[list[object]]
) -> tuple[pd.DataFrame | None, dict[str, str], list[str], list[Problem]]:
    problems: list[Problem] = []
    lookup = _header_lookup(sheet)

    def problem(message: str, **kw: object) -> None:
        problems.append(Problem(name, message, sheet=sheet_name, **kw))

    header = rows[0] if rows else []
    # column index -> (key, priority), keeping the best-priority header of each key
    chosen: dict[str, tuple[int, int]] = {}
    headers: dict[str, str] = {}
    personal: list[str] = []
    for idx, raw in enumerate(header):
        if is_blank(raw):
            continue
        text = parse_text(raw)
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
        found_at = _find_header_row(rows, lookup)
        if not chosen and found_at not in (None, 0):
            problem(
                f"dòng tiêu đề cột phải là dòng 1; có vẻ tiêu đề nằm ở dòng {found_at + 1}"
                " (hãy xóa các dòng phía trên nó)",
                row=found_at + 1,
            )
            return None, headers, personal, problems
        for col in missing:
            problem(
                f"thiếu cột «{col.label}» ({col.key})",
                row=1,
                column=col.label,
                expected="dòng 1 có tiêu đề cột này",
            )
    if problems:
        return None, headers, personal, problems

    parsers = {key: _parser(sheet.column(key)) for key in chosen}
    data: dict[str, list[object]] = {key: [] for key in chosen}
    qualifiers: dict[str, list[object]] = {
        key: [] for key in chosen if sheet.column(key).approximate
    }
    row_numbers: list[int] = []
    for r, row in enumerate(rows[1:], start=2):
        cells = {key: (row[idx] if idx < len(row) else None) for key, (idx, _) in chosen.items()}
        if all(is_blank(v) for v in cells.values()):
            continue
        row_numbers.append(r)
        for key, value in cells.items():
            col = sheet.column(key)
            parsed: object = None
            qualifier = None
            if is_blank(value):
                if "" in col.codes:
                    parsed = col.codes[""]
                elif not col.nullable:
                    problem("ô bị bỏ trống", row=r, column=headers[key], expected=col.expected())
            else:
                try:
                    parsed = parsers[key](value)
                except ValueError as exc:
                    problem(
                        str(exc), row=r, column=headers[key], value=value, expected=col.expected()
                    )
                else:
                    if col.kind in ("number", "rate"):
                        parsed, qualifier = parsed  # type: ignore[misc]
            data[key].append(parsed)
            if key in qualifiers:
                qualifiers[key].append(qualifier)

    for key in sheet.unique:
        if key not in data:
            continue
        seen: dict[object, int] = {}
        for r, value in zip(row_numbers, data[key], strict=True):
            if value is None:
                continue
            folded = normalize_key(value) if isinstance(value, str) else value
            if folded in seen:
                problem(
                    f"giá trị bị trùng với dòng {seen[folded]}",
                    row=r,
                    column=headers[key],
                    value=value,
                    expected="mỗi giá trị chỉ xuất hiện một lần",
                )
            else:
                seen[folded] = r
    if problems:
        return None, headers, personal, problems

    frame = _frame(sheet, data, qualifiers, row_numbers)
    return frame, headers, personal, problems


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
        else:  # object dtype keeps None for a blank cell (pandas' str dtype would make it NaN)
            columns[col.key] = pd.Series(values, dtype=object)
    frame = pd.DataFrame(columns)
    frame[ROW_COLUMN] = frame[ROW_COLUMN].astype("int64")
    return frame


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
                    value=value,
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
