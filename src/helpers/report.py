"""A unit's quarter, or a longer period (six months, nine months, the year), built once into a
report: read, computed, reconciled, judged; and the order of its sections (``outline``), which
the notebook shows and the DOCX lays out.

``workbook run`` builds the report before any kernel starts and hands it to the notebook
(``prepare(prepared=…)``), so a run computes everything once; the sections only format it
(``helpers.sections`` for the unit's own parts, ``helpers.judging`` for the estimate and the
drafted assessment).
"""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from helpers import (
    analysis_annex,
    checks,
    comparisons,
    config,
    indicators,
    judging,
    sections,
    service_index,
    targets,
    trends,
)
from helpers.blocks import Section
from helpers.discovery import (
    parse_period,
    parse_quarter,
    period_file,
    span_files,
    workbook_path,
)
from helpers.errors import ContractError, ParameterError
from helpers.findings import write_json as write_findings
from helpers.io import Workbook, read_period_workbook, read_workbook
from helpers.periods import Period, Quarter, Span
from helpers.wording import lower_first


@dataclass
class Report:
    """Everything the sections show, computed once: the unit, what it reports on, the workbook
    read, its figures, its findings and its earlier quarters. Sections only format it.

    A period's report has the same shape: ``quarter`` is its latest quarter, ``workbook`` the
    period as one workbook (see :func:`from_period`), ``figures`` the period's, ``quarters``
    each quarter's figures. ``same_period`` holds those of the same quarter or period last
    year, where its files are there (the comparison offices write as "so với cùng kỳ")."""

    unit: str
    quarter: Quarter  # the quarter reported on; for a period, its latest quarter
    workbook: Workbook
    figures: indicators.Figures
    source: Path
    findings: list[checks.Finding]
    history: trends.History
    estimate: service_index.Estimate  # the service index, from the figures
    judgements: list[targets.Judgement]  # the targets that name a figure, judged
    period: Span | None = None  # what the report covers (None: its quarter)
    quarters: dict[Quarter, indicators.Figures] = field(default_factory=dict)
    same_period: indicators.Figures | None = None  # the same period last year, if all there
    same_period_missing: tuple[Quarter, ...] = ()  # its quarters not found (or unreadable)
    sources: tuple[Path, ...] = ()  # every workbook read (default: ``source``)
    # dossier flows per linh_vuc (records only; a period's combined as its figures are): the
    # rows of the national form Biểu II.06a and of the report's table by field
    linh_vuc: pd.DataFrame | None = None

    def __post_init__(self) -> None:
        if self.period is None:
            self.period = self.quarter
        if not self.quarters:
            self.quarters = {self.quarter: self.figures}
        if not self.sources:
            self.sources = (self.source,)

    @cached_property
    def annex(self) -> analysis_annex.Tables | None:
        """The tables of the annex «PHỤ LỤC. PHÂN TÍCH HỒ SƠ» (None: aggregates only),
        computed the first time they are asked for and kept: ``workbook run`` asks before it
        hands the report to the kernel, so the HTML and the DOCX show one computation."""
        return analysis_annex.tables(self)

    @property
    def span(self) -> Span:
        """What the report covers: a quarter or a longer period."""
        return self.period or self.quarter

    @property
    def is_period(self) -> bool:
        """Whether it covers more than one quarter."""
        return len(self.span.quarters) > 1

    @property
    def info(self) -> dict[str, object]:
        return self.workbook.info

    def comparison(self) -> tuple[pd.DataFrame, Span] | None:
        """The tracked figures against what they are compared with, and that span: a quarter
        against the quarter before, a period against the same period last year."""
        if self.is_period:
            if self.same_period is None:
                return None
            return trends.compare(self.figures, self.same_period), self.span.same_period_last_year()
        if self.history.previous is None:
            return None
        return trends.change_table(self.history), self.quarter.previous()

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
            "ky": self.span,
            "ky_sau": self.span.next(),
            "nam": self.span.year,
            "tu_ngay": self.info["tu_ngay"],
            "den_ngay": self.info["den_ngay"],
        }


