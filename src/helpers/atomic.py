"""Writes that never leave half a file or half an output folder behind, on any OS."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

from helpers.office import OutputInUse, held_by_another, held_files

with warnings.catch_warnings():
    # filelock locks with fcntl on POSIX and msvcrt on Windows. A POSIX Python without fcntl
    # (the tests simulate one) gets its lock-file fallback, which also breaks the lock of a
    # process that died, and a warning at import that tells the user nothing.
    warnings.simplefilter("ignore")
    import filelock

# Windows refuses to replace or rename a file that another program has open; an antivirus
# scan or the search indexer opens a new file for a moment, so a refusal is tried again
# before it is taken as a program the user has to close (~1,5 s in all).
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8)

# Files and folders are created with the widest mode (0o666, 0o777), which POSIX narrows by
# the umask as for any file the user makes (outputs are meant to be shared); Windows has no
# modes, and a new file there takes the folder's permissions. Nothing is chmod-ed afterwards.
_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _retrying(action: Callable[[Path, Path], None], src: Path, dst: Path) -> None:
    for delay in (*RETRY_DELAYS, None):
        try:
            action(src, dst)
            return
        except PermissionError as exc:
            if delay is None or not held_by_another(exc):
                raise
            time.sleep(delay)


def _new_file(path: Path) -> tuple[int, Path]:
    """A new, empty, hidden file beside ``path`` (same folder, so a rename publishes it)."""
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, _FILE_FLAGS, 0o666), tmp
        except FileExistsError:
            continue


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    OutputInUse when ``path`` stays open in another program (Windows); it is then unchanged.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _new_file(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            _retrying(os.replace, tmp, path)
        except PermissionError as exc:
            if held_by_another(exc):
                raise OutputInUse(path) from None
            raise
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return path


def write_text(path: Path, text: str) -> Path:
    return write_bytes(path, text.encode("utf-8"))


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing) for the block's duration.

    The OS releases it when the holder dies (kill -9, power cut), so no stale lock remains.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with filelock.FileLock(path):
        yield


def staging_dir(final: Path) -> Path:
    """A fresh hidden folder beside ``final`` (same file system, so a rename publishes it)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    while True:
        folder = final.with_name(f".{final.name}.dang-tao-{secrets.token_hex(4)}")
        try:
            folder.mkdir(mode=0o777)
            return folder
        except FileExistsError:
            continue


@contextlib.contextmanager
def building(
    final: Path, on_failure: Callable[[Path, BaseException], None] | None = None
) -> Iterator[Path]:
    """Lock ``final``'s folder, finish a publication an earlier run left half done, and
    yield a fresh staging folder; when the block ends, publish it as ``final``. On any
    exception (Ctrl-C too) ``on_failure(staging, exc)`` sees the staging folder (to keep
    what is worth inspecting), then it is removed and the exception goes on: ``final`` is
    always the last complete set. The lock is ``.<name>.khoa`` beside ``final``, so two runs
    of one report wait for each other and runs of different reports do not.
    """
    with locked(final.with_name(f".{final.name}.khoa")):
        recover(final)
        staging = staging_dir(final)
        try:
            yield staging
            publish(staging, final)
        except BaseException as exc:
            if on_failure is not None:
                on_failure(staging, exc)
            shutil.rmtree(staging, ignore_errors=True)
            raise


def publish(staging: Path, final: Path) -> None:
    """Replace ``final`` with ``staging`` so that ``final`` is always a complete set.

    The old folder is renamed aside, the new one renamed in, then the old one deleted: no
    rename ever lands on an existing folder, which Windows refuses. When a file of the old set
    is open in another program (Windows will not move it), OutputInUse names it and the old
    set stays. If the process dies between the two renames, :func:`recover` puts the old
    folder back.
    """
    old = _old(final)
    if old.exists():
        _remove(old)
    moved = False
    if final.exists():
        try:
            _retrying(os.rename, final, old)
        except PermissionError as exc:
            if held_by_another(exc):
                raise OutputInUse(final, held_files(final)) from None
            raise
        moved = True
    try:
        _retrying(os.rename, staging, final)
    except BaseException as exc:
        if moved:  # the last good set goes back
            os.rename(old, final)
        if held_by_another(exc):  # a new file still held (an antivirus scanning it)
            raise OutputInUse(final, held_files(staging)) from None
        raise
    shutil.rmtree(old, ignore_errors=True)  # a file still held there goes with recover()


def recover(final: Path) -> None:
    """Undo what a run killed outright (kill -9, power cut) left beside ``final``.

    Call it holding the lock of ``final``: a publication interrupted between its two renames
    is undone, and staging folders are removed, since every live one belongs to the lock's
    holder and a run cleans its own on any error it can catch.
    """
    old = _old(final)
    if old.exists() and not final.exists():
        os.rename(old, final)
    elif old.exists():
        shutil.rmtree(old, ignore_errors=True)
    if final.parent.is_dir():
        for stale in final.parent.glob(f".{final.name}.dang-tao-*"):
            shutil.rmtree(stale, ignore_errors=True)


def _old(final: Path) -> Path:
    return final.with_name(f".{final.name}.cu")


def _remove(folder: Path) -> None:
    """Delete ``folder``; OutputInUse when a file in it is held open (Windows)."""
    shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        raise OutputInUse(folder, held_files(folder))
