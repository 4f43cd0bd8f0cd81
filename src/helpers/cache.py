"""Parsed workbooks kept on disk (Parquet), so an unchanged workbook is never parsed twice.

An entry is keyed by the SHA-256 of the file's bytes, the quarter it is read for, and the
reader's version: a hash of the source of every module that shapes what the reader returns,
and of the versions of the libraries it reads and stores with. Any changed cell, any change to
the reader or the contract, gives a different key, so a stale entry is never read; old entries
are simply not used any more (``workbook cache --clear`` removes them). Only workbooks that
read without a contract problem are kept; tables are Parquet, the rest JSON.

`workbook check` also remembers its output, keyed by everything it depends on (the file, the
previous quarter's file beside it, the package's source, the libraries): a city office that
re-checks a hundred wards after one corrected its file waits for that one only.

Entries are written to a temporary folder and renamed into place, so a reader never sees half
an entry, and two processes storing the same workbook at once both succeed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from helpers import config
from helpers.discovery import previous_file

if TYPE_CHECKING:  # imported where used: `workbook check` answered from the cache needs no pandas
    import pandas as pd

ENV_VAR = "WORKBOOK_CACHE_DIR"  # where the cache lives, when not in outputs/.cache
_META = "workbook.json"
_HASH_BLOCK = 1 << 20
# every module that shapes what read_workbook returns
_READER_MODULES = (
    "io",
    "discovery",
    "sniff",
    "xmlscan",
    "sheets",
    "records",
    "office",
    "paths",
    "slices",
    "parsing",
    "contract",
    "text",
    "periods",
    "cache",
)
_LIBRARIES = ("pandas", "pyarrow", "python-calamine", "numpy")
_OUTPUT_LIBRARIES = (*_LIBRARIES, "babel", "jinja2")
_CHECKS = "kiem-tra"  # sub-folder of remembered `workbook check` outputs


def default_dir() -> Path:
    """``$WORKBOOK_CACHE_DIR`` when set, else ``outputs/.cache/doc``."""
    env = os.environ.get(ENV_VAR)
    return Path(env).expanduser() if env else config.CACHE_DIR


def reader_version() -> str:
    """A hash of the reader's source and of the libraries it depends on."""
    return source_hash([f"{m}.py" for m in _READER_MODULES], _LIBRARIES)


def source_hash(files: Sequence[str] | None = None, libraries: Sequence[str] = ()) -> str:
    """A hash of the package's source, read from disk without importing it: ``files`` (paths
    inside the package) or every file (templates too), and the ``libraries``' versions.

    The one definition behind every "has the code changed" question: the parsed-input cache
    (the reader's modules), remembered checks (every module) and batch runs (everything).
    """
    here = Path(__file__).parent
    if files is None:
        files = sorted(
            p.relative_to(here).as_posix()
            for p in here.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        )
    h = hashlib.sha256()
    for name in files:
        h.update(name.encode() + b"\0" + (here / name).read_bytes())
    for lib in libraries:
        try:
            h.update(f"{lib}={metadata.version(lib)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib}=none".encode())
    return h.hexdigest()[:16]


def file_hash(path: Path) -> str:
    """SHA-256 of the file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(_HASH_BLOCK):
            h.update(block)
    return h.hexdigest()


def entry_key(path: Path, quarter: object = None) -> str:
    """The key of a workbook's entry: content, expected quarter and reader version."""
    h = hashlib.sha256()
    h.update(file_hash(path).encode())
    h.update(f"|{quarter or ''}|{reader_version()}".encode())
    return h.hexdigest()[:32]


@dataclass
class Entry:
    """What a workbook's read produced, as stored."""

    info: dict[str, object]
    tables: dict[str, pd.DataFrame]
    sheet_names: dict[str, str]
    headers: dict[str, dict[str, str]]
    ignored_personal: dict[str, list[str]]


def load(folder: Path, key: str) -> Entry | None:
    """The entry stored under ``key``, or None (absent, or unreadable: then it is removed)."""
    entry_dir = folder / key
    meta_path = entry_dir / _META
    if not meta_path.is_file():
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        tables = {name: _read_table(entry_dir, name, spec) for name, spec in meta["tables"].items()}
        return Entry(
            info={k: _from_json(v) for k, v in meta["info"].items()},
            tables=tables,
            sheet_names=meta["sheet_names"],
            headers=meta["headers"],
            ignored_personal=meta["ignored_personal"],
        )
    except Exception:  # a damaged entry (disk full, edited by hand): read the workbook again
        shutil.rmtree(entry_dir, ignore_errors=True)
        return None


