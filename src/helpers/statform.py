"""The national statistics form Biểu II.06a/VPCP/KSTT as .xlsx, from a built report's records."""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from helpers import atomic, fmt, xlsx
from helpers.text import collation_key
from helpers.wording import say

if TYPE_CHECKING:
    from helpers.report import Report

# Columns (3) … (13) of the form, in order; each is a flow of ``indicators.classify_records``
# or a sum of them (``nhan_giai_quyet``: carried over + received; ``da_giai_quyet``: the three
# resolved; ``dang_giai_quyet``: the two pending).
COLUMNS = (
    "nhan_giai_quyet",
    "truc_tuyen",
    "truc_tiep_buu_chinh",
    "ky_truoc_chuyen_sang",
    "da_giai_quyet",
    "truoc_han",
    "dung_han",
    "qua_han",
    "dang_giai_quyet",
    "dang_trong_han",
    "dang_qua_han",
)
SUMS = {
    "nhan_giai_quyet": ("ky_truoc_chuyen_sang", "tiep_nhan"),
    "da_giai_quyet": ("truoc_han", "dung_han", "qua_han"),
    "dang_giai_quyet": ("dang_trong_han", "dang_qua_han"),
}
# not a column: withdrawn and refused dossiers leave the count by neither door, the note says
WITHDRAWN = "rut_tu_choi"

# the layout: title block rows 1–5, headers 6–8, the (1)…(13) row 9, the fields from row 10
HEADER_ROWS = (6, 9)
FIRST_ROW = 10
WIDTHS = [5, 38] + [11.5] * len(COLUMNS)
FONT = "Times New Roman"


def applies(rep: Report) -> bool:
    """Whether the report can have the form: its dossiers come from records."""
    return rep.linh_vuc is not None


def rows(flows: pd.DataFrame) -> pd.DataFrame:
    """The form's rows from flow counts per ``linh_vuc`` (``Report.linh_vuc``): one row per
    field that has a dossier in the form or withdrawn, in Vietnamese alphabetical order, with
    :data:`COLUMNS` and ``rut_tu_choi``. The total row is their sum (:func:`total`)."""
    out = pd.DataFrame(index=flows.index)
    for key in COLUMNS:
        parts = SUMS.get(key, (key,))
        out[key] = flows[list(parts)].sum(axis=1).astype(int)
    out[WITHDRAWN] = flows[WITHDRAWN].astype(int)
    # a field whose records all fall outside the window has nothing to report
    out = out[out.sum(axis=1) > 0]
    return out.loc[sorted(out.index, key=collation_key)]


def total(table: pd.DataFrame) -> dict[str, int]:
    """The total row: every column added up over the fields (equal, by construction, to the
    report's ``ho_so.*`` figures, since the fields' flows add up to them)."""
    return {key: int(table[key].sum()) for key in (*COLUMNS, WITHDRAWN)}


def write(rep: Report, path: Path | str) -> Path:
    """Write the form of ``rep`` (a record-level report) to ``path``, atomically."""
    if rep.linh_vuc is None:
        raise ValueError("Biểu II.06a needs dossier records")
    buffer = io.BytesIO()
    xlsx.save(workbook(rep), buffer)  # the project's one writer of .xlsx files
    return atomic.write_bytes(Path(path), buffer.getvalue())


def workbook(rep: Report) -> Workbook:
    """The form as an openpyxl workbook of one sheet."""
    assert rep.linh_vuc is not None
    table = rows(rep.linh_vuc)
    wb = xlsx.new_workbook()
    ws = wb.create_sheet("Biểu II.06a")
    wb.properties.title = say("bieu_ii06a.ma_bieu")
    wb.properties.creator = rep.co_quan
    last = len(WIDTHS)
    _title_block(ws, rep, last)
    _headers(ws, last)
    row = FIRST_ROW
    for n, (name, values) in enumerate(table.iterrows(), start=1):
        _data_row(ws, row, n, str(name), [int(values[k]) for k in COLUMNS])
        row += 1
    sums = total(table)
    _data_row(ws, row, None, say("bieu_ii06a.tong"), [sums[k] for k in COLUMNS], bold=True)
    _borders(ws, HEADER_ROWS[0], row, last)
    end = _notes(ws, row + 2, last, table, sums[WITHDRAWN])
    end = _signatures(ws, end + 1, rep)
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[_letter(i)].width = width
    _print_setup(ws, end, last)
    return wb


# --- layout ------------------------------------------------------------------------------


def _letter(column: int) -> str:
    return get_column_letter(column)


def _put(
    ws: Worksheet,
    row: int,
    first: int,
    last: int,
    text: object,
    *,
    bold: bool = False,
    italic: bool = False,
    size: int = 12,
    align: str = "center",
    wrap: bool = True,
) -> None:
    """``text`` in the cells ``first``…``last`` of ``row``, merged when more than one."""
    cell = ws.cell(row=row, column=first, value=text)
    cell.font = Font(name=FONT, size=size, bold=bold, italic=italic)
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=wrap)
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _title_block(ws: Worksheet, rep: Report, last: int) -> None:
    info = rep.info
    _put(ws, 1, 1, 5, say("bieu_ii06a.ma_bieu"), bold=True, align="left")
    _put(ws, 1, 8, last, say("bieu_ii06a.don_vi_bao_cao", co_quan=rep.co_quan), align="left")
    if info.get("cap_tren"):
        _put(ws, 2, 8, last, say("bieu_ii06a.don_vi_nhan", cap_tren=info["cap_tren"]), align="left")
    _put(ws, 3, 1, last, say("bieu_ii06a.tieu_de", co_quan=rep.co_quan), bold=True, size=13)
    _put(ws, 4, 1, last, say("bieu_ii06a.ky_bao_cao", **rep.words()), italic=True)
    _put(ws, 5, last - 3, last, say("bieu_ii06a.don_vi_tinh"), italic=True, align="right")
    ws.row_dimensions[3].height = 36