def build(unit: str, quarter: str | Span, data_dir: Path | str = config.DATA_DIR) -> Report:
    """Read the unit's workbook of ``quarter`` (or the workbooks of every quarter of a period:
    ``2026-6T``, ``2026-9T``, ``2026``) and build its report: the one build of a run.

    A relative ``data_dir`` is taken from the project root. A quarter of a period missing is
    a ParameterError naming it and the folder looked in.
    """
    span = parse_period(quarter)
    data = config.resolve(data_dir)
    if isinstance(span, Period):
        return from_period(unit, span, data)
    return from_workbook(unit, read_workbook(workbook_path(data, unit, span), quarter=span))


def from_workbook(unit: str, wb: Workbook) -> Report:
    """The report of a workbook already read: its figures, its findings (last quarter's file,
    if beside it, feeds the cumulative checks and the carry-over), the figures of its
    earlier quarters and, where its file is there, those of the same quarter last year."""
    figures = indicators.compute(wb)
    folder = wb.path.parent
    history = trends.history(folder, wb.quarter, current=figures)
    previous = checks.previous_of(folder, wb.quarter)
    findings = checks.reconcile(
        wb, figures, previous=previous, previous_figures=history.previous if previous else None
    )
    last_year = wb.quarter.same_period_last_year()
    same = history.figures.get(last_year)
    return Report(
        unit=unit,
        quarter=wb.quarter,
        workbook=wb,
        figures=figures,
        source=wb.path,
        findings=findings,
        history=history,
        estimate=service_index.estimate(figures),
        judgements=targets.judge(wb, figures),
        same_period=same,
        same_period_missing=() if same is not None else (last_year,),
        linh_vuc=indicators.linh_vuc_flows(wb),
    )


def from_period(unit: str, period: Period, data_dir: Path) -> Report:
    """The report of a period: every quarter's workbook read and reconciled (each against the
    quarter before it, so a carry-over that is not the previous pending is found), the
    figures combined (``trends.period_figures``), the same period of last year where its
    quarters all read, the metadata and narrative of the optional period workbook."""
    files = span_files(data_dir, unit, period)
    folder = files[period.latest].parent
    books = {q: read_workbook(path, quarter=q) for q, path in files.items()}
    figures = {q: indicators.compute(wb) for q, wb in books.items()}
    findings: list[checks.Finding] = []
    first = period.quarters[0]
    before = checks.previous_of(folder, first)
    chain = [(before, _figures_or_none(before))] + [(books[q], figures[q]) for q in books]
    for (prev_wb, prev_figures), q in zip(chain, period.quarters, strict=False):
        found = checks.reconcile(books[q], figures[q], prev_wb, prev_figures)
        findings += [dataclasses.replace(f, file=books[q].path.name) for f in found]
    findings.sort(key=lambda f: f.severity != "loi")  # errors first, quarter by quarter
    last_year = _same_period(folder, period.same_period_last_year())
    texts_path = period_file(folder, period)
    texts = read_period_workbook(texts_path, period) if texts_path else None
    wb = period_workbook(period, list(books.values()), texts)
    combined = trends.period_figures(list(books.values()), list(figures.values()))
    # per field, combined by the same rule as the figures, so the rows add up to them (a
    # mixed period, some quarters without records, has neither records nor fields)
    by_field = [indicators.linh_vuc_flows(b) for b in books.values()]
    fields = None if any(t is None for t in by_field) else trends.combine_breakdowns(by_field)
    known = {**figures, **last_year[1]}
    return Report(
        unit=unit,
        quarter=period.latest,
        workbook=wb,
        figures=combined,
        source=files[period.latest],
        findings=findings,
        history=trends.History(period.latest, dict(sorted(known.items())), list(last_year[2])),
        estimate=service_index.estimate(combined),
        judgements=targets.judge(wb, combined),
        period=period,
        quarters=figures,
        same_period=last_year[0],
        same_period_missing=last_year[2],
        sources=(*files.values(), *((texts_path,) if texts_path else ())),
        linh_vuc=fields,
    )


