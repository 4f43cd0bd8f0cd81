"""A blank input workbook for one unit and quarter (or a longer period), laid out exactly as the
reader expects.

Every sheet of the contract, titled with its Vietnamese label, carries its display headers in
row 1 (data start in row 2), dropdowns of the enumeration codes, number and date formats, and a
first sheet «Hướng dẫn» that explains every sheet and column in Vietnamese. ``thong_tin`` is
prefilled with the period. The untouched template reads as "still empty" (``io.read_workbook``).
A six-month, nine-month or annual report's workbook (``2026-6T.xlsx``) holds only ``thong_tin``
and ``noi_dung``: its figures are always its quarters'.
Built on the shared writer (``helpers.xlsx``: its styles and saving), to which it adds the
dropdowns and date checks (data validation), the header fill and the column formats.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from helpers import contract as c
from helpers import xlsx
from helpers.atomic import write_bytes
from helpers.discovery import parse_period, parse_quarter
from helpers.errors import ParameterError
from helpers.periods import Period, Quarter, Span

GUIDE_TITLE = "Hướng dẫn"
LISTS_TITLE = "_danh_muc"  # hidden helper sheet for lists too long to write inline
LIST_LIMIT = 255  # Excel's limit on a list validation written inline ("a,b,c")
LAST_ROW = 5000  # validations cover rows 2..LAST_ROW of each data column
LAST_ROW_BY_SHEET = {"ho_so": 20000}  # a ward's dossier export runs to ~12,000 rows a quarter
_GUIDE_LINE = 140  # characters that fit on one line across the guide's five columns
THONG_TIN_NOTE = "Diễn giải"  # third column of thong_tin; the reader ignores unknown columns

DATE_FORMAT = xlsx.DATE_FORMAT
NUMBER_FORMATS: dict[str, str] = {
    "date": DATE_FORMAT,
    "int": "#,##0",
    "number": "#,##0.##",
    # what is typed stays text, and the reader reads rate text as percent points (39,2 = 39,2%),
    # so 1 means 1% and 120 means 120%; a number cell would make 0 < x <= 1 an Excel fraction
    "rate": "@",
}
_WIDTHS: dict[str, float] = {"date": 14, "int": 14, "number": 14, "rate": 14, "enum": 22}
_WIDE: dict[str, float] = {
    "noi_dung": 60,
    "ten_thu_tuc": 60,
    "trich_yeu": 60,
    "van_ban": 90,
    "chi_so": 50,
    "ghi_chu": 30,
    "linh_vuc": 24,
    "he_thong": 26,
    "ma_ho_so": 22,
    "ma": 24,
    "gia_tri": 50,
}
# Excel serial numbers of 01/01/2000 and 31/12/2099, the bounds of the date validations
_FIRST_DAY, _LAST_DAY = "36526", "73050"

_BOLD = xlsx.BOLD
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEADER_ALIGN = Alignment(vertical="center", wrap_text=True)
_WRAP = xlsx.WRAP


# --- pure pieces -------------------------------------------------------------------


def check_unit(unit: str) -> str:
    """The unit slug, stripped; ParameterError when it cannot be a folder name."""
    text = str(unit).strip()
    if not text or text in (".", "..") or any(ch in text for ch in "/\\"):
        raise ParameterError(
            f"Tên đơn vị «{unit}» không hợp lệ: cần tên thư mục của đơn vị trong data/, "
            "không có dấu / hoặc \\ (ví dụ phu-lien)."
        )
    return text


def file_name(quarter: str | Span) -> str:
    """``2026-Q1.xlsx`` (``2026-6T.xlsx`` for a period): the name ``workbook run`` looks for."""
    return f"{parse_period(quarter)}.xlsx"


def data_path(unit: str, quarter: str | Span) -> str:
    """``data/<unit>/<YYYY>-Q<n>.xlsx`` as written in the guide."""
    return f"data/{check_unit(unit)}/{file_name(quarter)}"


# thong_tin keys a period workbook does not give: its window is always its quarters'
_PERIOD_DROPS = ("tu_ngay", "den_ngay", "quy_uoc_ky")


def sheets_of(span: Span) -> tuple[c.Sheet, ...]:
    """The sheets of a quarter's workbook (every sheet of the contract), or of a period's."""
    if isinstance(span, Period):
        return (c.THONG_TIN, c.NOI_DUNG)
    return tuple(c.SHEETS)


def info_keys(span: Span) -> dict[str, tuple[str, str, bool]]:
    """The ``thong_tin`` keys the template lists: (label, kind, required) of each; a period's
    are all optional (what it leaves blank comes from its latest quarter)."""
    if isinstance(span, Period):
        return {
            k: (label, kind, False)
            for k, (label, kind, _) in c.THONG_TIN_KHOA.items()
            if k not in _PERIOD_DROPS
        }
    return dict(c.THONG_TIN_KHOA)


def column_width(column: c.Column) -> float:
    """A width that shows the header and a typical value."""
    base = _WIDE.get(column.key, _WIDTHS.get(column.kind, 18))
    return float(max(base, len(column.label) + 4))


def number_format(column: c.Column) -> str | None:
    """The cell format of a column's data cells, None for the default (General)."""
    return NUMBER_FORMATS.get(column.kind)


