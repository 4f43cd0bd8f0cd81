"""The real command on the real sample: run it, then open the HTML, the PDF and the JSON.

Tests that read the rendered sample (``sample_run``) or render themselves start a kernel; the
ones refused before any kernel starts (contract errors, unknown unit, --strict) do not."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import nbformat
import pytest
from docx import Document
from pypdf import PdfReader

from helpers import config
from helpers.errors import RenderError
from helpers.render import run_report
from portable import WORKBOOK

# The kernel inherits this: a pandas FutureWarning in a report cell fails the run here, not in
# next quarter's run after an upgrade.
ENV = {**os.environ, "PYTHONWARNINGS": "error::FutureWarning"}


def workbook(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(WORKBOOK), *map(str, args)], capture_output=True, text=True, timeout=300, env=ENV
    )


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


# sample_run (conftest.py): the sample rendered once per session, every format
@pytest.mark.kernel
def test_run_writes_every_output(sample_run):
    folder, proc = sample_run
    assert sorted(p.name for p in folder.iterdir()) == [
        "bao-cao.docx",
        "bao-cao.html",
        "bao-cao.ipynb",
        "bao-cao.pdf",
        "chi-so.json",
        "kiem-tra.json",
    ]
    assert "Traceback" not in proc.stdout + proc.stderr
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".2026-Q1.dang-tao")]


@pytest.mark.kernel
def test_json_holds_the_seed_figures(sample_run):
    figures = json.loads((sample_run[0] / "chi-so.json").read_text(encoding="utf-8"))
    assert figures["don_vi"] == "phu-lien" and figures["ky"] == "2026-Q1"
    assert figures["ho_so.tiep_nhan"] == 11952 and isinstance(figures["ho_so.tiep_nhan"], int)
    assert figures["ho_so.truc_tuyen"] == 11952
    assert figures["ho_so.ty_le_truc_tuyen"] == 1.0
    assert figures["thu_tuc.tong"] == 377
    assert (figures["thu_tuc.toan_trinh"], figures["thu_tuc.mot_phan"]) == (218, 159)
    assert figures["chi_so.vneid_so_suc_khoe"] == 22581
    assert figures["chi_so.vneid_so_suc_khoe.mau_so"] == 57566
    assert figures["chi_so.vneid_so_suc_khoe.ty_le_bao_cao"] == 0.39
    assert figures["chi_tieu.muc_tieu.hoan_thanh"] == 9
    assert figures["chi_tieu.nhiem_vu_tien_do.hoan_thanh"] == 6
    assert figures["ho_so.he_thong.cac_bo_nganh.tiep_nhan"] == 896
    assert all(isinstance(v, int | float) for k, v in figures.items() if k not in ("don_vi", "ky"))


@pytest.mark.kernel
def test_html_is_self_contained_and_says_the_figures(sample_run):
    html = (sample_run[0] / "bao-cao.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", html)
    text = re.sub(r"\s+", " ", text)
    for expected in (
        "tiếp nhận 11.952 hồ sơ, trong đó trực tuyến 11.952 hồ sơ, đạt 100%",
        "niêm yết 377 thủ tục",
        "218 thủ tục",
        "159 thủ tục",
        "22.581/57.566",
        "PHƯỜNG PHÙ LIỄN",
        "Độc lập - Tự do - Hạnh phúc",
        "II. KẾT QUẢ TRIỂN KHAI THỰC HIỆN TRONG QUÝ I/2026",
        "IV. NHIỆM VỤ, GIẢI PHÁP TRONG QUÝ II NĂM 2026",
        "Phạm Văn Diện",
    ):
        assert expected in text, expected
    # no code, no prompt, nothing fetched from another host
    assert "report.prepare" not in html and "import " not in text
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html and "url(http" not in html
    assert html.count('src="data:image/png;base64,') >= 4
    assert (
        re.search(r'<meta(?=[^>]*name="viewport")(?=[^>]*width=device-width)', html)
        and 'lang="vi"' in html
    )


@pytest.mark.kernel
def test_pdf_is_a4_with_page_numbers_diacritics_and_charts(sample_run):
    reader = PdfReader(sample_run[0] / "bao-cao.pdf")
    pages = reader.pages
    assert len(pages) >= 3
    for page in pages:
        assert (
            round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842
        )
    text = " ".join(p.extract_text() for p in pages)
    text = re.sub(r"\s+", " ", text)
    assert "11.952" in text and "22.581/57.566" in text
    assert "218 thủ tục" in text and "159 thủ tục" in text
    assert "ỦY BAN NHÂN DÂN" in text and "PHƯỜNG PHÙ LIỄN" in text
    assert f"Trang 1/{len(pages)}" in text and f"Trang {len(pages)}/{len(pages)}" in text
    images = sum(len(p.images) for p in pages)
    assert images >= 4


@pytest.mark.kernel
def test_findings_go_to_json_html_and_pdf(sample_run):
    folder = sample_run[0]
    found = json.loads((folder / "kiem-tra.json").read_text(encoding="utf-8"))
    rules = {f["rule"] for f in found["findings"]}
    assert {"tong_thanh_phan", "ty_le_lech", "vuot_100", "dong_ho_so", "ky_so_lieu"} <= rules
    assert found["so_loi"] >= 4 and found["so_canh_bao"] >= 2
    parts = next(f for f in found["findings"] if f["rule"] == "tong_thanh_phan")
    assert parts["gap"] == 12 and parts["row"] == 3 and parts["sheet"] == "Hồ sơ tổng hợp"
    html = (folder / "bao-cao.html").read_text(encoding="utf-8")
    assert "PHỤ LỤC. KIỂM TRA SỐ LIỆU" in html and "cộng lại 884" in html
    pdf_text = " ".join(p.extract_text() for p in PdfReader(folder / "bao-cao.pdf").pages)
    assert "KIỂM TRA SỐ LIỆU" in pdf_text and "699" in pdf_text


def test_strict_refuses_to_render_on_error_findings(tmp_path):
    proc = workbook("run", "--strict", "--out", tmp_path)
    assert proc.returncode == 1
    assert "--strict" in proc.stderr and "884" in proc.stderr and "Traceback" not in proc.stderr
    assert list(tmp_path.iterdir()) == []


def _visible_text(html: str) -> str:
    text = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", unescape(text))


@pytest.mark.kernel
def test_every_sentence_of_the_docx_is_the_same_in_the_html(sample_run):
    """One source of words: the DOCX body's sentences appear verbatim in the shared HTML."""
    html = _visible_text((sample_run[0] / "bao-cao.html").read_text(encoding="utf-8"))
    doc = Document(sample_run[0] / "bao-cao.docx")
    sentences = [re.sub(r"^[-+] ", "", p.text) for p in doc.paragraphs if len(p.text) > 30]
    assert len(sentences) > 60
    generated = "Từ ngày 01/01/2026 đến ngày 16/04/2026, Trung tâm thực hiện tiếp nhận"
    assert any(s.startswith(generated) for s in sentences)
    missing = [s for s in sentences if re.sub(r"\s+", " ", s) not in html]
    assert missing == []


