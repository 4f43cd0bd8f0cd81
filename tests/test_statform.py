"""Biểu II.06a/VPCP/KSTT as .xlsx, from real generated workbooks: every cell against a count
written here from the generated rows (not the helpers'), its layout (merged headers, the
(1)…(13) row, print set-up), a period's sums, the aggregate-only unit that has no form, a
failed write that leaves nothing, and LibreOffice Calc opening it."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from conftest import SAMPLE, workbook

from helpers import config, render, report, statform
from helpers.errors import ParameterError, RenderError
from helpers.periods import Quarter, parse_span
from helpers.text import collation_key
from workbooks import chained_unit, random_records, sample_workbook

UNIT = "phuong-bieu"
START, END = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
# fields with Vietnamese letters of their own (Ă, Đ, Ư) and tones, and their order in the
# Vietnamese alphabet, as an office sorts them (Python's order puts «Đất đai» after «Y tế»)
FIELDS = ["Hộ tịch", "Đất đai", "Dân tộc", "Chứng thực", "Y tế", "An toàn thực phẩm"]
ORDER = ["An toàn thực phẩm", "Chứng thực", "Dân tộc", "Đất đai", "Hộ tịch", "Y tế"]
COLUMNS = (
    "nhan", "truc_tuyen", "truc_tiep_buu_chinh", "ky_truoc", "da_giai_quyet", "truoc_han",
    "dung_han", "qua_han", "dang_giai_quyet", "trong_han", "dang_qua_han",
)  # fmt: skip


def records(n: int, seed: int, start: dt.date = START, end: dt.date = END) -> list[list[object]]:
    rows = random_records(n, seed, start, end)
    for i, row in enumerate(rows):
        row[2] = FIELDS[(i * 7 + seed) % len(FIELDS)]
    return rows


def by_field(rows: list[list[object]], start: dt.date, end: dt.date) -> dict[str, dict[str, int]]:
    """The form's columns (3)…(13) and the withdrawn, per field, counted here from the rows by
    the contract's definitions; one row per ``ma_ho_so`` (its last)."""
    latest = {row[0]: row for row in rows}
    out: dict[str, dict[str, int]] = {}
    for row in latest.values():
        _, _, field, _, channel, received, deadline, result, status, _ = row
        carried = received < start and (result is None or result >= start)
        got = start <= received <= end
        if not (carried or got):
            continue
        c = out.setdefault(field, dict.fromkeys((*COLUMNS, "rut_tu_choi"), 0))
        c["nhan"] += 1
        if carried:
            c["ky_truoc"] += 1
        elif channel == "truc_tuyen":
            c["truc_tuyen"] += 1
        else:
            c["truc_tiep_buu_chinh"] += 1
        closed_in = result is not None and start <= result <= end
        if status == "da_giai_quyet" and closed_in:
            c["da_giai_quyet"] += 1
            if deadline is None or result == deadline:
                c["dung_han"] += 1
            else:
                c["truoc_han" if result < deadline else "qua_han"] += 1
        elif status in ("rut", "tu_choi") and (closed_in or result is None):
            c["rut_tu_choi"] += 1
        else:
            c["dang_giai_quyet"] += 1
            c["dang_qua_han" if deadline is not None and deadline < end else "trong_han"] += 1
    return out


def totals(fields: dict[str, dict[str, int]]) -> dict[str, int]:
    keys = (*COLUMNS, "rut_tu_choi")
    return {k: sum(f[k] for f in fields.values()) for k in keys}


def sheet(path: Path):
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Biểu II.06a"]
    return wb.active


def table_rows(ws) -> list[list[object]]:
    """The rows under the (1)…(13) row, down to the total row."""
    out = []
    for row in ws.iter_rows(min_row=10, max_col=13, values_only=True):
        out.append(list(row))
        if row[1] == "Tổng số":
            return out
    raise AssertionError("no total row")


