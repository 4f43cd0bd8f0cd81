"""What differs between Windows, macOS and Linux, tested here: locks without fcntl, Windows'
rules for renaming and for files another program holds open (Excel, Word, a PDF viewer),
office lock files beside the workbooks, names in NFC and NFD, Windows paths in parameters."""

from __future__ import annotations

import hashlib
import io
import os
import re
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest

from helpers import atomic, batch, cli, office, paths
from helpers.discovery import list_quarters, list_units, workbook_path
from helpers.errors import ContractError, RenderError
from helpers.index import write_index
from helpers.io import read_workbook
from portable import WindowsFiles, held_error, simulated_env
from workbooks import sample_workbook

NFC = unicodedata.normalize("NFC", "Phường Hà Cầu")
NFD = unicodedata.normalize("NFD", NFC)
LOCK_FILES = ("~$2026-Q1.xlsx", "~$26-Q1.xlsx", ".~lock.2026-Q1.xlsx#", "._2026-Q1.xlsx")


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


# --- Excel and LibreOffice beside the workbooks ----------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("~$2026-Q1.xlsx", True),
        ("~$26-Q1.xlsx", True),
        (".~lock.2026-Q1.xlsx#", True),
        ("._2026-Q1.xlsx", True),
        ("2026-Q1.xlsx", False),
        (".~lock.2026-Q1.xlsx", False),
        ("bao~$cao.xlsx", False),
    ],
)
def test_office_lock_files_are_told_from_workbooks(name, expected):
    assert office.is_lock_file(name) is expected
    assert office.is_lock_file(Path("data") / "xa-a" / name) is expected


def test_discovery_ignores_office_lock_files(tmp_path):
    data = tmp_path / "data"
    sample_workbook(data / "xa-a" / "2026-Q1.xlsx")
    for name in LOCK_FILES:
        (data / "xa-a" / name).write_bytes(b"\x0bDo Van A\x00" * 10)  # what an owner file holds
        (data / "chi-khoa" / name).parent.mkdir(exist_ok=True)
        (data / "chi-khoa" / name).write_bytes(b"")
    assert list_units(data) == ["xa-a"]  # a folder of lock files only is no unit
    assert [str(q) for q in list_quarters(data, "xa-a")] == ["2026-Q1"]
    assert [(j.unit, j.quarter) for j in batch.discover(data)] == [("xa-a", "2026-Q1")]
    assert office.opened_in(data / "xa-a" / "2026-Q1.xlsx") == "Excel"


def test_the_message_names_the_program_whose_lock_file_is_there(tmp_path):
    path = tmp_path / "2026-Q1.xlsx"
    assert "trong Excel hoặc một chương trình khác: hãy đóng tệp trong Excel rồi chạy lại." in (
        office.WorkbookInUse(path).user_message()
    )
    (tmp_path / ".~lock.2026-Q1.xlsx#").write_text(",Nguyen Van A,may-1;", encoding="utf-8")
    with pytest.raises(office.WorkbookInUse) as caught:
        office.raise_if_in_use(path, PermissionError(13, "Permission denied"), windows=False)
    assert "đang mở trong LibreOffice: hãy đóng tệp trong LibreOffice rồi chạy lại." in str(
        caught.value
    )


def test_held_by_another_tells_a_lock_from_a_permission(tmp_path):
    assert office.held_by_another(held_error(tmp_path / "a.xlsx", 32), windows=False)
    assert office.held_by_another(held_error(tmp_path / "a.xlsx", 33), windows=False)
    plain = PermissionError(13, "Permission denied", "a.xlsx")  # Python's open() on Windows
    assert office.held_by_another(plain, windows=True)
    assert not office.held_by_another(plain, windows=False)  # POSIX: a real permission problem
    assert not office.held_by_another(FileNotFoundError(2, "No such file"), windows=True)


