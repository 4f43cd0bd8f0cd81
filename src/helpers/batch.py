"""Every quarter of every unit, and every period whose quarters are all there: discovery, a
content-hash cache, parallel runs, a summary.

``run_batch`` renders each unit-quarter found under the data folder, and each six-month,
nine-month and annual report whose quarters the unit all has, with
:func:`helpers.render.run_report`, in local processes or on a Dask distributed cluster,
skips those whose inputs, notebook, code and parameters are unchanged since their last good
output, isolates failures (one broken workbook fails alone, with its own message), and
rebuilds the shared index page.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from helpers import atomic, cache, config, office, paths
from helpers.discovery import (
    complete_periods,
    list_quarters,
    list_units,
    parse_period,
    period_file,
    workbook_path,
)
from helpers.errors import WorkbookError
from helpers.periods import order

Status = Literal["da_tao", "bo_qua", "loi"]
STATUS_LABEL = {"da_tao": "Đã tạo", "bo_qua": "Không đổi, bỏ qua", "loi": "Lỗi"}
CACHE_SUFFIX = ".nguon.json"  # beside each report folder: what it was built from


@dataclass(frozen=True)
class Job:
    """One report to render: a unit's quarter or period (``2026-Q2``, ``2026-6T`` …)."""

    unit: str
    quarter: str


@dataclass
class Outcome:
    """What became of one unit-quarter."""

    unit: str
    quarter: str
    status: Status
    seconds: float
    errors: int | None = None  # error-level findings of its data check
    warnings: int | None = None
    message: str = ""


def discover(
    data_dir: Path, units: Sequence[str] | None = None, quarters: Sequence[str] | None = None
) -> list[Job]:
    """Every ``<unit>/<YYYY-Qn>.xlsx`` under ``data_dir`` and every period whose quarters the
    unit all has (``quarters`` may name periods too), filtered, oldest first."""
    wanted_q = {str(parse_period(q)) for q in quarters} if quarters else None
    wanted_u = {paths.nfc(u) for u in units} if units else None  # as list_units names them
    jobs = []
    for unit in list_units(data_dir):
        if wanted_u is not None and unit not in wanted_u:
            continue
        for span in [*list_quarters(data_dir, unit), *complete_periods(data_dir, unit)]:
            if wanted_q is None or str(span) in wanted_q:
                jobs.append(Job(unit, str(span)))
    return sorted(jobs, key=lambda j: (order(parse_period(j.quarter)), j.unit))


def cache_key(
    job: Job,
    data_dir: Path,
    notebook: Path,
    formats: Sequence[str] | None,
    code: str | None = None,
) -> str:
    """A hash of everything the report depends on: this quarter's workbook and the unit's
    earlier ones (last quarter feeds the cumulative checks; a period's quarters and last
    year's), a period's own workbook, the notebook, the code, the parameters. Content, not
    timestamps."""
    h = hashlib.sha256()
    shown = None if formats is None else sorted(formats)  # None: every format that applies
    h.update(json.dumps([job.unit, job.quarter, shown]).encode())
    # the package's code and templates: a change to either re-renders everything
    h.update((code or cache.source_hash()).encode())
    h.update(Path(notebook).read_bytes())
    span = parse_period(job.quarter)
    files = [
        (str(q), workbook_path(data_dir, job.unit, q))
        for q in list_quarters(data_dir, job.unit)
        if q <= span.latest
    ]
    if len(span.quarters) > 1:
        own = period_file(paths.entry(data_dir, job.unit), span)  # type: ignore[arg-type]
        if own is not None:
            files.append((str(span), own))
    for name, path in files:
        h.update(name.encode())
        try:
            h.update(path.read_bytes())
        except OSError as exc:  # open in Excel: its own message, not an unexpected error
            office.raise_if_in_use(path, exc)
            raise
    return h.hexdigest()


def _marker(out_dir: Path, job: Job) -> Path:
    return out_dir / job.unit / f".{job.quarter}{CACHE_SUFFIX}"


def is_fresh(job: Job, out_dir: Path, key: str) -> bool:
    """The last good output was built from exactly these inputs and is still complete."""
    marker = _marker(out_dir, job)
    folder = out_dir / job.unit / job.quarter
    if not marker.is_file() or not (folder / config.FIGURES_FILE).is_file():
        return False
    try:
        return json.loads(marker.read_text(encoding="utf-8")).get("key") == key
    except (OSError, ValueError):
        return False