def inline_list(codes: Sequence[str], limit: int = LIST_LIMIT) -> str | None:
    """``"a,b,c"`` for a list validation, or None when it must live on a sheet instead."""
    joined = ",".join(codes)
    if any("," in code or '"' in code for code in codes) or len(joined) + 2 > limit:
        return None
    return f'"{joined}"'


def enum_columns(sheet: c.Sheet) -> list[tuple[int, c.Column]]:
    """(1-based column index, column) of the sheet's enumeration columns."""
    return [(i, col) for i, col in enumerate(sheet.columns, start=1) if col.kind == "enum"]


def info_values(quarter: str | Span) -> dict[str, object]:
    """Prefilled ``thong_tin`` values: the period, its calendar window and convention (for a
    longer period only ``ky``: the window is its quarters')."""
    q = parse_period(quarter)
    if isinstance(q, Period):
        return {"ky": str(q)}
    start, end = q.window("quy_lich")
    return {"ky": str(q), "tu_ngay": start, "den_ngay": end, "quy_uoc_ky": "quy_lich"}


def _presence(column: c.Column) -> str:
    if not column.required:
        return "tùy chọn (có thể bỏ cột)"
    if column.nullable:
        return "bắt buộc có cột; ô có thể để trống"
    return "bắt buộc"


def _sheet_presence(sheet: c.Sheet) -> str:
    if sheet.key in ("ho_so", "ho_so_tong_hop"):
        return "cần ít nhất một trong hai trang «Hồ sơ» và «Hồ sơ tổng hợp»"
    return "bắt buộc" if sheet.required else "tùy chọn"


