"""read_workbook on real .xlsx files: header spellings, portal exports, privacy, every error."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from helpers import checks
from helpers import contract as c
from helpers.cli import main
from helpers.errors import ContractError, Problem
from helpers.io import ROW_COLUMN, read_workbook
from helpers.text import fold, normalize_key
from workbooks import (
    AGG_HEADERS,
    CHI_SO_HEADERS,
    HO_SO_HEADERS,
    aggregate_rows,
    chi_so_rows,
    chi_tieu_rows,
    info_rows,
    random_records,
    sample_workbook,
    thu_tuc_rows,
    write_xlsx,
)

D = dt.date


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def base_sheets(records: list[list[object]] | None = None) -> dict[str, tuple[list, list]]:
    """The sample workbook's sheets as ``{name: (headers, rows)}``, to alter before writing."""
    sheets = {
        "thong_tin": (["khoa", "gia_tri"], info_rows()),
        "chi_tieu": (["ma", "noi_dung", "loai", "trang_thai"], chi_tieu_rows()),
        "thu_tuc": (
            ["ma_thu_tuc", "ten_thu_tuc", "linh_vuc", "muc_do", "he_thong"],
            thu_tuc_rows(),
        ),
        "chi_so": (list(CHI_SO_HEADERS), chi_so_rows()),
        "ho_so_tong_hop": (list(AGG_HEADERS), aggregate_rows()),
    }
    if records is not None:
        sheets["ho_so"] = (list(HO_SO_HEADERS), records)
    return sheets


def problems_of(path: Path, **kw: object) -> list[Problem]:
    before = sha256(path)
    with pytest.raises(ContractError) as info:
        read_workbook(path, **kw)
    assert sha256(path) == before, "reading a file must never change it"
    err = info.value
    assert err.problems, "a ContractError lists its problems"
    for p in err.problems:
        assert p.file == str(path)
        assert Path(p.file).name in str(p)
    assert Path(path).name in str(err)
    return err.problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


# --- files that read cleanly -----------------------------------------------------------


def test_sample_workbook_reads_cleanly(tmp_path):
    path = sample_workbook(tmp_path / "2026-Q1.xlsx")
    before = sha256(path)
    wb = read_workbook(path, quarter="2026-Q1")
    assert sha256(path) == before

    assert set(wb.tables) == {"thong_tin", "chi_tieu", "thu_tuc", "chi_so", "ho_so_tong_hop"}
    assert len(wb.tables["thu_tuc"]) == 377
    assert len(wb.tables["chi_tieu"]) == 17 + 8 + 17
    assert len(wb.tables["chi_so"]) == 3
    assert len(wb.tables["ho_so_tong_hop"]) == 8
    assert wb.tables["thu_tuc"][ROW_COLUMN].tolist() == list(range(2, 379))
    assert wb.info["don_vi"] == "Phường Thử Nghiệm"
    assert wb.info["ky"] == "2026-Q1" and str(wb.quarter) == "2026-Q1"
    assert wb.info["tu_ngay"] == D(2026, 1, 1) and wb.info["den_ngay"] == D(2026, 3, 31)
    assert wb.info["quy_uoc_ky"] == "quy_lich"
    assert wb.info["noi_nhan"] == "Sở Khoa học và Công nghệ\nLưu: VT"
    assert wb.tables["thu_tuc"]["muc_do"].value_counts().to_dict() == {
        "toan_trinh": 218,
        "mot_phan": 159,
    }
    chi_so = wb.tables["chi_so"].set_index("ma")
    assert chi_so.loc["vneid_so_suc_khoe", "tu_so"] == 22581
    assert chi_so.loc["vneid_so_suc_khoe", "mau_so"] == 57566
    assert chi_so.loc["vneid_so_suc_khoe", "ty_le_bao_cao"] == pytest.approx(0.39)
    assert chi_so.loc["to_cong_tac", "tu_so"] == 300
    assert chi_so.loc["to_cong_tac", "tu_so_kem"] == "khoảng"
    assert chi_so.loc["ho_kinh_doanh_qr", "ty_le_bao_cao"] == pytest.approx(0.8)
    assert chi_so.loc["ho_kinh_doanh_qr", "ty_le_bao_cao_kem"] == "trên"
    assert pd.isna(chi_so.loc["ho_kinh_doanh_qr", "tu_so"])
    total = wb.tables["ho_so_tong_hop"].iloc[0]
    assert total["he_thong"] == "Tổng" and total["tiep_nhan"] == 11952
    assert pd.isna(total["ky_truoc_chuyen_sang"])


