"""Running a report (a quarter's, or a longer period's): execute the notebook, export HTML and
PDF, publish atomically."""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from helpers import atomic, config, report
from helpers.discovery import parse_period, parse_quarter
from helpers.errors import ParameterError, RenderError, WorkbookError
from helpers.periods import Span

if TYPE_CHECKING:
    from jupyter_client.manager import AsyncKernelManager
    from nbconvert import HTMLExporter
    from nbformat import NotebookNode

# jsonschema, which nbformat imports, imports rfc3987_syntax when it is installed (JupyterLab's
# dependencies bring it) and that builds a parser grammar at import time: 2 s of every start,
# for the "iri" string formats, which no notebook uses. Without it jsonschema skips them.
# (nbformat, papermill and nbconvert are imported where used, after this line has run.)
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

# what a run can write; the form (xlsx) only for a unit whose dossiers are records
FORMATS = ("html", "pdf", "docx", "xlsx")
# the built report handed to the kernel, inside the staging folder; removed before publishing
PREPARED_FILE = ".bao-cao.pickle"
log = logging.getLogger(__name__)


@dataclass
class RunResult:
    """Where a report was written and what it took."""

    unit: str
    quarter: str
    folder: Path
    files: dict[str, Path]
    seconds: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs (Pango) are missing."""


def run_report(
    unit: str = config.DEFAULT_UNIT,
    quarter: str = config.DEFAULT_QUARTER,
    data_dir: Path | str = config.DATA_DIR,
    out_dir: Path | str = config.OUTPUTS_DIR,
    formats: Sequence[str] | None = None,
    notebook: Path | str = config.REPORT_NOTEBOOK,
    strict: bool = False,
    draft: bool = True,
    period: str | None = None,
    analysis: bool = True,
) -> RunResult:
    """Produce ``<out>/<unit>/<YYYY-Qn>/`` with the executed notebook, HTML, PDF and JSON;
    with ``period`` (``2026-6T``, ``2026-9T``, ``2026``; or a quarter, as ``quarter``), the
    report of that period instead, in ``<out>/<unit>/<period>/``.

    The workbook is validated before any kernel starts (a contract error costs a second,
    not a kernel). Everything is built in a hidden staging folder and renamed into place only
    when complete, so a failed or interrupted run leaves the last good outputs untouched; the
    failed notebook is kept in ``<out>/<unit>/<YYYY-Qn>.loi/`` for inspection. ``draft``:
    section III gets the points drafted from the figures (``workbook run --no-draft``: off).
    ``analysis``: a unit with dossier records gets the annex of record analytics
    (``workbook run --no-analysis``: off).

    ``formats`` (default: every one that applies): ``html``, ``pdf``, ``docx``, and ``xlsx``
    the national form Biểu II.06a, which needs the unit's dossier records: asked for a unit
    with only the aggregate sheet, it is a ParameterError before anything is written; left
    to the default, such a unit simply has no form.
    """
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    q = parse_period(period) if period else parse_quarter(quarter)
    data_dir, out_dir = Path(data_dir).resolve(), Path(out_dir).resolve()
    # the one build of this run: the kernel shows this very report (see _execute), the DOCX
    # and the form lay it out, --strict judges it
    rep = report.build(unit, q, data_dir)
    formats = _formats(formats, rep, unit, q)
    timings["doc_so_lieu"] = time.perf_counter() - t0
    if strict:
        _refuse_errors(rep)
    final = out_dir / unit / str(q)
    failed = out_dir / unit / f"{q}.loi"

    def keep_failed(staging: Path, exc: BaseException) -> None:
        if not isinstance(exc, KeyboardInterrupt):  # stopped, not failed: any .loi stays
            _keep_failed(staging, failed)

    warnings: list[str] = []
    try:
        with atomic.building(final, keep_failed) as staging:
            run = _Run(rep, staging, formats, timings, warnings)
            try:
                run.notebook(Path(notebook), data_dir, draft, analysis)
                run.exports()
            except BaseException:
                run.settle(abandon=True)
                raise
            shutil.rmtree(failed, ignore_errors=True)  # this run succeeded: no failure to show
    except (WorkbookError, KeyboardInterrupt):
        raise
    except Exception as exc:
        if type(exc).__name__ == "PapermillExecutionError":
            raise _cell_error(exc, failed) from None
        raise RenderError(f"Không tạo được báo cáo: {type(exc).__name__}: {exc}") from exc
    timings["tong"] = time.perf_counter() - t0
    files = {p.name: p for p in sorted(final.iterdir())}
    return RunResult(unit, str(q), final, files, timings, warnings)


def _refuse_errors(rep: report.Report) -> None:
    """``--strict``: a RenderError listing the findings that are errors, if any."""
    errors = [f for f in rep.findings if f.severity == "loi"]
    if errors:
        listed = "\n".join(f"  - {f.where}: {f.message}" for f in errors)
        raise RenderError(
            f"Không tạo báo cáo (--strict): đối chiếu số liệu phát hiện {len(errors)} lỗi.\n"
            f"{listed}\nXem đầy đủ bằng: workbook check {rep.source}"
        )


@dataclass
class _Run:
    """One run's outputs written into its staging folder, each step timed."""

    rep: report.Report
    staging: Path
    formats: Sequence[str]
    timings: dict[str, float]
    warnings: list[str]
    side: _SideExports | None = None

    def notebook(self, notebook: Path, data_dir: Path, draft: bool, analysis: bool) -> None:
        """Execute the notebook on the built report (handed over as a file, then removed);
        meanwhile, on the other core, the exports warm up and those laid out from the report
        alone (DOCX, the form) are written. The notebook writes the two JSON files."""
        t = time.perf_counter()
        rep, staging = self.rep, self.staging
        if analysis:
            rep.annex  # noqa: B018 -- computed here, once: pickled for the kernel, kept for the DOCX
        prepared = report.save(rep, staging / PREPARED_FILE)
        self.side = _SideExports(self, draft, analysis)
        executed = staging / config.NOTEBOOK_FILE
        _execute(
            notebook, executed, rep.unit, str(rep.span), data_dir, staging, prepared, draft,
            analysis,
        )  # fmt: skip
        prepared.unlink()
        self.timings["chay_notebook"] = time.perf_counter() - t
        for name in (config.FIGURES_FILE, config.FINDINGS_FILE):
            if not (staging / name).is_file():
                raise RenderError(f"Notebook chạy xong nhưng không ghi {name}.")

    def exports(self) -> None:
        """The HTML from the executed notebook, the PDF printed from it; the DOCX and the
        form, written from the same built report while the notebook ran, are checked."""
        staging, formats = self.staging, self.formats
        if self.side is not None:
            self.side.warmed()
        if "html" in formats or "pdf" in formats:
            with self._timed("xuat_html"):
                import nbformat

                nb = nbformat.read(staging / config.NOTEBOOK_FILE, as_version=4)
                html = export_html(nb, title=_title(self.rep.unit, self.rep.span))
                if "html" in formats:
                    atomic.write_text(staging / config.HTML_FILE, html)
        if "pdf" in formats:
            with self._timed("xuat_pdf"):
                try:
                    atomic.write_bytes(staging / config.PDF_FILE, html_to_pdf(html))
                except PdfUnavailable as exc:
                    self.warnings.append(str(exc))
        self.settle()

    def settle(self, abandon: bool = False) -> None:
        """Wait for the side exports (``abandon``: the run failed or was stopped, so the step
        under way is the last) and raise what failed there; afterwards nothing writes into
        the staging folder."""
        if self.side is not None:
            self.side.stop(abandon)
            self.timings |= self.side.timings
            if not abandon:
                self.side.raise_error()

    @contextlib.contextmanager
    def _timed(self, step: str) -> Iterator[None]:
        t = time.perf_counter()
        yield
        self.timings[step] = time.perf_counter() - t


