"""Render benchmark: `workbook run` (HTML + PDF) against papermill + nbconvert of one cell.

Times, in the same run and each as its own subprocess:
  1. baseline: a notebook with the single code cell `print("xin chào")` executed with the
     `papermill` CLI, then `jupyter nbconvert --to html` (two processes; their sum): the
     least any papermill-based report pays to start a kernel and export HTML;
  2. first: `workbook run --unit phu-lien --quarter 2026-Q1 --format html --format pdf` (the
     sample report) with WORKBOOK_CACHE_DIR set to a fresh empty folder;
  3. repeat: the same command again with the same WORKBOOK_CACHE_DIR, the run a city office
     repeats whenever a ward corrects its data. The goal (≤ 1,2× the baseline) is judged on
     this one; the first run is printed too.
Each is measured --repeat times (default 3), interleaved so that a busy machine slows all
three alike, and the median is reported; ratios are ours / baseline from the same run.
`workbook run` prints its own phase timings ("Thời gian: ..."), which are shown as well.

Usage: .venv/bin/python benchmarks/bench_render.py [--repeat N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import nbformat
from bench_read import Child, clock, measure, source_digest

from helpers import config

BIN = Path(sys.executable).parent
UNIT, QUARTER = "phu-lien", "2026-Q1"
GOAL_RATIO = 1.2
TIMING_PREFIX = "Thời gian:"


def write_notebook(path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell('print("xin chào")'))
    # papermill refuses a notebook without a kernel name; python3 is the venv's own kernel
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nbformat.write(nb, path)


def checked(child: Child, what: str) -> Child:
    if child.returncode != 0:
        print(f"\n{what} failed (exit {child.returncode}) after {child.seconds:.1f} s")
        print("--- stdout (end) ---\n" + child.stdout[-4000:])
        print("--- stderr ---\n" + child.stderr[-8000:])
        raise SystemExit(2)
    return child


def baseline(tmp: Path) -> tuple[float, float, float]:
    """(papermill s, nbconvert s, peak MB of the two) for the one-cell notebook."""
    write_notebook(tmp / "in.ipynb")
    papermill = checked(
        measure([str(BIN / "papermill"), "in.ipynb", "out.ipynb"], cwd=tmp), "papermill"
    )
    nbconvert = checked(
        measure([str(BIN / "jupyter"), "nbconvert", "--to", "html", "out.ipynb"], cwd=tmp),
        "jupyter nbconvert",
    )
    if not (tmp / "out.html").is_file():
        raise SystemExit("nbconvert wrote no out.html")
    return papermill.seconds, nbconvert.seconds, max(papermill.peak_mb, nbconvert.peak_mb)


def ours(out: Path, cache: Path, what: str) -> tuple[Child, str]:
    """One `workbook run`, and its "Thời gian: ..." line."""
    env = {**os.environ, "WORKBOOK_CACHE_DIR": str(cache)}
    cmd = [
        str(BIN / "workbook"),
        "run",
        "--unit",
        UNIT,
        "--quarter",
        QUARTER,
        "--format",
        "html",
        "--format",
        "pdf",
        "--out",
        str(out),
    ]
    child = checked(measure(cmd, env=env), what)
    folder = out / UNIT / QUARTER
    for name in (config.HTML_FILE, config.PDF_FILE):
        if not (folder / name).is_file():  # a PDF left out (no Pango) would flatter the time
            raise SystemExit(f"{what}: {name} missing in {folder}")
    timing = next(
        (line for line in child.stdout.splitlines() if line.startswith(TIMING_PREFIX)), ""
    )
    return child, timing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="runs of each (median)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results here")
    args = parser.parse_args()

    started = datetime.now().astimezone()
    digest = source_digest()
    print(
        f"Started {started:%Y-%m-%d %H:%M:%S %Z} on {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; src/helpers {digest}"
    )
    runs: list[dict] = []
    for i in range(1, args.repeat + 1):
        with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
            root = Path(tmp)
            (root / "nb").mkdir()
            pm, nbc, base_mb = baseline(root / "nb")
            cache = root / "cache"
            cache.mkdir()  # fresh and empty: the first run fills it
            first, first_timing = ours(root / "out", cache, "first `workbook run`")
            cached = sum(1 for p in cache.rglob("*") if p.is_file())
            repeat, repeat_timing = ours(root / "out", cache, "repeated `workbook run`")
        run = {
            "finished": clock(),
            "papermill_s": pm,
            "nbconvert_s": nbc,
            "baseline_s": pm + nbc,
            "baseline_peak_mb": base_mb,
            "first_s": first.seconds,
            "first_peak_mb": first.peak_mb,
            "first_timing": first_timing,
            "cache_files_after_first": cached,
            "repeat_s": repeat.seconds,
            "repeat_peak_mb": repeat.peak_mb,
            "repeat_timing": repeat_timing,
        }
        runs.append(run)
        print(
            f"[{run['finished']}] run {i}: baseline {pm:.2f} + {nbc:.2f} = {pm + nbc:.2f} s; "
            f"first {first.seconds:.2f} s; repeat {repeat.seconds:.2f} s; "
            f"cache after first: {cached} files",
            flush=True,
        )
        print(f"    first:  {first_timing}")
        print(f"    repeat: {repeat_timing}", flush=True)

    def med(key: str) -> float:
        return statistics.median(r[key] for r in runs)

    base, first_s, repeat_s = med("baseline_s"), med("first_s"), med("repeat_s")
    print()
    print(f"Medians of {args.repeat} runs (wall seconds of the child processes)")
    print(f"{'':58} {'s':>7} {'ours/base':>10} {'peak MB':>8}")
    print(
        f"{'baseline: papermill + nbconvert --to html, one cell':58} {base:7.2f} {1:10.2f} "
        f"{med('baseline_peak_mb'):8.0f}"
    )
    print(f"{'  of which papermill':58} {med('papermill_s'):7.2f}")
    print(f"{'  of which nbconvert':58} {med('nbconvert_s'):7.2f}")
    print(
        f"{'workbook run, HTML + PDF, first (empty cache)':58} {first_s:7.2f} "
        f"{first_s / base:10.2f} {med('first_peak_mb'):8.0f}"
    )
    print(
        f"{'workbook run, HTML + PDF, repeat (cache filled)':58} {repeat_s:7.2f} "
        f"{repeat_s / base:10.2f} {med('repeat_peak_mb'):8.0f}"
    )
    ok = repeat_s / base <= GOAL_RATIO
    print()
    print(
        f"Goal: repeat run ≤ {GOAL_RATIO:.1f}× baseline: {repeat_s / base:.2f}× "
        f"{'ok' if ok else 'MISSED'} (first run: {first_s / base:.2f}×)"
    )
    if source_digest() != digest:
        print("WARNING: src/helpers changed during the run; the runs used different code")
    finished = datetime.now().astimezone()
    print(f"Finished {finished:%H:%M:%S} ({(finished - started).total_seconds() / 60:.1f} min)")
    if args.json:
        payload = {
            "started": started.isoformat(timespec="seconds"),
            "finished": finished.isoformat(timespec="seconds"),
            "cores": os.cpu_count(),
            "goal_ratio": GOAL_RATIO,
            "median": {"baseline_s": base, "first_s": first_s, "repeat_s": repeat_s},
            "ratio": {"first": first_s / base, "repeat": repeat_s / base, "repeat_ok": ok},
            "runs": runs,
        }
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        print(f"Results written to {args.json}")


if __name__ == "__main__":
    main()