def test_records_read_with_types(tmp_path):
    records = random_records(50, 3, D(2026, 1, 1), D(2026, 3, 31))
    wb = read_workbook(sample_workbook(tmp_path / "r.xlsx", records=records))
    t = wb.tables["ho_so"]
    assert t["ma_ho_so"].tolist() == [r[0] for r in records]
    assert [d.date() for d in t["ngay_tiep_nhan"]] == [r[5] for r in records]
    assert [None if pd.isna(d) else d.date() for d in t["han_xu_ly"]] == [r[6] for r in records]
    assert [None if pd.isna(d) else d.date() for d in t["ngay_co_ket_qua"]] == [
        r[7] for r in records
    ]
    assert t["trang_thai"].tolist() == [r[8] for r in records]
    assert t["da_so_hoa"].tolist() == [r[9] for r in records]
    assert t[ROW_COLUMN].tolist() == list(range(2, 52))


def test_the_receipt_time_is_kept_beside_the_date(tmp_path):
    """An export with date-times (cells, or text as portals write it): ``ngay_tiep_nhan``
    stays the day, as every figure and check reads it; ``gio_tiep_nhan`` holds the hour."""
    records = random_records(6, 4, D(2026, 1, 1), D(2026, 3, 31))
    received = [r[5] for r in records]
    cells: list[object] = [
        dt.datetime.combine(received[0], dt.time(7, 30)),
        dt.datetime.combine(received[1], dt.time(16, 5, 30)),
        f"{received[2]:%d/%m/%Y} 09:45",
        f"{received[3]:%Y-%m-%d} 13:00:00",
        received[4],  # a date only: no time
        dt.datetime.combine(received[5], dt.time()),  # midnight exactly: no time either
    ]
    for r, cell in zip(records, cells, strict=True):
        r[5] = cell
    timed = read_workbook(sample_workbook(tmp_path / "t.xlsx", records=records)).tables["ho_so"]
    assert [d.date() for d in timed["ngay_tiep_nhan"]] == received
    assert timed["ngay_tiep_nhan"].dtype == "datetime64[s]"
    hours = timed["gio_tiep_nhan"].tolist()
    assert hours[:4] == pytest.approx([7.5, 16 + 5.5 / 60, 9.75, 13.0])
    assert all(pd.isna(h) for h in hours[4:])
    for r, day in zip(records, received, strict=True):
        r[5] = day
    plain = read_workbook(sample_workbook(tmp_path / "d.xlsx", records=records)).tables["ho_so"]
    pd.testing.assert_frame_equal(
        plain.drop(columns="gio_tiep_nhan"), timed.drop(columns="gio_tiep_nhan")
    )


def _header(sheet_key: str, col_key: str, style: str) -> str:
    col = c.SHEET_BY_KEY[sheet_key].column(col_key)
    if style == "key":
        return col.key
    if style == "label":
        return col.label
    return fold(col.label).upper()  # "MA HO SO": upper case, no diacritics


def _sheet_name(sheet_key: str, style: str) -> str:
    label = c.SHEET_BY_KEY[sheet_key].label
    return {"key": sheet_key, "label": label, "upper": fold(label).upper()}[style]


