"""The committed notebook: clean, parameterized with literals, and runnable as is."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from helpers import config

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))
PARAMETERS = {
    "bao_cao_quy.ipynb": [
        "unit",
        "quarter",
        "period",
        "data_dir",
        "output_dir",
        "prepared",
        "draft",
        "analysis",
    ],
    "tong_hop.ipynb": ["quarter", "period", "data_dir", "output_dir"],
    "kham_pha.ipynb": ["data_dir"],
    "phan_tich_ho_so.ipynb": [
        "unit",
        "quarter",
        "period",
        "data_dir",
        "linh_vuc",
        "ma_thu_tuc",
        "kenh_nop",
        "top_n",
    ],
}


@pytest.fixture(scope="module")
def notebook() -> nbformat.NotebookNode:
    return nbformat.read(config.REPORT_NOTEBOOK, as_version=4)


def test_every_notebook_is_known():
    assert sorted(p.name for p in NOTEBOOKS) == sorted(PARAMETERS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_one_parameters_cell_of_typed_literal_defaults(path):
    cells = nbformat.read(path, as_version=4).cells
    tagged = [c for c in cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    tree = ast.parse(tagged[0].source)
    names = []
    for stmt in tree.body:
        assert isinstance(stmt, ast.AnnAssign), ast.dump(stmt)
        assert isinstance(stmt.value, ast.Constant), f"{stmt.target.id} is not a literal"
        names.append(stmt.target.id)
    assert names == PARAMETERS[path.name]
    # every parameter line carries a comment saying what it is
    assert all("#" in line for line in tagged[0].source.splitlines() if "=" in line)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_cells_are_thin(path):
    """Logic lives in helpers: no cell defines functions or classes, none is long."""
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        assert not any(isinstance(n, ast.FunctionDef | ast.ClassDef) for n in ast.walk(tree))
        assert len(cell.source.splitlines()) <= 10


def _execute(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(config.NOTEBOOKS_DIR)}},
    )
    return client.execute()


def _literals(source: str) -> dict[str, object]:
    """``name = literal`` assignments of a parameters cell (annotated or not)."""
    values = {}
    for stmt in ast.parse(source).body:
        if isinstance(stmt, ast.Assign | ast.AnnAssign) and isinstance(stmt.value, ast.Constant):
            target = stmt.target if isinstance(stmt, ast.AnnAssign) else stmt.targets[0]
            values[target.id] = stmt.value.value
    return values


@pytest.mark.kernel
def test_runs_top_to_bottom_as_committed(notebook, sample_run):
    """What an analyst gets in JupyterLab: the defaults, every section. The session's run of
    the sample (conftest.py) is this notebook, cell for cell, executed with its own defaults
    injected (checked here) and an output folder."""
    nb = nbformat.read(sample_run[0] / config.NOTEBOOK_FILE, as_version=4)
    [injected] = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    given, defaults = _literals(injected.source), _literals(notebook.cells[0].source)
    assert given.keys() == defaults.keys()
    assert (given["unit"], given["quarter"]) == (defaults["unit"], defaults["quarter"])
    assert Path(given["data_dir"]) == config.resolve(defaults["data_dir"])
    assert [c.source for c in nb.cells if c is not injected] == [c.source for c in notebook.cells]
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    html = "".join(
        o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", [])
    )
    for heading in (
        "I. CÔNG TÁC LÃNH ĐẠO",
        "2.1. Hạ tầng số",
        "2.7. An toàn thông tin",
        "III. ĐÁNH GIÁ CHUNG",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ):
        assert heading in html
    assert "11.952" in html


@pytest.mark.kernel
@pytest.mark.parametrize("name", ["tong_hop.ipynb", "kham_pha.ipynb"])
def test_other_notebooks_run_as_committed(name):
    nb = _execute(nbformat.read(config.NOTEBOOKS_DIR / name, as_version=4))
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert outputs and not [o for o in outputs if o.get("output_type") == "error"]
    shown = "".join(str(o.get("data", {})) for o in outputs)
    assert "11952" in shown or "11.952" in shown  # the sample's dossiers reach both


@pytest.mark.kernel
def test_bad_parameter_is_reported_in_plain_words(notebook):
    nb = nbformat.from_dict(notebook)
    nb.cells[0].source = nb.cells[0].source.replace('"phu-lien"', '"khong-co"')
    with pytest.raises(CellExecutionError) as info:
        _execute(nb)
    assert "Không có đơn vị «khong-co»" in str(info.value)
    assert "phu-lien" in str(info.value)  # the units that do exist are listed


def _papermill(target: Path, *parameters: str) -> subprocess.CompletedProcess[str]:
    """Plain papermill, as an analyst would run it, from outside the project folder."""
    papermill = Path(sys.executable).with_name("papermill")
    return subprocess.run(
        [str(papermill), str(config.NOTEBOOKS_DIR / "phan_tich_ho_so.ipynb"), str(target),
         "--no-progress-bar", *parameters],
        capture_output=True, text=True, timeout=300, cwd=target.parent,
    )  # fmt: skip


@pytest.mark.kernel
def test_the_analysis_notebook_runs_under_plain_papermill(tmp_path):
    target = tmp_path / "phan-tich.ipynb"
    proc = _papermill(target, "-p", "unit", "mau-an", "-p", "quarter", "2026-Q1")
    assert proc.returncode == 0, proc.stderr
    nb = nbformat.read(target, as_version=4)
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    shown = "".join(str(o.get("data", {})) + str(o.get("text", "")) for o in outputs)
    assert "Phường Mẫu An, Quý I năm 2026" in shown
    for column in ("truc_tuyen", "so_ngay_trung_vi", "dang_qua_han", "tiep_nhan_khac", "Thứ Hai"):
        assert column in shown
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 2  # the charts
    assert "H31.91-" not in shown  # the unit's dossier codes: aggregates only


@pytest.mark.kernel
def test_the_analysis_notebook_filters_and_refuses_an_aggregate_unit_in_plain_words(tmp_path):
    target = tmp_path / "ho-tich.ipynb"
    proc = _papermill(target, "-p", "unit", "mau-an", "-p", "linh_vuc", "hộ tịch")
    assert proc.returncode == 0, proc.stderr
    nb = nbformat.read(target, as_version=4)
    [times] = [c for c in nb.cells if "processing_times" in c.source]
    table = times.outputs[0]["data"]["text/plain"]
    assert "Hộ tịch" in table and "Chứng thực" not in table
    proc = _papermill(tmp_path / "phu-lien.ipynb", "-p", "unit", "phu-lien")
    assert proc.returncode != 0
    assert "không có danh sách hồ sơ (sheet ho_so)" in proc.stderr
    nb = nbformat.read(tmp_path / "phu-lien.ipynb", as_version=4)
    [error] = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert error.ename == "SystemExit" and len(error.traceback) <= 3  # a message, no frames
