"""Living beside Excel and LibreOffice: their lock files, and files another program holds open."""

from __future__ import annotations

import os
from pathlib import Path

from helpers.errors import ContractError, Problem, RenderError

# Windows error codes of a file that another process holds: access denied (what a rename or a
# delete gets while a file is open without FILE_SHARE_DELETE), sharing and lock violations.
_HELD_WINERRORS = (5, 32, 33)


def on_windows() -> bool:
    return os.name == "nt"


def is_lock_file(name: str | Path) -> bool:
    """A file an office program keeps beside a document it has open, never a document itself.

    Excel's owner file ``~$2026-Q1.xlsx`` (hidden, locked while Excel runs), LibreOffice's
    ``.~lock.2026-Q1.xlsx#``, and the ``._2026-Q1.xlsx`` resource forks a Mac leaves on shared
    and FAT drives.
    """
    text = Path(name).name
    return (
        text.startswith("~$")
        or (text.startswith(".~lock.") and text.endswith("#"))
        or text.startswith("._")
    )


def opened_in(path: Path) -> str | None:
    """Who has ``path`` open, "Excel" or "LibreOffice", when its lock file lies beside it."""
    name = path.name
    # Excel's owner file is "~$" + the name, or, for longer names, "~$" + the name less two
    # characters; LibreOffice's is ".~lock." + the name + "#"
    for candidate, program in (
        (f"~${name}", "Excel"),
        (f"~${name[2:]}", "Excel"),
        (f".~lock.{name}#", "LibreOffice"),
    ):
        if (path.parent / candidate).is_file():
            return program
    return None


def held_by_another(exc: BaseException, *, windows: bool | None = None) -> bool:
    """Whether ``exc`` says another program holds the file open (on Windows, where that locks
    it), rather than that permissions forbid it. Python's own ``open`` reports a sharing
    violation as a bare EACCES (no Windows code): on Windows any PermissionError counts."""
    if not isinstance(exc, OSError):
        return False
    if getattr(exc, "winerror", None) in _HELD_WINERRORS:
        return True
    return isinstance(exc, PermissionError) and (on_windows() if windows is None else windows)


class WorkbookInUse(ContractError):
    """An input workbook cannot be read because Excel (or another program) has it open."""

    def __init__(self, path: Path, program: str | None = None):
        self.path = path
        who = program or "Excel hoặc một chương trình khác"
        self.message = (
            f"Không đọc được tệp «{path}» vì tệp đang mở trong {who}: "
            f"hãy đóng tệp trong {program or 'Excel'} rồi chạy lại."
        )
        super().__init__([Problem(str(path), self.message)])

    def user_message(self, limit: int = 50) -> str:
        return self.message


def raise_if_in_use(path: Path, exc: OSError, *, windows: bool | None = None) -> None:
    """Raise :class:`WorkbookInUse` when reading ``path`` failed because a program holds it.

    Call it in the ``except OSError`` of a read and re-raise (or report) otherwise. Beside a
    permission error, an office program's lock file says who has the file open, on any OS.
    """
    program = opened_in(path) if isinstance(exc, PermissionError) else None
    if program or held_by_another(exc, windows=windows):
        raise WorkbookInUse(path, program) from None


class OutputInUse(RenderError):
    """An output cannot be replaced because another program (Word, a PDF viewer …) has it
    open; what was there before is left as it was."""

    def __init__(self, target: Path, held: list[Path] | None = None):
        self.target = target
        self.held = list(held or [])
        if self.held:
            names = ", ".join(f"«{p.name}»" for p in self.held)
            what = f"tệp {names} trong «{target}» đang mở"
        else:
            what = f"«{target}» đang được mở hoặc dùng"
        super().__init__(
            f"Không ghi được kết quả vì {what} trong một chương trình khác (Word, Excel, trình "
            "xem PDF, trình duyệt, cửa sổ dòng lệnh đứng trong thư mục đó…): hãy đóng tệp rồi "
            "chạy lại. Kết quả cũ vẫn giữ nguyên."
        )


def held_files(folder: Path) -> list[Path]:
    """Files under ``folder`` that another program holds open (Windows); [] elsewhere.

    Opening a file for writing, without writing, is refused while a program that denies
    sharing has it open (Word, Excel, most PDF viewers); it changes nothing on disk.
    """
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        try:
            fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
        except PermissionError:
            found.append(path)
        except OSError:
            continue
        else:
            os.close(fd)
    return found