def _figures_or_none(wb: Workbook | None) -> indicators.Figures | None:
    if wb is None:
        return None
    try:
        return indicators.compute(wb)
    except ContractError:
        return {}


def _same_period(
    folder: Path, span: Span
) -> tuple[indicators.Figures | None, dict[Quarter, indicators.Figures], tuple[Quarter, ...]]:
    """The same period last year from the unit's folder: its figures when every quarter of
    it reads (else None), each quarter's figures that do, and the quarters missing."""
    from helpers.discovery import quarter_file

    books: dict[Quarter, Workbook] = {}
    for q in span.quarters:
        path = quarter_file(folder, q)
        if path is None:
            continue
        try:
            books[q] = read_workbook(path, quarter=q)
        except ContractError:  # its own report names what is wrong with it
            continue
    figures: dict[Quarter, indicators.Figures] = {}
    for q, wb in books.items():
        try:
            figures[q] = indicators.compute(wb)
        except ContractError:
            continue
    missing = tuple(q for q in span.quarters if q not in figures)
    if missing:
        return None, figures, missing
    combined = trends.period_figures(
        [books[q] for q in span.quarters], [figures[q] for q in span.quarters]
    )
    return combined, figures, ()


def period_workbook(period: Period, books: list[Workbook], texts: Workbook | None) -> Workbook:
    """A period's quarters as one workbook, for the sections: the latest quarter's lists
    (targets, procedures, indicators: stocks), the directing documents of every quarter, the
    dossier records of every quarter (one row per ``ma_ho_so``, its latest state), the
    aggregate rows added up (flows summed, stocks the latest's), and the metadata and
    narrative of the period workbook where it gives them, else the latest quarter's. Its
    ``thong_tin`` window runs from the first quarter's start to the latest's end."""
    first, latest = books[0], books[-1]
    info = dict(latest.info)
    if texts is not None:
        info.update(texts.info)
    info.update(ky=str(period), tu_ngay=first.info["tu_ngay"], den_ngay=latest.info["den_ngay"])
    tables = {k: latest.tables[k] for k in ("chi_tieu", "thu_tuc", "chi_so") if k in latest.tables}
    documents = [wb.tables["van_ban"] for wb in books if wb.has("van_ban")]
    if documents:
        tables["van_ban"] = _stack(documents).drop_duplicates(
            ["so_ky_hieu", "ngay_ban_hanh"], keep="first"
        )
    narrative = texts if texts is not None and texts.has("noi_dung") else latest
    if "noi_dung" in narrative.tables:
        tables["noi_dung"] = narrative.tables["noi_dung"]
    if all(wb.has("ho_so") for wb in books):
        tables["ho_so"] = _stack([wb.tables["ho_so"] for wb in books]).drop_duplicates(
            "ma_ho_so", keep="last"
        )
    elif all(wb.has("ho_so_tong_hop") and not wb.has("ho_so") for wb in books):
        tables["ho_so_tong_hop"] = _aggregate_sum([wb.tables["ho_so_tong_hop"] for wb in books])
    return Workbook(
        path=latest.path,
        info=info,
        tables=tables,
        sheet_names={**latest.sheet_names, **(texts.sheet_names if texts else {})},
        headers={**latest.headers, **(texts.headers if texts else {})},
    )