def check_cells(ws, expected: dict[str, dict[str, int]]) -> None:
    """Every cell of the table: TT, field, the eleven counts (numbers, not text), the total."""
    rows = table_rows(ws)
    names = [r[1] for r in rows[:-1]]
    assert names == [n for n in ORDER if n in expected] == sorted(expected, key=ORDER.index)
    for i, (row, name) in enumerate(zip(rows, names, strict=False), start=1):
        assert row[0] == i
        assert row[2:] == [expected[name][k] for k in COLUMNS], name
    total = rows[-1]
    assert total[0] is None
    assert total[2:] == [totals(expected)[k] for k in COLUMNS]
    for row in rows:
        assert all(type(v) is int for v in row[2:]), row
    # the sums the form states under its table hold on every row
    for row in rows:
        n = row[2:]
        assert n[0] == n[1] + n[2] + n[3] and n[4] == n[5] + n[6] + n[7] and n[8] == n[9] + n[10]


def check_against_figures(ws, figures: dict[str, object]) -> None:
    """The total row is the report's ho_so.* figures."""
    total = table_rows(ws)[-1][2:]
    f = figures
    assert total == [
        f["ho_so.ky_truoc_chuyen_sang"] + f["ho_so.tiep_nhan"], f["ho_so.truc_tuyen"],
        f["ho_so.truc_tiep_buu_chinh"], f["ho_so.ky_truoc_chuyen_sang"], f["ho_so.da_giai_quyet"],
        f["ho_so.truoc_han"], f["ho_so.dung_han"], f["ho_so.qua_han"], f["ho_so.dang_giai_quyet"],
        f["ho_so.dang_trong_han"], f["ho_so.dang_qua_han"],
    ]  # fmt: skip


@pytest.fixture(scope="module")
def quarter(tmp_path_factory) -> tuple[Path, list[list[object]]]:
    data = tmp_path_factory.mktemp("data")
    rows = records(600, seed=3)
    sample_workbook(
        data / UNIT / "2026-Q1.xlsx",
        records=rows,
        aggregate=False,
        info={"ngay_bao_cao": dt.date(2026, 4, 6), "cap_tren": "Thành phố Hải Phòng"},
    )
    return data, rows


@pytest.fixture(scope="module")
def form(quarter, tmp_path_factory) -> Path:
    data, _ = quarter
    return statform.write(
        report.build(UNIT, "2026-Q1", data), tmp_path_factory.mktemp("bieu") / config.FORM_FILE
    )


def test_the_vietnamese_alphabets_order():
    names = ["Đất đai", "Dịch vụ", "Ưu đãi", "Uy ban", "ăn uống", "An ninh", "Âm nhạc", "Bà", "ba"]
    assert sorted(names, key=collation_key) == [
        "An ninh", "ăn uống", "Âm nhạc", "ba", "Bà", "Dịch vụ", "Đất đai", "Uy ban", "Ưu đãi",
    ]  # fmt: skip
    assert sorted(FIELDS, key=collation_key) == ORDER


def test_every_cell_against_the_records(quarter, form):
    _, rows = quarter
    expected = by_field(rows, START, END)
    assert set(expected) == set(FIELDS)
    ws = sheet(form)
    check_cells(ws, expected)


def test_the_total_row_is_the_reports_figures(quarter, form):
    data, _ = quarter
    rep = report.build(UNIT, "2026-Q1", data)
    check_against_figures(sheet(form), rep.figures)
    # and the report's own table by field shows the same fields, in the same order
    t = rep.linh_vuc
    assert t is not None and sorted(t.index) == sorted(FIELDS)


