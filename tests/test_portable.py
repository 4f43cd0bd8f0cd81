"""What differs between Windows, macOS and Linux, tested here: locks without fcntl, Windows'
rules for renaming and for files another program holds open (Excel, Word, a PDF viewer),
office lock files beside the workbooks, names in NFC and NFD, Windows paths in parameters."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import atomic, cli, office
from helpers.errors import RenderError
from portable import WindowsFiles, simulated_env
from workbooks import sample_workbook


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def report_set(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    for name in ("bao-cao.html", "bao-cao.docx", "chi-so.json"):
        (folder / name).write_text(f"{text} {name}", encoding="utf-8")
    return folder


@pytest.fixture
def windows(monkeypatch) -> WindowsFiles:
    monkeypatch.setattr(atomic, "RETRY_DELAYS", (0.0, 0.0, 0.0))
    return WindowsFiles(monkeypatch)


# --- the lock, with and without fcntl ------------------------------------------------------

HOLDER = """
import sys, time
from pathlib import Path
from helpers import atomic
with atomic.locked(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(120)
"""
CONTENDER = """
import sys, filelock
try:
    filelock.FileLock(sys.argv[1]).acquire(timeout=float(sys.argv[2])).lock.release()
    print("acquired")
except filelock.Timeout:
    print("timed out")
"""


@pytest.mark.parametrize("system", ["native", "without fcntl"])
def test_the_lock_excludes_another_process_and_dies_with_its_holder(tmp_path, system):
    env = simulated_env() if system == "without fcntl" else {**os.environ}
    lock = tmp_path / "Dữ liệu" / ".2026-Q1.khoa"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert holder.stdout.readline().strip() == "held"

        def contend(timeout: float) -> str:
            return subprocess.run(
                [sys.executable, "-W", "ignore", "-c", CONTENDER, str(lock), str(timeout)],
                capture_output=True, text=True, env=env, timeout=60, check=True,
            ).stdout.strip()  # fmt: skip

        assert contend(0.5) == "timed out"
        holder.send_signal(signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
        holder.wait(timeout=30)
        assert contend(20) == "acquired"  # the OS (or filelock, for its lock file) freed it
    finally:
        holder.kill()
        holder.wait()


def test_the_lock_is_the_filelock_one_and_atomic_imports_no_posix_module():
    source = Path(atomic.__file__).read_text(encoding="utf-8")
    assert not re.search(r"^\s*(import|from)\s+(fcntl|msvcrt)\b", source, re.MULTILINE)
    assert "fchmod" not in source and "chmod(" not in source


@pytest.mark.skipif(os.name != "posix", reason="file modes exist on POSIX only")
@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_outputs_take_the_users_umask_as_any_file_does(tmp_path, umask):
    old = os.umask(umask)
    try:
        written = atomic.write_text(tmp_path / "chi-so.json", "{}")
        staged = atomic.staging_dir(tmp_path / "2026-Q1")
    finally:
        os.umask(old)
    assert written.stat().st_mode & 0o777 == 0o666 & ~umask
    assert staged.stat().st_mode & 0o777 == 0o777 & ~umask
    assert staged.name.startswith(".2026-Q1.dang-tao-")


# --- publication under Windows' rules --------------------------------------------------------


def test_the_simulation_refuses_what_windows_refuses(tmp_path, windows):
    a, b = report_set(tmp_path / "a", "a"), report_set(tmp_path / "b", "b")
    with pytest.raises(FileExistsError):
        os.rename(a, b)  # POSIX would not refuse a file, nor an empty folder
    windows.hold(b / "bao-cao.docx")
    with pytest.raises(PermissionError):
        os.rename(b, tmp_path / "c")
    with pytest.raises(PermissionError):
        os.replace(a / "bao-cao.docx", b / "bao-cao.docx")


def test_publish_replaces_an_existing_folder_under_windows_rules(tmp_path, windows):
    final = report_set(tmp_path / "Kết quả" / "2026-Q1", "cũ")
    staging = atomic.staging_dir(final)
    report_set(staging / "x", "mới")  # some content, in a sub-folder too
    (staging / "chi-so.json").write_text("mới", encoding="utf-8")
    atomic.publish(staging, final)
    assert (final / "chi-so.json").read_text(encoding="utf-8") == "mới"
    assert sorted(p.name for p in final.parent.iterdir()) == ["2026-Q1"]  # no .cu, no staging


def test_a_report_open_in_word_keeps_the_old_set_and_says_which_file(tmp_path, windows):
    final = report_set(tmp_path / "out" / "2026-Q1", "cũ")
    before = digest(final)
    staging = atomic.staging_dir(final)
    (staging / "chi-so.json").write_text("mới", encoding="utf-8")
    windows.hold(final / "bao-cao.docx")

    with pytest.raises(office.OutputInUse) as caught:
        atomic.publish(staging, final)
    message = caught.value.user_message()
    assert "«bao-cao.docx»" in message and str(final) in message
    assert "hãy đóng tệp rồi chạy lại" in message and "Kết quả cũ vẫn giữ nguyên" in message
    assert caught.value.exit_code == 1 and isinstance(caught.value, RenderError)
    assert digest(final) == before
    assert staging.is_dir() and not (final.parent / ".2026-Q1.cu").exists()
    assert windows.calls["rename"] == len(atomic.RETRY_DELAYS) + 1  # tried again, then gave up

    windows.release()  # the user closed Word
    atomic.publish(staging, final)
    assert (final / "chi-so.json").read_text(encoding="utf-8") == "mới"


def test_a_new_set_that_cannot_be_moved_in_puts_the_old_one_back(tmp_path, windows):
    final = report_set(tmp_path / "out" / "2026-Q1", "cũ")
    before = digest(final)
    staging = atomic.staging_dir(final)
    (staging / "bao-cao.pdf").write_bytes(b"%PDF-")
    windows.hold(staging / "bao-cao.pdf")  # an antivirus that does not let go
    with pytest.raises(office.OutputInUse):
        atomic.publish(staging, final)
    assert digest(final) == before


def test_recover_undoes_a_publication_cut_between_its_renames(tmp_path, windows):
    final = tmp_path / "out" / "2026-Q1"
    old = report_set(final.with_name(".2026-Q1.cu"), "cũ")
    before = digest(old)
    stale = report_set(final.with_name(".2026-Q1.dang-tao-ab12cd34"), "dở")
    atomic.recover(final)
    assert digest(final) == before and not old.exists() and not stale.exists()


def test_a_file_open_elsewhere_is_not_replaced_and_nothing_is_left_behind(tmp_path, windows):
    target = tmp_path / "index.html"
    target.write_text("cũ", encoding="utf-8")
    windows.hold(target)
    with pytest.raises(office.OutputInUse) as caught:
        atomic.write_text(target, "mới")
    assert str(target) in caught.value.user_message()
    assert target.read_text(encoding="utf-8") == "cũ"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]  # no .tmp
    assert windows.calls["replace"] == len(atomic.RETRY_DELAYS) + 1


def test_a_file_held_for_a_moment_is_replaced_on_a_later_try(tmp_path, windows, monkeypatch):
    target = tmp_path / "index.html"
    target.write_text("cũ", encoding="utf-8")
    windows.hold(target)
    waits = []

    def sleep(seconds: float) -> None:  # the antivirus lets go during the second wait
        waits.append(seconds)
        if len(waits) == 2:
            windows.release()

    monkeypatch.setattr(time, "sleep", sleep)
    atomic.write_text(target, "mới")
    assert target.read_text(encoding="utf-8") == "mới" and len(waits) == 2


def test_a_run_whose_docx_is_open_in_word_fails_plainly_with_exit_1(
    tmp_path, windows, capsys
):  # fmt: skip
    data, out = tmp_path / "Dữ liệu báo cáo", tmp_path / "Kết quả"
    sample_workbook(data / "xa-a" / "2026-Q1.xlsx")
    args = ["run", "--unit", "xa-a", "--quarter", "2026-Q1", "--data", str(data), "--out", str(out)]
    assert cli.main([*args, "--format", "html", "--format", "docx"]) == 0
    final = out / "xa-a" / "2026-Q1"
    before = digest(final)
    windows.hold(final / "bao-cao.docx")
    capsys.readouterr()
    assert cli.main([*args, "--format", "html", "--format", "docx"]) == 1
    err = capsys.readouterr().err
    assert "«bao-cao.docx»" in err and "hãy đóng tệp rồi chạy lại" in err, err
    assert "Traceback" not in err and "Lỗi không mong đợi" not in err
    assert digest(final) == before
