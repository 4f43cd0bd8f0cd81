"""The reports of six months, nine months and the year, from a unit with six chained quarters
(real generated workbooks): every figure against a computation written here, the same period
last year, the stocks of the latest quarter, the titles offices write, the period workbook's
metadata and narrative, a missing quarter and a broken chain."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import workbook
from docx import Document
from test_periods import direct

from helpers import comparisons, findings, render, report, sections
from helpers.blocks import Letterhead, Signature
from helpers.periods import Period, parse_span
from helpers.render import run_report
from workbooks import chained_unit, sample_workbook, write_xlsx

UNIT = "xa-thu"
QUARTERS = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]
SEED = 7
TARGET = ("ho_so.ty_le_truc_tuyen", "80%")


@pytest.fixture(scope="module")
def unit(tmp_path_factory) -> tuple[Path, dict[str, list[list[object]]]]:
    data = tmp_path_factory.mktemp("data")
    rows = chained_unit(data / UNIT, QUARTERS, seed=SEED, n=700, measured=TARGET)
    return data, rows


def expected_stocks(quarter: str) -> dict[str, int]:
    """What chained_unit wrote into a quarter's lists, from its own formulas."""
    k = QUARTERS.index(quarter)
    return {
        "thu_tuc.tong": 18 + 2 * k + 12 + (6 - k % 4),
        "thu_tuc.toan_trinh": 18 + 2 * k,
        "chi_so.vneid_so_suc_khoe": 20000 + 1500 * k + SEED,
        "chi_tieu.muc_tieu.hoan_thanh": min(17, 5 + 3 * k),
    }


def expected(rows, text: str) -> dict[str, int]:
    """A period's dossier flows from its quarters' records, independently of helpers."""
    span = parse_span(text)
    flows, _, _ = direct({str(q): rows[str(q)] for q in span.quarters}, *span.window())
    return flows


@pytest.mark.parametrize("text", ["2025-6T", "2025-9T", "2025", "2026-6T"])
def test_every_figure_of_a_period_against_its_records(unit, text):
    data, rows = unit
    rep = report.build(UNIT, text, data)
    span = parse_span(text)
    assert rep.span == span and rep.quarter == span.latest and rep.is_period
    f = rep.figures
    flows = expected(rows, text)
    for key, value in flows.items():
        assert f[f"ho_so.{key}"] == value, key
    assert f["ho_so.ty_le_truc_tuyen"] == pytest.approx(flows["truc_tuyen"] / flows["tiep_nhan"])
    in_time = flows["truoc_han"] + flows["dung_han"]
    resolved = in_time + flows["qua_han"]
    assert f["ho_so.ty_le_dung_han"] == pytest.approx(in_time / resolved)
    # stocks: the latest quarter's, never summed
    for key, value in expected_stocks(str(span.latest)).items():
        assert f[key] == value, key
    assert f["chi_so.vneid_so_suc_khoe.ty_le"] == pytest.approx(
        expected_stocks(str(span.latest))["chi_so.vneid_so_suc_khoe"] / 57566
    )
    # the index and the target, judged from the period's own counts
    assert f["chi_so_766.ho_so_truc_tuyen.ty_le"] == pytest.approx(f["ho_so.ty_le_truc_tuyen"])
    [judged] = [k for k in f if k.startswith("chi_tieu.muc_tieu.") and k.endswith(".gia_tri")]
    assert f[judged] == pytest.approx(flows["truc_tuyen"] / flows["tiep_nhan"])
    assert f[judged.replace(".gia_tri", ".dat")] == int(f[judged] >= 0.8)
    # each quarter's figures are kept beside the period's, for the table and the charts
    assert list(rep.quarters) == list(span.quarters)
    assert sum(rep.quarters[q]["ho_so.tiep_nhan"] for q in span.quarters) == flows["tiep_nhan"]