class _SideExports:
    """The exports that need only the built report (DOCX, the form), written in a thread
    while the kernel runs the notebook on the other core, after the exports' warm-up; their
    steps timed as the others (``xuat_docx``, ``xuat_xlsx``, which overlap ``chay_notebook``)."""

    def __init__(self, run: _Run, draft: bool, analysis: bool) -> None:
        self._run, self._draft, self._analysis = run, draft, analysis
        self._stopping = threading.Event()
        self._error: BaseException | None = None
        self._warm = threading.Event()  # what the HTML and PDF need is loaded (or failed to)
        self.timings: dict[str, float] = {}
        self._thread = _beside_kernel(self._work, "side-exports")

    def _work(self) -> None:
        run, formats = self._run, self._run.formats
        try:
            _warm(formats)
        finally:
            self._warm.set()
        steps: list[tuple[str, Callable[[], object]]] = []
        if "docx" in formats:
            path = run.staging / config.DOCX_FILE
            steps.append(
                ("xuat_docx", lambda: report.write_docx(run.rep, path, self._draft, self._analysis))
            )
        if "xlsx" in formats:
            from helpers import statform

            steps.append(
                ("xuat_xlsx", lambda: statform.write(run.rep, run.staging / config.FORM_FILE))
            )
        for step, do in steps:
            if self._stopping.is_set():
                return
            t = time.perf_counter()
            try:
                do()
            except BaseException as exc:  # raised again in the run's own thread
                self._error = exc
                return
            self.timings[step] = time.perf_counter() - t

    def warmed(self) -> None:
        """Wait until the exports' modules are loaded: two threads importing nbconvert's
        modules at once can each get one half initialised (see _beside_kernel)."""
        self._warm.wait()  # set however the warm-up ends

    def stop(self, abandon: bool = False) -> None:
        """Wait for the thread; ``abandon``: after the step under way, start no other."""
        if abandon:
            self._stopping.set()
        while self._thread.is_alive():
            with contextlib.suppress(KeyboardInterrupt):  # a second Ctrl-C: still wait
                self._thread.join()

    def raise_error(self) -> None:
        """Raise what failed in the thread, in the caller's."""
        if self._error is not None:
            raise self._error