def _styled(style: str, records: list[list[object]]) -> dict[str, tuple[list, list]]:
    out = {}
    for key, (headers, rows) in base_sheets(records).items():
        out[_sheet_name(key, style)] = ([_header(key, h, style) for h in headers], rows)
    return out


@pytest.mark.parametrize("style", ["label", "upper"])
def test_header_and_sheet_spellings_read_the_same(tmp_path, style):
    records = random_records(30, 5, D(2026, 1, 1), D(2026, 3, 31))
    reference = read_workbook(write_xlsx(tmp_path / "key.xlsx", _styled("key", records)))
    sheets = _styled(style, records)
    if style == "label":
        assert "Thông tin" in sheets and "Mã hồ sơ" in sheets["Hồ sơ"][0]
    else:
        assert "THONG TIN" in sheets and "MA HO SO" in sheets["HO SO"][0]
    wb = read_workbook(write_xlsx(tmp_path / f"{style}.xlsx", sheets))
    assert set(wb.tables) == set(reference.tables)
    for key, table in reference.tables.items():
        pd.testing.assert_frame_equal(wb.tables[key], table, check_dtype=False)
    assert wb.info == reference.info
    assert wb.sheet_names["thong_tin"] == _sheet_name("thong_tin", style)


def test_unknown_columns_are_ignored_and_optional_columns_defaulted(tmp_path):
    sheets = base_sheets()
    headers, rows = sheets["thu_tuc"]
    sheets["thu_tuc"] = ([*headers, "Cột riêng"], [[*r, "Ghi chú nội bộ"] for r in rows])
    records = PORTAL_ROWS_AS_CONTRACT()
    sheets["ho_so"] = (HO_SO_HEADERS[:-1], [r[:-1] for r in records])  # no da_so_hoa column
    wb = read_workbook(write_xlsx(tmp_path / "x.xlsx", sheets))
    t = wb.tables["thu_tuc"]
    assert "Cột riêng" not in t.columns and "cotrieng" not in t.columns
    assert not t.astype(str).isin(["Ghi chú nội bộ"]).any().any()
    assert wb.tables["ho_so"]["da_so_hoa"].tolist() == [False] * len(records)


# --- national-portal export with personal data -----------------------------------------

PORTAL_HEADERS = [
    "MaHoSo",
    "ChuHoSo",
    "MaTTHC",
    "SoGiayToChuHoSo",
    "TenLinhVuc",
    "KenhThucHien",
    "SoDienThoai",
    "NgayTiepNhan",
    "NgayHenTra",
    "NgayKetThucXuLy",
    "Email",
    "TrangThaiHoSo",
    "DiaChi",
    "HoSoCoThanhPhanSoHoa",
    "Người nộp",
]
PERSONAL = ["ChuHoSo", "SoGiayToChuHoSo", "SoDienThoai", "Email", "DiaChi", "Người nộp"]

# (MaHoSo, KenhThucHien, TrangThaiHoSo, received, deadline, result, digitized,
#  expected kenh_nop, expected trang_thai)
PORTAL_ROWS = [
    ("G01", 1, 9, D(2026, 1, 5), D(2026, 1, 10), D(2026, 1, 9), 1, "truc_tiep", "da_giai_quyet"),
    ("G02", 2, 10, D(2026, 1, 6), D(2026, 1, 8), D(2026, 1, 8), 0, "truc_tuyen", "da_giai_quyet"),
    ("G03", 3, 7, D(2026, 1, 7), D(2026, 1, 20), D(2026, 1, 9), 0, "buu_chinh", "rut"),
    ("G04", None, 3, D(2026, 1, 8), None, None, 0, "truc_tiep", "khong_tiep_nhan"),
    ("G05", "2", 1, D(2026, 2, 1), None, None, 0, "truc_tuyen", "chua_tiep_nhan"),
    ("G06", 2, 2, D(2026, 2, 2), D(2026, 2, 20), None, 0, "truc_tuyen", "dang_giai_quyet"),
    ("G07", 2, "4", D(2026, 3, 2), D(2026, 4, 20), None, 1, "truc_tuyen", "dang_giai_quyet"),
    ("G08", "1", "9", D(2026, 3, 3), D(2026, 3, 5), D(2026, 3, 6), 1, "truc_tiep", "da_giai_quyet"),
]
PLANTED = {
    "ChuHoSo": ["Trần Thị Bímật", "Hoàng Văn Riêngtư"],
    "SoGiayToChuHoSo": ["031188009999", 31299007777],
    "SoDienThoai": ["0912 345 678", 987654321],
    "Email": ["bimat.tran@example.vn", "rieng.tu@example.vn"],
    "DiaChi": ["Số 7 ngõ Kínđáo, Phù Liễn", "Tổ dân phố Ẩndanh"],
    "Người nộp": ["Lê Nộphộ", "Phạm Thaymặt"],
}


