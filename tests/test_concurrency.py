"""Two runs of one quarter at once, Ctrl-C and kill -9 in the middle of a run: the report
folder is always one complete set, the last good one stays until a new one is whole, and
nothing is left behind (staging folders, kernels, a failed-notebook folder for a stop)."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from helpers import config
from helpers.render import export_html
from portable import WORKBOOK

# /proc, process groups and SIGKILL as Linux has them; on Windows and macOS the lock and the
# publication are tested by test_portable.py
pytestmark = [
    pytest.mark.skipif(sys.platform != "linux", reason="reads /proc, signals groups"),
    pytest.mark.kernel,  # real runs, started, stopped and killed
]
ENV = {**os.environ, "PYTHONWARNINGS": "error::FutureWarning"}
UNIT, QUARTER = "phu-lien", "2026-Q1"
SIX = {
    "bao-cao.docx",
    "bao-cao.html",
    "bao-cao.ipynb",
    "bao-cao.pdf",
    "chi-so.json",
    "kiem-tra.json",
}
LOCK = f".{QUARTER}.khoa"


def start(out: Path, *extra: str) -> subprocess.Popen[str]:
    """``workbook run`` of the sample in its own session (so a group signal reaches only it)."""
    return subprocess.Popen(
        [str(WORKBOOK), "run", "--unit", UNIT, "--quarter", QUARTER, "--out", str(out), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        start_new_session=True,
        # as from a terminal: a suite started in the background (`make test &`, nohup) has
        # SIGINT ignored, and a child would inherit that and never see the Ctrl-C below
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def staging(unit_dir: Path) -> list[str]:
    return sorted(p.name for p in unit_dir.iterdir() if p.name.startswith(f".{QUARTER}.dang-tao-"))


def children(pid: int) -> dict[int, str]:
    """Processes whose parent is ``pid``, with their command lines."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found[int(entry.name)] = cmdline
    return found


def alive(pid: int) -> bool:
    """Running (a zombie waiting for its parent does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, what: str, proc: subprocess.Popen[str], timeout: float = 120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if proc.poll() is not None:
            pytest.fail(f"the run ended (exit {proc.returncode}) before {what}: {proc.stderr}")
        time.sleep(0.05)
    proc.kill()
    pytest.fail(f"timed out waiting for {what}")


def in_the_middle(proc: subprocess.Popen[str], unit_dir: Path, moment: str) -> int:
    """Wait until the run is at ``moment`` ("starting": its kernel process has just been
    launched; "cells": the kernel has run the cell that writes chi-so.json into the staging
    folder and is on the next ones); return the kernel's pid."""
    wait_for(lambda: staging(unit_dir), "the staging folder", proc)
    kernels = wait_for(
        lambda: [pid for pid, cmd in children(proc.pid).items() if "ipykernel" in cmd],
        "the kernel",
        proc,
    )
    if moment == "cells":
        wait_for(
            lambda: any((unit_dir / s / "chi-so.json").is_file() for s in staging(unit_dir)),
            "the first cells",
            proc,
        )
    return kernels[0]


@pytest.fixture(scope="module")
def concurrent(tmp_path_factory):
    """Two runs of the same unit-quarter started together, into the same --out."""
    out = tmp_path_factory.mktemp("cung-luc")
    procs = [start(out), start(out)]
    assert all(p.poll() is None for p in procs), "both runs were under way at the same time"
    outputs = [p.communicate(timeout=300) for p in procs]
    return out, [(p.returncode, o, e) for p, (o, e) in zip(procs, outputs, strict=True)]


@pytest.fixture
def good_outputs(concurrent, tmp_path):
    """A copy of a complete report set, in place before a run that will not finish."""
    out = tmp_path / "out"
    shutil.copytree(concurrent[0] / UNIT, out / UNIT)
    final = out / UNIT / QUARTER
    return out, final, digest(final), sorted(p.name for p in (out / UNIT).iterdir())


def test_both_concurrent_runs_succeed(concurrent):
    out, results = concurrent
    for code, stdout, stderr in results:
        assert code == 0, stderr
        assert "Traceback" not in stdout + stderr
        assert str(out / UNIT / QUARTER) in stdout