def store(folder: Path, key: str, entry: Entry) -> None:
    """Store an entry; a failure to write it only costs a parse next time."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=folder))
    except OSError:
        return
    try:
        specs = {name: _write_table(tmp, name, table) for name, table in entry.tables.items()}
        meta = {
            "info": {k: _to_json(v) for k, v in entry.info.items()},
            "tables": specs,
            "sheet_names": entry.sheet_names,
            "headers": entry.headers,
            "ignored_personal": entry.ignored_personal,
        }
        (tmp / _META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, folder / key)  # an empty or same-named folder is replaced atomically
    except OSError:  # another process stored the same entry first: keep theirs
        pass
    except (TypeError, ValueError, ImportError):  # a value it cannot hold: not cached
        pass
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def clear(folder: Path | None = None) -> int:
    """Remove every entry and remembered check; returns how many workbooks there were."""
    folder = folder or default_dir()
    count = size(folder)[0]
    if folder.is_dir():
        for p in folder.iterdir():
            if p.is_dir():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)
    return count


def size(folder: Path | None = None) -> tuple[int, int]:
    """(workbooks, bytes) held in the cache, remembered checks included in the bytes."""
    folder = folder or default_dir()
    if not folder.is_dir():
        return 0, 0
    entries = [
        p
        for p in folder.iterdir()
        if p.is_dir() and not p.name.startswith(".") and p.name != _CHECKS
    ]
    total = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    return len(entries), total


# --- `workbook check` outputs ---------------------------------------------------------------


def check_key(path: Path, mode: str) -> str | None:
    """Key of a `workbook check` output: the file, the previous quarter's file beside it (the
    cumulative checks compare with it), every module of the package, the libraries and the
    output ``mode``. None when the file cannot be read (the check itself says why)."""
    try:
        h = hashlib.sha256(f"{mode}|{file_hash(path)}|".encode())
        before = previous_file(path)
        if before is not None:
            h.update(f"{before.suffix}:{file_hash(before)}".encode())
        package = sorted(p.name for p in Path(__file__).parent.glob("*.py"))
        h.update(source_hash(package, _OUTPUT_LIBRARIES).encode())
    except OSError:
        return None
    return h.hexdigest()[:32]


def load_output(key: str, folder: Path | None = None) -> tuple[int, str] | None:
    """(exit code, text) of a check run before on the same inputs, or None."""
    path = (folder or default_dir()) / _CHECKS / f"{key}.json"
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        return int(saved["exit_code"]), str(saved["text"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store_output(key: str, exit_code: int, text: str, folder: Path | None = None) -> None:
    """Remember a check's output; a failure to write only costs a check next time."""
    target = (folder or default_dir()) / _CHECKS
    try:
        target.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{key}.", dir=target)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"exit_code": exit_code, "text": text}, fh, ensure_ascii=False)
        os.replace(tmp, target / f"{key}.json")
    except OSError:
        pass


# --- tables --------------------------------------------------------------------------------


def _write_table(folder: Path, name: str, table: pd.DataFrame) -> dict[str, object]:
    """The table as Parquet; object columns of mixed values (thong_tin.gia_tri: text, dates,
    numbers) go beside it as tagged JSON, which keeps each value's type."""
    import pandas as pd

    dtypes = {col: str(dtype) for col, dtype in table.dtypes.items()}
    text, mixed = [], {}
    for col, dtype in table.dtypes.items():
        if not pd.api.types.is_object_dtype(dtype):
            continue
        if pd.api.types.infer_dtype(table[col], skipna=True) in ("string", "empty"):
            text.append(col)
        else:
            mixed[col] = [_to_json(v) for v in table[col]]
    table.drop(columns=list(mixed)).to_parquet(
        folder / f"{name}.parquet", index=False, engine="pyarrow"
    )
    return {"dtypes": dtypes, "text": text, "mixed": mixed}


def _read_table(folder: Path, name: str, spec: dict) -> pd.DataFrame:
    import pandas as pd

    table = pd.read_parquet(folder / f"{name}.parquet", engine="pyarrow")
    for col in spec["text"]:  # back to the reader's object columns, None for a blank cell
        values = table[col].astype(object)
        table[col] = values.where(values.notna(), None)
    for col, values in spec["mixed"].items():
        table[col] = pd.Series([_from_json(v) for v in values], index=table.index, dtype=object)
    table = table[list(spec["dtypes"])]
    for col, dtype in spec["dtypes"].items():
        if str(table[col].dtype) != dtype:
            table[col] = table[col].astype(dtype)
    return table


def _to_json(value: object) -> object:
    """A JSON value that says its type; TypeError for a value the cache does not hold."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if value != value else {"float": value}  # 1.0 stays a float
    if isinstance(value, dt.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _from_json(value: object) -> object:
    if isinstance(value, dict):
        if "float" in value:
            return float(value["float"])
        if "datetime" in value:
            return dt.datetime.fromisoformat(value["datetime"])
        if "date" in value:
            return dt.date.fromisoformat(value["date"])
    return value