def _formats(
    asked: Sequence[str] | None, rep: report.Report, unit: str, span: Span
) -> tuple[str, ...]:
    """The formats this run writes: those asked for, else every one that applies to ``rep``
    (the form only with dossier records). The form asked for without records is an error."""
    from helpers import statform

    if asked is None:
        return tuple(f for f in FORMATS if f != "xlsx" or statform.applies(rep))
    unknown = [f for f in asked if f not in FORMATS]
    if unknown:
        raise ParameterError(
            f"Không có định dạng {', '.join(unknown)}; chọn trong: {', '.join(FORMATS)}."
        )
    if "xlsx" in asked and not statform.applies(rep):
        raise ParameterError(
            f"Không lập được Biểu II.06a/VPCP/KSTT (--format xlsx) cho {unit} {span}: tệp "
            f"{rep.source.name} không có trang danh sách hồ sơ («ho_so»), chỉ có số liệu tổng "
            "hợp («ho_so_tong_hop»), mà biểu được lập theo từng lĩnh vực từ danh sách hồ sơ. "
            "Bổ sung trang «ho_so» hoặc chạy lại không kèm --format xlsx."
        )
    return tuple(asked)


def _execute(
    notebook: Path,
    target: Path,
    unit: str,
    quarter: str,
    data_dir: Path,
    out: Path,
    prepared: Path,
    draft: bool = True,
    analysis: bool = True,
) -> None:
    span = parse_period(quarter)
    # a period names its latest quarter too, for whoever reads the notebook's parameters
    parameters = {"unit": unit, "quarter": str(span.latest), "data_dir": str(data_dir)}
    parameters["period"] = str(span) if len(span.quarters) > 1 else ""
    parameters |= {"output_dir": str(out), "prepared": str(prepared), "draft": draft}
    parameters["analysis"] = analysis
    execute_notebook(notebook, target, parameters)