def guide_rows(unit: str, quarter: str | Quarter) -> list[tuple[str, ...]]:
    """The lines of the «Hướng dẫn» sheet; a 1-tuple is a paragraph, a longer one a table row.

    A row starting with ``"#"`` is a heading (the mark is dropped when written).
    """
    q = parse_quarter(quarter)
    start, end = q.window("quy_lich")
    path = data_path(unit, q)
    names = {s.key: s.label for s in c.SHEETS}
    ho_so, tong_hop = names["ho_so"], names["ho_so_tong_hop"]
    paragraphs = [
        "#MẪU SỐ LIỆU BÁO CÁO QUÝ VỀ NGHỊ QUYẾT 57-NQ/TW",
        f"Đơn vị: {unit}. Kỳ báo cáo: {q.label} ({q}), từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}.",
        "",
        "#1. Lưu tệp",
        "Mỗi đơn vị, mỗi quý một tệp, đặt tên theo quy tắc data/<đơn vị>/<YYYY>-Q<n>.xlsx "
        "(đuôi .xlsx hoặc .xlsm).",
        f"Tệp này cần lưu thành: {path}",
        "",
        "#2. Kiểm tra tệp",
        f"Sau khi nhập số liệu, chạy lệnh: workbook check {path}",
        "Kết quả: 0 = không có lỗi; 1 = có lỗi số liệu cần xem lại; 2 = tệp sai mẫu hoặc còn "
        "trống. Lệnh nêu từng lỗi với trang, dòng, cột và giá trị cần có.",
        "",
        "#3. Quy tắc chung",
        "- Dòng 1 của mỗi trang là tiêu đề cột: không sửa, không xóa, không chèn dòng phía trên. "
        "Số liệu nhập từ dòng 2, mỗi dòng một bản ghi; không gộp ô (merge).",
        "- Không đổi tên trang. Có thể thêm cột riêng: cột không có trong mẫu được bỏ qua. "
        "Trang tùy chọn không dùng thì để trống (chỉ có dòng tiêu đề).",
        "- Không nhập dữ liệu cá nhân (họ tên, số CCCD/định danh, điện thoại, địa chỉ, email): "
        "các cột đó không bao giờ được đọc.",
        "- Cột danh mục có danh sách chọn: chọn một mã (ví dụ toan_trinh, hoan_thanh); "
        "tên hiển thị của mã (ví dụ «Hoàn thành») cũng được chấp nhận.",
        "- Số: nhập như bình thường; dạng chữ cũng được: 11.952 hoặc 1.234,5 (dấu chấm ngăn "
        "hàng nghìn, dấu phẩy là phần thập phân). Không nhập số âm.",
        "- «Tử số», «Mẫu số» có thể ghi kèm khoảng, trên, dưới, gần (ví dụ: khoảng 3.000).",
        "- Ngày: nhập ngày của Excel hoặc chữ dạng dd/mm/yyyy (ví dụ 16/04/2026).",
        "- Tỷ lệ (cột «Tỷ lệ báo cáo» của trang «Chỉ số»): gõ số phần trăm, ví dụ 39,2 hoặc "
        "39,2% (đều là 39,2%); 1 là 1%, 120 là 120%; có thể ghi «trên 80%». Cột này được định "
        "dạng chữ để giữ nguyên điều đã gõ. Nếu ô chứa số (dán từ nơi khác): số từ 0 đến 1 là "
        "tỷ lệ của Excel (0,392 = 39,2%), số lớn hơn 1 là số phần trăm (39,2 = 39,2%).",
        f"- Cần ít nhất một trong hai trang «{ho_so}» (danh sách hồ sơ) và «{tong_hop}» "
        f"(số liệu đã tổng hợp); trang «{tong_hop}» có một dòng cho mỗi hệ thống và "
        f"một dòng «{c.TONG}».",
        "",
        "#4. Các trang và các cột",
    ]
    rows: list[tuple[str, ...]] = [(p,) for p in paragraphs]
    rows.append(("#Trang", "Tiêu đề cột", "Khóa", "Bắt buộc", "Giá trị hợp lệ"))
    for sheet in c.SHEETS:
        rows.append(("",))
        rows.append(
            (f"#«{sheet.label}» ({sheet.key}) — {_sheet_presence(sheet)}: {sheet.description}",)
        )
        for col in sheet.columns:
            rows.append((sheet.label, col.label, col.key, _presence(col), col.expected()))
    rows += [
        ("",),
        (f"#5. Các khóa của trang «{c.THONG_TIN.label}» (cột «Khóa» và «Giá trị»)",),
        ("#Khóa", "Ý nghĩa", "Bắt buộc", "Giá trị hợp lệ"),
    ]
    for key, (label, kind, required) in c.THONG_TIN_KHOA.items():
        rows.append((key, label, "bắt buộc" if required else "tùy chọn", _info_expected(key, kind)))
    return rows + _targets_guide_rows()


