"""What the analysis annex costs: a whole report with and without it, and how the analysis
scales with the number of dossiers.

Two measurements, each against a baseline of the same run:

1. **run**: ``workbook run`` (HTML, PDF and DOCX) of a ``make_big.py`` unit of ``--report-rows``
   dossiers (12.000: a ward's quarter) with receipt times, as its own process, with the annex
   (the default) and with ``--no-analysis``, ``--repeat`` pairs (alternating which side runs
   first), one warm parsed-input cache for both (the first, cold run is discarded). Wall time
   and CPU time (the process's and its kernel's) are judged **paired**: the median of each
   pair's with/without ratio, since the two runs of a pair share the machine's load of the
   moment. The medians of each side and the fastest run of each are printed too. Goal: the
   annex adds under 10 % to both paired figures.
2. **scale**: in this process, on the parsed workbook of each of ``--sizes``: ``report.build``
   (read from the warm cache, computed, reconciled: the baseline) and the annex's tables
   (``analysis_annex.sections``: one classification of the records and the six tables; its
   charts are drawn in the kernel and cost the same at every size), medians of ``--repeat``.
   Goal: linear, i.e. time per dossier at the largest size no more than at the smallest.

Usage: .venv/bin/python benchmarks/bench_analysis.py [--report-rows 12000]
       [--sizes 12000 200000] [--repeat 15] [--json FILE]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench_judging import median_seconds
from bench_read import clock, source_digest
from make_big import make_workbook

from helpers import analysis_annex, report

BIN = Path(sys.executable).parent
UNIT, QUARTER = "xa-lon", "2026-Q1"
GOAL_ADDED = 0.10


@dataclass
class Timed:
    """One subprocess: wall time, CPU time (its own and its reaped children's: the kernel's
    included), what it printed."""

    seconds: float
    cpu: float
    returncode: int
    stdout: str
    stderr: str


def measure(cmd: list[str], env: dict[str, str]) -> Timed:
    """Run ``cmd``; CPU from wait4, which other load on the machine moves less than wall time."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return Timed(
            seconds,
            usage.ru_utime + usage.ru_stime,
            os.waitstatus_to_exitcode(status),
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )


def run(data: Path, out: Path, env: dict[str, str], *extra: str) -> Timed:
    child = measure(
        [str(BIN / "workbook"), "run", "--unit", UNIT, "--quarter", QUARTER, "--data", str(data),
         "--out", str(out), *extra],
        env=env,
    )  # fmt: skip
    if child.returncode != 0:
        print(child.stderr[-4000:])
        raise SystemExit(f"workbook run {' '.join(extra)} failed (exit {child.returncode})")
    return child


def phases(child: Timed) -> str:
    """The run's own timing line ("Thời gian: …")."""
    found = re.search(r"^Thời gian: (.*)$", child.stdout, re.M)
    return found.group(1) if found else ""


def bench_run(rows: int, root: Path, repeat: int) -> dict:
    data = root / "run-data"
    make_workbook(rows, data / UNIT / f"{QUARTER}.xlsx", receipt_times=True)
    env = {**os.environ, "WORKBOOK_CACHE_DIR": str(root / "cache")}
    run(data, root / "out-warm", env)  # parse once, into the cache both sides use
    with_annex, without = [], []
    for i in range(repeat):
        # each pair in alternating order, so that neither side always runs on a warmer machine
        if i % 2:
            without.append(run(data, root / "out-b", env, "--no-analysis"))
            with_annex.append(run(data, root / "out-a", env))
        else:
            with_annex.append(run(data, root / "out-a", env))
            without.append(run(data, root / "out-b", env, "--no-analysis"))
    on = statistics.median(c.seconds for c in with_annex)
    off = statistics.median(c.seconds for c in without)
    on_cpu = statistics.median(c.cpu for c in with_annex)
    off_cpu = statistics.median(c.cpu for c in without)
    # paired: the median of each pair's ratio. The two runs of a pair ran seconds apart, under
    # the same load, so a noisy neighbour moves both; the medians of each side do not pair them
    pairs = list(zip(with_annex, without, strict=True))
    ratios = [a.seconds / b.seconds - 1 for a, b in pairs]
    ratios_cpu = [a.cpu / b.cpu - 1 for a, b in pairs]
    paired, paired_cpu = statistics.median(ratios), statistics.median(ratios_cpu)
    # the fastest of each side: the run least disturbed by whatever else the machine runs
    best_on, best_off = min(c.seconds for c in with_annex), min(c.seconds for c in without)
    return {
        "with_analysis_best_s": best_on,
        "without_best_s": best_off,
        "added_best": best_on / best_off - 1,
        "rows": rows,
        "repeat": repeat,
        "with_analysis_s": on,
        "without_s": off,
        "added": on / off - 1,
        "with_analysis_cpu_s": on_cpu,
        "without_cpu_s": off_cpu,
        "added_cpu": on_cpu / off_cpu - 1,
        "added_paired": paired,
        "added_cpu_paired": paired_cpu,
        # the spread of the pairs: how far one pair alone could be trusted
        "added_paired_quartiles": quartiles(ratios),
        "added_cpu_paired_quartiles": quartiles(ratios_cpu),
        "pairs": [
            {
                "with_s": a.seconds,
                "without_s": b.seconds,
                "with_cpu_s": a.cpu,
                "without_cpu_s": b.cpu,
            }
            for a, b in pairs
        ],
        "goal_met": paired < GOAL_ADDED and paired_cpu < GOAL_ADDED,
        "phases_with": phases(with_annex[-1]),
        "phases_without": phases(without[-1]),
    }


