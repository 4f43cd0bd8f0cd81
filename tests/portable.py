"""Other systems for the tests: the `workbook` command wherever pip put it, an interpreter that
lacks what Windows lacks (``other_os/sitecustomize.py``), and Windows' rules for files that
another program holds open, in this process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sysconfig
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest

# pip puts console scripts in .venv/bin (POSIX) or Scripts\ (Windows, where a conda
# environment keeps python.exe one folder above them)
WORKBOOK = Path(sysconfig.get_path("scripts")) / ("workbook.exe" if os.name == "nt" else "workbook")
SIMULATION = Path(__file__).with_name("other_os")
HELD = "The process cannot access the file because it is being used by another process"


def simulated_env(
    *, locked: Iterable[Path] = (), no_pango: bool = False, marks: Path | None = None
) -> dict[str, str]:
    """The environment of a process (and of every Python it starts) run as on Windows."""
    env = {**os.environ, "PYTHONWARNINGS": "error::FutureWarning"}
    env["PYTHONPATH"] = os.pathsep.join(
        [str(SIMULATION), *([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])]
    )
    env["SIM_OS_LOCKED"] = os.pathsep.join(str(p) for p in locked)
    env["SIM_OS_NO_PANGO"] = "1" if no_pango else ""
    env["SIM_OS_MARKS"] = str(marks) if marks else ""
    return env


def workbook(*args: str | Path, env: dict[str, str], timeout: float = 600):
    """The real ``workbook`` command."""
    return subprocess.run(
        [str(WORKBOOK), *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", timeout=timeout, env=env,
    )  # fmt: skip


def held_error(path: Path, winerror: int = 32) -> PermissionError:
    """The PermissionError Windows raises for a file another program has open."""
    if os.name == "nt":
        return PermissionError(None, HELD, str(path), winerror)
    exc = PermissionError(13, HELD, str(path))
    exc.winerror = winerror  # type: ignore[attr-defined]  # an attribute only Windows sets
    return exc


class WindowsFiles:
    """Windows' rules for renaming, replacing and deleting, in this process (``os.rename``,
    ``os.replace``, ``os.open``, ``shutil.rmtree``), with files another program holds open:
    - a rename never lands on an existing file or folder;
    - a held file cannot be renamed, replaced, deleted or opened for writing, and a folder
      holding one cannot be renamed;
    - deleting a tree removes all but the held files (and the folders that hold them).
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.held: set[Path] = set()
        self.calls: Counter[str] = Counter()
        rename, replace, os_open, rmtree = os.rename, os.replace, os.open, shutil.rmtree

        def fake_rename(src, dst, **kw):
            self.calls["rename"] += 1
            src, dst = _abs(src), _abs(dst)
            if self._busy(src):
                raise held_error(src)
            if os.path.lexists(dst):
                raise FileExistsError(17, "Cannot create a file when that file already exists")
            rename(src, dst, **kw)

        def fake_replace(src, dst, **kw):
            self.calls["replace"] += 1
            src, dst = _abs(src), _abs(dst)
            if self._busy(src) or self._busy(dst) or dst.is_dir():
                raise held_error(dst, winerror=5)  # ERROR_ACCESS_DENIED
            replace(src, dst, **kw)

        def fake_open(path, flags, mode=0o777, *, dir_fd=None):
            writing = flags & (os.O_WRONLY | os.O_RDWR)
            if dir_fd is None and writing and _abs(path) in self.held:
                raise PermissionError(13, "Permission denied", str(path))  # as the C runtime
            return os_open(path, flags, mode, dir_fd=dir_fd)

        def fake_rmtree(path, ignore_errors=False, onerror=None, **kw):
            path = _abs(path)
            if not self._busy(path):
                return rmtree(path, ignore_errors=ignore_errors, onerror=onerror, **kw)
            for p in sorted(path.rglob("*"), key=lambda p: len(p.parts), reverse=True):
                if p.is_file() and p not in self.held:
                    p.unlink()
                elif p.is_dir() and not self._busy(p):
                    p.rmdir()
            if not ignore_errors:
                raise held_error(path)

        monkeypatch.setattr(os, "rename", fake_rename)
        monkeypatch.setattr(os, "replace", fake_replace)
        monkeypatch.setattr(os, "open", fake_open)
        monkeypatch.setattr(shutil, "rmtree", fake_rmtree)

    def hold(self, *paths: Path) -> None:
        self.held |= {_abs(p) for p in paths}

    def release(self) -> None:
        self.held.clear()

    def _busy(self, path: Path) -> bool:
        return any(h == path or path in h.parents for h in self.held)


def _abs(path: str | os.PathLike[str]) -> Path:
    return Path(os.path.abspath(path))
