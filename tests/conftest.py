"""Shared test set-up: every test process keeps parsed workbooks in a temporary cache."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _parsed_workbook_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    # never outputs/.cache of the checkout; subprocesses (CLI, notebooks) inherit it
    os.environ["WORKBOOK_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
