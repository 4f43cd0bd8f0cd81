"""The service index of Decision 766/QĐ-TTg, estimated from the unit's own figures.

Each indicator's weight, its numerator and denominator (figure keys), and the share that earns
full marks are rows of ``data/chi_so_766.csv``, with their source: thresholds there are of
medium confidence and change by decision, so they are data, not code. An indicator whose
figures the data lacks (or whose denominator is zero) is "không có số liệu": never 0 points.
The estimate is a pure function of the figures, so a period's estimate is recomputed from its
summed counts like every other rate.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from helpers import rates

Figures = dict[str, int | float]
TABLE = Path(__file__).resolve().parent / "data" / "chi_so_766.csv"
MAXIMUM = 100.0  # the index's scale
PREFIX = "chi_so_766"


@dataclass(frozen=True)
class Indicator:
    """One row of the index's table."""

    nhom: str  # group key (tien_do, dvc …)
    nhom_ten: str  # group name as the decision writes it
    nhom_toi_da: float  # the group's points
    ma: str  # indicator key
    ten: str  # indicator name
    diem_toi_da: float  # the indicator's points
    tu_so: tuple[str, ...]  # figures summed into the numerator (empty: portal data only)
    mau_so: tuple[str, ...]  # figures summed into the denominator
    bu: bool  # the indicator is 1 − numerator/denominator (an overdue share, say)
    day_du_tu: float | None  # the share that earns full marks; None: points grow linearly
    nguon: str  # where the weight and threshold come from

    @property
    def full_at(self) -> float:
        return 1.0 if self.day_du_tu is None else self.day_du_tu


@dataclass(frozen=True)
class Score:
    """An indicator as the unit's figures measure it."""

    indicator: Indicator
    tu_so: float | None
    mau_so: float | None
    missing: tuple[str, ...] = ()  # the figures it needs that the data lacks

    @property
    def rate(self) -> float | None:
        """The indicator's share (1 − share for a complement); None without data."""
        share = rates.ratio(self.tu_so, self.mau_so)
        if share is None:
            return None
        return 1 - share if self.indicator.bu else share

    @property
    def measured(self) -> bool:
        return self.rate is not None

    @property
    def points(self) -> float | None:
        rate = self.rate
        if rate is None:
            return None
        ind = self.indicator
        return ind.diem_toi_da * min(1.0, max(0.0, rate / ind.full_at))

    @property
    def lost(self) -> float | None:
        points = self.points
        return None if points is None else self.indicator.diem_toi_da - points

    @property
    def to_full(self) -> int | None:
        """How many more dossiers (procedures …) the numerator needs for full marks; for a
        complement, how many fewer."""
        if self.rate is None:
            return None
        ind, num, den = self.indicator, self.tu_so, self.mau_so
        if ind.bu:
            return rates.excess(1 - ind.full_at, den, num)  # type: ignore[arg-type]
        return rates.needed(ind.full_at, den, num)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Estimate:
    """Every indicator of the index, measured where the figures allow."""

    scores: tuple[Score, ...]

    @property
    def reached(self) -> float:
        """Points earned over the indicators the data measures."""
        return sum(s.points for s in self.scores if s.points is not None)

    @property
    def measurable(self) -> float:
        """Points the data could measure (the y of "x/y điểm có số liệu")."""
        return sum(s.indicator.diem_toi_da for s in self.scores if s.measured)

    @property
    def maximum(self) -> float:
        return sum(s.indicator.diem_toi_da for s in self.scores)

    def weakest(self, n: int = 3) -> list[Score]:
        """The measured indicators that lose most points, most first (none at full marks)."""
        losing = [s for s in self.scores if s.lost is not None and s.lost > 1e-9]
        return sorted(losing, key=lambda s: -s.lost)[:n]  # type: ignore[operator]

    def groups(self) -> list[tuple[str, str, float, list[Score]]]:
        """(group key, name, points, scores) in the table's order."""
        out: dict[str, tuple[str, str, float, list[Score]]] = {}
        for s in self.scores:
            i = s.indicator
            out.setdefault(i.nhom, (i.nhom, i.nhom_ten, i.nhom_toi_da, []))[3].append(s)
        return list(out.values())


def _keys(cell: str) -> tuple[str, ...]:
    return tuple(k.strip() for k in cell.split("+") if k.strip())


@functools.cache
def table(path: Path = TABLE) -> tuple[Indicator, ...]:
    """The index's indicators; ValueError when the table's points do not add up."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    indicators = tuple(
        Indicator(
            nhom=r["nhom"],
            nhom_ten=r["nhom_ten"],
            nhom_toi_da=float(r["nhom_toi_da"]),
            ma=r["ma"],
            ten=r["ten"],
            diem_toi_da=float(r["diem_toi_da"]),
            tu_so=_keys(r["tu_so"]),
            mau_so=_keys(r["mau_so"]),
            bu=r["bu"].strip() == "1",
            day_du_tu=float(r["day_du_tu"]) if r["day_du_tu"].strip() else None,
            nguon=r["nguon"],
        )
        for r in rows
    )
    for nhom in dict.fromkeys(i.nhom for i in indicators):
        members = [i for i in indicators if i.nhom == nhom]
        if abs(sum(i.diem_toi_da for i in members) - members[0].nhom_toi_da) > 1e-9:
            raise ValueError(f"{path.name}: the points of group {nhom} do not add up")
    if abs(sum(i.diem_toi_da for i in indicators) - MAXIMUM) > 1e-9:
        raise ValueError(f"{path.name}: the indicators do not add up to {MAXIMUM:g} points")
    return indicators


def estimate(figures: Figures, indicators: tuple[Indicator, ...] | None = None) -> Estimate:
    """The index as the figures measure it."""
    scores = []
    for ind in indicators or table():
        measurable = bool(ind.tu_so and ind.mau_so)
        num = rates.total(figures, ind.tu_so) if measurable else None
        den = rates.total(figures, ind.mau_so) if measurable else None
        lacking = tuple(k for k in ind.tu_so + ind.mau_so if k not in figures)
        scores.append(Score(ind, num, den, lacking))
    return Estimate(tuple(scores))


def figures(est: Estimate) -> Figures:
    """``chi_so_766.*`` keys of ``chi-so.json``: each measured indicator's rate and points,
    the points reached and the points the data could measure."""
    out: Figures = {
        f"{PREFIX}.diem": est.reached,
        f"{PREFIX}.diem_co_so_lieu": est.measurable,
        f"{PREFIX}.toi_da": est.maximum,
    }
    for s in est.scores:
        if s.measured:
            out[f"{PREFIX}.{s.indicator.ma}.ty_le"] = s.rate  # type: ignore[assignment]
            out[f"{PREFIX}.{s.indicator.ma}.diem"] = s.points  # type: ignore[assignment]
    ratio = rates.ratio(est.reached, est.measurable)
    if ratio is not None:
        out[f"{PREFIX}.ty_le_diem"] = ratio
    return out