def test_title_block_headers_and_numbering(form):
    ws = sheet(form)
    assert ws["A1"].value == "Biểu II.06a/VPCP/KSTT"
    assert ws["H1"].value == "Đơn vị báo cáo: Ủy ban nhân dân phường Thử Nghiệm"
    assert ws["H2"].value == "Đơn vị nhận báo cáo: Thành phố Hải Phòng"
    assert ws["A3"].value == (
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI ỦY BAN NHÂN DÂN PHƯỜNG THỬ NGHIỆM"
    )
    assert ws["A4"].value == "Kỳ báo cáo: Quý I năm 2026 (từ ngày 01/01/2026 đến ngày 31/03/2026)"
    assert ws["J5"].value == "Đơn vị tính: Số hồ sơ"
    headers = {
        "A6": "TT", "B6": "Lĩnh vực, công việc giải quyết", "C6": "Số hồ sơ nhận giải quyết",
        "C7": "Tổng số", "D7": "Trong kỳ", "D8": "Trực tuyến",
        "E8": "Trực tiếp, dịch vụ bưu chính", "F7": "Từ kỳ trước chuyển sang",
        "G6": "Số lượng hồ sơ đã giải quyết", "G7": "Tổng số", "H7": "Trước hạn",
        "I7": "Đúng hạn", "J7": "Quá hạn", "K6": "Số lượng hồ sơ đang giải quyết",
        "K7": "Tổng số", "L7": "Trong hạn", "M7": "Quá hạn",
    }  # fmt: skip
    assert {cell: ws[cell].value for cell in headers} == headers
    assert [c.value for c in ws[9]][:13] == [f"({i})" for i in range(1, 14)]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {
        "A6:A8", "B6:B8", "C6:F6", "C7:C8", "D7:E7", "F7:F8", "G6:J6", "G7:G8", "H7:H8",
        "I7:I8", "J7:J8", "K6:M6", "K7:K8", "L7:L8", "M7:M8", "A3:M3", "A4:M4",
    } <= merged  # fmt: skip
    # every cell of the table has its borders (a merged header: on its outer edges); headers
    # wrap
    last = 9 + len(table_rows(ws))
    for row in ws.iter_rows(min_row=9, max_row=last, max_col=13):
        for c in row:
            sides = (c.border.left, c.border.right, c.border.top, c.border.bottom)
            assert all(side.style == "thin" for side in sides), c.coordinate
    for cell in ("A6", "B6", "C6", "G6", "K6", "C7", "D7", "D8", "E8", "F7", "M7"):
        assert ws[cell].border.left.style == ws[cell].border.top.style == "thin", cell
    assert ws["E8"].alignment.wrap_text


def test_print_setup_landscape_a4_one_page_wide_headers_repeated(form):
    ws = sheet(form)
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4 in the OOXML numbering
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    assert ws.print_title_rows == "$6:$9"
    assert ws.column_dimensions["B"].width > ws.column_dimensions["C"].width > 5


