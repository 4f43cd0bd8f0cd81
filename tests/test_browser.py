"""The shared HTML in a real browser: spreadsheet text that tries to run never runs, nothing is
fetched from anywhere, every chart decodes and a phone shows the page without sideways scroll.

The report is opened from disk (file://), as a file received over a chat app is, in Debian's
headless Chromium driven by Playwright. A control page with the same payloads left unescaped
proves the probes catch what they look for.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from portable import WORKBOOK
from workbooks import CHI_SO_HEADERS, chained_unit, chi_so_rows, sample_workbook

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.is_file():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')"
)
pytestmark = pytest.mark.browser

ENV = {**os.environ, "PYTHONWARNINGS": "error::FutureWarning"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

SCRIPT = "<script>document.title='PWNED';fetch('http://198.51.100.7/x')</script>"
IMG = '<img src=x onerror="document.body.dataset.pwned=1">'
BOLD = "<b onmouseover=alert(1)>"
TITLE = "</title><script>document.title='PWNED'</script>"


def _start_html(unit: str, data: Path, out: Path) -> tuple[subprocess.Popen[str], Path]:
    proc = subprocess.Popen(
        [str(WORKBOOK), "run", "--unit", unit, "--quarter", "2026-Q1", "--format", "html"]
        + ["--data", str(data), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    return proc, out / unit / "2026-Q1" / "bao-cao.html"


@pytest.fixture(scope="module")
def reports(tmp_path_factory, request) -> dict[str, Path]:
    """The hostile report, and the sample's from the session's run (conftest.py), rendered
    side by side when the session has not rendered the sample yet (two processes)."""
    root = tmp_path_factory.mktemp("doc-hai")
    indicators = chi_so_rows()
    indicators[0][2] = f"Tài khoản {BOLD}Sổ sức khỏe</b> điện tử"
    sample_workbook(
        root / "data" / "xa-doc" / "2026-Q1.xlsx",
        info={"don_vi": f"Xã {TITLE} Độc Hại"},
        extra_sheets={
            "chi_so": (CHI_SO_HEADERS, indicators),
            "noi_dung": (
                ["muc", "thu_tu", "van_ban"],
                [["I.1", 1, SCRIPT], ["II.2.1", 1, IMG], ["V", 1, "Đề nghị </p><p>tiếp"]],
            ),
        },
    )
    proc, hostile = _start_html("xa-doc", root / "data", root / "out")
    sample = request.getfixturevalue("sample_run")[0] / "bao-cao.html"
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    return {"hostile_html": hostile, "sample_html": sample}


@pytest.fixture(scope="module")
def period_html(tmp_path_factory) -> Path:
    """A record-level unit's six-month report beside the same period last year: the period's
    tables (every quarter, the period, last year, the change) are the widest there are."""
    root = tmp_path_factory.mktemp("ky")
    quarters = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]
    chained_unit(root / "data" / "xa-ky", quarters, seed=5, n=300)
    done = subprocess.run(
        [str(WORKBOOK), "run", "--unit", "xa-ky", "--period", "2026-6T", "--format", "html"]
        + ["--data", str(root / "data"), "--out", str(root / "out")],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return root / "out" / "xa-ky" / "2026-6T" / "bao-cao.html"


@pytest.fixture(scope="module")
def hostile_html(reports) -> Path:
    return reports["hostile_html"]


@pytest.fixture(scope="module")
def sample_html(reports) -> Path:
    return reports["sample_html"]


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A page opened from disk with every request, dialog and popup it causes recorded."""

    def __init__(self, browser, path: Path, viewport: dict[str, int], phone: bool = False):
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.popups: list[str] = []
        self.context = browser.new_context(
            viewport=viewport,
            is_mobile=phone,
            has_touch=phone,
            device_scale_factor=3 if phone else 1,
            java_script_enabled=True,
        )
        # nothing may leave the machine even if a request slipped through: fail it at once
        self.context.route(re.compile(r"^(https?|wss?|ftp)://"), lambda route: route.abort())
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.page = self.context.new_page()
        self.page.on("popup", lambda p: self.popups.append(p.url))
        self.page.on("dialog", self._dialog)
        self.page.on("websocket", lambda ws: self.requests.append(ws.url))
        self.page.goto(self.url, wait_until="load")
        self.page.wait_for_timeout(300)  # a fetch or timer started by a script would be seen

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def foreign_requests(self) -> list[str]:
        """Requests other than the page itself and data: URLs."""
        return [u for u in self.requests if u != self.url and not u.startswith("data:")]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser):
    opened: list[Visit] = []

    def open_(path: Path, viewport=DESKTOP, phone=False) -> Visit:
        v = Visit(browser, path, viewport, phone)
        opened.append(v)
        return v

    yield open_
    for v in opened:
        v.close()


