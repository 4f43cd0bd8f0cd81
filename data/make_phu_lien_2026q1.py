"""Write ``data/phu-lien/2026-Q1.xlsx``, Phù Liễn ward's 2026-Q1 input workbook, from its plain
sources in ``data/nguon/phu-lien/2026-Q1/``.

The sources transcribe the real report of Phù Liễn ward (Hải Phòng) on Resolution 57-NQ/TW for
quarter I/2026 — the project's seed, ``bao-cao-nq57-quy-I-2026-phu-lien.txt`` in
``shared/seed/`` — into the sheets of the input contract (``helpers.contract``), one plain file
a sheet (``data/README.md`` says what is real and what is illustrative, and the format):

* ``thong_tin.toml``: one ``khoa = gia_tri`` line per contract key (a key left out: blank);
* ``<sheet>.csv`` for ``chi_tieu``, ``thu_tuc``, ``ho_so_tong_hop``, ``chi_so``, ``van_ban``:
  UTF-8, the header the contract's column keys; a cell ``14`` or ``0.5`` is a number,
  ``2026-03-10`` a date, ``'11.952`` (Excel's apostrophe) the text ``11.952``, anything else
  text, an empty cell blank;
* ``noi_dung/<muc>.md``: one file per report section, paragraphs separated by blank lines; a
  paragraph opening with ``4.`` has ``thu_tu`` 4, the others the number after the one before;
  ``<!-- … -->`` comments are notes, not text.

This script only reads them and calls the shared writer (``helpers.xlsx``). The output is
reproducible: fixed document properties and zip timestamps, so rerunning gives the same bytes.

Run from the repository root: ``.venv/bin/python data/make_phu_lien_2026q1.py``
"""

from __future__ import annotations

import csv
import re
import sys
import tomllib
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

try:
    from helpers import contract as c
    from helpers import xlsx
except ModuleNotFoundError:  # a checkout without `pip install -e .`: use its src/
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from helpers import contract as c
    from helpers import xlsx

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "nguon" / "phu-lien" / "2026-Q1"
OUTPUT = HERE / "phu-lien" / "2026-Q1.xlsx"
# Document properties (created/modified) and zip entry times: constant, so reruns do not churn.
FIXED_TIME = datetime(2026, 4, 16, 0, 0, 0)
TITLE = "Báo cáo NQ57 quý I/2026 — phường Phù Liễn (dữ liệu đầu vào mẫu)"
CREATOR = "data/make_phu_lien_2026q1.py"

