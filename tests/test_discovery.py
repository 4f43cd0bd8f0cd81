"""helpers.discovery: the one place that finds a quarter's workbook in a unit's folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import discovery
from helpers.errors import ParameterError
from helpers.periods import Quarter

Q1, Q4 = Quarter(2026, 1), Quarter(2025, 4)


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK")
    return path


def test_quarter_file_prefers_xlsx_and_ignores_folders(tmp_path: Path) -> None:
    unit = tmp_path / "phu-lien"
    assert discovery.quarter_file(unit, Q1) is None  # no folder at all
    xlsm = touch(unit / "2026-Q1.xlsm")
    assert discovery.quarter_file(unit, Q1) == xlsm
    xlsx = touch(unit / "2026-Q1.xlsx")
    assert discovery.quarter_file(unit, Q1) == xlsx
    xlsx.unlink()
    xlsx.mkdir()  # a folder of that name is no workbook: the .xlsm beside it is
    assert discovery.quarter_file(unit, Q1) == xlsm


def test_workbook_path_returns_a_folder_of_that_name_for_the_reader_to_refuse(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "phu-lien" / "2026-Q1.xlsx"
    folder.mkdir(parents=True)
    assert discovery.workbook_path(tmp_path, "phu-lien", "2026-Q1") == folder


def test_workbook_path_names_what_exists(tmp_path: Path) -> None:
    touch(tmp_path / "phu-lien" / "2025-Q4.xlsx")
    with pytest.raises(ParameterError, match="Các quý có: 2025-Q4"):
        discovery.workbook_path(tmp_path, "phu-lien", "2026-Q1")
    with pytest.raises(ParameterError, match="Các đơn vị có: phu-lien"):
        discovery.workbook_path(tmp_path, "../phu-lien", "2025-Q4")


def test_previous_file_crosses_the_year_and_needs_a_quarter_name(tmp_path: Path) -> None:
    this = touch(tmp_path / "u" / "2026-Q1.xlsx")
    assert discovery.previous_file(this) is None
    before = touch(tmp_path / "u" / "2025-Q4.xlsm")
    assert discovery.previous_file(this) == before
    assert discovery.previous_file(touch(tmp_path / "u" / "bao-cao.xlsx")) is None


def test_file_quarter_and_list_quarters_read_the_same_names(tmp_path: Path) -> None:
    assert discovery.file_quarter(Path("2026-q1.XLSX")) == Q1
    assert discovery.file_quarter(Path("2026-Q5.xlsx")) is None
    for name in ("2026-Q1.xlsx", "2025-Q4.xlsm", "2025-Q3.csv", "ghi-chu.xlsx"):
        touch(tmp_path / "u" / name)
    assert discovery.list_quarters(tmp_path, "u") == [Q4, Q1]
    assert discovery.list_units(tmp_path) == ["u"]