def execute_notebook(notebook: Path, target: Path, parameters: dict[str, object]) -> None:
    """Execute ``notebook`` with papermill into ``target``, its folder as working directory;
    no kernel outlives it, whatever stops it (see :func:`_run_kernel`)."""
    import papermill

    logging.getLogger("papermill").setLevel(logging.WARNING)
    _run_kernel(
        papermill.execute_notebook,
        str(notebook),
        str(target),
        parameters=parameters,
        cwd=str(notebook.parent),
        progress_bar=False,
        log_output=False,
        kernel_name=None,
        language="python",
        # The kernel shares our stderr: ipykernel warns there about its loopback TCP transport,
        # and logs a traceback when it is shut down in the middle of a cell (Ctrl-C); nothing
        # for the user, whose failures come back as cell errors.
        extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        # every output is in hand when the last cell ends: stop the kernel at once rather
        # than ask it to and wait
        shutdown_kernel="immediate",
    )


def _run_kernel(execute: Callable[..., object], *args: object, **kwargs: object) -> None:
    """``execute(*args, **kwargs)`` (papermill) so that however it stops, no kernel is left
    running, and Ctrl-C ends it at once with a bare KeyboardInterrupt and no other output.

    - The kernel manager records the kernel it starts; one still running when papermill
      returns or raises is killed. nbclient shuts its kernel down on the way out of a cell,
      but not when interrupted while the kernel starts up: that one would keep running as
      long as this process (a JupyterLab session calling run_report).
    - After Ctrl-C the kernel is killed, not asked to finish its cell and given 5 s.
    - Interrupted in the middle of a cell, nbclient wakes up on the dead kernel, logs "Kernel
      died while waiting for execute reply" and leaves an asyncio task whose DeadKernelError
      is printed, traceback and all, when the interrupt's traceback is freed (after the CLI
      has said it stopped). Both records are dropped, only after an interrupt and only until
      this function returns. Another Ctrl-C while the kernel is being killed is ignored.
    """
    from jupyter_client.manager import AsyncKernelManager

    interrupted = stopping = False
    started: list[AsyncKernelManager] = []

    class Manager(AsyncKernelManager):
        async def start_kernel(self, **kw: object) -> None:
            started.append(self)
            await super().start_kernel(**kw)

        async def shutdown_kernel(self, now: bool = False, restart: bool = False) -> None:
            await super().shutdown_kernel(now=now or interrupted, restart=restart)

    def mute(record: logging.LogRecord) -> bool:
        return not interrupted

    def on_sigint(signum: int, frame: object) -> None:
        nonlocal interrupted
        interrupted = True
        if not stopping:
            raise KeyboardInterrupt

    own_handler = (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGINT) is signal.default_int_handler
    )
    loggers = [logging.getLogger(name) for name in ("papermill", "asyncio", "traitlets")]
    for logger in loggers:
        logger.addFilter(mute)
    if own_handler:
        signal.signal(signal.SIGINT, on_sigint)
    try:
        execute(*args, kernel_manager_class=Manager, **kwargs)
    except KeyboardInterrupt as exc:
        interrupted = True
        # free the frames holding nbclient's orphaned task now, while its log is muted
        exc.__traceback__ = None
        del exc
        gc.collect()
        raise KeyboardInterrupt from None
    finally:
        stopping = True
        try:
            for km in started:
                _kill_kernel(km)
        finally:
            if own_handler:
                signal.signal(signal.SIGINT, signal.default_int_handler)
            for logger in loggers:
                logger.removeFilter(mute)


