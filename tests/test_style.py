"""Lint and format are part of the suite, so CI refuses code ruff would change."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import config

RUFF = Path(sys.executable).with_name("ruff")


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(RUFF), *args], cwd=config.REPO_ROOT, capture_output=True, text=True, timeout=120
    )


def test_ruff_check_is_clean():
    proc = ruff("check", ".")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_is_clean():
    proc = ruff("format", "--check", ".")
    assert proc.returncode == 0, proc.stdout + proc.stderr
