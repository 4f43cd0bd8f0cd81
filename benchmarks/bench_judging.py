"""What judging adds to computing the figures: the service-index counts from the records, the
estimate and the targets, against the figures without them, in the same process.

Usage: .venv/bin/python benchmarks/bench_judging.py [--sizes 12000 200000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from make_big import make_workbook

from helpers import indicators, service_index, targets
from helpers.io import read_workbook


def median_seconds(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def without_judging() -> Callable[[], None]:
    """Switch the judging off inside ``indicators.compute``; returns the undo."""
    saved = indicators.service_counts, service_index.estimate, targets.judge
    indicators.service_counts = lambda wb, flags: {}
    service_index.estimate = lambda figures: service_index.Estimate(())
    targets.judge = lambda wb, figures: []

    def undo() -> None:
        indicators.service_counts, service_index.estimate, targets.judge = saved

    return undo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[12_000, 200_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            wb = read_workbook(make_workbook(n, Path(tmp) / f"{n}" / "2026-Q1.xlsx"))
            full = median_seconds(lambda wb=wb: indicators.compute(wb), args.repeat)
            undo = without_judging()
            try:
                base = median_seconds(lambda wb=wb: indicators.compute(wb), args.repeat)
            finally:
                undo()
            print(
                f"{n:>9} rows: figures {base:.3f} s, with the judging {full:.3f} s "
                f"({full / base:.2f}×, +{(full - base) * 1000:.0f} ms)"
            )


if __name__ == "__main__":
    main()
