"""The analysis annex as a user gets it: a record-level unit's real run (built once), its HTML
and DOCX opened; ``workbook run --no-analysis``; an aggregate-only unit without it."""

from __future__ import annotations

import datetime as dt
import html as markup
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from helpers import fmt, render, report
from workbooks import sample_workbook, timed_records

pytestmark = pytest.mark.kernel
SPLIT = {"toan_trinh": 30, "mot_phan": 20, "truc_tiep": 5}
WORKBOOK = Path(sys.executable).with_name("workbook")
UNIT, QUARTER = "xa-phan-tich", "2026-Q1"
HEADING = "PHỤ LỤC. PHÂN TÍCH HỒ SƠ"


def _text(html: str) -> str:
    return markup.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def _docx(path: Path) -> tuple[list[str], list[list[str]]]:
    doc = Document(str(path))
    rows = [[cell.text for cell in row.cells] for table in doc.tables for row in table.rows]
    return [p.text for p in doc.paragraphs], rows


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    sample_workbook(
        folder / UNIT / f"{QUARTER}.xlsx",
        records=timed_records(600, 14, dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        aggregate=False,
        procedures=SPLIT,
    )
    return folder


@pytest.fixture(scope="module")
def analysed(data, tmp_path_factory) -> Path:
    """``run_report`` with the defaults, counting the report's builds."""
    builds: list[str] = []
    real = report.from_workbook

    def counting(unit, wb):
        builds.append(unit)
        return real(unit, wb)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(report, "from_workbook", counting)
        result = render.run_report(
            UNIT, QUARTER, data_dir=data, out_dir=tmp_path_factory.mktemp("out"),
            formats=("html", "docx"),
        )  # fmt: skip
    assert builds == [UNIT]  # the kernel and the DOCX show the one report built
    return result.folder


def test_the_annex_is_in_the_html_with_its_charts(analysed):
    html = (analysed / "bao-cao.html").read_text(encoding="utf-8")
    text = _text(html)
    assert HEADING in text
    annex = text[text.index(HEADING) :]
    for title in (
        "1. Hồ sơ tiếp nhận theo tháng và kênh nộp",
        "2. Thời gian giải quyết so với thời hạn, theo lĩnh vực",
        "3. Thủ tục có nhiều hồ sơ quá hạn nhất",
        "4. Thủ tục trực tuyến chưa phát sinh hồ sơ trực tuyến",
        "5. Hồ sơ tiếp nhận theo ngày trong tuần và khung giờ",
        "Hồ sơ nộp trực tiếp tại quầy tập trung nhiều nhất vào khung",
    ):
        assert title in annex
    figures = json.loads((analysed / "chi-so.json").read_text(encoding="utf-8"))
    assert f"Tiếp nhận {fmt.number(figures['ho_so.tiep_nhan'])} hồ sơ trong 3 tháng" in annex
    # the annex's chart, drawn as an image with its caption
    caption = "Hồ sơ nộp trực tiếp theo ngày trong tuần và khung giờ"
    assert f'<img alt="{caption}" src="data:image/png;base64,' in html
    # after the signature, before the findings annex
    assert text.index("Nơi nhận") < text.index(HEADING) < text.index("PHỤ LỤC. KIỂM TRA SỐ LIỆU")


def test_the_annex_is_in_the_docx_with_its_tables(analysed):
    paragraphs, rows = _docx(analysed / "bao-cao.docx")
    assert HEADING in paragraphs
    assert paragraphs.index(HEADING) < paragraphs.index("PHỤ LỤC. KIỂM TRA SỐ LIỆU")
    headers = [r for r in rows if r and r[0] in ("Tháng", "Lĩnh vực", "Mã thủ tục")]
    assert {r[0] for r in headers} == {"Tháng", "Lĩnh vực", "Mã thủ tục"}
    assert ["Ngày", "Trực tuyến", "Trực tiếp", "Bưu chính", "Tổng"] in rows
    # the DOCX says what the HTML says, sentence for sentence
    html = _text((analysed / "bao-cao.html").read_text(encoding="utf-8"))
    annex = paragraphs[paragraphs.index(HEADING) : paragraphs.index("PHỤ LỤC. KIỂM TRA SỐ LIỆU")]
    assert all(p in html for p in annex if p.strip())


def test_no_analysis_leaves_the_annex_out(data, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run(
        [str(WORKBOOK), "run", "--unit", UNIT, "--quarter", QUARTER, "--data", str(data),
         "--out", str(out), "--format", "html", "--format", "docx", "--no-analysis"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    folder = out / UNIT / QUARTER
    assert HEADING not in (folder / "bao-cao.html").read_text(encoding="utf-8")
    paragraphs, _ = _docx(folder / "bao-cao.docx")
    assert HEADING not in paragraphs and "PHỤ LỤC. KIỂM TRA SỐ LIỆU" in paragraphs


def test_an_aggregate_only_unit_has_no_annex(sample_run):
    folder = sample_run[0]
    assert HEADING not in (folder / "bao-cao.html").read_text(encoding="utf-8")
    paragraphs, _ = _docx(folder / "bao-cao.docx")
    assert HEADING not in paragraphs
