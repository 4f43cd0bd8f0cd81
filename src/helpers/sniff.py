"""What a file is, before any cell is read: opened as an .xlsx/.xlsm workbook, or said in plain
words what it is instead (an old .xls, a password, a renamed .csv, a web page …), and which of
its contract sheets are hidden or not worksheets. Every message about the kind of file is here.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from helpers import office
from helpers.discovery import EXTENSIONS
from helpers.errors import ContractError, Problem


class _NeverRaised(BaseException):
    pass


# A panic inside python-calamine's Rust code (e.g. a date cell far out of range) surfaces as
# pyo3's PanicException, which derives from BaseException: catch it with ordinary errors.
PANIC = next(
    (k for k in BaseException.__subclasses__() if k.__name__ == "PanicException"), _NeverRaised
)
CALAMINE_FAILURES = (Exception, PANIC)

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


def open_workbook(path: Path) -> CalamineWorkbook:
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
            members = {member_key(n) for n in zf.namelist()}
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
    except CALAMINE_FAILURES as exc:
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


def member_key(name: str) -> str:
    """A zip member's name as compared: forward slashes, no leading slash, lower case."""
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


def sheet_state_problems(
    name: str, book: CalamineWorkbook, sheet_names: list[str]
) -> list[Problem]:
    """Contract sheets that are hidden, or are not worksheets (a chart sheet of that name)."""
    try:
        metadata = {m.name: m for m in book.sheets_metadata}
    except CALAMINE_FAILURES:  # the reading itself reports a broken workbook
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
