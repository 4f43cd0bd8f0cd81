"""helpers.xlsx, the writer every generator shares: same workbook, same bytes; styled or plain
values; normal and write-only workbooks alike."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

from python_calamine import CalamineWorkbook

from helpers import xlsx


def test_the_writer_gives_the_same_bytes_and_plain_values(tmp_path: Path) -> None:
    rows = [["a", date(2026, 1, 2), None, 3], ["x" * 90, datetime(2026, 1, 2, 8, 30), "y\nz", 0.5]]
    paths = []
    for n in (1, 2):
        wb = xlsx.new_workbook(write_only=n == 2)
        xlsx.write_sheet(wb, "styled", ["k", "ngay", "t", "so"], rows)
        xlsx.write_sheet(wb, "plain", ["k"], [["v"]], style=False)
        paths.append(tmp_path / f"{n}.xlsx")
        xlsx.save(wb, paths[-1], fixed_time=datetime(2026, 4, 1))
    again = xlsx.new_workbook(write_only=True)
    xlsx.write_sheet(again, "styled", ["k", "ngay", "t", "so"], rows)
    xlsx.write_sheet(again, "plain", ["k"], [["v"]], style=False)
    xlsx.save(again, tmp_path / "3.xlsx", fixed_time=datetime(2026, 4, 1))
    assert (tmp_path / "3.xlsx").read_bytes() == paths[1].read_bytes()
    for path in paths:  # normal and write-only workbooks hold the same values
        book = CalamineWorkbook.from_path(str(path))
        assert book.get_sheet_by_name("styled").to_python()[1:] == [
            ["a", date(2026, 1, 2), "", 3.0],
            ["x" * 90, datetime(2026, 1, 2, 8, 30), "y\nz", 0.5],
        ]
        assert book.get_sheet_by_name("plain").to_python() == [["k"], ["v"]]
    assert xlsx.fit_widths(["k", "ngay", "t", "so"], rows) == [82, 12, 3, 5]


def test_write_zip_streams_chunks_with_fixed_times(tmp_path: Path) -> None:
    parts = [("a.xml", "<a/>"), ("big.xml", (f"<r>{i}</r>" for i in range(3))), ("b", b"\x00")]
    xlsx.write_zip(tmp_path / "p.zip", parts, fixed_time=datetime(2026, 4, 1, 8, 30))
    with zipfile.ZipFile(tmp_path / "p.zip") as zf:
        assert zf.namelist() == ["a.xml", "big.xml", "b"]
        assert zf.read("big.xml") == b"<r>0</r><r>1</r><r>2</r>"
        assert {i.date_time for i in zf.infolist()} == {(2026, 4, 1, 8, 30, 0)}
