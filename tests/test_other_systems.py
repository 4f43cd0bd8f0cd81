"""The real `workbook` command in an interpreter that lacks what Windows lacks (no fcntl, no
os.fchmod; Windows' rename rules; processes spawned, not forked; see other_os/), on generated
workbooks in folders named with spaces and Vietnamese diacritics, beside Excel's and
LibreOffice's lock files: what a ward's PC or a Mac does with the product."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import unquote

from pypdf import PdfReader

from helpers import doctor
from helpers.periods import Quarter
from portable import SIMULATION, simulated_env, workbook
from workbooks import random_records, sample_workbook

UNIT_NFC = unicodedata.normalize("NFC", "Phường Hà Cầu")
UNIT_NFD = unicodedata.normalize("NFD", UNIT_NFC)
LOCK_FILES = ("~$2026-Q1.xlsx", ".~lock.2026-Q1.xlsx#")
# a record-level unit's report: the form Biểu II.06a too
EVERY = [
    "bao-cao.docx",
    "bao-cao.html",
    "bao-cao.ipynb",
    "bao-cao.pdf",
    "bieu-ii06a.xlsx",
    "chi-so.json",
    "kiem-tra.json",
]


def quarter_file(folder: Path, q: str, seed: int) -> Path:
    start, end = Quarter.parse(q).window()
    path = sample_workbook(
        folder / f"{q}.xlsx",
        quarter=q,
        info={"tu_ngay": start, "den_ngay": end},
        records=random_records(120, seed, start, end),
        aggregate=False,
    )
    for name in LOCK_FILES:  # as Excel and LibreOffice leave them while the file is open
        (folder / name.replace("2026-Q1", q)).write_bytes(b"\x0bNguyen Van A\x00" * 8)
    return path


def test_the_simulated_interpreter_lacks_what_windows_lacks(tmp_path):
    probe = """
import multiprocessing, os, pathlib, sys
try:
    import fcntl
    print("fcntl")
except ImportError:
    pass
print("fchmod" if hasattr(os, "fchmod") else "", multiprocessing.get_start_method())
a, b = pathlib.Path(sys.argv[1], "a"), pathlib.Path(sys.argv[1], "b")
a.mkdir(); b.mkdir()
try:
    os.rename(a, b)  # POSIX renames onto an empty folder; Windows refuses
except FileExistsError:
    print("refused")
