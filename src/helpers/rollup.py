"""Across units: one tidy table of every figure, and the city-level roll-up of a quarter or of a
longer period (six months, nine months, the year: each unit's period figures, added up)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import atomic, charts, checks, config, fmt, indicators, rates, service_index
from helpers.blocks import Chart, Heading, Items, Paragraph, Section, Table
from helpers.discovery import list_quarters, list_units, parse_period, workbook_path
from helpers.errors import ContractError, ParameterError, RenderError, WorkbookError
from helpers.io import read_workbook
from helpers.periods import Period, Span
from helpers.wording import say

ROLLUP_DIR = "tong-hop"
ROLLUP_NOTEBOOK = config.NOTEBOOKS_DIR / "tong_hop.ipynb"
# Flows and stocks that add up across units; rates are recomputed from the sums.
ADDITIVE = (
    "ho_so.ky_truoc_chuyen_sang",
    "ho_so.tiep_nhan",
    "ho_so.truc_tuyen",
    "ho_so.truc_tiep_buu_chinh",
    "ho_so.da_giai_quyet",
    "ho_so.truoc_han",
    "ho_so.dung_han",
    "ho_so.qua_han",
    "ho_so.rut_tu_choi",
    "ho_so.dang_giai_quyet",
    "ho_so.dang_trong_han",
    "ho_so.dang_qua_han",
    "thu_tuc.tong",
    "thu_tuc.toan_trinh",
    "thu_tuc.mot_phan",
    "thu_tuc.truc_tiep",
    "chi_so.vneid_so_suc_khoe",
    "chi_so.vneid_so_suc_khoe.mau_so",
)
ROLLUP_RATES = (
    "ho_so.ty_le_truc_tuyen",
    "ho_so.ty_le_dung_han",
    "thu_tuc.ty_le_toan_trinh",
    "chi_so.vneid_so_suc_khoe.ty_le",
)
LEAGUE = {
    "ho_so.ty_le_truc_tuyen": "Tỷ lệ hồ sơ trực tuyến",
    "ho_so.ty_le_dung_han": "Tỷ lệ giải quyết đúng hạn",
    "chi_so.vneid_so_suc_khoe.ty_le": "Tỷ lệ tích hợp sổ sức khỏe VNeID",
}


@dataclass
class UnitQuarter:
    """One unit's quarter as the roll-up sees it."""

    unit: str
    name: str
    figures: indicators.Figures
    errors: int
    warnings: int


@dataclass
class Rollup:
    """A quarter (or a period) across units: each unit's figures, the unreadable files (or the
    units missing a quarter of the period), and the totals."""

    quarter: Span
    units: list[UnitQuarter]
    unreadable: dict[str, str]  # unit -> message

    def totals(self) -> indicators.Figures:
        out: indicators.Figures = {}
        for key in ADDITIVE:
            values = [u.figures[key] for u in self.units if key in u.figures]
            if values:
                out[key] = sum(values)
        # rates recomputed from the summed counts, by their one definition (helpers.rates)
        for key in ROLLUP_RATES:
            num, den = rates.parts(key)  # type: ignore[misc]
            rate = rates.ratio(rates.total(out, num), rates.total(out, den))
            if rate is not None:
                out[key] = rate
        out["don_vi.so_luong"] = len(self.units)
        out["don_vi.co_loi_so_lieu"] = sum(u.errors > 0 for u in self.units)
        return out

    def league(self) -> pd.DataFrame:
        """One row per unit with its league figures, ranked by online rate."""
        frame = pd.DataFrame(
            {
                "don_vi": [u.unit for u in self.units],
                "ten": [u.name for u in self.units],
                **{k: [u.figures.get(k) for u in self.units] for k in LEAGUE},
                "ho_so.tiep_nhan": [u.figures.get("ho_so.tiep_nhan") for u in self.units],
                "loi": [u.errors for u in self.units],
            }
        )
        return frame.sort_values(
            ["ho_so.ty_le_truc_tuyen", "ho_so.ty_le_dung_han"], ascending=False, na_position="last"
        ).reset_index(drop=True)

    def index_league(self) -> pd.DataFrame:
        """One row per unit with its service-index estimate, ranked by the share of the
        points its data measures that it reaches (then by how much its data measures)."""
        key = service_index.PREFIX
        frame = pd.DataFrame(
            {
                "don_vi": [u.unit for u in self.units],
                "ten": [u.name for u in self.units],
                "diem": [u.figures.get(f"{key}.diem") for u in self.units],
                "co_so_lieu": [u.figures.get(f"{key}.diem_co_so_lieu") for u in self.units],
                "ty_le_diem": [u.figures.get(f"{key}.ty_le_diem") for u in self.units],
            }
        )
        return frame.sort_values(
            ["ty_le_diem", "co_so_lieu"], ascending=False, na_position="last"
        ).reset_index(drop=True)


