"""``workbook template``: the blank input workbook, read back with openpyxl and the reader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries

from helpers import contract as c
from helpers import template
from helpers.cli import main
from helpers.errors import ContractError, ParameterError
from helpers.io import read_workbook

D = dt.date
Q = "2026-Q1"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return template.write_template(tmp_path / "phu-lien" / f"{Q}.xlsx", "phu-lien", Q)


def validations(ws) -> list:
    return list(ws.data_validations.dataValidation)


def list_codes(wb: openpyxl.Workbook, dv) -> list[str]:
    """The values a list validation offers, inline or from a range of another sheet."""
    formula = dv.formula1
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet, _, ref = formula.rpartition("!")
    ws = wb[sheet.strip("'")]
    min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
    assert min_col == max_col
    return [ws.cell(row=r, column=min_col).value for r in range(min_row, max_row + 1)]


def validation_of(ws, column: int, kind: str):
    letter = get_column_letter(column)
    found = [dv for dv in validations(ws) if dv.type == kind and f"{letter}2" in dv.sqref]
    assert len(found) == 1, (ws.title, letter, kind)
    return found[0]


def guide_text(wb: openpyxl.Workbook) -> str:
    ws = wb[template.GUIDE_TITLE]
    return "\n".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v)


# --- layout ------------------------------------------------------------------------


def test_opens_with_sheets_in_contract_order(path: Path):
    wb = openpyxl.load_workbook(path)
    visible = [name for name in wb.sheetnames if wb[name].sheet_state == "visible"]
    assert visible == [template.GUIDE_TITLE] + [s.label for s in c.SHEETS]
    assert wb.active.title == template.GUIDE_TITLE
    # the lists too long to write inline (the figure keys of «Chỉ tiêu») sit hidden, last
    assert wb.sheetnames[len(visible) :] == [template.LISTS_TITLE]
    assert wb[template.LISTS_TITLE].sheet_state == "hidden"


def test_headers_are_the_contract_labels_bold_and_frozen(path: Path):
    wb = openpyxl.load_workbook(path)
    for sheet in c.SHEETS:
        ws = wb[sheet.label]
        labels = [cell.value for cell in ws[1]][: len(sheet.columns)]
        assert labels == [col.label for col in sheet.columns], sheet.key
        assert all(cell.font.b for cell in ws[1]), sheet.key
        assert all(cell.comment is None for cell in ws[1]), sheet.key
        assert ws.freeze_panes == "A2"
        for idx, col in enumerate(sheet.columns, start=1):
            width = ws.column_dimensions[get_column_letter(idx)].width
            assert width >= len(col.label), (sheet.key, col.key)
        if sheet.key != "thong_tin":
            assert ws.max_row == 1, f"{sheet.key}: row 2 must be the first data row"


def test_every_enum_column_offers_exactly_the_contract_codes(path: Path):
    wb = openpyxl.load_workbook(path)
    checked = 0
    for sheet in c.SHEETS:
        ws = wb[sheet.label]
        for idx, col in template.enum_columns(sheet):
            dv = validation_of(ws, idx, "list")
            letter = get_column_letter(idx)
            last = template.LAST_ROW_BY_SHEET.get(sheet.key, template.LAST_ROW)
            assert str(dv.sqref) == f"{letter}2:{letter}{last}"
            assert last >= 5000
            assert list_codes(wb, dv) == list(col.enum), (sheet.key, col.key)
            assert dv.showErrorMessage and dv.errorStyle == "stop"
            assert "danh sách" in dv.error and dv.errorTitle == "Giá trị không hợp lệ"
            assert len(dv.error) <= 255 and len(dv.formula1) <= 255
            checked += 1
    assert checked == sum(len(template.enum_columns(s)) for s in c.SHEETS) >= 8
    assert "toan_trinh" in list_codes(wb, validation_of(wb["Thủ tục"], 4, "list"))


def test_number_formats_follow_the_column_kind(path: Path):
    wb = openpyxl.load_workbook(path)
    expected = {"date": "dd/mm/yyyy", "int": "#,##0", "number": "#,##0.##", "rate": "@"}
    seen = set()
    for sheet in c.SHEETS:
        ws = wb[sheet.label]
        for idx, col in enumerate(sheet.columns, start=1):
            if col.kind in expected:
                fmt = ws.column_dimensions[get_column_letter(idx)].number_format
                assert fmt == expected[col.kind], (sheet.key, col.key)
                seen.add(col.kind)
            if col.kind == "date":
                dv = validation_of(ws, idx, "date")
                assert dv.errorStyle == "warning"  # dd/mm/yyyy text is read too
    assert seen == set(expected)


def test_thong_tin_is_prefilled_with_the_period(path: Path):
    ws = openpyxl.load_workbook(path)["Thông tin"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert list(rows) == list(c.THONG_TIN_KHOA)
    assert rows["ky"][1] == Q
    assert rows["tu_ngay"][1] == dt.datetime(2026, 1, 1)
    assert rows["den_ngay"][1] == dt.datetime(2026, 3, 31)
    assert rows["quy_uoc_ky"][1] == "quy_lich"
    assert rows["don_vi"][1] is None
    assert all(rows[k][2] for k in c.THONG_TIN_KHOA)  # a description of every key
    cells = {row[0].value: row[1] for row in ws.iter_rows(min_row=2)}
    assert cells["tu_ngay"].number_format == "dd/mm/yyyy"
    assert cells["den_ngay"].is_date


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [("2025-Q4", D(2025, 10, 1), D(2025, 12, 31)), ("2024q1", D(2024, 1, 1), D(2024, 3, 31))],
)
def test_info_values_of_other_quarters(quarter: str, start: D, end: D):
    values = template.info_values(quarter)
    assert (values["tu_ngay"], values["den_ngay"]) == (start, end)
    assert values["ky"] == str(template.parse_quarter(quarter))


def test_guide_names_every_sheet_column_key_and_the_rules(path: Path):
    text = guide_text(openpyxl.load_workbook(path))
    for sheet in c.SHEETS:
        assert sheet.key in text and sheet.label in text and sheet.description in text
        for col in sheet.columns:
            assert col.label in text, (sheet.key, col.key)
            assert col.key in text
            if col.kind == "enum":
                assert all(code in text for code in col.enum)
    for key in c.THONG_TIN_KHOA:
        assert key in text
    assert "data/<đơn vị>/<YYYY>-Q<n>.xlsx" in text
    assert f"data/phu-lien/{Q}.xlsx" in text
    assert "workbook check" in text
    assert "39,2" in text  # how to type a rate
    assert "bắt buộc" in text and "tùy chọn" in text


def test_inline_list_gives_way_to_a_range_past_excels_limit():
    assert template.inline_list(["a", "b"]) == '"a,b"'
    assert template.inline_list(["x" * 200, "y" * 60]) is None
    assert template.inline_list(["a,b", "c"]) is None


# --- the reader on the template ------------------------------------------------------


def test_untouched_template_reads_as_still_empty(path: Path):
    with pytest.raises(ContractError) as info:
        read_workbook(path, quarter=Q)
    assert len(info.value.problems) == 1
    assert "vẫn còn trống" in info.value.problems[0].message


def test_long_lists_on_a_hidden_sheet_still_read_as_empty(tmp_path: Path):
    wb = template.build_template("phu-lien", Q, list_limit=40)
    lists = wb[template.LISTS_TITLE]
    assert lists.sheet_state == "hidden"
    path = tmp_path / f"{Q}.xlsx"
    wb.save(path)
    wb = openpyxl.load_workbook(path)
    nhom = validation_of(wb["Chỉ số"], 1, "list")
    assert template.LISTS_TITLE in nhom.formula1
    assert list_codes(wb, nhom) == list(c.NHOM_CHI_SO)
    with pytest.raises(ContractError) as info:
        read_workbook(path, quarter=Q)
    assert [p.message for p in info.value.problems if "vẫn còn trống" not in p.message] == []


def test_write_template_refuses_to_overwrite(path: Path):
    with pytest.raises(ParameterError, match="đã có"):
        template.write_template(path, "phu-lien", Q)
    with pytest.raises(ParameterError, match=".xlsx"):
        template.write_template(path.with_suffix(".xls"), "phu-lien", Q)
    with pytest.raises(ParameterError, match="không hợp lệ"):
        template.write_template(path.with_name("x.xlsx"), "phu-lien", "2026-Q5")
    assert template.write_template(path, "phu-lien", Q, overwrite=True) == path


# --- round trip: an analyst fills it in ----------------------------------------------


def fill(ws, sheet: c.Sheet, rows: list[dict[str, object]]) -> None:
    """Type ``rows`` (contract key -> value) under the template's headers."""
    index = {cell.value: cell.column for cell in ws[1]}
    for r, row in enumerate(rows, start=2):
        for key, value in row.items():
            ws.cell(row=r, column=index[sheet.column(key).label], value=value)