@pytest.mark.kernel
def test_format_option_selects_outputs(tmp_path):
    proc = workbook("run", "--format", "docx", "--out", tmp_path)
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in (tmp_path / "phu-lien" / "2026-Q1").iterdir())
    assert names == ["bao-cao.docx", "bao-cao.ipynb", "chi-so.json", "kiem-tra.json"]


@pytest.mark.kernel
def test_executed_notebook_keeps_the_parameters(sample_run):
    nb = nbformat.read(sample_run[0] / "bao-cao.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and 'unit = "phu-lien"' in injected[0].source
    assert all(o.get("output_type") != "error" for c in nb.cells for o in c.get("outputs", []))


def test_contract_error_exits_2_with_a_plain_message_and_writes_nothing(tmp_path):
    from openpyxl import load_workbook

    data = tmp_path / "data"
    shutil.copytree(config.DATA_DIR / "phu-lien", data / "phu-lien")
    broken = data / "phu-lien" / "2026-Q1.xlsx"
    wb = load_workbook(broken)
    ws = wb["Hồ sơ tổng hợp"]
    ws["D2"] = "mười một nghìn"
    wb.save(broken)
    before = broken.read_bytes()
    proc = workbook("run", "--data", data, "--out", tmp_path / "out")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "trang «Hồ sơ tổng hợp», dòng 2, cột «Tiếp nhận»" in proc.stderr
    assert "mười một nghìn" in proc.stderr
    assert broken.read_bytes() == before
    assert not (tmp_path / "out" / "phu-lien" / "2026-Q1").exists()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--unit", "khong-co"), "Không có đơn vị «khong-co»"),
        (("--quarter", "2026-Q3"), "không có số liệu Quý III năm 2026"),
        (("--quarter", "2026-Q5"), "không phải một quý"),
    ],
)
def test_unknown_unit_or_quarter_is_a_clear_error(tmp_path, args, says):
    proc = workbook("run", *args, "--out", tmp_path)
    assert proc.returncode == 2
    assert says in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.kernel
