"""Running a quarter's report: execute the notebook, export HTML and PDF, publish atomically."""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from helpers import atomic, config, report
from helpers.errors import RenderError, WorkbookError
from helpers.io import parse_quarter, read_workbook, workbook_path
from helpers.periods import Quarter

FORMATS = ("html", "pdf", "docx")
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
    formats: Sequence[str] = FORMATS,
    notebook: Path | str = config.REPORT_NOTEBOOK,
    strict: bool = False,
) -> RunResult:
    """Produce ``<out>/<unit>/<YYYY-Qn>/`` with the executed notebook, HTML, PDF and JSON.

    The workbook is validated before any kernel starts (a contract error costs a second,
    not a kernel). Everything is built in a hidden staging folder and renamed into place only
    when complete, so a failed or interrupted run leaves the last good outputs untouched; the
    failed notebook is kept in ``<out>/<unit>/<YYYY-Qn>.loi/`` for inspection.
    """
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    q = parse_quarter(quarter)
    data_dir, out_dir = Path(data_dir).resolve(), Path(out_dir).resolve()
    source = workbook_path(data_dir, unit, q)
    rep = report.from_workbook(unit, read_workbook(source, quarter=q))
    timings["doc_so_lieu"] = time.perf_counter() - t0
    if strict:
        errors = [f for f in rep.findings if f.severity == "loi"]
        if errors:
            listed = "\n".join(f"  - {f.where}: {f.message}" for f in errors)
            raise RenderError(
                f"Không tạo báo cáo (--strict): đối chiếu số liệu phát hiện {len(errors)} lỗi.\n"
                f"{listed}\nXem đầy đủ bằng: workbook check {source}"
            )

    final = out_dir / unit / str(q)
    failed = out_dir / unit / f"{q}.loi"
    warnings: list[str] = []
    with atomic.locked(out_dir / unit / f".{q}.khoa"):
        atomic.recover(final)
        staging = atomic.staging_dir(final)
        try:
            t = time.perf_counter()
            executed = staging / config.NOTEBOOK_FILE
            _execute(Path(notebook), executed, unit, str(q), data_dir, staging)
            timings["chay_notebook"] = time.perf_counter() - t
            for name in (config.FIGURES_FILE, config.FINDINGS_FILE):
                if not (staging / name).is_file():
                    raise RenderError(f"Notebook chạy xong nhưng không ghi {name}.")
            if "html" in formats or "pdf" in formats:  # the PDF is printed from the HTML
                t = time.perf_counter()
                nb = nbformat.read(executed, as_version=4)
                html = export_html(nb, title=_title(unit, q))
                if "html" in formats:
                    atomic.write_text(staging / config.HTML_FILE, html)
                timings["xuat_html"] = time.perf_counter() - t
            if "pdf" in formats:
                t = time.perf_counter()
                try:
                    atomic.write_bytes(staging / config.PDF_FILE, html_to_pdf(html))
                except PdfUnavailable as exc:
                    warnings.append(str(exc))
                timings["xuat_pdf"] = time.perf_counter() - t
            if "docx" in formats:
                t = time.perf_counter()
                report.write_docx(rep, staging / config.DOCX_FILE)
                timings["xuat_docx"] = time.perf_counter() - t
            atomic.publish(staging, final)
            shutil.rmtree(failed, ignore_errors=True)
        except BaseException as exc:
            _keep_failed(staging, failed)
            shutil.rmtree(staging, ignore_errors=True)
            if isinstance(exc, WorkbookError | KeyboardInterrupt):
                raise
            if type(exc).__name__ == "PapermillExecutionError":
                raise _cell_error(exc, failed) from None
            raise RenderError(f"Không tạo được báo cáo: {type(exc).__name__}: {exc}") from exc
    timings["tong"] = time.perf_counter() - t0
    files = {p.name: p for p in sorted(final.iterdir())}
    return RunResult(unit, str(q), final, files, timings, warnings)


def _execute(
    notebook: Path, target: Path, unit: str, quarter: str, data_dir: Path, out: Path
) -> None:
    import papermill

    logging.getLogger("papermill").setLevel(logging.WARNING)
    papermill.execute_notebook(
        str(notebook),
        str(target),
        parameters={
            "unit": unit,
            "quarter": quarter,
            "data_dir": str(data_dir),
            "output_dir": str(out),
        },
        cwd=str(notebook.parent),
        progress_bar=False,
        log_output=False,
        kernel_name=None,
        language="python",
        # ipykernel warns on stderr about its loopback TCP transport; nothing for the user
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )


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


def _title(unit: str, q: Quarter) -> str:
    return f"Báo cáo NQ57 – {unit} – {q.short_label}"


def export_html(nb: nbformat.NotebookNode, title: str) -> str:
    """The shared HTML: outputs only, through the project's nbconvert template."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="bao_cao",
        extra_template_basedirs=[str(config.TEMPLATES_DIR / "nbconvert")],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(nb, resources={"report_title": title})
    return body


def html_to_pdf(html: str) -> bytes:
    """A4 PDF of the report HTML with page numbers, through WeasyPrint (no browser needed)."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango missing
        raise PdfUnavailable(
            "Không tạo được PDF vì thiếu thư viện hệ thống của WeasyPrint "
            f"({exc}). Cài bằng: sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 "
            "fonts-dejavu-core fonts-liberation2"
        ) from None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return weasyprint.HTML(string=html, base_url=None).write_pdf()
