"""Read benchmark: `workbook check` on big `ho_so` sheets against pandas.read_excel (openpyxl).

For each size, builds a contract workbook with that many dossier rows (make_big.py, the Mẫu
An sample's rows cycled; the generation time is printed, not compared), then times, in the
same run and each as its own subprocess, so that interpreter start and imports count on
both sides, with that child's wall time and peak RSS (os.wait4):
  1. baseline: `python -c` importing pandas and reading the `ho_so` sheet alone with
     `pandas.read_excel(..., engine="openpyxl")`;
  2. cold: `workbook check FILE` (read, validate, reconcile) with WORKBOOK_CACHE_DIR set to a
     fresh empty folder;
  3. warm: the same command again with the same WORKBOOK_CACHE_DIR (filled by the cold run):
     answered from the remembered output (helpers.cache), without loading pandas;
  4. parsed: the same again after removing the remembered outputs (kiem-tra/), so that only
     the parsed-input cache helps: the workbook is loaded from Parquet and reconciled.
Speed-ups are baseline / ours from the same run. Goals: cold ≥ 6×, warm ≥ 50×, and peak
memory of `workbook check` under 1024 MB at 1.000.000 rows.

Usage: .venv/bin/python benchmarks/bench_read.py [--sizes 10000 50000 200000 1000000]
       [--no-baseline-above N] [--json FILE]
The openpyxl baseline at 1.000.000 rows takes minutes and gigabytes; --no-baseline-above
200000 skips it (and the speed-ups above that size) for a quick run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from make_big import make_workbook

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
QUARTER_FILE = "2026-Q1.xlsx"  # a quarter's name, so `check` reads it as that quarter's file
DEFAULT_SIZES = [10_000, 50_000, 200_000, 1_000_000]
GOAL_COLD = 6.0
GOAL_WARM = 50.0
GOAL_PEAK_MB = 1024.0
GOAL_PEAK_ROWS = 1_000_000
CHECK_OK = (0, 1)  # 1 = reconciliation findings: expected, the aggregate sheets are not rescaled

BASELINE_CODE = (
    "import sys, pandas; "
    "df = pandas.read_excel(sys.argv[1], sheet_name='ho_so', engine='openpyxl'); "
    "print(len(df))"
)


@dataclass
class Child:
    """One subprocess: its wall time, its own peak RSS and what it said."""

    seconds: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str


def measure(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Child:
    """Run ``cmd`` to completion; peak RSS from wait4 is this child's, not the parent's."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        # files, not pipes: nobody reads a pipe while we block in wait4, so a chatty child
        # would fill it and hang
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    # ru_maxrss is in KiB on Linux, in bytes on macOS
    kib = usage.ru_maxrss / 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return Child(seconds, kib / 1024, proc.returncode, stdout, stderr)


def source_digest() -> str:
    """A hash of the helpers package: the reader is being edited while this runs, and a
    change between the cold and the warm run would make the pair meaningless."""
    h = hashlib.sha256()
    for path in sorted((ROOT / "src" / "helpers").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(ROOT)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def folder_size(folder: Path) -> tuple[int, float]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files) / 1e6


def fail(what: str, child: Child) -> None:
    print(f"\n{what} failed (exit {child.returncode}) after {child.seconds:.1f} s")
    print("--- stdout (end) ---\n" + child.stdout[-4000:])
    print("--- stderr ---\n" + child.stderr[-8000:])
    raise SystemExit(2)


def run_check(path: Path, cache: Path, what: str) -> Child:
    env = {**os.environ, "WORKBOOK_CACHE_DIR": str(cache)}
    child = measure([str(BIN / "workbook"), "check", str(path)], env=env)
    if child.returncode not in CHECK_OK:
        fail(what, child)
    return child