def test_failed_cell_keeps_last_good_outputs(sample_run, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(sample_run[0], out / "phu-lien" / "2026-Q1")
    good = digest(out / "phu-lien" / "2026-Q1")
    nb = nbformat.read(config.REPORT_NOTEBOOK, as_version=4)
    nb.cells.insert(4, nbformat.v4.new_code_cell('raise RuntimeError("hỏng giữa chừng")'))
    broken_nb = tmp_path / "broken.ipynb"
    nbformat.write(nb, broken_nb)
    with pytest.raises(RenderError) as info:
        run_report(out_dir=out, notebook=broken_nb)
    message = info.value.user_message()
    assert "RuntimeError" in message and "hỏng giữa chừng" in message and "Ô số" in message
    assert digest(out / "phu-lien" / "2026-Q1") == good
    failed = out / "phu-lien" / "2026-Q1.loi" / "bao-cao.ipynb"
    assert failed.is_file()
    assert [p.name for p in (out / "phu-lien").iterdir() if "dang-tao" in p.name] == []


@pytest.mark.kernel
def test_a_docx_that_fails_beside_the_kernel_fails_the_run_and_keeps_the_last_good_outputs(
    sample_run, tmp_path, monkeypatch
):
    # the DOCX is written in a thread while the kernel runs: its failure must still end the
    # run, with the last good outputs untouched and no staging folder left behind
    from helpers import report

    out = tmp_path / "out"
    shutil.copytree(sample_run[0], out / "phu-lien" / "2026-Q1")
    good = digest(out / "phu-lien" / "2026-Q1")

    def broken(*args, **kwargs):
        raise OSError("ổ đĩa đầy")

    monkeypatch.setattr(report, "write_docx", broken)
    with pytest.raises(RenderError) as info:
        run_report(out_dir=out)
    assert "ổ đĩa đầy" in info.value.user_message()
    assert digest(out / "phu-lien" / "2026-Q1") == good
    assert [p.name for p in (out / "phu-lien").iterdir() if "dang-tao" in p.name] == []


@pytest.mark.kernel
def test_the_docx_is_written_while_the_kernel_runs(tmp_path, monkeypatch):
    import threading
    import time

    from helpers import render, report

    seen: dict[str, object] = {}
    write_docx, execute = report.write_docx, render._execute

    def timed_docx(*args, **kwargs):
        seen["thread"] = threading.current_thread().name
        path = write_docx(*args, **kwargs)
        seen["docx_done"] = time.perf_counter()
        return path

    def timed_execute(*args, **kwargs):
        execute(*args, **kwargs)
        seen["kernel_done"] = time.perf_counter()

    monkeypatch.setattr(report, "write_docx", timed_docx)
    monkeypatch.setattr(render, "_execute", timed_execute)
    # no warm-up first: the DOCX starts with the kernel, which takes seconds to start alone
    monkeypatch.setattr(render, "_warm", lambda formats: None)
    result = run_report(out_dir=tmp_path, formats=("html", "docx"))
    assert seen["thread"] != threading.main_thread().name
    assert seen["docx_done"] < seen["kernel_done"]
    assert Document(str(result.files["bao-cao.docx"])).paragraphs  # a real DOCX, published
    assert list(result.seconds)[:2] == ["doc_so_lieu", "chay_notebook"]
    assert "xuat_docx" in result.seconds
