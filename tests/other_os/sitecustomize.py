"""Makes every Python started with this folder on PYTHONPATH behave, where the product can tell,
like one on Windows (or macOS): no POSIX-only modules, Windows' rename rules, new processes
spawned rather than forked. The CLI, its notebook kernels and its batch workers all get it.

Set by the tests (see tests/portable.py), in the environment:
- SIM_OS_LOCKED: paths (os.pathsep-separated) that another program holds open, as Excel does a
  workbook on Windows: opening one fails with a sharing violation.
- SIM_OS_NO_PANGO: "1" to make ``import weasyprint`` fail as it does without Pango.
- SIM_OS_MARKS: a folder where each simulated interpreter leaves a file named by its pid.
"""

import builtins
import io
import multiprocessing
import os
import sys

# POSIX-only calls the product could be tempted by (locks, permissions): importing or calling
# them fails, as on Windows. Libraries keep the rest (they take their Windows branches from
# sys.platform, which this cannot change).
sys.modules["fcntl"] = None  # type: ignore[assignment]  # import fcntl -> ModuleNotFoundError
for _name in ("fchmod", "fchown", "lchmod"):
    if hasattr(os, _name):
        delattr(os, _name)

_rename, _replace, _open, _os_open = os.rename, os.replace, io.open, os.open


def _rename_as_windows(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
    """Windows' rename never lands on an existing file or folder (POSIX replaces a file, and
    an empty folder)."""
    if dst_dir_fd is None and os.path.lexists(dst):
        raise FileExistsError(
            17, "Cannot create a file when that file already exists", os.fspath(src), None,
            os.fspath(dst),
        )  # fmt: skip
    return _rename(src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)


def _replace_as_windows(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
    """Windows' replace moves a file onto a file, never onto a folder."""
    if dst_dir_fd is None and os.path.isdir(dst):
        raise PermissionError(13, "Access is denied", os.fspath(src), None, os.fspath(dst))
    return _replace(src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)


os.rename, os.replace = _rename_as_windows, _replace_as_windows
multiprocessing.set_start_method("spawn", force=True)  # as on Windows and macOS

_LOCKED = {
    os.path.normcase(os.path.abspath(p))
    for p in os.environ.get("SIM_OS_LOCKED", "").split(os.pathsep)
    if p
}


def _sharing_violation(path):
    exc = PermissionError(
        13, "The process cannot access the file because it is being used by another process",
        os.fspath(path),
    )  # fmt: skip
    exc.winerror = 32  # ERROR_SHARING_VIOLATION, as Windows' own calls report it
    return exc


def _is_locked(path):
    try:
        return os.path.normcase(os.path.abspath(os.fspath(path))) in _LOCKED
    except TypeError:  # a file descriptor
        return False


if _LOCKED:

    def _open_locked(file, *args, **kwargs):
        if _is_locked(file):
            raise _sharing_violation(file)
        return _open(file, *args, **kwargs)

    def _os_open_locked(path, flags, mode=0o777, *, dir_fd=None):
        if dir_fd is None and _is_locked(path):
            raise _sharing_violation(path)
        return _os_open(path, flags, mode, dir_fd=dir_fd)

    io.open = builtins.open = _open_locked
    os.open = _os_open_locked


if os.environ.get("SIM_OS_NO_PANGO") == "1":

    class _NoPango:
        """``import weasyprint`` fails as cffi's dlopen does when Pango is not installed."""

        def find_spec(self, name, path=None, target=None):
            if name == "weasyprint":
                raise OSError(
                    "cannot load library 'libpango-1.0-0': error 0x7e (simulated: no Pango)"
                )
            return None

    sys.meta_path.insert(0, _NoPango())

if os.environ.get("SIM_OS_MARKS"):
    with _open(os.path.join(os.environ["SIM_OS_MARKS"], str(os.getpid())), "w") as _fh:
        _fh.write(" ".join(sys.argv))