def test_the_probes_catch_live_payloads(visit, tmp_path):
    """The same payloads unescaped do run here: the probes below are not blind."""
    control = tmp_path / "control.html"
    control.write_text(
        f"<!DOCTYPE html><title>ok</title><body>{SCRIPT}{IMG}<script>alert('hi')</script></body>",
        encoding="utf-8",
    )
    v = visit(control)
    assert v.page.title() == "PWNED"
    assert v.js("document.body.dataset.pwned") == "1"
    assert v.dialogs == ["hi"]
    assert "http://198.51.100.7/x" in v.foreign_requests()


@pytest.mark.kernel
def test_spreadsheet_text_never_runs(visit, hostile_html):
    v = visit(hostile_html)
    assert v.page.title() == "Báo cáo NQ57 – xa-doc – Quý I/2026"
    assert v.js("document.body.dataset.pwned") is None
    assert v.js("document.scripts.length") == 0
    injected = "iframe, object, embed, b, img:not([src^='data:'])"
    assert v.js(f'document.querySelectorAll("{injected}").length') == 0
    handlers = v.js(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
        ".filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))"
    )
    assert handlers == []
    # point at the label that carried onmouseover, as a reader would
    v.page.get_by_text("Sổ sức khỏe", exact=False).first.hover()
    v.page.wait_for_timeout(100)
    assert v.dialogs == [] and v.popups == []
    assert v.foreign_requests() == []


@pytest.mark.kernel
def test_spreadsheet_text_is_shown_as_written(visit, hostile_html):
    text = visit(hostile_html).page.inner_text("body")
    assert "<script>document.title='PWNED'" in text
    assert SCRIPT in text
    assert IMG in text
    assert BOLD in text
    assert TITLE in text
    assert "Đề nghị </p><p>tiếp" in text


@pytest.mark.kernel
@pytest.mark.parametrize("report", ["hostile_html", "sample_html", "period_html"])
def test_nothing_is_fetched_and_every_chart_decodes(visit, request, report):
    path = request.getfixturevalue(report)
    v = visit(path)
    assert v.requests[0] == v.url
    assert v.foreign_requests() == []
    images = v.js(
        "[...document.images].map(i => ({src: i.src.slice(0, 22), ok: i.complete,"
        " w: i.naturalWidth, h: i.naturalHeight}))"
    )
    assert len(images) >= 4
    assert all(i["src"] == "data:image/png;base64," for i in images), images
    assert all(i["ok"] and i["w"] > 0 and i["h"] > 0 for i in images), images
    assert v.js("document.styleSheets.length") >= 1
    assert v.js("[...document.styleSheets].every(s => s.href === null)")


@pytest.mark.kernel
@pytest.mark.parametrize("report", ["hostile_html", "sample_html", "period_html"])
def test_a_phone_shows_the_page_without_sideways_scroll(visit, request, report):
    v = visit(request.getfixturevalue(report), PHONE, phone=True)
    width = v.js("document.documentElement.clientWidth")
    assert width == PHONE["width"]  # the viewport meta is honoured, no 980 px desktop layout
    assert v.js("document.documentElement.scrollWidth") <= PHONE["width"] + 2
    assert v.js("document.body.scrollWidth") <= PHONE["width"] + 2
    # a table wider than the phone scrolls inside its own box, not the page
    wide = v.js(
        "[...document.querySelectorAll('.bang')].filter(b => b.scrollWidth > b.clientWidth + 1)"
        ".map(b => getComputedStyle(b).overflowX)"
    )
    assert all(overflow == "auto" for overflow in wide), wide
    # every image fits the screen
    assert v.js("Math.max(...[...document.images].map(i => i.getBoundingClientRect().right))") <= (
        width + 1
    )


@pytest.mark.kernel
def test_a_periods_page_shows_its_title_and_the_same_period_last_year(visit, period_html):
    v = visit(period_html)
    assert v.page.title() == "Báo cáo NQ57 – xa-ky – 6 tháng đầu năm 2026"
    text = v.page.inner_text("body")
    assert "Sơ kết 6 tháng đầu năm 2026" in text
    assert "Diễn biến qua các quý và so với cùng kỳ năm trước" in text
    headers = v.js(
        "[...document.querySelectorAll('table')].map(t => [...t.querySelectorAll('th')]"
        ".map(h => h.innerText.trim()))"
    )
    assert any(h[-2:] == ["6 tháng đầu năm 2025", "So với cùng kỳ"] for h in headers), headers