def filled(path: Path) -> Path:
    wb = openpyxl.load_workbook(path)
    info = wb["Thông tin"]
    for row in info.iter_rows(min_row=2):
        if row[0].value == "don_vi":
            row[1].value = "Phường Phù Liễn"
    fill(
        wb["Chỉ tiêu"],
        c.CHI_TIEU,
        [
            {"ma": "MT1", "noi_dung": "Mục tiêu 1", "loai": "muc_tieu", "trang_thai": "hoan_thanh"},
            {
                "ma": "NV1",
                "noi_dung": "Nhiệm vụ 1",
                "loai": "nhiem_vu_tien_do",
                "han_hoan_thanh": D(2026, 3, 31),
                "trang_thai": "dang_thuc_hien",
            },
            {
                "ma": "NV2",
                "noi_dung": "Nhiệm vụ 2",
                "loai": "nhiem_vu_thuong_xuyen",
                "trang_thai": "chua_thuc_hien",
            },
        ],
    )
    fill(
        wb["Thủ tục"],
        c.THU_TUC,
        [
            {"ma_thu_tuc": "1.001", "ten_thu_tuc": "Đăng ký khai sinh", "muc_do": "toan_trinh"},
            {"ma_thu_tuc": "1.002", "ten_thu_tuc": "Chứng thực bản sao", "muc_do": "mot_phan"},
        ],
    )
    fill(
        wb["Hồ sơ"],
        c.HO_SO,
        [
            {
                "ma_ho_so": "HS1",
                "ma_thu_tuc": "1.001",
                "kenh_nop": "truc_tuyen",
                "ngay_tiep_nhan": D(2026, 1, 5),
                "han_xu_ly": D(2026, 1, 10),
                "ngay_co_ket_qua": D(2026, 1, 8),
                "trang_thai": "da_giai_quyet",
                "da_so_hoa": "có",
            },
            {
                "ma_ho_so": "HS2",
                "ma_thu_tuc": "1.002",
                "kenh_nop": "truc_tiep",
                "ngay_tiep_nhan": "15/02/2026",
                "han_xu_ly": "20/02/2026",
                "trang_thai": "dang_giai_quyet",
                "da_so_hoa": "không",
            },
        ],
    )
    fill(
        wb["Hồ sơ tổng hợp"],
        c.HO_SO_TONG_HOP,
        [{"he_thong": c.TONG, "tiep_nhan": 2, "truc_tuyen": 1, "truc_tiep_buu_chinh": 1}],
    )
    fill(
        wb["Chỉ số"],
        c.CHI_SO,
        [
            {
                "nhom": "du_lieu_so",
                "ma": "vneid_so_suc_khoe",
                "chi_so": "Sổ sức khỏe điện tử",
                "tu_so": 22581,
                "mau_so": 57566,
                "ty_le_bao_cao": "39,2",  # typed into the text-formatted rate column
            },
            {"nhom": "kinh_te_so", "ma": "qr", "chi_so": "Hộ dùng mã QR", "ty_le_bao_cao": "1"},
            {"nhom": "ha_tang", "ma": "wifi", "chi_so": "Wi-Fi nhà văn hóa", "tu_so": 14},
        ],
    )
    fill(
        wb["Văn bản"],
        c.VAN_BAN,
        [
            {
                "so_ky_hieu": "12/KH-UBND",
                "ngay_ban_hanh": D(2026, 1, 15),
                "loai": "Kế hoạch",
                "trich_yeu": "Thực hiện NQ57",
                "muc": "I.1",
            }
        ],
    )
    fill(
        wb["Nội dung"],
        c.NOI_DUNG,
        [
            {"muc": "III.1", "thu_tu": 1, "van_ban": "Kết quả nổi bật."},
            {"muc": "II.2.7", "thu_tu": 1, "van_ban": "An toàn thông tin."},
        ],
    )
    wb.save(path)
    return path