def collect(data_dir: Path | str, quarter: str | Span) -> Rollup:
    """Read every unit's workbook of ``quarter``; a broken file is set aside with its message.
    For a period, each unit's period report is built (``report.build``: its quarters added
    up); a unit with some of the period's quarters but not all is set aside, naming them."""
    q = parse_period(quarter)
    data = Path(data_dir)
    if isinstance(q, Period):
        return _collect_period(data, q)
    units, unreadable = [], {}
    for unit in list_units(data):
        if q not in list_quarters(data, unit):
            continue
        try:
            wb = read_workbook(workbook_path(data, unit, q), quarter=q)
        except ContractError as exc:
            unreadable[unit] = exc.user_message()
            continue
        figures = indicators.compute(wb)
        findings = checks.reconcile(wb, figures)
        errors = sum(f.severity == "loi" for f in findings)
        units.append(
            UnitQuarter(unit, str(wb.info["don_vi"]), figures, errors, len(findings) - errors)
        )
    return Rollup(q, units, unreadable)


def _collect_period(data: Path, period: Period) -> Rollup:
    from helpers import report

    units, unreadable = [], {}
    for unit in list_units(data):
        if not set(period.quarters) & set(list_quarters(data, unit)):
            continue  # a unit with none of its quarters has no part in the period
        try:
            rep = report.build(unit, period, data)
        except (ContractError, ParameterError) as exc:
            unreadable[unit] = exc.user_message()
            continue
        errors = sum(f.severity == "loi" for f in rep.findings)
        units.append(
            UnitQuarter(
                unit, str(rep.info["don_vi"]), rep.figures, errors, len(rep.findings) - errors
            )
        )
    return Rollup(period, units, unreadable)


def tidy(data_dir: Path | str, units: list[str] | None = None) -> pd.DataFrame:
    """Every figure of every unit and quarter: columns ``don_vi``, ``ky``, ``ma``, ``gia_tri``.

    Files that break the contract are left out (``workbook check`` says why).
    """
    data = Path(data_dir)
    rows = []
    for unit in units or list_units(data):
        for q in list_quarters(data, unit):
            try:
                figures = indicators.compute(read_workbook(workbook_path(data, unit, q), quarter=q))
            except ContractError:
                continue
            rows += [(unit, str(q), key, float(value)) for key, value in figures.items()]
    return pd.DataFrame(rows, columns=["don_vi", "ky", "ma", "gia_tri"])


def consolidate(
    quarter: str,
    data_dir: Path | str = config.DATA_DIR,
    out_dir: Path | str = config.OUTPUTS_DIR,
    notebook: Path | str = ROLLUP_NOTEBOOK,
) -> Path:
    """Execute the city roll-up notebook for ``quarter`` (or a period: ``2026-6T``, ``2026-9T``,
    ``2026``) into ``<out>/tong-hop/<YYYY-Qn>/`` (``bao-cao.html``, ``bao-cao.pdf``,
    ``chi-so.json``, the executed notebook), atomically."""
    from helpers.render import PdfUnavailable, execute_notebook, export_html, html_to_pdf

    q = parse_period(quarter)
    data, out = Path(data_dir).resolve(), Path(out_dir).resolve()
    if not any(set(q.quarters) <= set(list_quarters(data, u)) for u in list_units(data)):
        if isinstance(q, Period):
            raise WorkbookError(
                f"Không đơn vị nào trong «{data}» có đủ số liệu các quý của {fmt.period(q, True)}."
            )
        raise WorkbookError(f"Không đơn vị nào trong «{data}» có số liệu {q.label}.")
    final = out / ROLLUP_DIR / str(q)
    try:
        with atomic.building(final) as staging:
            execute_notebook(
                Path(notebook),
                staging / config.NOTEBOOK_FILE,
                {
                    "quarter": str(q.latest),
                    "period": str(q) if isinstance(q, Period) else "",
                    "data_dir": str(data),
                    "output_dir": str(staging),
                },
            )
            import nbformat

            nb = nbformat.read(staging / config.NOTEBOOK_FILE, as_version=4)
            html = export_html(nb, title=f"Tổng hợp báo cáo NQ57 – {q.short_label}")
            atomic.write_text(staging / config.HTML_FILE, html)
            # the HTML is what is shared; without Pango's libraries there is no PDF
            with contextlib.suppress(PdfUnavailable):
                atomic.write_bytes(staging / config.PDF_FILE, html_to_pdf(html))
    except (WorkbookError, KeyboardInterrupt):
        raise
    except Exception as exc:
        raise RenderError(f"Không tạo được báo cáo tổng hợp: {type(exc).__name__}: {exc}") from exc
    return final


# --- the roll-up report's sections ---------------------------------------------------------


def prepare(quarter: str, data_dir: str = "data", output_dir: str = "", period: str = "") -> Rollup:
    """Collect the quarter (or ``period``, when given) across units; write ``chi-so.json``
    (the totals) to ``output_dir``."""
    r = collect(config.resolve(data_dir), period or quarter)
    if output_dir:
        indicators.write_json(
            r.totals(), ROLLUP_DIR, str(r.quarter), config.resolve(output_dir) / config.FIGURES_FILE
        )
    return r


