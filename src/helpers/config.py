"""Where things are: every path of the project, anchored on the repository root."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data"
OUTPUTS_DIR = REPO_ROOT / "outputs"
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
REPORT_NOTEBOOK = NOTEBOOKS_DIR / "bao_cao_quy.ipynb"
# parsed workbooks (helpers.cache); $WORKBOOK_CACHE_DIR puts them elsewhere
CACHE_DIR = OUTPUTS_DIR / ".cache" / "doc"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

# Names of the files of one report, inside outputs/<unit>/<YYYY-Qn>/.
NOTEBOOK_FILE = "bao-cao.ipynb"
HTML_FILE = "bao-cao.html"
PDF_FILE = "bao-cao.pdf"
DOCX_FILE = "bao-cao.docx"
FIGURES_FILE = "chi-so.json"
FINDINGS_FILE = "kiem-tra.json"
# the national form Biểu II.06a/VPCP/KSTT (helpers.statform), record-level units only
FORM_FILE = "bieu-ii06a.xlsx"

DEFAULT_UNIT = "phu-lien"
DEFAULT_QUARTER = "2026-Q1"


def resolve(path: str | Path) -> Path:
    """An absolute path; a relative one is taken from the repository root."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else REPO_ROOT / p
