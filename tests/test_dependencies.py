"""Every package the code imports is declared in pyproject.toml, not left to arrive with another."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from helpers import config

PYPROJECT = tomllib.loads((config.REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    """A requirement's normalised distribution name: ``jupyter_client>=8`` -> jupyter-client."""
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", requirement).group(0)).lower()


def _imported(folder: Path) -> dict[str, str]:
    """Distribution -> a file importing it, for every third-party top-level import."""
    local = {p.stem for p in folder.glob("*.py")} | {"helpers", "workbooks"}
    owners = packages_distributions()
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.partition(".")[0]
                if top in sys.stdlib_module_names or top in local:
                    continue
                for dist in owners.get(top, [top]):
                    found.setdefault(_name(dist), path.name)
    return found


def test_the_package_declares_what_it_imports() -> None:
    declared = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    found = _imported(config.REPO_ROOT / "src" / "helpers")
    missing = {d: f for d, f in found.items() if d not in declared}
    assert not missing, f"imported but not in [project.dependencies]: {missing}"


def test_the_tests_declare_what_they_import() -> None:
    declared = {
        _name(r)
        for r in PYPROJECT["project"]["dependencies"]
        + PYPROJECT["project"]["optional-dependencies"]["dev"]
    }
    found = _imported(config.REPO_ROOT / "tests")
    missing = {d: f for d, f in found.items() if d not in declared}
    assert not missing, f"imported by tests but not declared (dev extras): {missing}"