def test_filled_template_reads_back(path: Path):
    wb = read_workbook(filled(path), quarter=Q)
    counts = {key: len(table) for key, table in wb.tables.items()}
    assert counts == {
        "thong_tin": len(c.THONG_TIN_KHOA),
        "chi_tieu": 3,
        "thu_tuc": 2,
        "ho_so": 2,
        "ho_so_tong_hop": 1,
        "chi_so": 3,
        "van_ban": 1,
        "noi_dung": 2,
    }
    assert wb.info["ky"] == Q and wb.info["don_vi"] == "Phường Phù Liễn"
    assert (wb.info["tu_ngay"], wb.info["den_ngay"]) == (D(2026, 1, 1), D(2026, 3, 31))
    assert wb.info["quy_uoc_ky"] == "quy_lich"
    assert list(wb.table("thu_tuc")["muc_do"]) == ["toan_trinh", "mot_phan"]
    rates = list(wb.table("chi_so")["ty_le_bao_cao"])
    assert rates[:2] == pytest.approx([0.392, 0.01])  # typed rates are percent points
    assert list(wb.table("ho_so")["da_so_hoa"]) == [True, False]


# --- the command -------------------------------------------------------------------


def test_cli_writes_then_refuses_to_overwrite(tmp_path: Path, capsys):
    out = tmp_path / "phu-lien" / f"{Q}.xlsx"
    args = ["template", "--unit", "phu-lien", "--quarter", Q, "-o", str(out)]
    assert main(args) == 0
    assert out.is_file() and str(out) in capsys.readouterr().out
    openpyxl.load_workbook(out)
    before = out.read_bytes()

    assert main(args) == 2
    err = capsys.readouterr().err
    assert "đã có" in err and "--force" in err and "Traceback" not in err
    assert out.read_bytes() == before

    assert main([*args, "--force"]) == 0
    assert list(out.parent.iterdir()) == [out]  # no temporary file left behind


