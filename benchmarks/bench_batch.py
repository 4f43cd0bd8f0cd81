"""Batch benchmark: `workbook batch --jobs 2` against a sequential loop of the papermill CLI.

Builds 24 unit-quarters (6 units x 4 quarters, copies of the Phù Liễn sample with their period
rewritten) in a temporary folder, then times, in the same run:
  1. baseline: `papermill` CLI once per unit-quarter, one after another (execution only);
  2. `workbook batch --jobs 2` (execution + HTML + PDF + DOCX + JSON + index);
  3. the same batch again with nothing changed (every unit-quarter skipped by the cache).
Ratios are against the baseline of the same run. Usage: .venv/bin/python benchmarks/bench_batch.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import load_workbook

from helpers import config
from helpers.periods import Quarter

UNITS = [f"don-vi-{i:02d}" for i in range(1, 7)]
QUARTERS = ["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]
BIN = Path(sys.executable).parent


def build_data(root: Path) -> None:
    sample = config.DATA_DIR / "phu-lien" / "2026-Q1.xlsx"
    for unit in UNITS:
        for q in QUARTERS:
            wb = load_workbook(sample)
            ws = wb["Thông tin"]
            start, end = Quarter.parse(q).window()
            for row in ws.iter_rows(min_row=2):
                key = row[0].value
                if key == "ky":
                    row[1].value = q
                elif key == "tu_ngay":
                    row[1].value = start
                elif key == "den_ngay":
                    row[1].value = end
            (root / unit).mkdir(parents=True, exist_ok=True)
            wb.save(root / unit / f"{q}.xlsx")


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data, out, base_out = root / "data", root / "out", root / "papermill"
        build_data(data)
        n = len(UNITS) * len(QUARTERS)
        base_out.mkdir()
        t = time.perf_counter()
        for unit in UNITS:
            for q in QUARTERS:
                subprocess.run(
                    [str(BIN / "papermill"), str(config.REPORT_NOTEBOOK),
                     str(base_out / f"{unit}-{q}.ipynb"), "-p", "unit", unit, "-p", "quarter", q,
                     "-p", "data_dir", str(data), "--cwd", str(config.NOTEBOOKS_DIR)],
                    check=True, capture_output=True,
                )  # fmt: skip
        baseline = time.perf_counter() - t
        cold = timed([str(BIN / "workbook"), "batch", "--data", str(data), "--out", str(out),
                      "--jobs", "2"])  # fmt: skip
        warm = timed([str(BIN / "workbook"), "batch", "--data", str(data), "--out", str(out),
                      "--jobs", "2"])  # fmt: skip
        shutil.rmtree(root / "papermill")
    print(f"{n} unit-quarters on {len(UNITS)} units")
    print(f"baseline  papermill CLI loop (execute only)  {baseline:7.1f} s  1.00")
    print(f"workbook batch --jobs 2 (all outputs)         {cold:7.1f} s  {cold / baseline:.2f}")
    print(f"workbook batch --jobs 2, nothing changed      {warm:7.1f} s  {warm / baseline:.3f}")


if __name__ == "__main__":
    main()