def quartiles(values: list[float]) -> list[float]:
    """The first and third quartiles of ``values``."""
    q = statistics.quantiles(values, n=4)
    return [q[0], q[2]]


def bench_scale(sizes: list[int], root: Path, repeat: int) -> list[dict]:
    out = []
    for n in sizes:
        data = root / f"scale-{n}"
        make_workbook(n, data / UNIT / f"{QUARTER}.xlsx", receipt_times=True)
        rep = report.build(UNIT, QUARTER, data)  # parses once, into the cache
        analysis_annex.sections(rep)  # its sentences' templates compiled once, as in a run
        build = median_seconds(lambda data=data: report.build(UNIT, QUARTER, data), repeat)
        # the tables (computed once per run: Report.annex) and their formatting, from scratch
        annex = median_seconds(
            lambda rep=rep: analysis_annex.sections(dataclasses.replace(rep)), repeat
        )
        out.append(
            {"rows": n, "build_s": build, "analysis_s": annex, "analysis_over_build": annex / build,
             "analysis_us_per_row": annex / n * 1e6, "build_us_per_row": build / n * 1e6}
        )  # fmt: skip
    first, last = out[0], out[-1]
    for r in out:
        r["per_row_vs_smallest"] = r["analysis_us_per_row"] / first["analysis_us_per_row"]
    last["goal_met"] = last["per_row_vs_smallest"] <= 1.0
    return out


def spread(pair: list[float]) -> str:
    return f"{pair[0]:+.1%} … {pair[1]:+.1%}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report-rows", type=int, default=12_000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[12_000, 200_000])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    started, digest = clock(), source_digest()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ["WORKBOOK_CACHE_DIR"] = str(root / "cache-scale")  # this process's builds
        scale = bench_scale(args.sizes, root, args.repeat)
        for r in scale:
            print(
                f"{r['rows']:>9} rows: build {r['build_s']:.3f} s, "
                f"analysis {r['analysis_s']:.3f} s ({r['analysis_over_build']:.0%} of the build), "
                f"{r['analysis_us_per_row']:.1f} µs a dossier "
                f"({r['per_row_vs_smallest']:.2f}× the smallest size's)"
            )
        whole = bench_run(args.report_rows, root, args.repeat)
        print(
            f"workbook run, {whole['rows']} rows (HTML, PDF, DOCX), {whole['repeat']} pairs: "
            f"added by the annex, paired (median of the pairs' ratios): wall "
            f"+{whole['added_paired']:.1%}, CPU +{whole['added_cpu_paired']:.1%} "
            f"(goal < {GOAL_ADDED:.0%}: {'met' if whole['goal_met'] else 'MISSED'}); "
            f"quartiles of the pairs: wall {spread(whole['added_paired_quartiles'])}, "
            f"CPU {spread(whole['added_cpu_paired_quartiles'])}\n"
            f"  medians: {whole['with_analysis_s']:.2f} s with the annex, "
            f"{whole['without_s']:.2f} s without: +{whole['added']:.1%}; CPU "
            f"{whole['with_analysis_cpu_s']:.2f} s against {whole['without_cpu_s']:.2f} s: "
            f"+{whole['added_cpu']:.1%}; fastest {whole['with_analysis_best_s']:.2f} s against "
            f"{whole['without_best_s']:.2f} s: +{whole['added_best']:.1%}\n"
            f"  with:    {whole['phases_with']}\n  without: {whole['phases_without']}"
        )
    if source_digest() != digest:
        print("WARNING: src/helpers changed while this ran; the figures mix two versions.")
    if args.json:
        payload = {"started": started, "ended": clock(), "run": whole, "scale": scale}
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
