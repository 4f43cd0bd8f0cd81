"""Names of files and folders as every OS hands them back: one Unicode form, found in any."""

from __future__ import annotations

import unicodedata
from pathlib import Path


def nfc(name: str) -> str:
    """``name`` in Unicode NFC: macOS may hand back a folder's name decomposed (NFD)."""
    return unicodedata.normalize("NFC", name)


def entry(folder: Path, name: str) -> Path:
    """``folder / name``, or the entry of ``folder`` whose name is ``name`` in another Unicode
    form (a folder named on a Mac and copied to Windows or Linux, where "ờ" precomposed and
    "ờ" decomposed are two names). Only a miss lists the folder."""
    path = folder / name
    if path.exists() or not folder.is_dir():
        return path
    wanted = nfc(name)
    for child in folder.iterdir():
        if nfc(child.name) == wanted:
            return child
    return path