def _kill_kernel(km: AsyncKernelManager) -> None:
    """Kill the kernel of ``km`` if it still runs; never raises (it runs on the way out)."""
    from jupyter_core.utils import run_sync

    try:
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)
    except Exception:
        # interrupted while starting, the start-up task resumes beside the shutdown and both
        # settle the manager's "ready" future (InvalidStateError); make sure of the process
        process = getattr(getattr(km, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def _keep_failed(staging: Path, failed: Path) -> None:
    executed = staging / config.NOTEBOOK_FILE
    if executed.is_file():
        shutil.rmtree(failed, ignore_errors=True)
        failed.mkdir(parents=True, exist_ok=True)
        os.replace(executed, failed / config.NOTEBOOK_FILE)


def _cell_error(exc: BaseException, failed: Path) -> WorkbookError:
    """A plain message for a failed cell; a data error raised inside keeps its own message."""
    ename, evalue = getattr(exc, "ename", ""), getattr(exc, "evalue", "")
    where = f"Ô số {getattr(exc, 'exec_count', None) or '?'} của notebook"
    kept = (
        f"Notebook đã chạy được giữ tại {failed / config.NOTEBOOK_FILE}; "
        "kết quả cũ (nếu có) vẫn giữ nguyên."
    )
    if ename in ("ContractError", "ParameterError"):
        err: WorkbookError = WorkbookError(f"{evalue}\n{kept}")
        err.exit_code = 2
        return err
    return RenderError(f"{where} bị lỗi: {ename}: {evalue}\n{kept}")


def _title(unit: str, q: Span) -> str:
    return f"Báo cáo NQ57 – {unit} – {q.short_label}"


def warm_up(formats: Sequence[str] = FORMATS) -> threading.Thread:
    """Load what the exports need (nbconvert and its templates, WeasyPrint, Pango and the
    fonts, python-docx, openpyxl's writer) in a thread, while the kernel runs the notebook on
    the other core.

    Join the thread before exporting. Anything that fails here fails again, with its proper
    message, when the export itself runs.
    """
    return _beside_kernel(lambda: _warm(formats), "warm-up")


def _beside_kernel(work: Callable[[], None], name: str) -> threading.Thread:
    """``work`` started in a thread that may run while this thread executes the notebook."""
    # What executes the notebook is imported here, in the caller's thread, before the thread
    # starts: nbconvert and papermill both import jupyter_client, whose modules import each
    # other, and two threads importing one such cycle at once can each get a module still
    # half initialised ("cannot import name 'AsyncKernelManager' ... partially initialized",
    # seen under load).
    import jupyter_client.manager  # noqa: F401
    import papermill  # noqa: F401

    thread = threading.Thread(target=work, name=name, daemon=True)
    thread.start()
    return thread


def _warm(formats: Sequence[str]) -> None:
    """Load what the exports of ``formats`` need; never raises (see :func:`warm_up`)."""
    with contextlib.suppress(Exception):
        if "html" in formats or "pdf" in formats:
            import nbformat

            export_html(nbformat.v4.new_notebook(), title="")
        if "pdf" in formats:
            html_to_pdf("<p>Tiếng Việt có dấu: ắ ặ ữ ỹ ₫</p>")
        if "docx" in formats:
            import docx  # noqa: F401
        if "xlsx" in formats:
            import helpers.statform  # noqa: F401


def export_html(nb: NotebookNode, title: str) -> str:
    """The shared HTML: outputs only, through the project's nbconvert template."""
    body, _ = _html_exporter().from_notebook_node(nb, resources={"report_title": title})
    return body


@functools.cache
def _html_exporter() -> HTMLExporter:
    """One exporter per process: its Jinja templates are compiled once."""
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="bao_cao",
        extra_template_basedirs=[str(config.TEMPLATES_DIR / "nbconvert")],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def html_to_pdf(html: str) -> bytes:
    """A4 PDF of the report HTML with page numbers, through WeasyPrint (no browser needed)."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango missing
        from helpers.doctor import System, install_pango

        raise PdfUnavailable(
            "Không tạo được PDF vì thiếu thư viện hệ thống của WeasyPrint "
            f"({exc}). Cài bằng: {install_pango(System.here())} (xem thêm: workbook doctor)"
        ) from None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return weasyprint.HTML(string=html, base_url=None).write_pdf()
