"""Shared test set-up: every test process keeps parsed workbooks in a temporary cache, and the
sample is rendered once per session, for every test that only reads what a run produced.

Markers (registered in pyproject.toml): ``kernel`` starts a Jupyter kernel or runs a notebook,
``browser`` drives Chromium, ``slow`` takes seconds without either. ``make test-fast`` leaves
all three out.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import config

WORKBOOK = Path(sys.executable).with_name("workbook")
SAMPLE = config.DATA_DIR / "phu-lien" / "2026-Q1.xlsx"


@pytest.fixture(autouse=True, scope="session")
def _parsed_workbook_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    # never outputs/.cache of the checkout; subprocesses (CLI, notebooks) inherit it
    os.environ["WORKBOOK_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


def workbook(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The ``workbook`` command as a user runs it, in the session's cache."""
    # The kernel inherits this: a pandas FutureWarning in a report cell fails the run here, not
    # in next quarter's run after an upgrade.
    env = {**os.environ, "PYTHONWARNINGS": "error::FutureWarning"}
    return subprocess.run(
        [str(WORKBOOK), *map(str, args)], capture_output=True, text=True, timeout=300, env=env
    )


@pytest.fixture(scope="session")
def sample_run(
    tmp_path_factory: pytest.TempPathFactory, _parsed_workbook_cache: None
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """``workbook run`` of the sample (every format), once per session: the report folder and
    the finished process. Read it, never change it (copy it first)."""
    out = tmp_path_factory.mktemp("outputs")
    before = hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    proc = workbook("run", "--unit", "phu-lien", "--quarter", "2026-Q1", "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert hashlib.sha256(SAMPLE.read_bytes()).hexdigest() == before, "input was modified"
    return out / "phu-lien" / "2026-Q1", proc
