"""A run builds its report once: the kernel shows the report `workbook run` built, the DOCX
lays out the same one, and the kernel reads no workbook at all."""

from __future__ import annotations

import shutil

import pytest
from docx import Document

from helpers import config, render, report
from helpers.render import run_report


@pytest.mark.kernel
def test_a_run_builds_its_report_once(tmp_path, monkeypatch):
    data = tmp_path / "donnees"
    (data / "phu-lien").mkdir(parents=True)
    shutil.copy(config.DATA_DIR / "phu-lien" / "2026-Q1.xlsx", data / "phu-lien")
    builds: list[str] = []
    real_build = report.from_workbook

    def counting(unit, wb):
        builds.append(unit)
        return real_build(unit, wb)

    real_execute = render._execute

    def execute_without_inputs(*args):
        # the kernel cannot read the inputs: it must show the report built before it started
        shutil.rmtree(data)
        real_execute(*args)

    monkeypatch.setattr(report, "from_workbook", counting)
    monkeypatch.setattr(render, "_execute", execute_without_inputs)
    result = run_report(
        "phu-lien", "2026-Q1", data_dir=data, out_dir=tmp_path / "out", formats=("html", "docx")
    )
    assert builds == ["phu-lien"]
    html = result.files["bao-cao.html"].read_text(encoding="utf-8")
    assert "11.952" in html and "I. CÔNG TÁC LÃNH ĐẠO" in html
    docx = Document(str(result.files["bao-cao.docx"]))
    assert any("11.952" in p.text for p in docx.paragraphs)
    # the hand-over file stays out of the published folder
    assert sorted(p.name for p in result.folder.iterdir()) == [
        "bao-cao.docx",
        "bao-cao.html",
        "bao-cao.ipynb",
        "chi-so.json",
        "kiem-tra.json",
    ]


def test_a_kept_report_is_refused_for_another_unit(tmp_path):
    rep = report.build("phu-lien", "2026-Q1")
    kept = report.save(rep, tmp_path / "r.pickle")
    assert report.prepare("phu-lien", "2026-Q1", prepared=str(kept)).figures == rep.figures
    with pytest.raises(report.ParameterError, match="phu-lien 2026-Q1"):
        report.prepare("mau-an", "2026-Q1", prepared=str(kept))


def test_the_docx_takes_the_outline_without_the_screen_only_sections():
    rep = report.build("phu-lien", "2026-Q1")
    every = report.outline(rep)
    official = report.official_outline(rep)
    assert [s.texts() for s in every if not s.web_only] == [s.texts() for s in official]
    assert len(official) < len(every)
    shown = [t for s in every for t in s.texts()]
    assert "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TỔ CHỨC THỰC HIỆN" in shown
    assert shown.index("II. KẾT QUẢ TRIỂN KHAI THỰC HIỆN TRONG QUÝ I/2026") < shown.index(
        "III. ĐÁNH GIÁ CHUNG"
    )


@pytest.mark.kernel
def test_the_annex_tables_are_computed_once_and_the_kernel_shows_those(tmp_path, monkeypatch):
    """The run computes the annex's tables before the kernel starts; the kernel and the DOCX
    format those very tables. Marked here by a record count no computation would give."""
    import dataclasses

    from helpers import analysis_annex

    computed: list[str] = []
    real_tables = analysis_annex.tables

    def marked(rep):
        computed.append(rep.unit)
        return dataclasses.replace(real_tables(rep), records=424242)

    monkeypatch.setattr(analysis_annex, "tables", marked)
    result = run_report("mau-an", "2026-Q1", out_dir=tmp_path / "out", formats=("html", "docx"))
    assert computed == ["mau-an"]
    html = result.files["bao-cao.html"].read_text(encoding="utf-8")
    assert "424.242" in html  # the kernel's annex: the tables handed over, not its own
    docx = Document(str(result.files["bao-cao.docx"]))
    assert any("424.242" in p.text for p in docx.paragraphs)