# --- tables that scroll sideways, from the keyboard (axe-core's scrollable-region-focusable) --

# Which box has the keyboard's focus, among the scrolling boxes of the tables (-1: another)
FOCUSED_BOX = "[...document.querySelectorAll('.bang')].indexOf(document.activeElement)"


def tab_to(v: Visit, box: int, limit: int = 200) -> int:
    """Press Tab until the scrolling box ``box`` has the focus; the presses it took."""
    for presses in range(1, limit + 1):
        v.page.keyboard.press("Tab")
        if v.js(FOCUSED_BOX) == box:
            return presses
    raise AssertionError(f"Tab never reached table box {box} in {limit} presses")


def scrolls_with_the_arrow_key(v: Visit, box: int) -> None:
    """The focused box shows where the focus is and moves sideways with →, the page not."""
    element = f"document.querySelectorAll('.bang')[{box}]"
    style = v.js(f"getComputedStyle({element}).outlineStyle")
    assert style not in ("none", ""), style
    assert v.js(f"{element}.scrollLeft") == 0
    for _ in range(3):
        v.page.keyboard.press("ArrowRight")
    v.page.wait_for_timeout(200)  # smooth scrolling
    assert v.js(f"{element}.scrollLeft") > 0
    assert v.js("document.scrollingElement.scrollLeft") == 0


@pytest.mark.kernel
@pytest.mark.parametrize("report", ["sample_html", "period_html"])
def test_every_table_of_the_report_is_a_named_region_in_the_tab_order(visit, request, report):
    v = visit(request.getfixturevalue(report), PHONE, phone=True)
    boxes = v.js(
        "[...document.querySelectorAll('.bang')].map(b => ({tab: b.tabIndex,"
        " role: b.getAttribute('role'), name: b.getAttribute('aria-label'),"
        " caption: b.querySelector('caption').textContent}))"
    )
    assert len(boxes) >= 3
    for box in boxes:
        assert box["tab"] == 0 and box["role"] == "region"
        assert box["name"] and box["name"] == box["caption"]
        # the accessible name a screen reader announces, as the browser computes it
        assert v.page.get_by_role("region", name=box["name"], exact=True).count() >= 1


@pytest.mark.kernel
def test_a_wide_table_of_the_report_is_reached_with_tab_and_scrolled_with_the_arrows(
    visit, sample_html
):
    v = visit(sample_html, PHONE, phone=True)
    wide = v.js(
        "[...document.querySelectorAll('.bang')].findIndex(b => b.scrollWidth > b.clientWidth + 1)"
    )
    assert wide >= 0, "no table of the sample is wider than a phone"
    tab_to(v, wide)
    scrolls_with_the_arrow_key(v, wide)


def test_the_index_table_is_reached_with_tab_and_scrolled_with_the_arrows(visit, tmp_path):
    from helpers import findings, index

    figures = {"ho_so.tiep_nhan": 11952, "ho_so.ty_le_truc_tuyen": 0.962,
               "ho_so.ty_le_dung_han": 0.985, "thu_tuc.ty_le_toan_trinh": 0.578,
               "chi_so.vneid_so_suc_khoe.ty_le": 0.392}  # fmt: skip
    for unit in ("phuong-mot-ten-rat-dai", "xa-hai"):
        for quarter in ("2025-Q4", "2026-Q1"):
            folder = tmp_path / unit / quarter
            folder.mkdir(parents=True)
            payload = {"don_vi": unit, "ky": quarter, **figures}
            (folder / "chi-so.json").write_text(json.dumps(payload), encoding="utf-8")
            findings.write_json([], unit, quarter, folder / "kiem-tra.json")
            (folder / "bao-cao.html").write_text("<p>…</p>", encoding="utf-8")
    page = index.write_index(tmp_path)
    v = visit(page, PHONE, phone=True)
    assert v.js("document.documentElement.scrollWidth") <= PHONE["width"] + 2
    heading = v.js("document.querySelector('h1').textContent")
    region = v.page.get_by_role("region", name=heading, exact=True)
    assert region.count() == 1 and region.get_attribute("tabindex") == "0"
    assert v.js("(b => b.scrollWidth > b.clientWidth + 1)(document.querySelector('.bang'))")
    assert tab_to(v, 0) == 2  # the unit filter, then the table
    scrolls_with_the_arrow_key(v, 0)