def locked_for_reading(monkeypatch, path: Path, exc: OSError) -> None:
    real = io.open

    def fake_open(file, *args, **kwargs):
        if isinstance(file, str | os.PathLike) and Path(file) == path:
            raise exc
        return real(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", fake_open)
    monkeypatch.setattr("builtins.open", fake_open)


@pytest.mark.parametrize("how", ["windows sharing violation", "owner file beside it"])
def test_a_workbook_open_in_excel_says_so_and_exits_2(tmp_path, monkeypatch, capsys, how):
    path = sample_workbook(tmp_path / "Dữ liệu" / "xa-a" / "2026-Q1.xlsx")
    if how == "owner file beside it":  # any OS: Excel (or LibreOffice) left its lock file
        (path.parent / "~$2026-Q1.xlsx").write_bytes(b"\x0bDo Van A")
        exc: OSError = PermissionError(13, "Permission denied", str(path))
        monkeypatch.setattr(office, "on_windows", lambda: False)
    else:
        exc = held_error(path)
    locked_for_reading(monkeypatch, path, exc)

    with pytest.raises(office.WorkbookInUse) as caught:
        read_workbook(path, quarter="2026-Q1")
    message = caught.value.user_message()
    assert str(path) in message and "đóng tệp trong Excel rồi chạy lại" in message
    assert isinstance(caught.value, ContractError) and caught.value.exit_code == 2

    assert cli.main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "đóng tệp trong Excel rồi chạy lại" in err
    assert "Traceback" not in err and "không đúng mẫu" not in err


def test_an_unreadable_workbook_on_posix_is_not_blamed_on_excel(tmp_path, monkeypatch):
    path = sample_workbook(tmp_path / "xa-a" / "2026-Q1.xlsx")
    monkeypatch.setattr(office, "on_windows", lambda: False)
    locked_for_reading(monkeypatch, path, PermissionError(13, "Permission denied", str(path)))
    with pytest.raises(ContractError) as caught:
        read_workbook(path, quarter="2026-Q1", cache_dir=False)
    assert not isinstance(caught.value, office.WorkbookInUse)
    assert "không đọc được tệp (Permission denied)" in caught.value.user_message()


def test_a_batch_goes_on_when_one_workbook_is_open_in_excel(tmp_path, monkeypatch):
    data = tmp_path / "data"
    sample_workbook(data / "xa-a" / "2026-Q1.xlsx")
    held = sample_workbook(data / "xa-b" / "2026-Q1.xlsx")
    locked_for_reading(monkeypatch, held, held_error(held))
    outcomes = {
        o.unit: o for o in batch.run_batch(data, tmp_path / "out", jobs=1, formats=("html",))
    }
    assert outcomes["xa-a"].status == "da_tao"
    assert outcomes["xa-b"].status == "loi"
    assert "đóng tệp trong Excel rồi chạy lại" in outcomes["xa-b"].message
    assert "Lỗi không mong đợi" not in outcomes["xa-b"].message


# --- names in NFC and NFD ---------------------------------------------------------------------


def test_the_two_unicode_forms_are_two_names_here_unless_the_disk_folds_them(tmp_path):
    assert NFC != NFD and paths.nfc(NFD) == NFC
    (tmp_path / NFD).mkdir()
    assert paths.entry(tmp_path, NFC) == tmp_path / NFD or (tmp_path / NFC).exists()
    assert paths.entry(tmp_path, NFD).exists()
    assert paths.entry(tmp_path, "khac") == tmp_path / "khac"


@pytest.mark.parametrize(("on_disk", "asked"), [(NFD, NFC), (NFC, NFD)])
def test_a_unit_named_in_either_form_is_found_by_the_other(tmp_path, on_disk, asked):
    data = tmp_path / f"Dữ liệu {on_disk}"  # the data folder's name in that form too
    sample_workbook(data / on_disk / "2026-Q1.xlsx")
    assert list_units(data) == [NFC]  # one form for every caller: outputs, index, filters
    assert list_quarters(data, asked) == list_quarters(data, on_disk) != []
    found = workbook_path(data, asked, "2026-Q1")
    assert found.is_file() and read_workbook(found, quarter="2026-Q1").info["ky"] == "2026-Q1"
    assert [j.unit for j in batch.discover(data, units=[asked])] == [NFC]


def test_the_index_links_a_unit_named_with_spaces_diacritics_and_a_hash(tmp_path):
    out = tmp_path / "Kết quả"
    unit = f"{NFC} #2"
    folder = out / unit / "2026-Q1"
    folder.mkdir(parents=True)
    (folder / "chi-so.json").write_text('{"don_vi": "x", "ky": "2026-Q1"}', encoding="utf-8")
    (folder / "bao-cao.html").write_text("<p>báo cáo</p>", encoding="utf-8")
    html = write_index(out).read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', html)
    assert links and all(" " not in link and "#" not in link for link in links)
    assert all((out / unquote(link)).is_file() for link in links)


# --- Windows paths in the notebook's parameters ----------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        r"C:\Users\Chuyên viên\Dữ liệu báo cáo\data",
        r"\\may-chu\chia se\Phường Hà Cầu",
        "D:\\Kết quả\\",
        "/Users/can-bo/Tài liệu/" + NFD,
    ],
)
def test_papermill_hands_the_kernel_a_windows_path_unchanged(path):
    from papermill.translators import PythonTranslator

    code = PythonTranslator.codify({"data_dir": path, "output_dir": path})
    namespace: dict[str, object] = {}
    exec(code, namespace)  # what the notebook's injected cell does
    assert namespace["data_dir"] == path and namespace["output_dir"] == path


def test_building_publishes_a_whole_set_or_keeps_the_last_good_one(tmp_path, windows):
    final = tmp_path / "don-vi" / "2026-Q1"
    with atomic.building(final) as staging:
        (staging / "bao-cao.html").write_text("một", encoding="utf-8")
        assert not final.exists()  # nothing is visible before the block ends
    assert (final / "bao-cao.html").read_text(encoding="utf-8") == "một"
    seen: list[tuple[list[str], str]] = []

    def keep(staging: Path, exc: BaseException) -> None:
        seen.append((sorted(p.name for p in staging.iterdir()), str(exc)))

    with pytest.raises(ValueError, match="hỏng"), atomic.building(final, keep) as staging:
        (staging / "bao-cao.html").write_text("hai, viết dở", encoding="utf-8")
        raise ValueError("hỏng")
    assert seen == [(["bao-cao.html"], "hỏng")]  # the failure saw what was built
    assert (final / "bao-cao.html").read_text(encoding="utf-8") == "một"
    # no staging folder left (the lock file stays on POSIX; Windows' lock removes its file)
    left = sorted(p.name for p in final.parent.iterdir() if p.name != ".2026-Q1.khoa")
    assert left == ["2026-Q1"]