def portal_workbook(path: Path) -> Path:
    rows = []
    for i, (ma, kenh, status, received, deadline, result, digit, _k, _s) in enumerate(PORTAL_ROWS):
        personal = {h: PLANTED[h][i % 2] for h in PERSONAL}
        values = {
            "MaHoSo": ma,
            "MaTTHC": f"1.00{i}",
            "TenLinhVuc": "Hộ tịch",
            "KenhThucHien": kenh,
            "NgayTiepNhan": received,
            "NgayHenTra": deadline,
            "NgayKetThucXuLy": result,
            "TrangThaiHoSo": status,
            "HoSoCoThanhPhanSoHoa": digit,
            **personal,
        }
        rows.append([values[h] for h in PORTAL_HEADERS])
    sheets = base_sheets()
    sheets["ho_so"] = (PORTAL_HEADERS, rows)
    return write_xlsx(path, sheets)


def test_portal_export_maps_codes(tmp_path):
    wb = read_workbook(portal_workbook(tmp_path / "portal.xlsx"), quarter="2026-Q1")
    t = wb.tables["ho_so"]
    assert t["ma_ho_so"].tolist() == [r[0] for r in PORTAL_ROWS]
    assert t["kenh_nop"].tolist() == [r[7] for r in PORTAL_ROWS]
    assert t["trang_thai"].tolist() == [r[8] for r in PORTAL_ROWS]
    assert t["da_so_hoa"].tolist() == [bool(r[6]) for r in PORTAL_ROWS]
    assert [d.date() for d in t["ngay_tiep_nhan"]] == [r[3] for r in PORTAL_ROWS]
    assert [None if pd.isna(d) else d.date() for d in t["ngay_co_ket_qua"]] == [
        r[5] for r in PORTAL_ROWS
    ]
    assert t["ma_thu_tuc"].tolist()[:2] == ["1.000", "1.001"]
    assert set(t["linh_vuc"]) == {"Hộ tịch"}
    assert set(t["he_thong"]) == {c.HE_THONG_MAC_DINH}  # the export has no system column
    assert wb.headers["ho_so"]["ma_ho_so"] == "MaHoSo"
    assert wb.headers["ho_so"]["trang_thai"] == "TrangThaiHoSo"


