"""The README's set-up for Windows and macOS: each of its commands exists, and CI runs those
very steps on Windows and macOS (and the README's `make test` on Linux)."""

from __future__ import annotations

import importlib.util
import re
import shlex
from pathlib import Path

import pytest
import yaml

from helpers import cli, config

README = (config.REPO_ROOT / "README.md").read_text(encoding="utf-8")
WORKFLOW = config.REPO_ROOT / ".github" / "workflows" / "ci.yml"
ENVIRONMENT = yaml.safe_load((config.REPO_ROOT / "environment.yml").read_text(encoding="utf-8"))


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}.*?$(.*?)(?=^## )", README, re.M | re.S)
    assert match, f"README has no section «{title}»"
    return match.group(1)


WINDOWS_MACOS = section("On Windows and macOS")


def commands(text: str) -> list[str]:
    """The lines of the fenced blocks, and the commands quoted inline as `…` that run something."""
    lines = [
        line.strip()
        for block in re.findall(r"^```[^\n]*\n(.*?)^```", text, re.M | re.S)
        for line in block.splitlines()
        if line.strip()
    ]
    inline = re.findall(r"`((?:python3?|py|source|setx|brew|conda|workbook) [^`]+)`", text)
    return lines + inline


def test_the_section_has_the_conda_and_the_pip_way_then_the_same_commands():
    found = commands(WINDOWS_MACOS)
    for expected in (
        "conda env create -f environment.yml",
        f"conda activate {ENVIRONMENT['name']}",
        "python -m pip install -e .",
        "workbook doctor",
        "workbook run --unit phu-lien --quarter 2026-Q1",
        "workbook check data/phu-lien/2026-Q1.xlsx",
        "jupyter lab notebooks/bao_cao_quy.ipynb",
    ):
        assert expected in found, expected
    assert not any(line.startswith("make ") for line in found)  # the point: no make


@pytest.mark.parametrize("line", commands(WINDOWS_MACOS))
def test_each_command_of_the_section_exists(line):
    words = shlex.split(line.split(" > ")[0].replace("\\", "/"))  # no redirection
    program, args = words[0], words[1:]
    if program == "workbook":
        parsed = cli._parser().parse_args(args)  # a subcommand and options it really has
        for value in vars(parsed).values():
            if isinstance(value, Path) and not value.is_absolute():
                assert (config.REPO_ROOT / value).exists(), value
    elif program == "conda":
        assert args[0] in ("env", "activate")
        if args[0] == "env":
            assert args[1:3] == ["create", "-f"] and (config.REPO_ROOT / args[3]).is_file()
        else:
            assert args[1] == ENVIRONMENT["name"]
    elif program in ("python", "python3", "py"):
        assert args[0] == "-m"
        module = args[1]
        assert importlib.util.find_spec(module) is not None, module
        if module == "pip":
            assert args[2:4] == ["install", "-e"]
            assert (config.REPO_ROOT / "pyproject.toml").is_file()
            assert args[4].split("[")[0] == "."
            extra = re.findall(r"\[(\w+)\]", args[4])
            assert not extra or extra[0] in _extras()
    elif program == "jupyter":
        assert args[0] == "lab" and importlib.util.find_spec("jupyterlab") is not None
        assert (config.REPO_ROOT / args[1]).is_file()
    elif program == ".venv/Scripts/activate":  # what `py -m venv .venv` makes on Windows
        assert not args
    elif program == "source":  # and on macOS
        assert args == [".venv/bin/activate"]
    elif program == "setx":
        assert args == ["PYTHONUTF8", "1"] and ENVIRONMENT["variables"]["PYTHONUTF8"] == "1"
    elif program == "brew":
        assert args == ["install", "pango"]
    else:
        pytest.fail(f"unknown command in the README's Windows and macOS section: {line}")


def _extras() -> set[str]:
    import tomllib

    project = tomllib.loads((config.REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(project["project"]["optional-dependencies"])


def workflow_steps() -> dict[str, list[dict]]:
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    (job,) = jobs.values()
    assert job["strategy"]["matrix"]["os"] == ["ubuntu-latest", "windows-latest", "macos-latest"]
    steps: dict[str, list[dict]] = {"Linux": [], "other": []}
    for step in job["steps"]:
        condition = step.get("if", "")
        for os_name in ("Linux", "other"):
            if not condition or ("==" in condition) == (os_name == "Linux"):
                steps[os_name].append(step)
    return steps


def run_lines(steps: list[dict]) -> list[str]:
    return [line.strip() for s in steps for line in s.get("run", "").splitlines() if line.strip()]


def test_ci_runs_the_readmes_make_test_on_linux():
    lines = run_lines(workflow_steps()["Linux"])
    assert lines[-1] == "make test" and "make test" in section("The two commands")
    assert "sudo make system-deps" in lines  # as root, as the README says it installs them


def test_ci_runs_the_readmes_conda_steps_on_windows_and_macos():
    steps = workflow_steps()["other"]
    assert any("setup-miniconda" in s.get("uses", "") for s in steps)
    lines = run_lines(steps)
    readme = commands(WINDOWS_MACOS)
    for line in lines:
        assert line in readme, f"CI runs «{line}», which the README does not say"
    assert lines[:2] == ["conda env create -f environment.yml", "conda activate nq57-workbook"]
    assert "python -m pytest" in lines and "workbook doctor" in lines
    shell = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["test"]["defaults"]
    assert shell["run"]["shell"].startswith("bash -el")  # `conda activate` needs a login shell