def _headers(ws: Worksheet, last: int) -> None:
    """Two levels of headers (three rows: "Trong kỳ" splits in two), then (1) … (13)."""
    top, mid, low = 6, 7, 8

    def head(r1: int, c1: int, r2: int, c2: int, key: str) -> None:
        _put(ws, r1, c1, c1, say(f"bieu_ii06a.cot.{key}"), bold=True, size=11)
        if (r1, c1) != (r2, c2):
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)

    head(top, 1, low, 1, "tt")
    head(top, 2, low, 2, "linh_vuc")
    head(top, 3, top, 6, "nhan_giai_quyet")
    head(mid, 3, low, 3, "tong_so")
    head(mid, 4, mid, 5, "trong_ky")
    head(low, 4, low, 4, "truc_tuyen")
    head(low, 5, low, 5, "truc_tiep_buu_chinh")
    head(mid, 6, low, 6, "ky_truoc_chuyen_sang")
    head(top, 7, top, 10, "da_giai_quyet")
    for column, key in enumerate(("tong_so", "truoc_han", "dung_han", "qua_han"), start=7):
        head(mid, column, low, column, key)
    head(top, 11, top, last, "dang_giai_quyet")
    for column, key in enumerate(("tong_so", "trong_han", "qua_han"), start=11):
        head(mid, column, low, column, key)
    for column in range(1, last + 1):
        _put(ws, HEADER_ROWS[1], column, column, f"({column})", italic=True, size=11)
    ws.row_dimensions[top].height = 32
    ws.row_dimensions[mid].height = 22
    ws.row_dimensions[low].height = 64


def _data_row(
    ws: Worksheet, row: int, n: int | None, name: str, values: list[int], bold: bool = False
) -> None:
    font = Font(name=FONT, size=11, bold=bold)
    first = ws.cell(row=row, column=1, value=n)
    first.alignment = Alignment(horizontal="center", vertical="center")
    label = ws.cell(row=row, column=2, value=name)
    label.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    for cell in (first, label):
        cell.font = font
    for column, value in enumerate(values, start=3):
        cell = ws.cell(row=row, column=column, value=value)  # a number, never its text
        cell.number_format = "#,##0"
        cell.font = font
        cell.alignment = Alignment(horizontal="right", vertical="center")


def _borders(ws: Worksheet, first: int, last_row: int, last: int) -> None:
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for r in range(first, last_row + 1):
        for c in range(1, last + 1):
            ws.cell(row=r, column=c).border = box


def _notes(ws: Worksheet, row: int, last: int, table: pd.DataFrame, withdrawn: int) -> int:
    """The columns' sums and where withdrawn and refused dossiers go; the last row used."""
    detail = [{"ten": str(name), "so": int(n)} for name, n in table[WITHDRAWN].items() if n]
    notes = [
        say("bieu_ii06a.cong_thuc"),
        say("bieu_ii06a.rut_tu_choi", rut_tu_choi=withdrawn, chi_tiet=detail),
    ]
    # a merged cell does not grow with its text: as many lines as ~150 characters a line
    for text in notes:
        _put(ws, row, 1, last, text, italic=True, size=11, align="left")
        ws.row_dimensions[row].height = 16 * max(1, math.ceil(len(text) / 150))
        row += 1
    return row - 1


def _signatures(ws: Worksheet, row: int, rep: Report) -> int:
    """Place and date, then who drew the form up (left) and the head who signs it (right)."""
    info = rep.info
    date_line = fmt.long_date(info.get("ngay_bao_cao"), info.get("dia_danh"))  # type: ignore[arg-type]
    left, right = (2, 5), (9, 13)
    _put(ws, row, *right, date_line, italic=True)
    _put(ws, row + 1, *left, say("bieu_ii06a.nguoi_lap"), bold=True)
    _put(ws, row + 1, *right, say("bieu_ii06a.thu_truong"), bold=True)
    _put(ws, row + 2, *left, say("bieu_ii06a.nguoi_lap_ky"), italic=True)
    _put(ws, row + 2, *right, say("bieu_ii06a.thu_truong_ky"), italic=True)
    signer = str(info.get("nguoi_ky") or "")
    end = row + 6  # room for the signature and the seal
    _put(ws, end, *right, signer, bold=True)
    return end


def _print_setup(ws: Worksheet, last_row: int, last: int) -> None:
    """Landscape A4, one page wide, the headers repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the fields need
    ws.print_title_rows = f"{HEADER_ROWS[0]}:{HEADER_ROWS[1]}"
    ws.print_area = f"A1:{_letter(last)}{last_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=3)