def test_portal_export_personal_data_never_reaches_the_tables(tmp_path):
    path = portal_workbook(tmp_path / "portal.xlsx")
    planted = {str(v) for values in PLANTED.values() for v in values}
    raw = openpyxl.load_workbook(path, read_only=True)["ho_so"]
    raw_cells = {str(v) for row in raw.iter_rows(values_only=True) for v in row}
    assert planted <= raw_cells, "the personal values are really in the file"
    wb = read_workbook(path)
    # fragments too, so a value cut or reformatted on the way is still caught
    planted |= {"Bímật", "Riêngtư", "Kínđáo", "Ẩndanh", "Nộphộ", "Thaymặt", "example.vn"}
    planted |= {"345 678", "0912", "31299007777", "987654321", "031188009999"}
    personal_keys = {normalize_key(h) for h in PERSONAL}

    cells: list[str] = []
    for key, table in wb.tables.items():
        for column in table.columns:
            assert normalize_key(column) not in personal_keys, (key, column)
            cells.append(str(column))
            cells += [str(v) for v in table[column].tolist()]
    cells += [str(k) for k in wb.info] + [str(v) for v in wb.info.values()]
    cells += [str(v) for h in wb.headers.values() for v in h.values()]
    assert len(cells) > 1000
    leaked = sorted({p for p in planted for cell in cells if p in cell})
    assert leaked == []
    assert set(wb.ignored_personal["ho_so"]) == set(PERSONAL)
    assert list(wb.tables["ho_so"].columns) == [
        ROW_COLUMN,
        *(col.key for col in c.HO_SO.columns),
        "gio_tiep_nhan",  # the receipt's time of day, beside the contract's columns
    ]


# --- contract errors -------------------------------------------------------------------


def test_missing_required_sheet(tmp_path):
    sheets = base_sheets()
    del sheets["chi_tieu"]
    p = only(problems_of(write_xlsx(tmp_path / "a.xlsx", sheets)))
    assert "chi_tieu" in p.message and p.sheet is None
    assert "chi_tieu" in str(p) and "a.xlsx" in str(p)


def test_missing_both_dossier_sheets(tmp_path):
    sheets = base_sheets()
    del sheets["ho_so_tong_hop"]
    p = only(problems_of(write_xlsx(tmp_path / "a.xlsx", sheets)))
    assert "ho_so" in p.message and "ho_so_tong_hop" in p.message


def test_missing_column(tmp_path):
    sheets = base_sheets()
    headers, rows = sheets.pop("thu_tuc")
    sheets["Thủ tục"] = (headers[:3] + headers[4:], [r[:3] + r[4:] for r in rows])
    p = only(problems_of(write_xlsx(tmp_path / "a.xlsx", sheets)))
    assert (p.sheet, p.row, p.column) == ("Thủ tục", 1, "Mức độ")
    assert "muc_do" in p.message
    assert "trang «Thủ tục», dòng 1, cột «Mức độ»" in str(p)


def test_duplicated_column(tmp_path):
    sheets = base_sheets()
    headers, rows = sheets["thu_tuc"]
    sheets["thu_tuc"] = ([*headers, "Mã thủ tục"], [[*r, r[0]] for r in rows])
    p = only(problems_of(write_xlsx(tmp_path / "a.xlsx", sheets)))
    assert (p.sheet, p.row, p.column) == ("thu_tuc", 1, "Mã thủ tục")
    assert "trùng" in p.message and "ma_thu_tuc" in p.message


def test_title_row_above_the_header(tmp_path):
    sheets = base_sheets()
    headers, rows = sheets.pop("thu_tuc")
    sheets["THỦ TỤC"] = (["DANH MỤC THỦ TỤC HÀNH CHÍNH CÔNG KHAI"], [headers, *rows])
    p = only(problems_of(write_xlsx(tmp_path / "a.xlsx", sheets)))
    assert (p.sheet, p.row) == ("THỦ TỤC", 2)
    assert "dòng 1" in p.message and "tiêu đề" in p.message


def test_text_in_a_number_column(tmp_path):
    sheets = base_sheets()
    headers, rows = sheets["chi_so"]
    headers = ["Tử số" if h == "tu_so" else h for h in headers]
    rows = [list(r) for r in rows]
    rows[1][3] = "nhiều lắm"
    sheets["chi_so"] = (headers, rows)
    p = only(problems_of(write_xlsx(tmp_path / "a.xlsx", sheets)))
    assert (p.sheet, p.row, p.column) == ("chi_so", 3, "Tử số")
    assert p.value == "nhiều lắm" and "số" in p.message
    assert "dòng 3, cột «Tử số»" in str(p)


