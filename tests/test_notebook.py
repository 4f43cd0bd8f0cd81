"""The committed notebook: clean, parameterized with literals, and runnable as is."""

from __future__ import annotations

import ast

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from helpers import config


@pytest.fixture(scope="module")
def notebook() -> nbformat.NotebookNode:
    return nbformat.read(config.REPORT_NOTEBOOK, as_version=4)


def test_committed_without_outputs(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_one_parameters_cell_of_typed_literal_defaults(notebook):
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    tree = ast.parse(tagged[0].source)
    names = []
    for stmt in tree.body:
        assert isinstance(stmt, ast.AnnAssign), ast.dump(stmt)
        assert isinstance(stmt.value, ast.Constant), f"{stmt.target.id} is not a literal"
        names.append(stmt.target.id)
    assert names == ["unit", "quarter", "data_dir", "output_dir"]
    # every parameter line carries a comment saying what it is
    assert all("#" in line for line in tagged[0].source.splitlines() if "=" in line)


def test_cells_are_thin(notebook):
    """Logic lives in helpers: no cell defines functions or classes, none is long."""
    for cell in notebook.cells:
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


def test_runs_top_to_bottom_as_committed(notebook, tmp_path):
    """What an analyst gets in JupyterLab: the defaults, no output folder, every section."""
    nb = _execute(nbformat.from_dict(notebook))
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


def test_bad_parameter_is_reported_in_plain_words(notebook):
    nb = nbformat.from_dict(notebook)
    nb.cells[0].source = nb.cells[0].source.replace('"phu-lien"', '"khong-co"')
    with pytest.raises(CellExecutionError) as info:
        _execute(nb)
    assert "Không có đơn vị «khong-co»" in str(info.value)
    assert "phu-lien" in str(info.value)  # the units that do exist are listed