def test_concurrent_runs_leave_one_complete_consistent_set(concurrent):
    out, _ = concurrent
    unit_dir, final = out / UNIT, out / UNIT / QUARTER
    assert sorted(p.name for p in unit_dir.iterdir()) == [LOCK, QUARTER]  # no .cu, no .loi
    assert {p.name for p in final.iterdir()} == SIX
    figures = json.loads((final / "chi-so.json").read_text(encoding="utf-8"))
    assert (figures["don_vi"], figures["ky"], figures["ho_so.tiep_nhan"]) == (UNIT, QUARTER, 11952)
    findings = json.loads((final / "kiem-tra.json").read_text(encoding="utf-8"))
    assert (findings["don_vi"], findings["ky"]) == (UNIT, QUARTER) and findings["findings"]
    nb = nbformat.read(final / "bao-cao.ipynb", as_version=4)
    injected = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    params = {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in ast.parse(injected.source).body
        if isinstance(node, ast.Assign)
    }
    assert params["unit"] == UNIT and params["quarter"] == QUARTER
    assert params["data_dir"] == str(config.DATA_DIR.resolve())
    # the notebook wrote its JSON into the staging folder that became this one
    staged = Path(params["output_dir"])
    assert staged.parent == unit_dir.resolve() and staged.name.startswith(f".{QUARTER}.dang-tao-")
    # the HTML was exported from this very notebook, not from the other run's
    title = f"Báo cáo NQ57 – {UNIT} – Quý I/2026"
    assert (final / "bao-cao.html").read_text(encoding="utf-8") == export_html(nb, title)
    assert (final / "bao-cao.pdf").read_bytes().startswith(b"%PDF-")
    assert (final / "bao-cao.docx").read_bytes().startswith(b"PK")


@pytest.mark.parametrize(
    ("target", "moment"),
    [("process", "starting"), ("process", "cells"), ("group", "starting"), ("group", "cells")],
)
def test_ctrl_c_keeps_the_last_report_and_leaves_nothing(good_outputs, target, moment):
    """SIGINT to the ``workbook`` process alone (``kill -INT``) or to its whole process group
    (Ctrl-C in a terminal, which also reaches the kernel), while the kernel starts or runs."""
    out, final, before, listing = good_outputs
    proc = start(out)
    kernel = in_the_middle(proc, out / UNIT, moment)
    if target == "group":
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    try:
        # stopped with the kernel: not left running (nor waiting for its parent to be gone)
        assert not alive(kernel), "the kernel outlived the interrupted run"
        assert proc.returncode == 130, stderr
        assert "Traceback" not in stdout + stderr, stderr
        said = [line for line in stderr.splitlines() if line.strip()]
        assert len(said) == 1 and "Đã dừng" in said[0], stderr  # that, and nothing else
        assert digest(final) == before
        assert sorted(p.name for p in (out / UNIT).iterdir()) == listing  # no staging, no .loi
    finally:
        if alive(kernel):
            os.kill(kernel, signal.SIGKILL)


def test_a_killed_run_keeps_the_last_report_and_the_next_run_cleans_up(good_outputs):
    """kill -9 gets no chance to clean: the old set stays whole, the staging folder stays
    behind, and the next run of that quarter removes it."""
    out, final, before, _ = good_outputs
    unit_dir = out / UNIT
    proc = start(out)
    kernel = in_the_middle(proc, unit_dir, "cells")
    proc.kill()
    proc.communicate(timeout=60)
    if alive(kernel):  # orphaned: it may still be writing into the staging folder
        os.kill(kernel, signal.SIGKILL)
    assert staging(unit_dir), "kill -9 left no staging folder: nothing to test"
    assert digest(final) == before

    done = subprocess.run(
        [str(WORKBOOK), "run", "--unit", UNIT, "--quarter", QUARTER]
        + ["--out", str(out), "--format", "html"],
        capture_output=True,
        text=True,
        timeout=300,
        env=ENV,
    )
    assert done.returncode == 0, done.stderr
    assert staging(unit_dir) == []
    assert sorted(p.name for p in unit_dir.iterdir()) == [LOCK, QUARTER]
    assert {p.name for p in final.iterdir()} == {
        "bao-cao.html",
        "bao-cao.ipynb",
        "chi-so.json",
        "kiem-tra.json",
    }


def test_the_warm_up_thread_never_imports_what_the_kernel_side_imports_at_once():
    """The exports warm up in a thread while the notebook is executed: the modules both sides
    import (jupyter_client's, which import each other) are whole before the thread starts,
    else one side can get a half-initialised module under load."""
    code = (
        "import sys\n"
        "from helpers.render import warm_up\n"
        "t = warm_up(('html',))\n"
        "m = sys.modules.get('jupyter_client.manager')\n"
        "print(bool(m) and hasattr(m, 'AsyncKernelManager') and 'papermill' in sys.modules)\n"
        "t.join()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
