"""Writes that never leave half a file or half an output folder behind."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are meant to be shared
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return path


def write_text(path: Path, text: str) -> Path:
    return write_bytes(path, text.encode("utf-8"))


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing) for the block's duration."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def staging_dir(final: Path) -> Path:
    """A fresh hidden folder beside ``final`` (same file system, so a rename publishes it)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{final.name}.dang-tao-", dir=final.parent))
    folder.chmod(0o777 & ~_umask())
    return folder


def publish(staging: Path, final: Path) -> None:
    """Replace ``final`` with ``staging`` so that ``final`` is always a complete set.

    The old folder is renamed aside, the new one renamed in, then the old one deleted. If the
    process dies between the two renames, :func:`recover` puts the old folder back.
    """
    old = final.with_name(f".{final.name}.cu")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        os.rename(final, old)
    os.rename(staging, final)
    shutil.rmtree(old, ignore_errors=True)


def recover(final: Path) -> None:
    """Undo what a run killed outright (kill -9, power cut) left beside ``final``.

    Call it holding the lock of ``final``: a publication interrupted between its two renames
    is undone, and staging folders are removed, since every live one belongs to the lock's
    holder and a run cleans its own on any error it can catch.
    """
    old = final.with_name(f".{final.name}.cu")
    if old.exists() and not final.exists():
        os.rename(old, final)
    elif old.exists():
        shutil.rmtree(old, ignore_errors=True)
    if final.parent.is_dir():
        for stale in final.parent.glob(f".{final.name}.dang-tao-*"):
            shutil.rmtree(stale, ignore_errors=True)