def bench_size(n_rows: int, root: Path, with_baseline: bool) -> dict:
    folder = root / f"mau-an-{n_rows}"  # the unit folder; no earlier quarter beside the file
    path = folder / QUARTER_FILE
    t = time.perf_counter()
    make_workbook(n_rows, path)
    generate = time.perf_counter() - t
    size_mb = path.stat().st_size / 1e6
    print(
        f"[{clock()}] {n_rows:>9} rows: generated {size_mb:.1f} MB in {generate:.1f} s", flush=True
    )

    baseline = None
    if with_baseline:
        baseline = measure([sys.executable, "-c", BASELINE_CODE, str(path)])
        if baseline.returncode != 0:
            fail("baseline pandas.read_excel", baseline)
        read = int(baseline.stdout.split()[-1])
        if read != n_rows:  # the generator or the baseline is wrong: no ratio is worth having
            raise SystemExit(f"baseline read {read} rows, expected {n_rows}")
        print(f"[{clock()}]   baseline {baseline.seconds:8.2f} s {baseline.peak_mb:7.0f} MB")

    cache = root / f"cache-{n_rows}"
    cache.mkdir()
    digest = source_digest()
    cold = run_check(path, cache, "cold `workbook check`")
    print(
        f"[{clock()}]   cold     {cold.seconds:8.2f} s {cold.peak_mb:7.0f} MB "
        f"(exit {cold.returncode})",
        flush=True,
    )
    cache_files, cache_mb = folder_size(cache)
    warm = run_check(path, cache, "warm `workbook check`")
    print(
        f"[{clock()}]   warm     {warm.seconds:8.2f} s {warm.peak_mb:7.0f} MB "
        f"(exit {warm.returncode}); cache after cold run: {cache_files} files, "
        f"{cache_mb:.1f} MB",
        flush=True,
    )
    shutil.rmtree(cache / "kiem-tra", ignore_errors=True)  # only the parsed inputs are left
    parsed = run_check(path, cache, "`workbook check` from parsed inputs")
    print(
        f"[{clock()}]   parsed   {parsed.seconds:8.2f} s {parsed.peak_mb:7.0f} MB "
        f"(exit {parsed.returncode}; parsed-input cache only)",
        flush=True,
    )
    changed = source_digest() != digest
    if changed:
        print("    WARNING: src/helpers changed during this size; cold and warm ran different code")
    if not cache_files:
        print("    NOTE: the cold run left WORKBOOK_CACHE_DIR empty (variable not used yet?)")
    path.unlink()  # a million rows is ~40 MB: don't keep every size on disk
    return {
        "rows": n_rows,
        "file_mb": round(size_mb, 1),
        "generate_s": round(generate, 2),
        "baseline": _public(baseline),
        "cold": _public(cold),
        "warm": _public(warm),
        "parsed": _public(parsed),
        "cold_speedup": baseline.seconds / cold.seconds if baseline else None,
        "warm_speedup": baseline.seconds / warm.seconds if baseline else None,
        "parsed_speedup": baseline.seconds / parsed.seconds if baseline else None,
        "cache_files": cache_files,
        "cache_mb": round(cache_mb, 1),
        "source_changed": changed,
        "source_digest": digest,
        "finished": clock(),
    }


def _public(child: Child | None) -> dict | None:
    """What goes in the JSON: figures and the exit code, the last line of output."""
    if child is None:
        return None
    data = asdict(child)
    lines = child.stdout.strip().splitlines()
    data["stdout"] = lines[-1] if lines else ""
    data["stderr"] = child.stderr[-2000:]
    return data


def clock() -> str:
    return datetime.now().astimezone().strftime("%H:%M:%S")


def _mark(ok: bool | None) -> str:
    return "—" if ok is None else ("ok" if ok else "MISSED")