"""
    env = simulated_env()
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True, env=env
    )
    assert done.stdout.split() == ["spawn", "refused"], done.stdout + done.stderr
    assert (SIMULATION / "sitecustomize.py").is_file()


def test_run_twice_without_posix_modules_in_a_folder_named_with_diacritics(tmp_path):
    data, out = tmp_path / "Dữ liệu báo cáo", tmp_path / "Kết quả quý"
    quarter_file(data / "xa-a", "2026-Q1", 1)
    marks = tmp_path / "marks"
    marks.mkdir()
    env = simulated_env(marks=marks)
    args = ("run", "--unit", "xa-a", "--quarter", "2026-Q1", "--data", data, "--out", out)
    first = workbook(*args, env=env)
    assert first.returncode == 0, first.stderr
    final = out / "xa-a" / "2026-Q1"
    assert sorted(p.name for p in final.iterdir()) == EVERY
    # published again over the first set, under Windows' rename rules
    second = workbook(*args, "--format", "html", env=env)
    assert second.returncode == 0, second.stderr
    assert "Traceback" not in first.stderr + second.stderr
    assert sorted(p.name for p in final.iterdir()) == [
        "bao-cao.html", "bao-cao.ipynb", "chi-so.json", "kiem-tra.json"
    ]  # fmt: skip
    assert [p.name for p in final.parent.iterdir() if p.name != "2026-Q1"] in (
        [],
        [".2026-Q1.khoa"],
    )
    figures = json.loads((final / "chi-so.json").read_text(encoding="utf-8"))
    assert (figures["don_vi"], figures["ky"]) == ("xa-a", "2026-Q1")
    # the CLI and the notebook's kernel both ran without fcntl (one mark per interpreter)
    started = [p.read_text(encoding="utf-8").split() for p in marks.iterdir()]
    assert sum("run" in argv for argv in started) == 2, started
    assert sum("-f" in argv for argv in started) == 2, started  # ipykernel -f <connection>


def test_the_pdf_uses_only_fonts_its_css_names(tmp_path):
    data, out = tmp_path / "Dữ liệu", tmp_path / "Kết quả"
    quarter_file(data / "xa-a", "2026-Q1", 2)
    args = ("run", "--unit", "xa-a", "--quarter", "2026-Q1", "--data", data, "--out", out)
    done = workbook(*args, "--format", "pdf", env=simulated_env())
    assert done.returncode == 0, done.stderr
    named = {
        family.replace(" ", "")
        for stack in doctor.css_font_stacks(doctor._CSS.read_text(encoding="utf-8"))
        for family in stack
    }
    used = set()
    for page in PdfReader(out / "xa-a" / "2026-Q1" / "bao-cao.pdf").pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            base = str(font.get_object()["/BaseFont"]).split("+")[-1]
            used.add(re.sub(r"(Bold|Italic|Regular|Oblique)+$", "", base.replace("-", "")))
    assert used and used <= named, used


def test_batch_without_posix_modules_beside_office_lock_files_in_nfd_folders(tmp_path):
    data = tmp_path / unicodedata.normalize("NFD", "Dữ liệu các phường")  # as macOS hands it
    out = tmp_path / "Kết quả"
    quarter_file(data / "xa-a", "2025-Q4", 1)  # two quarters that make no period together
    quarter_file(data / "xa-a", "2026-Q1", 2)
    quarter_file(data / UNIT_NFD, "2026-Q1", 3)
    env = simulated_env()
    done = workbook(
        "batch", "--data", data, "--out", out, "--jobs", "2", "--format", "html", env=env
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "Lỗi không mong đợi" not in done.stdout
    assert "Tổng: 3 báo cáo — 3 tạo mới, 0 không đổi, 0 lỗi." in done.stdout
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == sorted([UNIT_NFC, "xa-a"])
    html = (out / "index.html").read_text(encoding="utf-8")
    links = [unquote(link) for link in re.findall(r'href="([^"]+)"', html)]
    assert len(links) == 3 and all((out / link).is_file() for link in links)

    again = workbook("batch", "--data", data, "--out", out, "--json", "--format", "html", env=env)
    assert again.returncode == 0, again.stderr
    assert [o["status"] for o in json.loads(again.stdout)] == ["bo_qua"] * 3
    only = workbook(
        "batch", "--data", data, "--out", out, "--units", UNIT_NFC, "--json", "--force",
        "--format", "html", env=env,
    )  # fmt: skip
    assert [(o["unit"], o["status"]) for o in json.loads(only.stdout)] == [(UNIT_NFC, "da_tao")]


def test_a_workbook_open_in_excel_fails_alone_with_its_message(tmp_path):
    data, out = tmp_path / "Dữ liệu báo cáo", tmp_path / "Kết quả"
    quarter_file(data / "xa-a", "2026-Q1", 1)
    held = quarter_file(data / "xa-b", "2026-Q1", 2)
    env = simulated_env(locked=[held])
    done = workbook(
        "batch", "--data", data, "--out", out, "--jobs", "1", "--format", "html", env=env
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Tổng: 2 báo cáo — 1 tạo mới, 0 không đổi, 1 lỗi." in done.stdout
    assert f"xa-b 2026-Q1: Không đọc được tệp «{held}»" in done.stdout
    assert "hãy đóng tệp trong Excel rồi chạy lại" in done.stdout
    assert "Traceback" not in done.stderr and "Lỗi không mong đợi" not in done.stdout

    for command in (
        ("run", "--unit", "xa-b", "--quarter", "2026-Q1", "--data", data, "--out", out),
        ("check", held),
    ):
        alone = workbook(*command, env=env)
        assert alone.returncode == 2, alone.stdout + alone.stderr
        assert str(held) in alone.stderr and "đóng tệp trong Excel rồi chạy lại" in alone.stderr
        assert "Traceback" not in alone.stderr
    assert not (out / "xa-b" / "2026-Q1").exists()


def test_without_pango_the_html_and_docx_are_made_and_the_pdf_says_how(tmp_path):
    data, out = tmp_path / "Dữ liệu", tmp_path / "Kết quả"
    quarter_file(data / "xa-a", "2026-Q1", 1)
    args = ("run", "--unit", "xa-a", "--quarter", "2026-Q1", "--data", data, "--out", out)
    done = workbook(*args, env=simulated_env(no_pango=True))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (out / "xa-a" / "2026-Q1").iterdir()) == [
        name for name in EVERY if name != "bao-cao.pdf"
    ]
    assert "Lưu ý: Không tạo được PDF" in done.stderr
    assert f"Cài bằng: {doctor.install_pango(doctor.System.here())}" in done.stderr
    assert "workbook doctor" in done.stderr


def test_the_portability_tests_pass_in_the_simulated_interpreter_too(tmp_path):
    """tests/test_portable.py (locks, publication, lock files, NFC/NFD), run again with fcntl
    and os.fchmod gone: the POSIX-less part of the suite."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         str(Path(__file__).with_name("test_portable.py")), "--basetemp", str(tmp_path / "t")],
        capture_output=True, text=True, env=simulated_env(), timeout=600,
        cwd=Path(__file__).parents[1],
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert re.search(r"\b\d+ passed\b", done.stdout) and " failed" not in done.stdout