def test_negative_count(tmp_path):
    sheets = base_sheets()
    headers, rows = sheets["ho_so_tong_hop"]
    rows = [list(r) for r in rows]
    rows[3][headers.index("tiep_nhan")] = -5
    sheets["ho_so_tong_hop"] = (headers, rows)
    p = only(problems_of(write_xlsx(tmp_path / "a.xlsx", sheets)))
    assert (p.sheet, p.row, p.column) == ("ho_so_tong_hop", 5, "tiep_nhan")
    assert "âm" in p.message


def test_impossible_date(tmp_path):
    sheets = base_sheets()
    rows = [list(r) for r in PORTAL_ROWS_AS_CONTRACT()]
    rows[2][5] = "31/02/2026"
    sheets["Hồ sơ"] = (HO_SO_HEADERS, rows)
    p = only(problems_of(write_xlsx(tmp_path / "a.xlsx", sheets)))
    assert (p.sheet, p.row, p.column) == ("Hồ sơ", 4, "ngay_tiep_nhan")
    assert "không có thật" in p.message and p.value == "31/02/2026"


def PORTAL_ROWS_AS_CONTRACT() -> list[list[object]]:  # noqa: N802
    """Five valid contract records."""
    return [
        [f"HS{i}", "TT1", "Hộ tịch", "Thành phố", "truc_tuyen", D(2026, 1, 5 + i),
         D(2026, 1, 20), None, "dang_giai_quyet", False]
        for i in range(5)
    ]  # fmt: skip


def test_enumeration_typo(tmp_path):
    sheets = base_sheets()
    headers, rows = sheets["thu_tuc"]
    rows = [list(r) for r in rows]
    rows[9][3] = "toan trinhh"
    sheets["thu_tuc"] = (headers, rows)
    p = only(problems_of(write_xlsx(tmp_path / "a.xlsx", sheets)))
    assert (p.sheet, p.row, p.column) == ("thu_tuc", 11, "muc_do")
    assert p.value == "toan trinhh" and "danh mục" in p.message
    assert "toan_trinh" in p.expected and "mot_phan" in p.expected


def test_enumeration_accepts_display_labels(tmp_path):
    sheets = base_sheets()
    headers, rows = sheets["thu_tuc"]
    rows = [list(r) for r in rows]
    rows[0][3] = "Trực tuyến toàn trình"
    rows[1][3] = "TRUC TUYEN MOT PHAN"
    sheets["thu_tuc"] = (headers, rows)
    t = read_workbook(write_xlsx(tmp_path / "a.xlsx", sheets)).tables["thu_tuc"]
    assert t["muc_do"].tolist()[:2] == ["toan_trinh", "mot_phan"]


def test_blank_required_cell(tmp_path):
    sheets = base_sheets()
    headers, rows = sheets["thu_tuc"]
    headers = ["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Mức độ", "Hệ thống"]
    rows = [list(r) for r in rows]
    rows[4][1] = "   "
    sheets["thu_tuc"] = (headers, rows)
    p = only(problems_of(write_xlsx(tmp_path / "a.xlsx", sheets)))
    assert (p.sheet, p.row, p.column) == ("thu_tuc", 6, "Tên thủ tục")
    assert "trống" in p.message


def test_duplicate_ma_ho_so_names_both_rows(tmp_path):
    # A repeated dossier is not refused by the reader (contract.py: an export with a repeated
    # row still reports); the reconciliation flags it as an error naming every row.
    rows = PORTAL_ROWS_AS_CONTRACT()
    rows[3][0] = rows[0][0]
    path = sample_workbook(tmp_path / "a.xlsx", records=rows, aggregate=False)
    wb = read_workbook(path)
    assert wb.tables["ho_so"]["ma_ho_so"].tolist().count("HS0") == 2
    found = [f for f in checks.reconcile(wb) if f.rule == "ho_so_trung"]
    assert len(found) == 1
    f = found[0]
    assert f.severity == "loi" and (f.sheet, f.row) == ("ho_so", 2)
    assert "HS0" not in f.message and "dòng 2, 5" in f.message  # rows locate it, no code


