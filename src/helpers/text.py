"""Text keys: Vietnamese headers and names folded to comparable, diacritic-free forms."""

from __future__ import annotations

import re
import unicodedata

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics (đ/Đ become d)."""
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn").lower()


def normalize_key(text: object) -> str:
    """Key that ignores case, spaces, underscores, punctuation and diacritics.

    ``Mã hồ sơ``, ``ma_ho_so``, ``MA HO SO`` and ``MaHoSo`` all give ``mahoso``.
    """
    return _NOT_ALNUM.sub("", fold(str(text)))


def slug(text: object) -> str:
    """snake_case ASCII identifier: ``Bộ Tài chính`` gives ``bo_tai_chinh``."""
    return _NOT_ALNUM.sub("_", fold(str(text))).strip("_")