def _pct(value: object) -> str:
    return fmt.percent(None if value is None or pd.isna(value) else float(value))  # type: ignore[arg-type]


def overview(r: Rollup) -> Section:
    """Title, scope and the city's totals."""
    t = r.totals()
    blocks = [
        Heading(1, say("tong_hop.tieu_de")),
        Paragraph(say("tong_hop.trich_yeu", ky=r.quarter), "subject"),
        Paragraph(
            say("tong_hop.pham_vi", so_don_vi=len(r.units), khong_doc=len(r.unreadable)), "scope"
        ),
    ]
    items = [
        say(
            "tong_hop.ho_so",
            tiep_nhan=t.get("ho_so.tiep_nhan"),
            truc_tuyen=t.get("ho_so.truc_tuyen"),
            ty_le_truc_tuyen=t.get("ho_so.ty_le_truc_tuyen"),
            da_giai_quyet=t.get("ho_so.da_giai_quyet"),
            ty_le_dung_han=t.get("ho_so.ty_le_dung_han"),
            dang_qua_han=t.get("ho_so.dang_qua_han"),
        ),
        say(
            "tong_hop.thu_tuc",
            tong=t.get("thu_tuc.tong"),
            toan_trinh=t.get("thu_tuc.toan_trinh"),
            ty_le=t.get("thu_tuc.ty_le_toan_trinh"),
        ),
    ]
    if "chi_so.vneid_so_suc_khoe.ty_le" in t:
        items.append(
            say(
                "tong_hop.vneid",
                tu_so=t["chi_so.vneid_so_suc_khoe"],
                mau_so=t["chi_so.vneid_so_suc_khoe.mau_so"],
                ty_le=t["chi_so.vneid_so_suc_khoe.ty_le"],
            )
        )
    blocks.append(Items(tuple(items)))
    return Section(blocks)


def league_section(r: Rollup) -> Section:
    """Units ranked by online rate, with on-time and VNeID rates and their data-check errors."""
    league = r.league()
    table = pd.DataFrame(
        {
            "Hạng": range(1, len(league) + 1),
            "Đơn vị": league["ten"],
            "Hồ sơ tiếp nhận": [fmt.number(v) for v in league["ho_so.tiep_nhan"]],
            **{title: [_pct(v) for v in league[key]] for key, title in LEAGUE.items()},
            "Lỗi số liệu": league["loi"],
        }
    )
    blocks = [
        Heading(2, say("tong_hop.xep_hang")),
        Table(table, say("tong_hop.xep_hang"), tuple(table.columns[2:])),
    ]
    for key, title in list(LEAGUE.items())[:2]:
        shown = league.dropna(subset=[key])
        if len(shown):
            labels, values = list(shown["ten"]), [float(v) for v in shown[key]]
            blocks.append(
                Chart(
                    lambda labels=labels, values=values, title=title: charts.horizontal_bars(
                        labels, values, title, rate=True
                    ),
                    title,
                )
            )
    return Section(blocks)


def index_section(r: Rollup) -> Section:
    """Units ranked by the service index (Decision 766) their own figures estimate."""
    league = r.index_league()
    table = pd.DataFrame(
        {
            "Hạng": range(1, len(league) + 1),
            "Đơn vị": league["ten"],
            "Điểm (ước tính)": [
                say("tong_hop.diem_766", dat=d, co_so_lieu=m) if m else fmt.MISSING
                for d, m in zip(league["diem"], league["co_so_lieu"], strict=True)
            ],
            "Tỷ lệ điểm đạt": [_pct(v) for v in league["ty_le_diem"]],
        }
    )
    blocks: list = [
        Heading(2, say("tong_hop.xep_hang_766")),
        Paragraph(say("tong_hop.xep_hang_766_ghi_chu"), "note"),
        Table(table, say("tong_hop.xep_hang_766"), ("Điểm (ước tính)", "Tỷ lệ điểm đạt")),
    ]
    shown = league.dropna(subset=["ty_le_diem"])
    if len(shown):
        labels, values = list(shown["ten"]), [float(v) for v in shown["ty_le_diem"]]
        title = say("tong_hop.xep_hang_766")
        blocks.append(
            Chart(lambda: charts.horizontal_bars(labels, values, title, rate=True), title)
        )
    return Section(blocks)


def problems_section(r: Rollup) -> Section:
    """Units whose inputs have error-level findings, and files that could not be read."""
    blocks = [Heading(2, say("tong_hop.can_ra_soat"))]
    flagged = [u for u in r.units if u.errors]
    if flagged:
        blocks.append(
            Items(
                tuple(
                    say("tong_hop.don_vi_loi", ten=u.name, so_loi=u.errors, so_canh_bao=u.warnings)
                    for u in flagged
                )
            )
        )
    else:
        blocks.append(Paragraph(say("tong_hop.khong_loi")))
    if r.unreadable:
        blocks.append(Paragraph(say("tong_hop.khong_doc_duoc"), "label"))
        blocks.append(Items(tuple(f"{unit}: {msg}" for unit, msg in r.unreadable.items())))
    return Section(blocks)