def render_one(
    job: Job, data_dir: str, out_dir: str, formats: Sequence[str] | None, notebook: str,
    force: bool,
    code: str,
) -> Outcome:  # fmt: skip
    """Render one unit-quarter unless it is fresh; never raises for a bad workbook."""
    from helpers.render import run_report

    t0 = time.perf_counter()
    data, out = Path(data_dir), Path(out_dir)
    try:
        key = cache_key(job, data, Path(notebook), formats, code)
        if not force and is_fresh(job, out, key):
            outcome = Outcome(job.unit, job.quarter, "bo_qua", time.perf_counter() - t0)
        else:
            run_report(
                job.unit, data_dir=data, out_dir=out, formats=formats, notebook=notebook,
                period=job.quarter,
            )  # fmt: skip
            atomic.write_text(_marker(out, job), json.dumps({"key": key}) + "\n")
            outcome = Outcome(job.unit, job.quarter, "da_tao", time.perf_counter() - t0)
    except WorkbookError as exc:
        return Outcome(
            job.unit, job.quarter, "loi", time.perf_counter() - t0, message=exc.user_message()
        )
    except Exception as exc:  # isolate the failure; the batch goes on
        return Outcome(
            job.unit, job.quarter, "loi", time.perf_counter() - t0,
            message=f"Lỗi không mong đợi: {type(exc).__name__}: {exc}",
        )  # fmt: skip
    found = out / job.unit / job.quarter / config.FINDINGS_FILE
    if found.is_file():
        data_check = json.loads(found.read_text(encoding="utf-8"))
        outcome.errors, outcome.warnings = data_check["so_loi"], data_check["so_canh_bao"]
    return outcome


def run_batch(
    data_dir: Path | str = config.DATA_DIR,
    out_dir: Path | str = config.OUTPUTS_DIR,
    units: Sequence[str] | None = None,
    quarters: Sequence[str] | None = None,
    jobs: int = 2,
    scheduler: str | None = None,
    force: bool = False,
    formats: Sequence[str] | None = None,
    notebook: Path | str = config.REPORT_NOTEBOOK,
    progress: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Render every unit-quarter found (see module docstring); returns one Outcome each.

    ``scheduler`` (``tcp://host:port``) sends the work to a Dask distributed cluster whose
    workers see the same folders; otherwise ``jobs`` local processes do it.
    """
    data, out = Path(data_dir).resolve(), Path(out_dir).resolve()
    todo = discover(data, units, quarters)
    code = cache.source_hash()
    shown = None if formats is None else tuple(formats)
    args = (str(data), str(out), shown, str(Path(notebook).resolve()), force, code)
    outcomes: list[Outcome] = []

    def done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if progress:
            progress(outcome)

    if scheduler:
        _on_dask(scheduler, todo, args, done)
    elif jobs <= 1 or len(todo) <= 1:
        for job in todo:
            done(render_one(job, *args))
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures: dict[Future, Job] = {pool.submit(render_one, j, *args): j for j in todo}
            for future in as_completed(futures):
                done(future.result())
    order = {(j.unit, j.quarter): i for i, j in enumerate(todo)}
    outcomes.sort(key=lambda o: order[(o.unit, o.quarter)])
    from helpers.index import write_index

    write_index(out)
    return outcomes


def _on_dask(scheduler: str, todo: Iterable[Job], args: tuple, done) -> None:
    from dask.distributed import Client
    from dask.distributed import as_completed as dask_completed

    with Client(scheduler, timeout="30s") as client:
        futures = [client.submit(render_one, job, *args, pure=False) for job in todo]
        for future in dask_completed(futures):
            done(future.result())


def summary_table(outcomes: Sequence[Outcome]) -> str:
    """Plain-text summary: unit, quarter (or period), status, time, findings."""
    header = ("Đơn vị", "Kỳ", "Kết quả", "Thời gian", "Kiểm tra số liệu")
    rows = [
        (
            o.unit, o.quarter, STATUS_LABEL[o.status], f"{o.seconds:.1f} s",
            "" if o.errors is None else f"{o.errors} lỗi, {o.warnings} cảnh báo",
        )
        for o in outcomes
    ]  # fmt: skip
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    failed = [o for o in outcomes if o.status == "loi"]
    for o in failed:
        lines.append("")
        lines.append(f"{o.unit} {o.quarter}: {o.message}")
    counts = {s: sum(o.status == s for o in outcomes) for s in STATUS_LABEL}
    lines.append("")
    lines.append(
        f"Tổng: {len(outcomes)} báo cáo — {counts['da_tao']} tạo mới, "
        f"{counts['bo_qua']} không đổi, {counts['loi']} lỗi."
    )
    return "\n".join(lines)


def to_json(outcomes: Sequence[Outcome]) -> str:
    return json.dumps([asdict(o) for o in outcomes], ensure_ascii=False, indent=2) + "\n"