def test_the_note_says_where_withdrawn_dossiers_go_and_the_signatures(quarter, form):
    _, rows = quarter
    withdrawn = totals(by_field(rows, START, END))["rut_tu_choi"]
    assert withdrawn > 0
    texts = [str(c.value) for row in sheet(form).iter_rows() for c in row if c.value is not None]
    note = next(t for t in texts if t.startswith("Hồ sơ rút, từ chối"))
    assert f"trong kỳ có {withdrawn} hồ sơ" in note.replace(".", "")
    assert f"(3) = (7) + (11) + {withdrawn}" in note.replace(".", "")
    assert "Ghi chú: (3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13)." in texts
    for text in ("NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "Nguyễn Văn A"):
        assert text in texts
    assert "Thử Nghiệm, ngày 06 tháng 4 năm 2026" in texts


def test_aggregates_only_no_dossier_code(quarter, form):
    _, rows = quarter
    cells = {str(c.value) for row in sheet(form).iter_rows() for c in row if c.value is not None}
    codes = {str(r[0]) for r in rows} | {str(r[1]) for r in rows}  # dossier and procedure codes
    assert not any(code in cell for cell in cells for code in codes)


def test_a_period_form_adds_up_its_quarters(tmp_path):
    quarters = ["2026-Q1", "2026-Q2"]
    exported = chained_unit(tmp_path / UNIT, quarters, seed=5, n=500)
    rep = report.build(UNIT, "2026-6T", tmp_path)
    path = statform.write(rep, tmp_path / config.FORM_FILE)
    ws = sheet(path)
    start, end = parse_span("2026-6T").window()
    # chained_unit's fields are the helpers' test set: Hộ tịch, Đất đai, Chứng thực
    expected = by_field([r for q in quarters for r in exported[q]], start, end)
    rows = table_rows(ws)
    assert [r[1] for r in rows[:-1]] == ["Chứng thực", "Đất đai", "Hộ tịch"]
    for row in rows[:-1]:
        assert row[2:] == [expected[row[1]][k] for k in COLUMNS], row[1]
    assert rows[-1][2:] == [totals(expected)[k] for k in COLUMNS]
    check_against_figures(ws, rep.figures)
    assert ws["A4"].value == (
        "Kỳ báo cáo: 6 tháng đầu năm 2026 (từ ngày 01/01/2026 đến ngày 30/06/2026)"
    )


def test_a_period_with_a_broken_chain_still_totals_the_reports_figures(tmp_path):
    """A quarter whose carry-over is not the previous pending (a dossier missing from Q2's
    export): the report's figures add the quarters up, and so do the form's rows."""
    exported = chained_unit(tmp_path / UNIT, ["2026-Q1", "2026-Q2"], seed=9, n=300)
    q1_open = {r[0] for r in exported["2026-Q1"] if r[8] == "dang_giai_quyet"}
    kept = [r for r in exported["2026-Q2"] if r[0] not in sorted(q1_open)[:3]]
    sample_workbook(
        tmp_path / UNIT / "2026-Q2.xlsx", quarter="2026-Q2", records=kept, aggregate=False,
        info=dict(zip(("tu_ngay", "den_ngay"), Quarter.parse("2026-Q2").window(), strict=True)),
    )  # fmt: skip
    rep = report.build(UNIT, "2026-6T", tmp_path)
    assert any(f.rule == "chuyen_ky_khong_khop" for f in rep.findings)
    check_against_figures(sheet(statform.write(rep, tmp_path / "b.xlsx")), rep.figures)


def test_an_aggregate_only_unit_has_no_form_and_asking_for_it_says_why(tmp_path):
    assert not statform.applies(report.build("phu-lien", "2026-Q1"))
    data = tmp_path / "data"
    shutil.copytree(SAMPLE.parent, data / "phu-lien")
    out = tmp_path / "out"
    args = ("run", "--unit", "phu-lien", "--quarter", "2026-Q1", "--data", data, "--out", out)
    done = workbook(*args, "--format", "xlsx")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "Không lập được Biểu II.06a/VPCP/KSTT (--format xlsx) cho phu-lien 2026-Q1" in (
        done.stderr
    )
    assert "«ho_so»" in done.stderr
    assert not out.exists() or not any(out.rglob("*.xlsx"))


def _fake_execute(notebook, target, unit, quarter, data_dir, out, prepared, *flags):
    """The notebook's part of a run, without a kernel: the files it writes."""
    span = parse_span(quarter)
    period = str(span) if len(span.quarters) > 1 else ""
    report.prepare(unit, str(span.latest), str(data_dir), str(out), str(prepared), period)
    target.write_text("{}", encoding="utf-8")


def test_a_failed_form_leaves_the_last_good_report(quarter, tmp_path, monkeypatch):
    data, _ = quarter
    monkeypatch.setattr(render, "_execute", _fake_execute)
    out = tmp_path / "out"
    done = render.run_report(UNIT, "2026-Q1", data_dir=data, out_dir=out, formats=("xlsx",))
    good = (done.folder / config.FORM_FILE).read_bytes()
    assert sorted(done.files) == [
        "bao-cao.ipynb",
        "bieu-ii06a.xlsx",
        "chi-so.json",
        "kiem-tra.json",
    ]

    def half_then_fail(rep, path):
        Path(path).write_bytes(good[:100])  # half a file, then the failure
        raise OSError("disk full")

    monkeypatch.setattr(statform, "write", half_then_fail)
    with pytest.raises(RenderError, match="disk full"):
        render.run_report(UNIT, "2026-Q1", data_dir=data, out_dir=out, formats=("xlsx",))
    assert (done.folder / config.FORM_FILE).read_bytes() == good
    assert [p.name for p in (out / UNIT).iterdir() if "dang-tao" in p.name] == []


def test_the_form_is_a_format_of_its_own(quarter, tmp_path, monkeypatch):
    """By default a record-level run writes it; asked for alone, it is all there is beside the
    notebook's files; an unknown format is refused plainly."""
    data, _ = quarter
    rep = report.build(UNIT, "2026-Q1", data)
    assert render._formats(None, rep, UNIT, rep.span) == render.FORMATS
    aggregate = report.build("phu-lien", "2026-Q1")
    assert render._formats(None, aggregate, "phu-lien", aggregate.span) == ("html", "pdf", "docx")
    with pytest.raises(ParameterError, match="Không có định dạng xls"):
        render._formats(("xls",), rep, UNIT, rep.span)
    from helpers import cli

    assert cli.FORMATS == render.FORMATS  # the CLI's choices, kept apart to start fast


@pytest.mark.kernel
def test_workbook_run_writes_the_form_and_the_period_form(quarter, tmp_path):
    """The real command, kernel and all: a quarter's form beside its figures; a period's."""
    data, rows = quarter
    out = tmp_path / "out"
    done = workbook("run", "--unit", UNIT, "--quarter", "2026-Q1", "--format", "xlsx",
                    "--data", data, "--out", out)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "bieu-ii06a.xlsx" in done.stdout
    folder = out / UNIT / "2026-Q1"
    ws = sheet(folder / config.FORM_FILE)
    check_cells(ws, by_field(rows, START, END))
    figures = json.loads((folder / config.FIGURES_FILE).read_text(encoding="utf-8"))
    check_against_figures(ws, figures)

    chained = tmp_path / "chained"
    exported = chained_unit(chained / "xa-ky", ["2026-Q1", "2026-Q2", "2026-Q3"], seed=2, n=300)
    done = workbook("run", "--unit", "xa-ky", "--period", "2026-9T", "--format", "xlsx",
                    "--data", chained, "--out", out)  # fmt: skip
    assert done.returncode == 0, done.stderr
    folder = out / "xa-ky" / "2026-9T"
    ws = sheet(folder / config.FORM_FILE)
    start, end = parse_span("2026-9T").window()
    expected = by_field([r for q in sorted(exported) for r in exported[q]], start, end)
    assert table_rows(ws)[-1][2:] == [totals(expected)[k] for k in COLUMNS]
    check_against_figures(ws, json.loads((folder / config.FIGURES_FILE).read_text("utf-8")))


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (make test-deps installs libreoffice-calc-nogui)",
)
def test_libreoffice_calc_opens_it_and_reads_the_totals(quarter, form, tmp_path):
    _, rows = quarter
    profile = tmp_path / "lo"
    done = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{profile}",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path),
         str(form)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    converted = tmp_path / "bieu-ii06a.csv"
    assert converted.is_file(), done.stderr + done.stdout
    lines = list(csv.reader(converted.read_text(encoding="utf-8").splitlines()))
    total = next(line for line in lines if len(line) > 2 and line[1] == "Tổng số")
    numbers = [int(x.replace(",", "").replace(".", "")) for x in total[2:13]]
    assert numbers == [totals(by_field(rows, START, END))[k] for k in COLUMNS]
    assert any("Biểu II.06a/VPCP/KSTT" in cell for line in lines for cell in line)