def _targets_guide_rows() -> list[tuple[str, ...]]:
    """Part 6 of the guide: targets judged from the figures, and every figure key."""
    chi_tieu = c.CHI_TIEU.label
    return [
        ("",),
        (f"#6. Đánh giá mục tiêu, nhiệm vụ từ số liệu (trang «{chi_tieu}»)",),
        (
            "Một chỉ tiêu có thể ghi số liệu đo nó (cột «Chỉ số đo») và ngưỡng (cột «Ngưỡng»); "
            "báo cáo tự đánh giá đạt / chưa đạt / không có số liệu và nêu phần còn thiếu. Ví dụ: "
            "«Trên 70% người dân tích hợp Sổ sức khỏe điện tử» → chi_so.vneid_so_suc_khoe, 70%.",
        ),
        (
            "- Ngưỡng là tỷ lệ (70% hoặc 0,7) hoặc số (14). Với một dòng của trang «Chỉ số» có "
            "mẫu số, ngưỡng tỷ lệ đánh giá tỷ lệ và nêu số còn thiếu (ví dụ 17.716 tài khoản).",
        ),
        (
            "- Cột «Chiều»: toi_thieu (mặc định: đạt khi bằng hoặc vượt ngưỡng) hoặc toi_da "
            "(đạt khi không vượt ngưỡng, ví dụ số hồ sơ quá hạn).",
        ),
        ("- Mã chỉ tiêu chỉ cần không trùng trong cùng một loại (MT 1…17, NV 1…8).",),
        ("#Mã số liệu", "Ý nghĩa"),
        *((key, label) for key, (label, _) in c.FIGURES.items()),
        ("chi_so.<mã>", "Số liệu của một dòng trang «Chỉ số» (.ty_le: tỷ lệ của dòng đó)"),
    ]


def period_guide_rows(unit: str, period: Period) -> list[tuple[str, ...]]:
    """The «Hướng dẫn» lines of a period workbook: what it is for, where it goes, its two
    sheets and their columns."""
    path = data_path(unit, period)
    quarters = ", ".join(f"{q}.xlsx" for q in period.quarters)
    info, narrative = c.THONG_TIN.label, c.NOI_DUNG.label
    paragraphs = [
        f"#MẪU THÔNG TIN VÀ NỘI DUNG BÁO CÁO {period.label.upper()} VỀ NGHỊ QUYẾT 57-NQ/TW",
        f"Đơn vị: {unit}. Kỳ báo cáo: {period.label} ({period}).",
        "",
        "#1. Tệp này dùng để làm gì",
        f"Số liệu của {period.label.lower()} luôn được cộng từ các tệp quý ({quarters}) trong "
        "cùng thư mục; tệp này chỉ cho thông tin văn bản (số ký hiệu, ngày, người ký …) và "
        "nội dung viết tay của báo cáo kỳ này. Có thể không cần tệp này: khi đó báo cáo lấy "
        "thông tin và nội dung của quý cuối kỳ.",
        f"- Trang «{info}»: khóa nào để trống thì lấy của quý cuối kỳ.",
        f"- Trang «{narrative}»: nếu có ít nhất một đoạn, báo cáo chỉ dùng nội dung ở đây; "
        "để trống thì dùng nội dung của quý cuối kỳ.",
        "",
        "#2. Lưu tệp và kiểm tra",
        f"Tệp này cần lưu thành: {path}",
        f"Sau khi nhập, chạy lệnh: workbook check {path}",
        f"Tạo báo cáo: workbook run --unit {unit} --period {period}",
        "",
        "#3. Các trang và các cột",
        ("#Trang", "Tiêu đề cột", "Khóa", "Bắt buộc", "Giá trị hợp lệ"),
    ]
    rows: list[tuple[str, ...]] = [p if isinstance(p, tuple) else (p,) for p in paragraphs]
    for sheet in sheets_of(period):
        rows += [("",), (f"#«{sheet.label}» ({sheet.key}): {sheet.description}",)]
        for col in sheet.columns:
            rows.append((sheet.label, col.label, col.key, _presence(col), col.expected()))
    rows += [("",), (f"#4. Các khóa của trang «{info}»",), ("#Khóa", "Ý nghĩa", "Giá trị hợp lệ")]
    for key, (label, kind, _) in info_keys(period).items():
        rows.append((key, label, _info_expected(key, kind, period)))
    return rows