@pytest.mark.parametrize(
    ("text", "title", "section_ii", "section_iv"),
    [
        (
            "2026-6T",
            "Sơ kết 6 tháng đầu năm 2026",
            "II. KẾT QUẢ TRIỂN KHAI THỰC HIỆN 6 THÁNG ĐẦU NĂM 2026",
            "IV. NHIỆM VỤ, GIẢI PHÁP 6 THÁNG CUỐI NĂM 2026",
        ),
        (
            "2025-9T",
            "Sơ kết 9 tháng năm 2025",
            "II. KẾT QUẢ TRIỂN KHAI THỰC HIỆN 9 THÁNG NĂM 2025",
            "IV. NHIỆM VỤ, GIẢI PHÁP TRONG QUÝ IV NĂM 2025",
        ),
        (
            "2025",
            "Tổng kết năm 2025",
            "II. KẾT QUẢ TRIỂN KHAI THỰC HIỆN NĂM 2025",
            "IV. NHIỆM VỤ, GIẢI PHÁP NĂM 2026",
        ),
    ],
)
def test_titles_and_sections_as_offices_write_them(unit, text, title, section_ii, section_iv):
    data, _ = unit
    rep = report.build(UNIT, text, data)
    shown = [t for s in report.official_outline(rep) for t in s.texts()]
    subject = next(t for t in shown if "Nghị quyết số 57-NQ/TW của Bộ Chính trị" in t)
    assert subject.startswith(f"{title} tình hình, kết quả triển khai thực hiện")
    assert section_ii in shown and section_iv in shown
    start, end = parse_span(text).window()
    assert f"Số liệu từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}." in shown


def test_the_same_period_last_year_beside_each_figure(unit, tmp_path):
    data, rows = unit
    rep = report.prepare(UNIT, "2026-Q2", str(data), str(tmp_path), period="2026-6T")
    now, then = expected(rows, "2026-6T"), expected(rows, "2025-6T")
    saved = json.loads((tmp_path / "chi-so.json").read_text(encoding="utf-8"))
    assert saved["ky"] == "2026-6T" and saved["cung_ky"]["ky"] == "2025-6T"
    for key in ("tiep_nhan", "truc_tuyen", "rut_tu_choi", "qua_han"):
        assert saved[f"ho_so.{key}"] == now[key]
        assert saved["cung_ky"][f"ho_so.{key}"] == then[key]
        assert saved["thay_doi_cung_ky"][f"ho_so.{key}"] == now[key] - then[key]
    rate_now = now["truc_tuyen"] / now["tiep_nhan"]
    rate_then = then["truc_tuyen"] / then["tiep_nhan"]
    assert saved["thay_doi_cung_ky"]["ho_so.ty_le_truc_tuyen"] == pytest.approx(
        rate_now - rate_then, abs=1e-6
    )
    assert saved["cung_ky"]["thu_tuc.tong"] == expected_stocks("2025-Q2")["thu_tuc.tong"]
    # in the report: a sentence per dossier figure, in counts and in percentage points
    texts = comparisons.trends_section(rep).texts()
    delta = now["tiep_nhan"] - then["tiep_nhan"]
    word = "tăng" if delta > 0 else "giảm"
    assert any(
        t.startswith(f"So với cùng kỳ năm 2025: hồ sơ tiếp nhận {word} {abs(delta)}") for t in texts
    )
    points = f"{abs(rate_now - rate_then) * 100:.1f}".replace(".", ",").replace(",0", "")
    assert any("tỷ lệ hồ sơ trực tuyến" in t and f"{points} điểm %" in t for t in texts)
    [table] = [b for b in comparisons.trends_section(rep) if hasattr(b, "frame")]
    assert list(table.frame.columns) == [
        "Chỉ số", "Quý I/2026", "Quý II/2026", "6 tháng đầu năm 2026", "6 tháng đầu năm 2025",
        "So với cùng kỳ",
    ]  # fmt: skip
    charts = [b for b in comparisons.trends_section(rep) if hasattr(b, "png")]
    assert len(charts) == 2 and all(c.png.startswith(b"\x89PNG") for c in charts)


def test_without_last_year_the_report_says_what_is_missing(unit, tmp_path):
    data, _ = unit
    rep = report.prepare(UNIT, "2025-Q3", str(data), str(tmp_path), period="2025-9T")
    assert rep.same_period is None
    assert "cung_ky" not in json.loads((tmp_path / "chi-so.json").read_text(encoding="utf-8"))
    assert (
        "Chưa có đủ số liệu 9 tháng năm 2024 (thiếu Quý I/2024, Quý II/2024, Quý III/2024) nên "
        "chưa so sánh được với cùng kỳ năm trước." in comparisons.trends_section(rep).texts()
    )