def print_table(results: list[dict]) -> None:
    def s(child: dict | None) -> str:
        return f"{child['seconds']:9.2f}" if child else f"{'—':>9}"

    def mb(child: dict | None) -> str:
        return f"{child['peak_mb']:7.0f}" if child else f"{'—':>7}"

    def x(ratio: float | None, goal: float) -> str:
        if ratio is None:
            return f"{'—':>14}"
        return f"{ratio:7.1f}× {_mark(ratio >= goal):>6}"

    print()
    print(
        f"{'rows':>9} {'gen s':>6} {'base s':>9} {'cold s':>9} {'warm s':>9} {'parsed s':>9} "
        f"{'cold ×  ≥6':>14} {'warm × ≥50':>14} {'parsed ×':>14} "
        f"{'base MB':>7} {'cold MB':>7} {'warm MB':>7} {'pars MB':>7}"
    )
    for r in results:
        print(
            f"{r['rows']:>9} {r['generate_s']:6.1f} {s(r['baseline'])} {s(r['cold'])} "
            f"{s(r['warm'])} {s(r['parsed'])} {x(r['cold_speedup'], GOAL_COLD)} "
            f"{x(r['warm_speedup'], GOAL_WARM)} {x(r['parsed_speedup'], GOAL_WARM)} "
            f"{mb(r['baseline'])} {mb(r['cold'])} {mb(r['warm'])} {mb(r['parsed'])}"
        )


def goals(results: list[dict]) -> dict:
    """The goals, judged at the largest size that has a baseline (speed) and at 1M (memory)."""
    timed = [r for r in results if r["baseline"]]
    at = max(timed, key=lambda r: r["rows"]) if timed else None
    big = next((r for r in results if r["rows"] == GOAL_PEAK_ROWS), None)
    peak = max(big[k]["peak_mb"] for k in ("cold", "warm", "parsed")) if big else None
    verdict = {
        "speed_judged_at_rows": at["rows"] if at else None,
        "cold_speedup": at["cold_speedup"] if at else None,
        "cold_ok": at["cold_speedup"] >= GOAL_COLD if at else None,
        "warm_speedup": at["warm_speedup"] if at else None,
        "warm_ok": at["warm_speedup"] >= GOAL_WARM if at else None,
        "peak_mb_at_1m": peak,
        "peak_ok": peak < GOAL_PEAK_MB if peak is not None else None,
    }
    print()
    if at:
        print(
            f"Goal cold ≥ {GOAL_COLD:.0f}× at {at['rows']} rows: {at['cold_speedup']:.1f}× "
            f"{_mark(verdict['cold_ok'])}"
        )
        print(
            f"Goal warm ≥ {GOAL_WARM:.0f}× at {at['rows']} rows: {at['warm_speedup']:.1f}× "
            f"{_mark(verdict['warm_ok'])}"
        )
    else:
        print("Speed goals: not judged (no baseline measured)")
    if peak is not None:
        print(
            f"Goal peak memory of `workbook check` at {GOAL_PEAK_ROWS} rows < "
            f"{GOAL_PEAK_MB:.0f} MB: {peak:.0f} MB {_mark(verdict['peak_ok'])}"
        )
    else:
        print(f"Memory goal: not judged ({GOAL_PEAK_ROWS} rows not in --sizes)")
    return verdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES, metavar="N")
    parser.add_argument(
        "--no-baseline-above",
        type=int,
        metavar="N",
        help="skip the openpyxl baseline for sizes above N rows (it takes minutes at 1M)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results here")
    args = parser.parse_args()

    started = datetime.now().astimezone()
    print(
        f"Started {started:%Y-%m-%d %H:%M:%S %Z} on {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; src/helpers {source_digest()}"
    )
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-read-") as tmp:
        for n in args.sizes:
            with_baseline = args.no_baseline_above is None or n <= args.no_baseline_above
            results.append(bench_size(n, Path(tmp), with_baseline))
    print_table(results)
    verdict = goals(results)
    finished = datetime.now().astimezone()
    print(
        f"Finished {finished:%H:%M:%S} ({(finished - started).total_seconds() / 60:.1f} min); "
        "s = wall seconds of the child process, MB = its peak RSS (MiB)"
    )
    if args.json:
        payload = {
            "started": started.isoformat(timespec="seconds"),
            "finished": finished.isoformat(timespec="seconds"),
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "baseline_code": BASELINE_CODE,
            "goals": {"cold": GOAL_COLD, "warm": GOAL_WARM, "peak_mb_at_1m": GOAL_PEAK_MB},
            "verdict": verdict,
            "results": results,
        }
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        print(f"Results written to {args.json}")


if __name__ == "__main__":
    main()