def _info_expected(key: str, kind: str, span: Span | None = None) -> str:
    if key == "ky" and isinstance(span, Period):
        return f"{span}, trùng với tên tệp (có thể để trống)"
    if key == "quy_uoc_ky":
        return "một trong: " + ", ".join(f"{k} ({v})" for k, v in c.QUY_UOC_KY.items())
    if key == "ky":
        return "quý dạng YYYY-Qn, trùng với tên tệp (ví dụ 2026-Q1)"
    return c.EXPECTED[kind]


# --- the workbook ------------------------------------------------------------------


def build_template(unit: str, quarter: str | Span, *, list_limit: int = LIST_LIMIT) -> Workbook:
    """The template as an openpyxl Workbook (``list_limit`` is Excel's inline-list limit);
    a six-month, nine-month or annual period (``2026-6T``) gets its period workbook."""
    unit = check_unit(unit)
    q = parse_period(quarter)
    wb = xlsx.new_workbook()
    guide = wb.create_sheet(GUIDE_TITLE)
    _write_guide(
        guide, period_guide_rows(unit, q) if isinstance(q, Period) else guide_rows(unit, q)
    )
    lists: list[tuple[str, Sequence[str]]] = []  # (name, codes) of lists put on a sheet
    for sheet in sheets_of(q):
        ws = wb.create_sheet(sheet.label)
        _write_headers(ws, sheet)
        for idx, col in enumerate(sheet.columns, start=1):
            _add_validation(ws, sheet, idx, col, lists, list_limit)
    _write_info(wb[c.THONG_TIN.label], q)
    if lists:
        _write_lists(wb.create_sheet(LISTS_TITLE), lists)
    wb.active = 0
    wb.properties.title = f"Số liệu báo cáo NQ57 {unit} {q}"
    wb.properties.creator = "workbook template"
    return wb


def template_bytes(unit: str, quarter: str | Span, *, list_limit: int = LIST_LIMIT) -> bytes:
    buffer = io.BytesIO()
    xlsx.save(build_template(unit, quarter, list_limit=list_limit), buffer)
    return buffer.getvalue()


def write_template(
    path: Path | str, unit: str, quarter: str | Span, *, overwrite: bool = False
) -> Path:
    """Write a blank input workbook to ``path`` (atomically); return the path.

    ParameterError when the quarter or unit is invalid, the name does not end in ``.xlsx``, or
    the file exists and ``overwrite`` is false.
    """
    path = Path(path)
    q = parse_period(quarter)
    unit = check_unit(unit)
    if path.suffix.lower() != ".xlsx":
        raise ParameterError(f"Tệp mẫu «{path}» phải có đuôi .xlsx (ví dụ {data_path(unit, q)}).")
    if path.is_dir():
        raise ParameterError(
            f"«{path}» là một thư mục; hãy cho tên tệp, ví dụ {path / file_name(q)}."
        )
    if path.exists() and not overwrite:
        raise ParameterError(
            f"Tệp «{path}» đã có; không ghi đè để khỏi mất số liệu đã nhập. "
            "Hãy chọn tên khác, hoặc thêm --force nếu chắc chắn muốn thay bằng mẫu trống."
        )
    return write_bytes(path, template_bytes(unit, q))