def test_a_quarter_beside_the_same_quarter_last_year(unit, tmp_path):
    data, rows = unit
    rep = report.prepare(UNIT, "2026-Q2", str(data), str(tmp_path))
    now, then = expected(rows, "2026-Q2"), expected(rows, "2025-Q2")
    saved = json.loads((tmp_path / "chi-so.json").read_text(encoding="utf-8"))
    assert saved["ky"] == "2026-Q2" and saved["cung_ky"]["ky"] == "2025-Q2"
    for key in ("tiep_nhan", "truc_tuyen", "qua_han", "rut_tu_choi"):
        assert saved["cung_ky"][f"ho_so.{key}"] == then[key]
        assert saved["thay_doi_cung_ky"][f"ho_so.{key}"] == now[key] - then[key]
    [table] = [b for b in comparisons.trends_section(rep) if hasattr(b, "frame")]
    assert list(table.frame.columns)[-2:] == ["Quý II/2025", "So với cùng kỳ"]
    row = table.frame[table.frame["Chỉ số"].str.startswith("Hồ sơ tiếp nhận")].iloc[0]
    assert row["Quý II/2025"] == f"{then['tiep_nhan']:,}".replace(",", ".")
    assert row["So với cùng kỳ"].startswith(
        f"{now['tiep_nhan'] - then['tiep_nhan']:+,}".replace(",", ".")
    )
    # no file of the same quarter last year: nothing under cung_ky, the table as before
    first = report.prepare(UNIT, "2025-Q2", str(data), str(tmp_path / "first"))
    assert first.same_period is None and first.same_period_missing == (parse_span("2024-Q2"),)
    saved = json.loads((tmp_path / "first" / "chi-so.json").read_text(encoding="utf-8"))
    assert "cung_ky" not in saved


def test_a_quarter_asked_as_a_period_is_the_quarters_report(unit):
    data, _ = unit
    as_period = report.prepare(UNIT, "2026-Q1", str(data), period="2026-Q2")
    as_quarter = report.build(UNIT, "2026-Q2", data)
    assert as_period.span == as_quarter.span == as_quarter.quarter
    assert as_period.figures == as_quarter.figures and not as_period.is_period


