"""Finding workbooks: ``<data>/<unit>/<YYYY>-Q<n>.xlsx``, the units and quarters there, and the
file of a quarter (or of the quarter before a file's) in a unit's folder.

Every caller that looks for a quarter's workbook goes through here (report, render, batch,
roll-up, trends, the cumulative checks, the check cache), so the rule is written once.
Imports no pandas: ``workbook check`` answered from its cache uses it too.
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers import office, paths
from helpers.errors import ParameterError
from helpers.periods import Quarter

EXTENSIONS = (".xlsx", ".xlsm")  # the formats the reader opens, in order of preference
_FILE_NAME = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)


def workbook_path(data_dir: Path | str, unit: str, quarter: str | Quarter) -> Path:
    """``<data>/<unit>/<YYYY>-Q<n>.xlsx`` (or ``.xlsm``); ParameterError naming what exists."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise ParameterError(f"Không có thư mục dữ liệu «{data_dir}».")
    q = parse_quarter(quarter)
    if Path(unit).name == unit and unit not in ("", ".", ".."):  # a folder of data_dir only
        for path in _names(paths.entry(data_dir, unit), q):  # in any Unicode form
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


def quarter_file(folder: Path, quarter: Quarter) -> Path | None:
    """The workbook of ``quarter`` in a unit's folder (``.xlsx`` before ``.xlsm``), or None."""
    return next((path for path in _names(folder, quarter) if path.is_file()), None)


def previous_file(path: Path) -> Path | None:
    """The workbook of the quarter before ``path``'s, beside it; None when ``path`` is not
    named as a quarter or there is none."""
    quarter = file_quarter(path)
    return None if quarter is None else quarter_file(path.parent, quarter.previous())


def file_quarter(path: Path) -> Quarter | None:
    """The quarter a file is named for (``2026-Q1.xlsx``), or None."""
    match = _FILE_NAME.match(path.stem)
    return Quarter(int(match.group(1)), int(match.group(2))) if match else None


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
            quarter = file_quarter(f)
            if f.is_file() and f.suffix.lower() in EXTENSIONS and quarter is not None:
                found.add(quarter)
    return sorted(found)


def _names(folder: Path, quarter: Quarter) -> list[Path]:
    return [folder / f"{quarter}{ext}" for ext in EXTENSIONS]