def test_ky_disagreeing_with_the_quarter(tmp_path):
    path = sample_workbook(tmp_path / "2026-Q2.xlsx", quarter="2026-Q1")
    keys = [r[0] for r in info_rows()]
    p = only(problems_of(path, quarter="2026-Q2"))
    assert (p.sheet, p.row, p.column) == ("thong_tin", keys.index("ky") + 2, "gia_tri")
    assert "2026-Q1" in p.message and "2026-Q2" in p.message
    read_workbook(path, quarter="2026-Q1")  # the same file is fine for its own quarter


def test_not_a_zip_file(tmp_path):
    path = tmp_path / "2026-Q1.xlsx"
    path.write_bytes(b"ma_ho_so,ngay_tiep_nhan\nHS1,01/01/2026\n")
    p = only(problems_of(path))
    assert "Excel" in p.message and p.sheet is None


def test_zero_byte_file(tmp_path):
    path = tmp_path / "2026-Q1.xlsx"
    path.write_bytes(b"")
    assert "rỗng" in only(problems_of(path)).message


def test_truncated_xlsx(tmp_path):
    good = sample_workbook(tmp_path / "good.xlsx")
    path = tmp_path / "2026-Q1.xlsx"
    path.write_bytes(good.read_bytes()[:2000])
    assert "hỏng" in only(problems_of(path)).message


def test_xls_extension(tmp_path):
    path = tmp_path / "2026-Q1.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    p = only(problems_of(path))
    assert ".xls" in p.message and ".xlsx" in p.message


def test_missing_file(tmp_path):
    assert "không tìm thấy" in only(problems_of_missing(tmp_path / "nope.xlsx")).message


def problems_of_missing(path: Path) -> list[Problem]:
    with pytest.raises(ContractError) as info:
        read_workbook(path)
    return info.value.problems


def test_several_problems_in_one_sheet_are_all_reported(tmp_path):
    sheets = base_sheets()
    headers, rows = sheets["thu_tuc"]
    rows = [list(r) for r in rows]
    rows[0][3] = "toàn phần"  # row 2
    rows[10][1] = None  # row 12
    rows[100][3] = 5  # row 102
    sheets["thu_tuc"] = (headers, rows)
    problems = problems_of(write_xlsx(tmp_path / "a.xlsx", sheets))
    assert [(p.sheet, p.row, p.column) for p in problems] == [
        ("thu_tuc", 2, "muc_do"),
        ("thu_tuc", 12, "ten_thu_tuc"),
        ("thu_tuc", 102, "muc_do"),
    ]


def test_problems_in_several_sheets_are_all_reported(tmp_path):
    sheets = base_sheets()
    headers, rows = sheets["chi_so"]
    rows = [list(r) for r in rows]
    rows[0][3] = "-22.581"
    rows[0][5] = "39,2"  # fine: a rate column
    rows[2][0] = "kinh te so hoa"
    sheets["chi_so"] = (headers, rows)
    headers, rows = sheets["chi_tieu"]
    rows = [list(r) for r in rows]
    rows[0][3] = "xong"
    sheets["chi_tieu"] = (headers, rows)
    del sheets["thu_tuc"]
    problems = problems_of(write_xlsx(tmp_path / "a.xlsx", sheets))
    where = {(p.sheet, p.row, p.column) for p in problems}
    assert where == {
        (None, None, None),  # the missing thu_tuc sheet
        ("chi_so", 2, "tu_so"),
        ("chi_so", 4, "nhom"),
        ("chi_tieu", 2, "trang_thai"),
    }


