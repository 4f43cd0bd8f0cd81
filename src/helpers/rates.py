"""Every rate's definition: which counts it divides, and the one ``ratio`` that divides them.

A rate is the sum of its numerator's figures over the sum of its denominator's. Targets use
the parts to say how many are still missing ("còn thiếu 17.716 tài khoản"); the service index
and the period roll-ups recompute rates from summed counts, never by averaging rates.
"""

from __future__ import annotations

import math

from helpers import contract as c

Figures = dict[str, int | float]
Parts = tuple[tuple[str, ...], tuple[str, ...]]  # (numerator keys, denominator keys)

# Rates derived from the contract's own figures (chi_so rows add ``chi_so.<ma>.ty_le``).
PARTS: dict[str, Parts] = {
    "ho_so.ty_le_truc_tuyen": (("ho_so.truc_tuyen",), ("ho_so.tiep_nhan",)),
    "ho_so.ty_le_dung_han": (("ho_so.truoc_han", "ho_so.dung_han"), ("ho_so.da_giai_quyet",)),
    "ho_so.chi_so_tien_do": (
        ("ho_so.truoc_han", "ho_so.dung_han", "ho_so.dang_trong_han"),
        ("ho_so.ky_truoc_chuyen_sang", "ho_so.tiep_nhan"),
    ),
    "ho_so.ty_le_so_hoa": (("ho_so.so_hoa",), ("ho_so.da_giai_quyet",)),
    "thu_tuc.ty_le_truc_tuyen": (("thu_tuc.truc_tuyen",), ("thu_tuc.tong",)),
    **{
        f"thu_tuc.ty_le_{level}": ((f"thu_tuc.{level}",), ("thu_tuc.tong",))
        for level in c.MUC_DO_THU_TUC
    },
    **{
        f"chi_tieu.{kind}.ty_le_hoan_thanh": (
            (f"chi_tieu.{kind}.hoan_thanh",),
            (f"chi_tieu.{kind}.tong",),
        )
        for kind in c.LOAI_CHI_TIEU
    },
}


def ratio(num: float | None, den: float | None) -> float | None:
    """num/den, or None when either is missing or den is zero."""
    if num is None or den is None or den == 0:
        return None
    if isinstance(num, float) and math.isnan(num) or isinstance(den, float) and math.isnan(den):
        return None
    return num / den


def is_rate(key: str) -> bool:
    """Whether the figure ``key`` is a fraction 0–1 rather than a count."""
    last = key.rsplit(".", 1)[-1]
    return last.startswith("ty_le") or last == "chi_so_tien_do"


def parts(key: str) -> Parts | None:
    """The counts a rate divides, or None for a count or a rate only declared."""
    if key in PARTS:
        return PARTS[key]
    if key.startswith("chi_so.") and key.endswith(".ty_le"):
        base = key.removesuffix(".ty_le")
        return (base,), (f"{base}.mau_so",)
    return None


def total(figures: Figures, keys: tuple[str, ...]) -> float | None:
    """The sum of ``keys`` in ``figures``; None when any of them is missing."""
    values = [figures.get(k) for k in keys]
    if any(v is None for v in values):
        return None
    return sum(values)  # type: ignore[arg-type]


def needed(share: float, den: float, num: float) -> int:
    """How many more of the numerator reach ``share`` of ``den`` (0 when already reached)."""
    return max(0, math.ceil(share * den - 1e-9) - int(num))


def excess(share: float, den: float, num: float) -> int:
    """How many of the numerator must go for it to stay within ``share`` of ``den``."""
    return max(0, int(num) - math.floor(share * den + 1e-9))