def _write_headers(ws: Worksheet, sheet: c.Sheet) -> None:
    style = {"font": _BOLD, "fill": _HEADER_FILL, "alignment": _HEADER_ALIGN}
    ws.append([xlsx.styled(ws, col.label, **style) for col in sheet.columns])
    for idx, col in enumerate(sheet.columns, start=1):
        dim = ws.column_dimensions[get_column_letter(idx)]
        dim.width = column_width(col)
        fmt = number_format(col)
        if fmt is not None:
            dim.number_format = fmt  # a column style: Excel gives it to every cell typed in
        if col.kind == "text" and column_width(col) >= 50:
            dim.alignment = _WRAP
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 30


def _last_row(sheet: c.Sheet) -> int:
    return LAST_ROW_BY_SHEET.get(sheet.key, LAST_ROW)


def _data_range(sheet: c.Sheet, idx: int) -> str:
    letter = get_column_letter(idx)
    return f"{letter}2:{letter}{_last_row(sheet)}"


def _add_validation(
    ws: Worksheet,
    sheet: c.Sheet,
    idx: int,
    col: c.Column,
    lists: list[tuple[str, Sequence[str]]],
    list_limit: int,
) -> None:
    if col.kind == "enum":
        codes = list(col.enum)
        formula = inline_list(codes, list_limit) or _list_reference(
            f"{sheet.key}.{col.key}", codes, lists
        )
        dv = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showDropDown=False,  # (sic) False shows the in-cell arrow
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle="Giá trị không hợp lệ",
            error=_clip(
                f"«{col.label}» cần một mã trong danh sách chọn (ví dụ {codes[0]}). "
                "Xem trang «Hướng dẫn»."
            ),
            showInputMessage=True,
            promptTitle=_clip(col.label, 32),
            prompt="Chọn một mã trong danh sách.",
        )
    elif col.suggestions:
        # the contract's figures, then chi_so.<mã> of every row the unit types in «Chỉ số»
        dv = DataValidation(
            type="list",
            formula1=_list_reference(f"{sheet.key}.{col.key}", _figure_keys(), lists),
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="information",  # another figure key (a system's, say) is fine too
            errorTitle="Mã số liệu",
            error=_clip(f"«{col.label}» cần {col.expected()}. Xem trang «Hướng dẫn»."),
            showInputMessage=True,
            promptTitle=_clip(col.label, 32),
            prompt=_clip("Chọn số liệu đo chỉ tiêu này; ghi ngưỡng ở cột «Ngưỡng»."),
        )
    elif col.kind == "date":
        dv = _date_validation(
            _clip(
                f"«{col.label}» cần một ngày dạng dd/mm/yyyy (ví dụ 16/04/2026). "
                "Chọn «Yes» chỉ khi chắc chắn giá trị đúng."
            )
        )
    elif col.kind == "bool":
        dv = DataValidation(
            type="list",
            formula1='"có,không"',
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",  # 1/0 and x are read too
            errorTitle="Giá trị không hợp lệ",
            error=_clip(f"«{col.label}» cần có hoặc không (hoặc 1/0)."),
        )
    else:
        return
    ws.add_data_validation(dv)
    dv.add(_data_range(sheet, idx))


def _list_reference(name: str, codes: Sequence[str], lists: list[tuple[str, Sequence[str]]]) -> str:
    """Put ``codes`` in the next column of the helper sheet; the absolute range naming them."""
    lists.append((name, codes))
    letter = get_column_letter(len(lists))
    return f"{quote_sheetname(LISTS_TITLE)}!${letter}$2:${letter}${len(codes) + 1}"


CHI_SO_ROWS = 300  # rows of «Chỉ số» whose codes the figure list offers


def _figure_keys() -> list[str]:
    """The figure keys a target may name: the contract's, then a formula per row of the
    «Chỉ số» sheet giving ``chi_so.<mã>`` once the unit types the row's code."""
    sheet = quote_sheetname(c.CHI_SO.label)
    ma = get_column_letter(next(i for i, col in enumerate(c.CHI_SO.columns, 1) if col.key == "ma"))
    rows = range(2, CHI_SO_ROWS + 2)
    formulas = [f'=IF({sheet}!${ma}${r}="","","chi_so."&{sheet}!${ma}${r})' for r in rows]
    return [*c.FIGURES, *formulas]