def _stack(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """Rows of the same sheet from several quarters, one table; a column typed differently in
    two of them (a category of other values, a column all blank) is kept as objects."""
    columns = list(dict.fromkeys(c for t in tables for c in t.columns))
    aligned = []
    for t in tables:
        aligned.append(t.reindex(columns=columns))
    for c in columns:
        if len({str(t[c].dtype) for t in aligned}) > 1 or any(
            isinstance(t[c].dtype, pd.CategoricalDtype) for t in aligned
        ):
            aligned = [t.astype({c: object}) for t in aligned]
    return pd.concat(aligned, ignore_index=True)


def _aggregate_sum(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """The quarters' aggregate sheets as one: the latest's rows, each flow column the sum of
    that system's cells over the quarters (blank when a quarter does not state it), the
    carry-over the first quarter's, the pending the latest's."""
    from helpers.text import normalize_key

    latest = tables[-1].copy()
    keyed = [t.assign(_key=t["he_thong"].map(normalize_key)).set_index("_key") for t in tables]
    names = latest["he_thong"].map(normalize_key)
    for key, column in indicators.AGGREGATE_COLUMNS.items():
        kind = trends.kind_of(f"ho_so.{key}")
        if kind == "stock":
            continue
        source = keyed[:1] if kind == "first" else keyed
        values = []
        for name in names:
            cells = [t[column].get(name) if name in t.index else None for t in source]
            cells = [None if c is None or pd.isna(c) else c for c in cells]
            values.append(None if any(c is None for c in cells) else sum(cells))
        latest[column] = pd.array(values, dtype="Int64")
    return latest


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
    unit: str,
    quarter: str,
    data_dir: str = "data",
    output_dir: str = "",
    prepared: str = "",
    period: str = "",
) -> Report:
    """The report the notebook shows: the one ``workbook run`` built (``prepared``, a file of
    :func:`save`), else built here from ``data_dir``. ``period`` (``2026-6T``, ``2026-9T``,
    ``2026``), when given, is reported on instead of ``quarter``. Relative folders are taken
    from the project root. When ``output_dir`` is given, ``chi-so.json`` and ``kiem-tra.json``
    are written there.
    """
    span = parse_period(period) if period else parse_quarter(quarter)
    if prepared:
        rep = load(config.resolve(prepared))
        if (rep.unit, rep.span) != (unit, span):
            raise ParameterError(
                f"Báo cáo đã dựng là của {rep.unit} {rep.span}, không phải {unit} {span}."
            )
    else:
        rep = build(unit, span, data_dir)
    if output_dir:
        out = config.resolve(output_dir)
        same = None
        if rep.same_period is not None:
            same = (str(span.same_period_last_year()), rep.same_period)
        indicators.write_json(
            rep.figures, unit, str(span), out / config.FIGURES_FILE, same_period=same
        )
        write_findings(rep.findings, unit, str(span), out / config.FINDINGS_FILE)
    return rep


def outline(rep: Report, draft: bool = True, analysis: bool = True) -> list[Section]:
    """Every section of the report, in order: the one definition of what the HTML (hence the
    PDF) shows. The DOCX takes the same list without the sections marked ``web_only``.
    ``draft``: section III gets the points drafted from the figures. ``analysis``: a unit with
    dossier records gets the annex «PHỤ LỤC. PHÂN TÍCH HỒ SƠ» after the signature."""
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
        comparisons.trends_section(rep),
        judging.assessment(rep, draft),
        sections.next_quarter(rep),
        sections.proposals(rep),
        # before the findings: those are for review before signing, the analysis is filed
        *analysis_annex.sections(rep, analysis),
        sections.findings_section(rep),
        sections.colophon(rep),
    ]


def official_outline(rep: Report, draft: bool = True, analysis: bool = True) -> list[Section]:
    """The document an official signs, then its annexes (analysis, findings): the outline
    without the sections shown on screen only (charts, the indicator overview, the trends)."""
    return [s for s in outline(rep, draft, analysis) if not s.web_only]


def write_docx(rep: Report, path: Path | str, draft: bool = True, analysis: bool = True) -> Path:
    """The official report as DOCX (Decree 30/2020 layout), written atomically."""
    from helpers import word

    return word.write(official_outline(rep, draft, analysis), Path(path))
