"""Finding workbooks: ``<data>/<unit>/<YYYY>-Q<n>.xlsx``, the units and quarters there, the
file of a quarter (or of the quarter before a file's) in a unit's folder, the quarters' files
of a longer period (``2026-6T``: Q1 and Q2) and its optional period workbook
(``<data>/<unit>/2026-6T.xlsx``, metadata and narrative only).

Every caller that looks for a quarter's workbook goes through here (report, render, batch,
roll-up, trends, the cumulative checks, the check cache), so the rule is written once.
Imports no pandas: ``workbook check`` answered from its cache uses it too.
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers import office, paths
from helpers.errors import ParameterError
from helpers.periods import Period, Quarter, Span, parse_span

EXTENSIONS = (".xlsx", ".xlsm")  # the formats the reader opens, in order of preference
_FILE_NAME = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_PERIOD_NAME = re.compile(r"^\d{4}(-[69]T)?$", re.IGNORECASE)


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


def span_files(data_dir: Path | str, unit: str, span: str | Span) -> dict[Quarter, Path]:
    """The workbook of every quarter of ``span`` (a quarter: its own), oldest first;
    ParameterError naming each missing quarter and the folder looked in."""
    data_dir = Path(data_dir)
    span = parse_period(span)
    if isinstance(span, Quarter):
        return {span: workbook_path(data_dir, unit, span)}
    if not data_dir.is_dir() or paths.nfc(unit) not in list_units(data_dir):
        workbook_path(data_dir, unit, span.latest)  # says which folder or unit is missing
    folder = paths.entry(data_dir, unit)
    found = {q: quarter_file(folder, q) for q in span.quarters}
    missing = [q for q, path in found.items() if path is None]
    if missing:
        have = ", ".join(str(x) for x in list_quarters(data_dir, unit)) or "(chưa có quý nào)"
        raise ParameterError(
            f"Không tạo được báo cáo {span.label.lower()} của đơn vị «{unit}»: thiếu số liệu "
            + ", ".join(q.short_label for q in missing)
            + f" (không có tệp {', '.join(f'{q}.xlsx' for q in missing)} trong thư mục "
            f"«{folder}»). Các quý có: {have}."
        )
    return found  # type: ignore[return-value]


def period_file(folder: Path, period: Period) -> Path | None:
    """The optional period workbook (``2026-6T.xlsx``: ``thong_tin`` and ``noi_dung`` of that
    report) in a unit's folder, or None."""
    names = [folder / f"{period}{ext}" for ext in EXTENSIONS]
    return next((path for path in names if path.is_file()), None)


def complete_periods(data_dir: Path | str, unit: str) -> list[Period]:
    """The six-month, nine-month and annual periods whose quarters the unit all has."""
    have = set(list_quarters(data_dir, unit))
    out = []
    for year in sorted({q.year for q in have}):
        for last in (2, 3, 4):
            period = Period(year, 1, last)
            if set(period.quarters) <= have:
                out.append(period)
    return out


def is_period_file(path: Path) -> bool:
    """Whether ``path`` is named as a period workbook (``2026-6T.xlsx``, ``2026.xlsx``)."""
    return path.suffix.lower() in EXTENSIONS and bool(_PERIOD_NAME.match(path.stem))


def parse_period(span: str | Span) -> Span:
    """A quarter or a longer period asked for by a user; ParameterError when it is neither."""
    if isinstance(span, Quarter | Period):
        return span
    try:
        return parse_span(span)
    except ValueError as exc:
        raise ParameterError(f"Kỳ báo cáo không hợp lệ: {exc}.") from None


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
