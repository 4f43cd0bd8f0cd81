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


# The Vietnamese alphabet's order: ă, â, đ, ê, ô, ơ, ư are letters of their own (after a, a, d,
# e, o, o, u); the five tones only break ties. Python's own order puts Đ after every ASCII
# letter and folding (fold) puts it among the d's; an office sorts «Dân số» < «Dịch vụ» < «Đất
# đai».
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
# a base letter and a combining breve, circumflex or horn (NFD) make another letter
_LETTERS = {
    ("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô", ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư",
}  # fmt: skip
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # ` ? ~ ' .


def _rank(letter: str) -> int:
    return _ALPHABET.index(letter) if letter in _ALPHABET else 100 + ord(letter)


def collation_key(text: object) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """Sort key in Vietnamese alphabetical order, case-insensitive: letters first, then tones,
    then the text itself (so equal keys still sort the same way every run)."""
    letters: list[str] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFD", str(text).lower()):
        if ch in _TONES and tones:
            tones[-1] = _TONES[ch]
        elif letters and (letters[-1], ch) in _LETTERS:
            letters[-1] = _LETTERS[letters[-1], ch]
        elif unicodedata.category(ch) != "Mn":
            letters.append(ch)
            tones.append(0)
    return tuple(_rank(x) for x in letters), tuple(tones), str(text)