def _write_lists(ws: Worksheet, lists: list[tuple[str, Sequence[str]]]) -> None:
    for idx, (name, codes) in enumerate(lists, start=1):
        ws.cell(row=1, column=idx, value=name).font = _BOLD
        for r, code in enumerate(codes, start=2):
            ws.cell(row=r, column=idx, value=code)
        ws.column_dimensions[get_column_letter(idx)].width = max(len(name), 12) + 2
    ws.sheet_state = "hidden"


def _write_info(ws: Worksheet, q: Span) -> None:
    """One row per thong_tin key: the key, its value (prefilled where known), what it means."""
    note = ws.cell(row=1, column=3, value=THONG_TIN_NOTE)
    note.font = _BOLD
    note.fill = _HEADER_FILL
    note.alignment = _HEADER_ALIGN
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = _WIDE["gia_tri"]
    ws.column_dimensions["C"].width = 60
    values = info_values(q)
    for r, (key, (label, kind, required)) in enumerate(info_keys(q).items(), start=2):
        ws.cell(row=r, column=1, value=key)
        value = ws.cell(row=r, column=2, value=values.get(key))
        value.alignment = _WRAP
        if kind == "date":
            value.number_format = DATE_FORMAT
            _cell_validation(ws, value.coordinate, "date")
        if key == "quy_uoc_ky":
            _cell_validation(ws, value.coordinate, "quy_uoc_ky")
        if required:
            value.fill = _REQUIRED_FILL
        text = f"{label} — {'bắt buộc' if required else 'tùy chọn'}; {_info_expected(key, kind, q)}"
        ws.cell(row=r, column=3, value=text).alignment = _WRAP


def _date_validation(error: str) -> DataValidation:
    """A date check that warns rather than stops: text dd/mm/yyyy is read too."""
    return DataValidation(
        type="date",
        operator="between",
        formula1=_FIRST_DAY,
        formula2=_LAST_DAY,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="Ngày không hợp lệ",
        error=error,
    )


def _cell_validation(ws: Worksheet, ref: str, what: str) -> None:
    if what == "date":
        dv = _date_validation("Cần một ngày dạng dd/mm/yyyy (ví dụ 16/04/2026).")
    else:
        dv = DataValidation(
            type="list",
            formula1=inline_list(list(c.QUY_UOC_KY)),
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle="Giá trị không hợp lệ",
            error="Quy ước kỳ là quy_lich (quý theo lịch) hoặc nd09 (Nghị định 09/2019/NĐ-CP).",
        )
    ws.add_data_validation(dv)
    dv.add(ref)


def _write_guide(ws: Worksheet, rows: Iterable[tuple[str, ...]]) -> None:
    for r, row in enumerate(rows, start=1):
        heading = bool(row) and row[0].startswith("#")
        values = (row[0][1:] if heading else row[0], *row[1:])
        for col_idx, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=col_idx, value=value or None)
            if heading:
                cell.font = Font(bold=True, size=14 if r == 1 else 11)
            if len(row) > 1:
                cell.alignment = _WRAP
        if len(row) == 1 and len(values[0]) > _GUIDE_LINE:
            # a long paragraph: spread over the table's width, wrapped, tall enough to show
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
            ws.cell(row=r, column=1).alignment = _WRAP
            ws.row_dimensions[r].height = 15 * math.ceil(len(values[0]) / _GUIDE_LINE)
    for letter, width in zip("ABCDE", (18, 26, 24, 30, 70), strict=True):
        ws.column_dimensions[letter].width = width


def _clip(text: str, limit: int = 255) -> str:
    """Excel refuses a validation title over 32 or a message over 255 characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