def test_the_period_workbook_gives_metadata_and_narrative(unit, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(unit[0], data)
    rep = report.build(UNIT, "2026-6T", data)
    latest = [t for s in report.outline(rep) for t in s.texts()]
    write_xlsx(
        data / UNIT / "2026-6T.xlsx",
        {
            "Thông tin": (
                ["khoa", "gia_tri"],
                [["so_ky_hieu", "125/BC-UBND"], ["nguoi_ky", "Lê Thị B"], ["ky", "2026-6T"]],
            ),
            "Nội dung": (
                ["muc", "thu_tu", "van_ban"],
                [["IV", 1, "Hoàn thành các chỉ tiêu còn lại trong 6 tháng cuối năm."]],
            ),
        },
    )
    rep = report.build(UNIT, "2026-6T", data)
    shown = [t for s in report.outline(rep) for t in s.texts()]
    assert "1. Hoàn thành các chỉ tiêu còn lại trong 6 tháng cuối năm." in shown
    assert "1. Hoàn thành các chỉ tiêu còn lại trong 6 tháng cuối năm." not in latest
    [letterhead] = [b for b in sections.title_block(rep) if isinstance(b, Letterhead)]
    assert letterhead.number == "Số: 125/BC-UBND"
    [signature] = [b for b in sections.proposals(rep) if isinstance(b, Signature)]
    assert signature.signer == "Lê Thị B"
    assert rep.info["dia_danh"] == "Thử Nghiệm"  # not in the period workbook: the latest's
    assert rep.sources[-1].name == "2026-6T.xlsx"
    assert "xa-thu/2026-6T.xlsx" in sections.colophon(rep).texts()[0]


def test_the_period_template_filled_in_gives_the_report_its_texts(unit, tmp_path, capsys):
    import openpyxl

    from helpers.cli import main

    data = tmp_path / "data"
    shutil.copytree(unit[0], data)
    target = data / UNIT / "2026-6T.xlsx"
    assert main(["template", "--unit", UNIT, "--period", "2026-6T", "-o", str(target)]) == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Hướng dẫn", "Thông tin", "Nội dung"]  # no figure sheet
    keys = [r[0].value for r in book["Thông tin"].iter_rows(min_row=2)]
    assert "ky" in keys and not {"tu_ngay", "den_ngay", "quy_uoc_ky"} & set(keys)
    assert book["Thông tin"].cell(row=2 + keys.index("ky"), column=2).value == "2026-6T"
    guide = "\n".join(
        str(v) for row in book["Hướng dẫn"].iter_rows(values_only=True) for v in row if v
    )
    assert "workbook run --unit xa-thu --period 2026-6T" in guide
    # untouched, it changes nothing: the report takes the latest quarter's texts
    before = [t for sec in report.outline(report.build(UNIT, "2026-6T", data)) for t in sec.texts()]
    shutil.copy(target, tmp_path / "blank.xlsx")
    ws = book["Thông tin"]
    ws.cell(row=2 + keys.index("so_ky_hieu"), column=2).value = "77/BC-UBND"
    book["Nội dung"].append(["I.1", 1, "Sáu tháng đầu năm, phường tập trung chỉ đạo …"])
    book.save(target)
    assert main(["check", str(target)]) == 0
    rep = report.build(UNIT, "2026-6T", data)
    texts = [t for sec in report.outline(rep) for t in sec.texts()]
    assert "Sáu tháng đầu năm, phường tập trung chỉ đạo …" in texts
    [letterhead] = [b for b in sections.title_block(rep) if isinstance(b, Letterhead)]
    assert letterhead.number == "Số: 77/BC-UBND"
    shutil.copy(tmp_path / "blank.xlsx", target)
    blank = [t for sec in report.outline(report.build(UNIT, "2026-6T", data)) for t in sec.texts()]
    assert blank == before
    capsys.readouterr()


def test_a_period_workbook_of_another_period_is_refused(unit, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(unit[0], data)
    write_xlsx(
        data / UNIT / "2026-6T.xlsx", {"thong_tin": (["khoa", "gia_tri"], [["ky", "2026-9T"]])}
    )
    out = tmp_path / "out"
    done = workbook("run", "--unit", UNIT, "--period", "2026-6T", "--data", data, "--out", out)
    assert done.returncode == 2, done.stderr
    assert "kỳ báo cáo ghi 2026-9T nhưng tệp là của 2026-6T" in done.stderr
    assert "2026-6T.xlsx" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()


def test_a_missing_quarter_is_refused_before_anything_is_written(unit, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(unit[0], data)
    (data / UNIT / "2026-Q1.xlsx").unlink()
    out = tmp_path / "out"
    done = workbook("run", "--unit", UNIT, "--period", "2026-6T", "--data", data, "--out", out)
    assert done.returncode == 2
    assert "thiếu số liệu Quý I/2026" in done.stderr and "2026-Q1.xlsx" in done.stderr
    assert str(data / UNIT) in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()
    bad = workbook("run", "--unit", UNIT, "--period", "2026-7T", "--data", data, "--out", out)
    assert bad.returncode == 2 and "YYYY-6T" in bad.stderr


def test_a_broken_chain_names_both_quarters_and_both_numbers(unit, tmp_path):
    data, rows = tmp_path / "data", unit[1]
    shutil.copytree(unit[0], data)
    # Q1 2026's export loses two dossiers that Q4 2025 left pending
    q4_open = {r[0] for r in rows["2025-Q4"] if r[8] == "dang_giai_quyet"}
    lost = sorted(q4_open)[:2]
    kept = [r for r in rows["2026-Q1"] if r[0] not in lost]
    start, end = parse_span("2026-Q1").window()
    k = QUARTERS.index("2026-Q1")
    sample_workbook(
        data / UNIT / "2026-Q1.xlsx",
        quarter="2026-Q1",
        info={"tu_ngay": start, "den_ngay": end},
        records=kept,
        aggregate=False,
        procedures={"toan_trinh": 18 + 2 * k, "mot_phan": 12, "truc_tiep": 6 - k % 4},
    )
    rep = report.build(UNIT, "2026-6T", data)
    chain = [f for f in rep.findings if f.rule == "chuyen_ky_khong_khop"]
    # Q2's carry-over (from the full export) may disagree with Q1's pending too: both named
    assert {f.file for f in chain} <= {"2026-Q1.xlsx", "2026-Q2.xlsx"}
    [found] = [f for f in chain if f.file == "2026-Q1.xlsx"]
    pending, carried = len(q4_open), len(q4_open) - 2
    assert found.severity == "loi" and found.file == "2026-Q1.xlsx"
    assert f"Quý I/2026 ghi kỳ trước chuyển sang {carried} hồ sơ" in found.message
    assert f"cuối Quý IV/2025 (tệp 2025-Q4.xlsx) còn {pending} hồ sơ" in found.message
    assert found.gap == -2 and found.where.startswith("tệp «2026-Q1.xlsx»")
    # the same finding from workbook check, the previous quarter's file beside it
    checked = workbook("check", "--json", data / UNIT / "2026-Q1.xlsx")
    assert checked.returncode == 1
    rules = [f["rule"] for f in json.loads(checked.stdout)["findings"]]
    assert "chuyen_ky_khong_khop" in rules
    # an unbroken chain has no such finding
    assert not [f for f in findings.check_file(unit[0] / UNIT / "2026-Q2.xlsx").findings
                if f.rule == "chuyen_ky_khong_khop"]  # fmt: skip


@pytest.mark.kernel
def test_workbook_run_period_builds_once_and_writes_every_output(unit, tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(unit[0], data)
    builds: list[str] = []
    real_build = report.from_period

    def counting(unit_name, period, data_dir):
        builds.append(str(period))
        return real_build(unit_name, period, data_dir)

    real_execute = render._execute

    def execute_without_inputs(*args):
        shutil.rmtree(data)  # the kernel shows the report built before it started
        real_execute(*args)

    monkeypatch.setattr(report, "from_period", counting)
    monkeypatch.setattr(render, "_execute", execute_without_inputs)
    result = run_report(UNIT, data_dir=data, out_dir=tmp_path / "out", period="2026-6T")
    assert builds == ["2026-6T"]
    assert result.folder == tmp_path / "out" / UNIT / "2026-6T"
    assert {p.name for p in result.folder.iterdir()} >= {
        "bao-cao.html", "bao-cao.docx", "bao-cao.ipynb", "chi-so.json", "kiem-tra.json",
    }  # fmt: skip
    html = result.files["bao-cao.html"].read_text(encoding="utf-8")
    assert "Sơ kết 6 tháng đầu năm 2026" in html and "6 tháng đầu năm 2025" in html
    docx = "\n".join(p.text for p in Document(str(result.files["bao-cao.docx"])).paragraphs)
    assert "Sơ kết 6 tháng đầu năm 2026" in docx and "6 THÁNG CUỐI NĂM 2026" in docx
    figures = json.loads(result.files["chi-so.json"].read_text(encoding="utf-8"))
    assert figures["ky"] == "2026-6T" and "cung_ky" in figures
    assert json.loads(result.files["kiem-tra.json"].read_text(encoding="utf-8"))["ky"] == "2026-6T"


@pytest.mark.kernel
def test_the_cli_period_of_one_quarter_is_the_quarter(unit, tmp_path):
    data, _ = unit
    out = tmp_path / "out"
    done = workbook(
        "run", "--unit", UNIT, "--period", "2026-Q2", "--data", data, "--out", out,
        "--format", "html",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    saved = json.loads((out / UNIT / "2026-Q2" / "chi-so.json").read_text(encoding="utf-8"))
    assert saved["ky"] == "2026-Q2"
    built = report.build(UNIT, "2026-Q2", data).figures
    assert saved["ho_so.tiep_nhan"] == built["ho_so.tiep_nhan"]
    assert Period(2026, 1, 2) != parse_span("2026-Q2")


# --- the city roll-up of a period -----------------------------------------------------------


@pytest.fixture(scope="module")
def city(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("city")
    chained_unit(data / "xa-mot", ["2026-Q1", "2026-Q2"], seed=11, n=300)
    chained_unit(data / "xa-hai", ["2026-Q1", "2026-Q2"], seed=12, n=500)
    chained_unit(data / "xa-ba", ["2026-Q1"], seed=13, n=200)  # six months not complete
    return data


def test_a_period_is_rolled_up_from_each_units_period(city):
    from helpers import rollup

    r = rollup.collect(city, "2026-6T")
    assert sorted(u.unit for u in r.units) == ["xa-hai", "xa-mot"]
    assert list(r.unreadable) == ["xa-ba"] and "thiếu số liệu Quý II/2026" in r.unreadable["xa-ba"]
    each = {u: report.build(u, "2026-6T", city).figures for u in ("xa-mot", "xa-hai")}
    t = r.totals()
    for key in ("ho_so.tiep_nhan", "ho_so.truc_tuyen", "ho_so.dang_giai_quyet", "thu_tuc.tong"):
        assert t[key] == sum(f[key] for f in each.values()), key
    assert t["ho_so.ty_le_truc_tuyen"] == pytest.approx(
        t["ho_so.truc_tuyen"] / t["ho_so.tiep_nhan"]
    )


@pytest.mark.kernel
def test_workbook_consolidate_period_and_batch_list_the_periods(city, tmp_path):
    out = tmp_path / "out"
    done = workbook("consolidate", "--period", "2026-6T", "--data", city, "--out", out)
    assert done.returncode == 0, done.stderr
    folder = out / "tong-hop" / "2026-6T"
    totals = json.loads((folder / "chi-so.json").read_text(encoding="utf-8"))
    assert totals["ky"] == "2026-6T" and totals["don_vi.so_luong"] == 2
    html = (folder / "bao-cao.html").read_text(encoding="utf-8")
    assert "6 tháng đầu năm 2026" in html and "thiếu số liệu Quý II/2026" in html
    none = workbook("consolidate", "--period", "2025-9T", "--data", city, "--out", out)
    assert none.returncode == 2 and "Không đơn vị nào" in none.stderr
    # batch: every quarter and the six months of the two units that have both quarters
    done = workbook(
        "batch", "--data", city, "--out", out, "--format", "html", "--json",
        "--units", "xa-mot", "xa-ba",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    outcomes = [(o["unit"], o["quarter"], o["status"]) for o in json.loads(done.stdout)]
    assert outcomes == [
        ("xa-ba", "2026-Q1", "da_tao"), ("xa-mot", "2026-Q1", "da_tao"),
        ("xa-mot", "2026-Q2", "da_tao"), ("xa-mot", "2026-6T", "da_tao"),
    ]  # fmt: skip
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="xa-mot/2026-6T/bao-cao.html"' in index and "6 tháng đầu năm 2026" in index


def test_workbook_check_validates_a_period_workbook(tmp_path):
    folder = tmp_path / UNIT
    good = write_xlsx(
        folder / "2026-6T.xlsx",
        {"noi_dung": (["muc", "thu_tu", "van_ban"], [["V", 1, "Đề nghị thành phố hỗ trợ."]])},
    )
    done = workbook("check", good)
    assert done.returncode == 0, done.stderr
    assert "Tệp 2026-6T.xlsx đúng mẫu số liệu (noi_dung: 1 dòng)." in done.stdout
    bad = write_xlsx(folder / "2026.xlsx", {"Ghi chú": (["a"], [["b"]])})
    done = workbook("check", bad)
    assert done.returncode == 2 and "không có trang «thong_tin» hay «noi_dung»" in done.stderr


def test_an_aggregate_only_unit_adds_up_its_quarters_rows(tmp_path):
    from helpers.periods import Quarter

    for q in ("2026-Q1", "2026-Q2"):
        start, end = Quarter.parse(q).window()
        sample_workbook(tmp_path / "xa-tong" / f"{q}.xlsx", quarter=q,
                        info={"tu_ngay": start, "den_ngay": end})  # fmt: skip
    rep = report.build("xa-tong", "2026-6T", tmp_path)
    assert rep.figures["ho_so.tiep_nhan"] == 2 * 11952  # the seed's aggregate, twice
    assert rep.figures["ho_so.dang_giai_quyet"] == 392  # pending: the latest quarter's
    assert "thu_tuc.truc_tuyen_co_ho_so" not in rep.figures  # distinct: needs records
    systems = sections.system_table(rep).set_index("Hệ thống")
    assert systems.loc["Các Bộ, ngành", "Tiếp nhận"] == "1.792"  # 896 declared each quarter
    assert systems.loc["    Bộ Tư pháp", "Tiếp nhận"] == "452"
    # each quarter's own findings, named by file (the seed's 884 parts against 896)
    assert {f.file for f in rep.findings if f.rule == "tong_thanh_phan"} == {
        "2026-Q1.xlsx", "2026-Q2.xlsx",
    }  # fmt: skip
