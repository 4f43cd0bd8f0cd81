"""The shared index page: every unit's quarters and periods in an output folder, newest first."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import jinja2

from helpers import atomic, config, fmt
from helpers.periods import Span, order, parse_span

INDEX_FILE = "index.html"
# Figures shown for each report, in this order: key -> column title.
KEY_FIGURES = {
    "ho_so.tiep_nhan": "Hồ sơ tiếp nhận",
    "ho_so.ty_le_truc_tuyen": "Tỷ lệ trực tuyến",
    "ho_so.ty_le_dung_han": "Tỷ lệ đúng hạn",
    "thu_tuc.ty_le_toan_trinh": "TTHC toàn trình",
    "chi_so.vneid_so_suc_khoe.ty_le": "VNeID sổ sức khỏe",
}


@dataclass
class Entry:
    """One report found in the output folder: a quarter's, or a longer period's."""

    unit: str
    quarter: Span
    figures: dict[str, object]
    errors: int | None
    warnings: int | None
    files: dict[str, str]  # kind -> path relative to the index

    def shown(self, key: str) -> str:
        value = self.figures.get(key)
        if value is None:
            return fmt.MISSING
        return fmt.percent(value) if ".ty_le" in key else fmt.number(value)  # type: ignore[arg-type]


def entries(out_dir: Path) -> list[Entry]:
    """Reports under ``out_dir/<unit>/<YYYY-Qn>/`` (or ``<YYYY-6T>/`` …) that have their
    ``chi-so.json``, newest first (a period before the quarter that closes it)."""
    found = []
    for figures_file in sorted(out_dir.glob(f"*/*/{config.FIGURES_FILE}")):
        folder = figures_file.parent
        try:
            quarter = parse_span(folder.name)
        except ValueError:
            continue
        figures = json.loads(figures_file.read_text(encoding="utf-8"))
        check = folder / config.FINDINGS_FILE
        data_check = json.loads(check.read_text(encoding="utf-8")) if check.is_file() else {}
        files = {
            # a relative URL, so "/" and percent-encoding (a unit named with spaces or "#")
            kind: "/".join(quote(part) for part in (folder.parent.name, folder.name, name))
            for kind, name in (
                ("HTML", config.HTML_FILE),
                ("PDF", config.PDF_FILE),
                ("DOCX", config.DOCX_FILE),
                ("Biểu II.06a", config.FORM_FILE),
            )  # fmt: skip
            if (folder / name).is_file()
        }
        found.append(
            Entry(
                folder.parent.name,
                quarter,
                figures,
                data_check.get("so_loi"),
                data_check.get("so_canh_bao"),
                files,
            )  # fmt: skip
        )
    return sorted(found, key=lambda e: (order(e.quarter), e.unit), reverse=True)


def render_index(items: list[Entry], now: dt.datetime | None = None) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(config.TEMPLATES_DIR / "index"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    now = now or dt.datetime.now()
    return env.get_template("index.html.j2").render(
        entries=items,
        units=sorted({e.unit for e in items}),
        key_figures=KEY_FIGURES,
        generated=now.strftime("%H:%M %d/%m/%Y"),
    )


def write_index(out_dir: Path | str) -> Path:
    """Rebuild ``<out_dir>/index.html`` atomically."""
    out = Path(out_dir)
    return atomic.write_text(out / INDEX_FILE, render_index(entries(out)))
