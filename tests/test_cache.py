"""The parsed-input cache: an unchanged workbook is parsed once; a changed cell is always seen."""

from __future__ import annotations

import ast
import datetime as dt
import os
import threading
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from helpers import cache, io
from helpers.cli import main
from helpers.errors import ContractError
from workbooks import random_records, sample_workbook

START, END = dt.date(2026, 1, 1), dt.date(2026, 3, 31)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return sample_workbook(
        tmp_path / "data" / "phuong-thu" / "2026-Q1.xlsx",
        records=random_records(300, seed=7, start=START, end=END),
    )


def no_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the workbook was parsed again")

    monkeypatch.setattr(io, "_parse_workbook", fail)


def assert_same(a: io.Workbook, b: io.Workbook) -> None:
    assert a.info == b.info
    assert {k: type(v) for k, v in a.info.items()} == {k: type(v) for k, v in b.info.items()}
    assert a.sheet_names == b.sheet_names
    assert a.headers == b.headers
    assert a.ignored_personal == b.ignored_personal
    assert list(a.tables) == list(b.tables)
    for name in a.tables:
        pd.testing.assert_frame_equal(a.tables[name], b.tables[name], check_exact=True)
        for col in a.tables[name].columns:  # None stays None, 1 stays an int, a date a date
            left, right = list(a.tables[name][col]), list(b.tables[name][col])
            assert [type(v) for v in left] == [type(v) for v in right], (name, col)