def test_cli_rejects_a_bad_quarter(tmp_path: Path, capsys):
    out = tmp_path / "x.xlsx"
    assert main(["template", "--unit", "phu-lien", "--quarter", "2026-Q5", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Kỳ báo cáo không hợp lệ" in err and "Traceback" not in err
    assert not out.exists()


def test_cli_check_on_the_untouched_template_says_still_empty(tmp_path: Path, capsys):
    out = tmp_path / "phu-lien" / f"{Q}.xlsx"
    assert main(["template", "--unit", "phu-lien", "--quarter", Q, "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["check", str(out)]) == 2
    err = capsys.readouterr().err
    assert "vẫn còn trống" in err and "Traceback" not in err


def test_cli_check_on_a_filled_template_gets_past_the_reader(path: Path, capsys):
    assert main(["check", str(filled(path))]) in (0, 1)  # 1: findings, not a contract error
    assert "Traceback" not in capsys.readouterr().err


def test_cli_default_path_follows_the_naming_rule(tmp_path: Path, monkeypatch, capsys):
    from helpers import config

    monkeypatch.setattr(config, "DATA_DIR", tmp_path / "data")
    assert main(["template", "--unit", "phu-lien", "--quarter", "2026q2"]) == 0
    assert (tmp_path / "data" / "phu-lien" / "2026-Q2.xlsx").is_file()
    assert "Lưu ý" not in capsys.readouterr().err

    other = tmp_path / "mau.xlsx"
    assert main(["template", "--unit", "phu-lien", "--quarter", Q, "-o", str(other)]) == 0
    assert f"{Q}.xlsx" in capsys.readouterr().err  # reminded of the file naming rule