_INT = re.compile(r"-?\d+")
_FLOAT = re.compile(r"-?\d+\.\d+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBERED = re.compile(r"(\d+)\.\s+(.*)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

Rows = list[dict[str, object]]


def cell_value(text: str) -> object:
    """A CSV cell as the workbook holds it: None, int, float, date or text (``'`` forces text)."""
    if text == "":
        return None
    if text.startswith("'"):  # as typed in Excel: what follows is text, "11.952" stays text
        return text[1:]
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    if _DATE.fullmatch(text):
        return date.fromisoformat(text)
    return text


def read_csv(path: Path) -> tuple[tuple[str, ...], Rows]:
    """(the header's column keys, one dict a row); blank cells are left out of the dicts."""
    with path.open(encoding="utf-8", newline="") as fh:
        header, *lines = list(csv.reader(fh))
    rows = []
    for n, line in enumerate(lines, start=2):
        if len(line) != len(header):
            raise ValueError(f"{path.name}, line {n}: {len(line)} cells, header has {len(header)}")
        values = {key: cell_value(text) for key, text in zip(header, line, strict=True)}
        rows.append({key: value for key, value in values.items() if value is not None})
    return tuple(header), rows


def read_thong_tin(path: Path) -> Rows:
    """One row per contract key, in the contract's order; a key the file leaves out is blank."""
    values = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(values) - set(c.THONG_TIN_KHOA)
    if unknown:
        raise ValueError(f"{path.name}: not thong_tin keys of the contract: {sorted(unknown)}")
    return [{"khoa": key, "gia_tri": values.get(key)} for key in c.THONG_TIN_KHOA]


def read_noi_dung(folder: Path) -> Rows:
    """``noi_dung/<muc>.md`` for every section that has one, in the contract's section order."""
    known = list(c.NOI_DUNG.column("muc").enum)
    found = {p.stem: p for p in folder.glob("*.md")}
    unknown = set(found) - set(known)
    if unknown:
        raise ValueError(f"{folder.name}/: not report sections: {sorted(unknown)}")
    rows: Rows = []
    for muc in (m for m in known if m in found):
        text = _COMMENT.sub("", found[muc].read_text(encoding="utf-8"))
        thu_tu = 0
        for block in re.split(r"\n\s*\n", text):
            paragraph = " ".join(line.strip() for line in block.splitlines() if line.strip())
            if not paragraph:
                continue
            numbered = _NUMBERED.fullmatch(paragraph)
            thu_tu = int(numbered.group(1)) if numbered else thu_tu + 1
            paragraph = numbered.group(2) if numbered else paragraph
            rows.append({"muc": muc, "thu_tu": thu_tu, "van_ban": paragraph})
    return rows


def read_sources(folder: Path = SOURCES) -> list[tuple[c.Sheet, tuple[str, ...], Rows]]:
    """Every sheet that ``folder`` has a file for: (sheet, the columns written, rows), in the
    contract's sheet order."""
    sheets = []
    for sheet in c.SHEETS:
        if sheet.key == "thong_tin" and (folder / "thong_tin.toml").is_file():
            rows = read_thong_tin(folder / "thong_tin.toml")
            sheets.append((sheet, ("khoa", "gia_tri"), rows))
        elif sheet.key == "noi_dung" and (folder / "noi_dung").is_dir():
            sheets.append((sheet, ("muc", "thu_tu", "van_ban"), read_noi_dung(folder / "noi_dung")))
        elif (folder / f"{sheet.key}.csv").is_file():
            sheets.append((sheet, *read_csv(folder / f"{sheet.key}.csv")))
    return sheets


def code(sheet: c.Sheet, column: str, value: object) -> str:
    """The enumeration code of a cell written as a code or as its display label."""
    enum = sheet.column(column).enum
    return next(k for k, label in enum.items() if value in (k, label))


def check_seed(sheets: list[tuple[c.Sheet, tuple[str, ...], Rows]]) -> None:
    """The seed's counts, which the illustrative rows must keep (ValueError when they do not)."""
    tables = {sheet.key: rows for sheet, _, rows in sheets}
    counts = {loai: [0, 0] for loai in c.LOAI_CHI_TIEU}
    for r in tables["chi_tieu"]:
        loai = code(c.CHI_TIEU, "loai", r["loai"])
        counts[loai][0] += 1
        counts[loai][1] += code(c.CHI_TIEU, "trang_thai", r["trang_thai"]) == "hoan_thanh"
    # II.1: 17 objectives (9 done), 8 scheduled tasks (6 done), 17 recurring tasks
    seed = {"muc_tieu": [17, 9], "nhiem_vu_tien_do": [8, 6], "nhiem_vu_thuong_xuyen": [17, 0]}
    levels = [code(c.THU_TUC, "muc_do", r["muc_do"]) for r in tables["thu_tuc"]]
    procedures = [len(levels), levels.count("toan_trinh"), levels.count("mot_phan")]
    ministries = [r for r in tables["ho_so_tong_hop"] if r.get("thuoc") == "Các Bộ, ngành"]
    ministry_sum = sum(int(r["tiep_nhan"]) for r in ministries)  # the seed declares 896
    got = (counts, procedures, ministry_sum)
    if got != (seed, [377, 218, 159], 884):
        raise ValueError(f"the sources no longer keep the seed's counts: {got}")


def build(folder: Path = SOURCES) -> Workbook:
    """The sample workbook from the plain files of ``folder``."""
    sheets = read_sources(folder)
    check_seed(sheets)
    wb = xlsx.new_workbook()
    for sheet, keys, rows in sheets:
        columns = [col for col in sheet.columns if col.key in keys]
        if [col.key for col in columns] != list(keys):
            raise ValueError(f"{sheet.key}: columns not of the contract or not in its order")
        missing = [col.key for col in sheet.columns if col.required and col.key not in keys]
        if missing:
            raise ValueError(f"{sheet.key}: required columns missing: {missing}")
        values = [[row.get(key) for key in keys] for row in rows]
        header = [col.label for col in columns]
        xlsx.write_sheet(wb, sheet.label, header, values, header_alignment=xlsx.TOP)
    wb.properties.title = TITLE
    wb.properties.creator = CREATOR
    wb.properties.lastModifiedBy = CREATOR
    return wb


def main() -> None:
    wb = build()
    xlsx.save(wb, OUTPUT, fixed_time=FIXED_TIME)
    sizes = ", ".join(f"{ws.title}: {ws.max_row - 1}" for ws in wb.worksheets)
    print(f"Wrote {OUTPUT} ({sizes} rows)")


if __name__ == "__main__":
    main()