def test_second_read_comes_from_the_cache_and_is_identical(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    first = io.read_workbook(book, cache_dir=folder)
    assert len([p for p in folder.iterdir()]) == 1
    no_parse(monkeypatch)
    second = io.read_workbook(book, cache_dir=folder)
    assert_same(first, second)
    assert second.path == book
    assert isinstance(second.table("ho_so")["trang_thai"].dtype, pd.CategoricalDtype)
    assert second.info["tu_ngay"] == START


def test_a_changed_cell_is_read_again(book: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    before = io.read_workbook(book, cache_dir=folder)
    assert before.table("ho_so")["trang_thai"].iloc[0] != "rut"
    wb = openpyxl.load_workbook(book)
    ws = wb["ho_so"]
    column = [c.value for c in ws[1]].index("trang_thai") + 1
    ws.cell(row=2, column=column, value="rut")
    wb.save(book)
    after = io.read_workbook(book, cache_dir=folder)
    assert after.table("ho_so")["trang_thai"].iloc[0] == "rut"
    assert len(list(folder.iterdir())) == 2  # the old entry is simply no longer used


def test_a_new_reader_version_does_not_use_old_entries(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    io.read_workbook(book, cache_dir=folder)
    key = cache.entry_key(book)
    monkeypatch.setattr(cache, "reader_version", lambda: "another-version")
    assert cache.entry_key(book) != key
    io.read_workbook(book, cache_dir=folder)
    assert len(list(folder.iterdir())) == 2


def test_reader_version_follows_the_reader_source() -> None:
    version = cache.reader_version()
    assert len(version) == 16 and version == cache.reader_version()


def test_reader_version_covers_every_module_the_reader_imports() -> None:
    """A module that shapes what read_workbook returns, left out of the key, would let a
    changed reader serve stale tables."""
    package = Path(io.__file__).parent
    seen, todo = set(), ["io"]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for node in ast.walk(ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "helpers":
                todo += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers."):
                todo.append(node.module.removeprefix("helpers."))
    assert seen >= {"io", "sniff", "xmlscan", "sheets", "records", "discovery", "slices"}
    # config holds paths; errors the error types, and a read that fails is never cached
    assert seen - {"config", "errors"} <= set(cache._READER_MODULES)


def test_the_expected_quarter_is_part_of_the_key(book: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    io.read_workbook(book, quarter="2026-Q1", cache_dir=folder)
    with pytest.raises(ContractError, match="2026-Q2"):
        io.read_workbook(book, quarter="2026-Q2", cache_dir=folder)


def test_a_workbook_with_problems_is_not_cached(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    path = sample_workbook(tmp_path / "x.xlsx", info={"ky": "2026-Q2"})
    for _ in range(2):
        with pytest.raises(ContractError):
            io.read_workbook(path, quarter="2026-Q1", cache_dir=folder)
    assert not folder.exists() or not any(folder.iterdir())


def test_a_damaged_entry_is_dropped_and_rebuilt(book: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    first = io.read_workbook(book, cache_dir=folder)
    (entry,) = folder.iterdir()
    (entry / "ho_so.parquet").write_bytes(b"not parquet")
    again = io.read_workbook(book, cache_dir=folder)
    assert_same(first, again)
    assert (entry / "ho_so.parquet").read_bytes()[:4] == b"PAR1"


def test_no_cache_writes_nothing(book: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    io.read_workbook(book, cache_dir=False)
    assert not folder.exists()


def test_default_folder_comes_from_the_environment(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "elsewhere"))
    io.read_workbook(book)
    assert cache.size(tmp_path / "elsewhere")[0] == 1


def test_concurrent_reads_store_one_entry(book: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    errors: list[BaseException] = []

    def read() -> None:
        try:
            io.read_workbook(book, cache_dir=folder)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert [p.name.startswith(".") for p in folder.iterdir()] == [False]


def test_mixed_values_keep_their_types(tmp_path: Path) -> None:
    table = pd.DataFrame(
        {
            "dong": pd.array([2, 3, 4, 5], dtype="int64"),
            "gia_tri": pd.Series(["a", dt.date(2026, 1, 2), 1.0, None], dtype=object),
            "so": pd.array([1, None, 3, 4], dtype="Int64"),
            "kem": pd.Series([None, "khoảng", None, "trên"], dtype=object),
            "ngay": pd.to_datetime(pd.Series([dt.date(2026, 1, 1), None, None, None])),
        }
    )
    entry = cache.Entry({"tu_ngay": dt.date(2026, 1, 1)}, {"t": table}, {}, {}, {})
    cache.store(tmp_path, "k", entry)
    back = cache.load(tmp_path, "k")
    assert back is not None
    pd.testing.assert_frame_equal(back.tables["t"], table, check_exact=True)
    assert [type(v) for v in back.tables["t"]["gia_tri"]] == [
        str,
        dt.date,
        float,
        type(None),
    ]
    assert back.info == {"tu_ngay": dt.date(2026, 1, 1)}


def test_values_the_cache_cannot_hold_are_not_cached(tmp_path: Path) -> None:
    table = pd.DataFrame({"x": pd.Series([dt.time(8, 0), "a"], dtype=object)})
    cache.store(tmp_path, "k", cache.Entry({}, {"t": table}, {}, {}, {}))
    assert cache.load(tmp_path, "k") is None
    assert list(tmp_path.iterdir()) == []


def test_cli_reports_and_clears_the_cache(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_VAR, str(folder))
    assert main(["check", str(book)]) in (0, 1)
    assert main(["cache"]) == 0
    out = capsys.readouterr().out
    assert str(folder) in out and "1 tệp" in out
    assert main(["cache", "--clear"]) == 0
    assert "Đã xóa 1" in capsys.readouterr().out
    assert cache.size(folder) == (0, 0)
    assert os.listdir(folder) == []


def test_check_output_is_remembered_until_an_input_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from helpers import findings

    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "cache"))
    folder = tmp_path / "data" / "phuong-thu"
    q4 = sample_workbook(folder / "2025-Q4.xlsx", quarter="2025-Q4")
    q1 = sample_workbook(folder / "2026-Q1.xlsx")
    first = main(["check", str(q1)])
    shown = capsys.readouterr().out
    assert "2025-Q4.xlsx" in shown  # compared with the previous quarter

    real = findings.check_file
    calls: list[Path] = []
    monkeypatch.setattr(findings, "check_file", lambda p: calls.append(p) or real(p))
    assert main(["check", str(q1)]) == first
    assert capsys.readouterr().out == shown
    assert calls == []  # answered from the cache

    assert main(["check", "--json", str(q1)]) == first  # another output: computed
    assert len(calls) == 1
    capsys.readouterr()

    wb = openpyxl.load_workbook(q4)  # the previous quarter changes: computed again
    wb["thong_tin"]["A30"] = "ghi_chu"
    wb.save(q4)
    main(["check", str(q1)])
    assert len(calls) == 2

    wb = openpyxl.load_workbook(q1)  # this quarter changes: computed again
    wb["thong_tin"]["A30"] = "ghi_chu"
    wb.save(q1)
    main(["check", str(q1)])
    assert len(calls) == 3
    main(["check", str(q1)])
    assert len(calls) == 3


def test_a_contract_error_is_never_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "cache"))
    path = sample_workbook(tmp_path / "data" / "x" / "2026-Q1.xlsx", info={"ky": "2026-Q2"})
    assert main(["check", str(path)]) == 2
    assert main(["check", str(path)]) == 2
    assert "2026-Q2" in capsys.readouterr().err
    assert not (tmp_path / "cache" / "kiem-tra").exists()
