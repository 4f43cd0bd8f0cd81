"""A unit's quarter built once into a report: read, computed, reconciled, judged; and the
order of its sections (``outline``), which the notebook shows and the DOCX lays out.

``workbook run`` builds the report before any kernel starts and hands it to the notebook
(``prepare(prepared=…)``), so a run computes everything once; the sections only format it
(``helpers.sections`` for the unit's own parts, ``helpers.judging`` for the estimate and the
drafted assessment).
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path

from helpers import checks, config, indicators, judging, sections, service_index, targets, trends
from helpers.blocks import Section
from helpers.discovery import parse_quarter, workbook_path
from helpers.errors import ParameterError
from helpers.io import Workbook, read_workbook
from helpers.periods import Quarter
from helpers.wording import lower_first


@dataclass
class Report:
    """Everything the sections show, computed once: the unit, its quarter, the workbook read,
    its figures, its findings and its earlier quarters. Sections only format it."""

    unit: str
    quarter: Quarter
    workbook: Workbook
    figures: indicators.Figures
    source: Path
    findings: list[checks.Finding]
    history: trends.History
    estimate: service_index.Estimate  # the service index, from the figures
    judgements: list[targets.Judgement]  # the targets that name a figure, judged

    @property
    def info(self) -> dict[str, object]:
        return self.workbook.info

    @property
    def co_quan(self) -> str:
        return str(
            self.info.get("co_quan") or f"Ủy ban nhân dân {lower_first(self.info['don_vi'])}"
        )

    def words(self) -> dict[str, object]:
        """Values every sentence may use."""
        return {
            "don_vi": self.info["don_vi"],
            "co_quan": self.co_quan,
            "ky": self.quarter,
            "ky_sau": self.quarter.next(),
            "nam": self.quarter.year,
            "tu_ngay": self.info["tu_ngay"],
            "den_ngay": self.info["den_ngay"],
        }


def build(unit: str, quarter: str | Quarter, data_dir: Path | str = config.DATA_DIR) -> Report:
    """Read the unit's workbook of ``quarter`` and build its report: the one build of a run.

    A relative ``data_dir`` is taken from the project root.
    """
    q = parse_quarter(quarter)
    path = workbook_path(config.resolve(data_dir), unit, q)
    return from_workbook(unit, read_workbook(path, quarter=q))


def from_workbook(unit: str, wb: Workbook) -> Report:
    """The report of a workbook already read: its figures, its findings (last quarter's file,
    if beside it, feeds the cumulative checks) and the figures of its earlier quarters."""
    figures = indicators.compute(wb)
    folder = wb.path.parent
    findings = checks.reconcile(wb, figures, previous=checks.previous_of(folder, wb.quarter))
    return Report(
        unit=unit,
        quarter=wb.quarter,
        workbook=wb,
        figures=figures,
        source=wb.path,
        findings=findings,
        history=trends.history(folder, wb.quarter, current=figures),
        estimate=service_index.estimate(figures),
        judgements=targets.judge(wb, figures),
    )


def save(rep: Report, path: Path | str) -> Path:
    """Keep a built report for the notebook's kernel (``prepare(prepared=…)``), atomically."""
    from helpers.atomic import write_bytes

    return write_bytes(Path(path), pickle.dumps(rep, protocol=pickle.HIGHEST_PROTOCOL))


def load(path: Path | str) -> Report:
    """A report kept by :func:`save` (a file this program wrote in its own staging folder)."""
    with open(path, "rb") as fh:
        rep = pickle.load(fh)
    if not isinstance(rep, Report):
        raise ParameterError(f"Tệp {path} không chứa một báo cáo đã dựng.")
    return rep


def prepare(
    unit: str, quarter: str, data_dir: str = "data", output_dir: str = "", prepared: str = ""
) -> Report:
    """The report the notebook shows: the one ``workbook run`` built (``prepared``, a file of
    :func:`save`), else built here from ``data_dir``. Relative folders are taken from the
    project root. When ``output_dir`` is given, ``chi-so.json`` and ``kiem-tra.json`` are
    written there.
    """
    q = parse_quarter(quarter)
    if prepared:
        rep = load(config.resolve(prepared))
        if (rep.unit, rep.quarter) != (unit, q):
            raise ParameterError(
                f"Báo cáo đã dựng là của {rep.unit} {rep.quarter}, không phải {unit} {q}."
            )
    else:
        rep = build(unit, q, data_dir)
    if output_dir:
        out = config.resolve(output_dir)
        indicators.write_json(rep.figures, unit, str(q), out / config.FIGURES_FILE)
        checks.write_json(rep.findings, unit, str(q), out / config.FINDINGS_FILE)
    return rep


def outline(rep: Report, draft: bool = True) -> list[Section]:
    """Every section of the report, in order: the one definition of what the HTML (hence the
    PDF) shows. The DOCX takes the same list without the sections marked ``web_only``.
    ``draft``: section III gets the points drafted from the figures."""
    return [
        sections.title_block(rep),
        sections.section_i(rep),
        sections.objectives(rep),
        sections.objectives_chart(rep),
        sections.digital_transformation_heading(rep),
        sections.digital_section(rep, "II.2.1"),
        sections.digital_section(rep, "II.2.2"),
        sections.procedures(rep),
        sections.dossiers(rep),
        judging.service_index_section(rep),
        *(sections.digital_section(rep, m) for m in ("II.2.3", "II.2.4", "II.2.5", "II.2.6")),
        sections.digital_section(rep, "II.2.7"),
        sections.digital_section(rep, "II.3"),
        sections.indicator_table(rep),
        sections.trends_section(rep),
        judging.assessment(rep, draft),
        sections.next_quarter(rep),
        sections.proposals(rep),
        sections.findings_section(rep),
        sections.colophon(rep),
    ]


def official_outline(rep: Report, draft: bool = True) -> list[Section]:
    """The document an official signs, then the findings annex: the outline without the
    sections shown on screen only (charts, the indicator overview, the trends)."""
    return [s for s in outline(rep, draft) if not s.web_only]


def write_docx(rep: Report, path: Path | str, draft: bool = True) -> Path:
    """The official report as DOCX (Decree 30/2020 layout), written atomically."""
    from helpers import word

    return word.write(official_outline(rep, draft), Path(path))