def test_resolved_dossier_without_result_date(tmp_path):
    rows = PORTAL_ROWS_AS_CONTRACT()
    rows[1][8] = "da_giai_quyet"
    p = only(problems_of(sample_workbook(tmp_path / "a.xlsx", records=rows)))
    assert (p.sheet, p.row, p.column) == ("ho_so", 3, "ngay_co_ket_qua")


# --- the check command -----------------------------------------------------------------


def test_cli_check_bad_file(tmp_path, capsys):
    sheets = base_sheets()
    headers, rows = sheets["thu_tuc"]
    rows = [list(r) for r in rows]
    rows[9][3] = "toan trinhh"
    sheets["thu_tuc"] = (headers, rows)
    path = write_xlsx(tmp_path / "2026-Q1.xlsx", sheets)
    assert main(["check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "2026-Q1.xlsx không đúng mẫu số liệu" in err
    assert "trang «thu_tuc», dòng 11, cột «muc_do»" in err
    assert "toan trinhh" in err


def test_cli_check_unreadable_file(tmp_path, capsys):
    path = tmp_path / "2026-Q1.xlsx"
    path.write_bytes(b"")
    assert main(["check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "rỗng" in err


def test_cli_check_good_file(tmp_path, capsys):
    # records only: the builders' aggregate keeps the seed's own inconsistencies (884 vs 896),
    # which the check rightly reports
    rows = PORTAL_ROWS_AS_CONTRACT()
    path = sample_workbook(tmp_path / "2026-Q1.xlsx", records=rows, aggregate=False)
    assert main(["check", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "đúng mẫu số liệu" in out and "không đúng" not in out + err
    assert "thu_tuc: 377 dòng" in out and "ho_so: 5 dòng" in out
    assert "Traceback" not in out + err


def test_a_panic_inside_calamine_is_a_located_contract_error(tmp_path, monkeypatch):
    """python-calamine's Rust panics (seen once by the fuzz test on an out-of-range date-time
    cell) arrive as pyo3's PanicException, a BaseException: still a plain contract error."""
    from helpers import sniff

    path = sample_workbook(tmp_path / "a.xlsx")
    real_open = sniff.open_workbook

    class Sheet:
        def to_python(self, **_):
            raise sniff.PANIC("TimeDelta::milliseconds out of bounds")

    class Book:
        def __init__(self, book):
            self._book = book

        def __getattr__(self, name):
            return getattr(self._book, name)

        def get_sheet_by_name(self, name):
            return Sheet() if name == "chi_so" else self._book.get_sheet_by_name(name)

    monkeypatch.setattr(sniff, "open_workbook", lambda p: Book(real_open(p)))
    with pytest.raises(ContractError) as info:
        read_workbook(path)
    [problem] = info.value.problems
    assert problem.sheet == "chi_so" and "không đọc được" in problem.message


def test_a_figure_key_is_kept_as_its_slug_by_the_table_builder_not_by_a_check() -> None:
    """chi_so.ma names a figure in chi-so.json: the typed table holds its slug as soon as it is
    built, and the record checks leave every table as they found it."""
    from helpers import records, sheets
    from helpers.io import Workbook

    rows = [[*row[:1], f"  {row[1].upper().replace('_', ' ')} ", *row[2:]] for row in chi_so_rows()]
    table, headers, _, problems = sheets.read_sheet(
        "a.xlsx", "Chỉ số", c.CHI_SO, [CHI_SO_HEADERS, *rows]
    )
    assert problems == [] and headers["ma"] == "ma"
    assert table["ma"].tolist() == [row[1] for row in chi_so_rows()]
    assert str(table["ma"].dtype) == "str"
    wb = Workbook(Path("a.xlsx"), {}, {"chi_so": table}, {"chi_so": "Chỉ số"})
    before = {k: t.copy() for k, t in wb.tables.items()}
    assert records.check_records("a.xlsx", wb) == []
    for key, t in wb.tables.items():
        pd.testing.assert_frame_equal(t, before[key])
