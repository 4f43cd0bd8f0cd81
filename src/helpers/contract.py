"""The input contract v1 as data: sheets, columns, value kinds, enumerations and aliases."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from helpers.text import normalize_key

Kind = Literal["text", "int", "number", "rate", "date", "enum", "bool", "any"]


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its contract key, display header and value kind."""

    key: str
    label: str
    kind: Kind = "text"
    required: bool = True  # the column must be present in the sheet
    nullable: bool = False  # a cell of it may be blank
    enum: Mapping[str, str] = field(default_factory=dict)  # code -> display label
    codes: Mapping[str, str] = field(default_factory=dict)  # other accepted value -> code
    aliases: tuple[str, ...] = ()  # other headers, in priority order
    approximate: bool = False  # numbers may carry "khoảng", "trên" ...
    default: object = None  # value when the column is absent
    suggestions: tuple[str, ...] = ()  # values the template offers in a dropdown (not enforced)
    hint: str = ""  # what a valid value looks like, where the kind alone does not say

    def headers(self) -> tuple[str, ...]:
        """Normalized headers that name this column, highest priority first."""
        out = [normalize_key(self.key), normalize_key(self.label)]
        out += [normalize_key(a) for a in self.aliases]
        return tuple(dict.fromkeys(out))

    def expected(self) -> str:
        """What a valid value looks like, in Vietnamese."""
        if self.hint:
            return self.hint
        if self.kind == "enum":
            return "một trong: " + ", ".join(f"{k} ({v})" for k, v in self.enum.items())
        return EXPECTED[self.kind]


EXPECTED: dict[str, str] = {
    "text": "một đoạn chữ",
    "int": "một số nguyên không âm (ví dụ 11.952)",
    "number": "một số không âm (ví dụ 1.234,5)",
    "rate": "một tỷ lệ phần trăm (ví dụ 39,2% hoặc 39,2)",
    "date": "một ngày dạng dd/mm/yyyy (ví dụ 16/04/2026)",
    "bool": "có/không (hoặc 1/0)",
    "any": "một giá trị",
}


@dataclass(frozen=True)
class Sheet:
    """One sheet of the input workbook."""

    key: str
    label: str
    columns: tuple[Column, ...]
    required: bool = True
    description: str = ""
    # values that must not repeat: a column, or a tuple of columns whose combination must not
    unique: tuple[str | tuple[str, ...], ...] = ()

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


# --- enumerations (code -> label shown to people) ---------------------------------
LOAI_CHI_TIEU = {
    "muc_tieu": "Mục tiêu",
    "nhiem_vu_tien_do": "Nhiệm vụ theo tiến độ",
    "nhiem_vu_thuong_xuyen": "Nhiệm vụ thường xuyên",
}
TRANG_THAI_CHI_TIEU = {
    "hoan_thanh": "Hoàn thành",
    "dang_thuc_hien": "Đang thực hiện",
    "chua_thuc_hien": "Chưa thực hiện",
}
MUC_DO_THU_TUC = {
    "toan_trinh": "Trực tuyến toàn trình",
    "mot_phan": "Trực tuyến một phần",
    "truc_tiep": "Trực tiếp",
}
KENH_NOP = {"truc_tuyen": "Trực tuyến", "truc_tiep": "Trực tiếp", "buu_chinh": "Bưu chính"}
TRANG_THAI_HO_SO = {
    "da_giai_quyet": "Đã giải quyết",
    "dang_giai_quyet": "Đang giải quyết",
    "rut": "Rút",
    "tu_choi": "Từ chối",
    # codes of the national portal's export, kept apart from every count
    "khong_tiep_nhan": "Không tiếp nhận",
    "chua_tiep_nhan": "Đã nộp, chưa tiếp nhận",
}
NHOM_CHI_SO = {
    "ha_tang": "Hạ tầng số",
    "chinh_quyen_so": "Chính quyền số",
    "du_lieu_so": "Phát triển dữ liệu số",
    "nhan_luc_so": "Nguồn nhân lực số",
    "kinh_te_so": "Kinh tế số",
    "xa_hoi_so": "Xã hội số",
    "an_toan_thong_tin": "An toàn thông tin",
    "khcn": "Khoa học, công nghệ, đổi mới sáng tạo",
}
# Sections of the report that narrative paragraphs attach to (seed numbering), by name: the
# names are also the headings' text (wording builds "2.1. Hạ tầng số" from them).
MUC_BAO_CAO = {
    "I.1": "Công tác chỉ đạo điều hành",
    "I.2": "Công tác tuyên truyền, truyền thông",
    "II.1": "Kết quả thực hiện các nhiệm vụ theo Chương trình công tác",
    "II.2.1": "Hạ tầng số",
    "II.2.2": "Chính quyền số",
    "II.2.3": "Phát triển dữ liệu số",
    "II.2.4": "Nguồn nhân lực số",
    "II.2.5": "Kinh tế số",
    "II.2.6": "Xã hội số",
    "II.2.7": "An toàn thông tin",
    "II.3": "Phát triển khoa học, công nghệ, đổi mới sáng tạo",
    "III.1": "Kết quả nổi bật",
    "III.2": "Tồn tại, hạn chế, khó khăn, vướng mắc",
    "IV": "Nhiệm vụ, giải pháp quý tới",
    "V": "Đề xuất, kiến nghị",
}
# chi_so groups are reported in these sections.
MUC_CUA_NHOM = {
    "ha_tang": "II.2.1",
    "chinh_quyen_so": "II.2.2",
    "du_lieu_so": "II.2.3",
    "nhan_luc_so": "II.2.4",
    "kinh_te_so": "II.2.5",
    "xa_hoi_so": "II.2.6",
    "an_toan_thong_tin": "II.2.7",
    "khcn": "II.3",
}
CHIEU_CHI_TIEU = {
    "toi_thieu": "Tối thiểu (đạt khi bằng hoặc vượt ngưỡng)",
    "toi_da": "Tối đa (đạt khi không vượt ngưỡng)",
}
THANH_TOAN = {"truc_tuyen": "Thanh toán trực tuyến", "khong_truc_tuyen": "Không trực tuyến"}

# The figures the workbook derives whatever the unit's sheets hold: stable key -> (label, unit
# of a count). Rates (``ty_le`` …, ``chi_so_tien_do``) are fractions 0–1. Beside them are the
# keys named by the unit's own rows: ``chi_so.<ma>`` (with ``.mau_so``, ``.ty_le``,
# ``.ty_le_bao_cao``) and ``ho_so.he_thong.<system>.<flow>``.
FIGURES: dict[str, tuple[str, str]] = {
    "thu_tuc.tong": ("Thủ tục hành chính công khai", "thủ tục"),
    "thu_tuc.toan_trinh": ("Thủ tục trực tuyến toàn trình", "thủ tục"),
    "thu_tuc.mot_phan": ("Thủ tục trực tuyến một phần", "thủ tục"),
    "thu_tuc.truc_tiep": ("Thủ tục thực hiện trực tiếp", "thủ tục"),
    "thu_tuc.ty_le_toan_trinh": ("Tỷ lệ thủ tục trực tuyến toàn trình", "thủ tục"),
    "thu_tuc.ty_le_mot_phan": ("Tỷ lệ thủ tục trực tuyến một phần", "thủ tục"),
    "thu_tuc.ty_le_truc_tiep": ("Tỷ lệ thủ tục thực hiện trực tiếp", "thủ tục"),
    "ho_so.ky_truoc_chuyen_sang": ("Hồ sơ kỳ trước chuyển sang", "hồ sơ"),
    "ho_so.tiep_nhan": ("Hồ sơ tiếp nhận trong kỳ", "hồ sơ"),
    "ho_so.truc_tuyen": ("Hồ sơ tiếp nhận trực tuyến", "hồ sơ"),
    "ho_so.truc_tiep_buu_chinh": ("Hồ sơ tiếp nhận trực tiếp, bưu chính", "hồ sơ"),
    "ho_so.ty_le_truc_tuyen": ("Tỷ lệ hồ sơ tiếp nhận trực tuyến", "hồ sơ"),
    "ho_so.da_giai_quyet": ("Hồ sơ đã giải quyết", "hồ sơ"),
    "ho_so.truoc_han": ("Hồ sơ giải quyết trước hạn", "hồ sơ"),
    "ho_so.dung_han": ("Hồ sơ giải quyết đúng hạn", "hồ sơ"),
    "ho_so.qua_han": ("Hồ sơ giải quyết quá hạn", "hồ sơ"),
    "ho_so.ty_le_dung_han": ("Tỷ lệ hồ sơ giải quyết trước và đúng hạn", "hồ sơ"),
    "ho_so.rut_tu_choi": ("Hồ sơ rút, từ chối", "hồ sơ"),
    "ho_so.dang_giai_quyet": ("Hồ sơ đang giải quyết", "hồ sơ"),
    "ho_so.dang_trong_han": ("Hồ sơ đang giải quyết trong hạn", "hồ sơ"),
    "ho_so.dang_qua_han": ("Hồ sơ đang giải quyết quá hạn", "hồ sơ"),
    "ho_so.chi_so_tien_do": ("Chỉ số tiến độ giải quyết (Quyết định 766)", "hồ sơ"),
    "ho_so.so_hoa": ("Hồ sơ giải quyết được số hóa kết quả", "hồ sơ"),
    "ho_so.ty_le_so_hoa": ("Tỷ lệ hồ sơ giải quyết được số hóa kết quả", "hồ sơ"),
    "ho_so.khong_tiep_nhan": ("Hồ sơ không được tiếp nhận", "hồ sơ"),
    "chi_tieu.muc_tieu.tong": ("Số mục tiêu", "mục tiêu"),
    "chi_tieu.muc_tieu.hoan_thanh": ("Mục tiêu đã hoàn thành", "mục tiêu"),
    "chi_tieu.muc_tieu.ty_le_hoan_thanh": ("Tỷ lệ mục tiêu đã hoàn thành", "mục tiêu"),
    "chi_tieu.nhiem_vu_tien_do.tong": ("Số nhiệm vụ theo tiến độ", "nhiệm vụ"),
    "chi_tieu.nhiem_vu_tien_do.hoan_thanh": ("Nhiệm vụ theo tiến độ đã hoàn thành", "nhiệm vụ"),
    "chi_tieu.nhiem_vu_tien_do.ty_le_hoan_thanh": (
        "Tỷ lệ nhiệm vụ theo tiến độ đã hoàn thành",
        "nhiệm vụ",
    ),
    "chi_tieu.nhiem_vu_thuong_xuyen.tong": ("Số nhiệm vụ thường xuyên", "nhiệm vụ"),
    "chi_tieu.nhiem_vu_thuong_xuyen.hoan_thanh": (
        "Nhiệm vụ thường xuyên đã hoàn thành",
        "nhiệm vụ",
    ),
    "chi_tieu.nhiem_vu_thuong_xuyen.ty_le_hoan_thanh": (
        "Tỷ lệ nhiệm vụ thường xuyên đã hoàn thành",
        "nhiệm vụ",
    ),
    "chi_tieu.nhiem_vu.tong": ("Tổng số nhiệm vụ", "nhiệm vụ"),
    # the service index of Decision 766, estimated (helpers.service_index)
    "chi_so_766.diem": ("Chỉ số phục vụ người dân, doanh nghiệp (ước tính): điểm đạt", "điểm"),
    "chi_so_766.diem_co_so_lieu": ("Chỉ số phục vụ (ước tính): điểm có số liệu", "điểm"),
    "chi_so_766.ty_le_diem": ("Chỉ số phục vụ (ước tính): tỷ lệ điểm đạt", "điểm"),
}

# Portal statuses outside every count: never received (3) or not yet received (1).
EXCLUDED_STATUSES = ("khong_tiep_nhan", "chua_tiep_nhan")
QUY_UOC_KY = {"quy_lich": "Quý theo lịch", "nd09": "Kỳ báo cáo theo Nghị định 09/2019/NĐ-CP"}

# Name of the ho_so_tong_hop row holding the declared totals.
TONG = "Tổng"
# System name given to records whose export has no he_thong column.
HE_THONG_MAC_DINH = "Không ghi hệ thống"

# Headers that carry personal data in dossier exports. They are never read; listing them lets
# the reader say so, and lets tests prove it.
PERSONAL_DATA_HEADERS: frozenset[str] = frozenset(
    normalize_key(h)
    for h in (
        "ChuHoSo",
        "SoGiayToChuHoSo",
        "SoDienThoai",
        "Email",
        "DiaChi",
        "Người nộp",
        "Chủ hồ sơ",
        "Địa chỉ",
        "Họ và tên",
        "Họ tên",
        "Số CCCD",
        "CCCD",
        "CMND",
        "Số định danh",
        "Số giấy tờ",
        "Điện thoại",
        "Ngày sinh",
        "Thư điện tử",
    )
)

# --- sheets -----------------------------------------------------------------------
THONG_TIN = Sheet(
    "thong_tin",
    "Thông tin",
    (Column("khoa", "Khóa"), Column("gia_tri", "Giá trị", "any", nullable=True)),
    description="Thông tin chung của báo cáo: mỗi dòng một khóa và giá trị của nó.",
    unique=("khoa",),
)

# Keys of thong_tin: key -> (label, kind, required)
THONG_TIN_KHOA: dict[str, tuple[str, Kind, bool]] = {
    "don_vi": ("Đơn vị báo cáo", "text", True),
    "co_quan": ("Cơ quan ban hành", "text", False),
    "cap_tren": ("Cấp trên", "text", False),
    "ky": ("Kỳ báo cáo (YYYY-Qn)", "text", True),
    "tu_ngay": ("Số liệu từ ngày", "date", True),
    "den_ngay": ("Số liệu đến ngày", "date", True),
    "quy_uoc_ky": ("Quy ước kỳ (quy_lich hoặc nd09)", "text", False),
    "so_ky_hieu": ("Số, ký hiệu văn bản", "text", False),
    "dia_danh": ("Địa danh", "text", False),
    "ngay_bao_cao": ("Ngày báo cáo", "date", False),
    "nguoi_ky": ("Người ký", "text", False),
    "chuc_vu_ky": ("Chức vụ người ký", "text", False),
    "tham_quyen_ky": ("Thẩm quyền ký", "text", False),
    "can_cu": ("Căn cứ (đoạn mở đầu)", "text", False),
    "noi_nhan": ("Nơi nhận (mỗi dòng một nơi)", "text", False),
}

CHI_TIEU = Sheet(
    "chi_tieu",
    "Chỉ tiêu",
    (
        Column("ma", "Mã"),
        Column("noi_dung", "Nội dung"),
        Column("loai", "Loại", "enum", enum=LOAI_CHI_TIEU),
        Column("han_hoan_thanh", "Hạn hoàn thành", "date", required=False, nullable=True),
        Column("trang_thai", "Trạng thái", "enum", enum=TRANG_THAI_CHI_TIEU),
        Column("ngay_hoan_thanh", "Ngày hoàn thành", "date", required=False, nullable=True),
        Column("ghi_chu", "Ghi chú", required=False, nullable=True),
        # v2: the figure that measures the target, its threshold and direction (helpers.targets)
        Column(
            "chi_so",
            "Chỉ số đo",
            required=False,
            nullable=True,
            aliases=("Mã chỉ số", "Chỉ số"),
            suggestions=tuple(FIGURES),
            hint=(
                "mã một số liệu của báo cáo (chọn trong danh sách; chi_so.<mã> cho một dòng "
                "của trang «Chỉ số»), ví dụ chi_so.vneid_so_suc_khoe"
            ),
        ),
        # a rate (70%, 0,7) or a count (14); read as written and judged against the figure
        Column(
            "nguong",
            "Ngưỡng",
            "any",
            required=False,
            nullable=True,
            aliases=("Ngưỡng đạt",),
            hint="một tỷ lệ (70% hoặc 0,7) hoặc một số (14)",
        ),
        Column(
            "chieu",
            "Chiều",
            "enum",
            required=False,
            nullable=True,
            enum=CHIEU_CHI_TIEU,
            codes={"ít nhất": "toi_thieu", "không vượt": "toi_da", "không quá": "toi_da"},
        ),
    ),
    description="Mục tiêu và nhiệm vụ của Chương trình công tác năm, mỗi dòng một chỉ tiêu.",
    # numbered from 1 in each kind (MT 1…17, NV 1…8): a code repeats only within its kind
    unique=(("loai", "ma"),),
)

THU_TUC = Sheet(
    "thu_tuc",
    "Thủ tục",
    (
        Column("ma_thu_tuc", "Mã thủ tục", aliases=("Mã TTHC", "MaTTHC")),
        Column("ten_thu_tuc", "Tên thủ tục", aliases=("Tên TTHC", "TenTTHC")),
        Column("linh_vuc", "Lĩnh vực", nullable=True, aliases=("TenLinhVuc", "MaLinhVuc")),
        Column("muc_do", "Mức độ", "enum", enum=MUC_DO_THU_TUC),
        Column("he_thong", "Hệ thống", nullable=True, default="Thành phố"),
        # v2, for the service index: the procedure carries a fee or charge
        Column(
            "co_phi",
            "Có phí, lệ phí",
            "bool",
            required=False,
            nullable=True,
            aliases=("Có phí", "Phí, lệ phí", "CoPhiLePhi"),
        ),
    ),
    description="Thủ tục hành chính công khai tại Trung tâm Phục vụ hành chính công.",
    unique=("ma_thu_tuc",),
)

HO_SO = Sheet(
    "ho_so",
    "Hồ sơ",
    (
        Column("ma_ho_so", "Mã hồ sơ", aliases=("MaHoSo", "Số hồ sơ")),
        Column("ma_thu_tuc", "Mã thủ tục", nullable=True, aliases=("Mã TTHC", "MaTTHC")),
        Column(
            "linh_vuc",
            "Lĩnh vực",
            required=False,
            nullable=True,
            aliases=("TenLinhVuc", "MaLinhVuc"),
        ),
        Column("he_thong", "Hệ thống", required=False, nullable=True, default=HE_THONG_MAC_DINH),
        Column(
            "kenh_nop",
            "Kênh nộp",
            "enum",
            nullable=True,
            enum=KENH_NOP,
            codes={"1": "truc_tiep", "2": "truc_tuyen", "3": "buu_chinh", "": "truc_tiep"},
            aliases=("Hình thức nộp", "KenhThucHien"),
        ),
        # blank only for portal rows never received (status 1 or 3); records.check_records
        Column(
            "ngay_tiep_nhan",
            "Ngày tiếp nhận",
            "date",
            nullable=True,
            aliases=("Ngày nhận", "NgayTiepNhan"),
        ),
        Column(
            "han_xu_ly",
            "Hạn xử lý",
            "date",
            nullable=True,
            aliases=("Ngày hẹn trả", "NgayHenTra"),
        ),
        Column(
            "ngay_co_ket_qua",
            "Ngày có kết quả",
            "date",
            nullable=True,
            aliases=("Ngày kết thúc xử lý", "NgayKetThucXuLy"),
        ),
        Column(
            "trang_thai",
            "Trạng thái",
            "enum",
            enum=TRANG_THAI_HO_SO,
            codes={
                "9": "da_giai_quyet",
                "10": "da_giai_quyet",
                "7": "rut",
                "3": "khong_tiep_nhan",
                "1": "chua_tiep_nhan",
                "2": "dang_giai_quyet",
                "4": "dang_giai_quyet",
                "5": "dang_giai_quyet",
                "6": "dang_giai_quyet",
                "8": "dang_giai_quyet",
            },
            aliases=("TrangThaiHoSo",),
        ),
        Column(
            "da_so_hoa",
            "Đã số hóa",
            "bool",
            required=False,
            nullable=True,
            default=False,
            aliases=("HoSoCoThanhPhanSoHoa",),
        ),
        # v2, for the service index (Decision 766); absent columns mean "no data", never "no"
        Column(
            "thanh_toan_truc_tuyen",
            "Thanh toán trực tuyến",
            "enum",
            required=False,
            nullable=True,  # blank: no fee due
            enum=THANH_TOAN,
            codes={"1": "truc_tuyen", "2": "truc_tuyen", "0": "khong_truc_tuyen"},
            aliases=("DuocThanhToanTrucTuyen",),
        ),
        Column(
            "ket_qua_dien_tu",
            "Kết quả điện tử",
            "bool",
            required=False,
            nullable=True,
            aliases=("Có kết quả điện tử", "KetQuaDienTu"),
        ),
        Column(
            "so_hoa_thanh_phan",
            "Số hóa thành phần",
            "bool",
            required=False,
            nullable=True,
            aliases=("Số hóa thành phần hồ sơ", "DuocSoHoa"),
        ),
        Column(
            "tai_su_dung",
            "Tái sử dụng dữ liệu số",
            "bool",
            required=False,
            nullable=True,
            aliases=("Tái sử dụng", "TaiSuDung"),
        ),
    ),
    required=False,
    description="Danh sách hồ sơ xuất từ Hệ thống thông tin giải quyết TTHC, mỗi dòng một hồ sơ.",
    # ma_ho_so repeats are reported by the reconciliation (checks.duplicate_dossiers), which
    # names every row, rather than refused: an export with a repeated row still reports.
)

_COUNT = dict(kind="int", nullable=True)
HO_SO_TONG_HOP = Sheet(
    "ho_so_tong_hop",
    "Hồ sơ tổng hợp",
    (
        Column("he_thong", "Hệ thống"),
        Column("thuoc", "Thuộc", required=False, nullable=True),
        Column("ky_truoc_chuyen_sang", "Kỳ trước chuyển sang", **_COUNT),
        Column("tiep_nhan", "Tiếp nhận", **_COUNT),
        Column("truc_tuyen", "Trực tuyến", **_COUNT),
        Column("truc_tiep_buu_chinh", "Trực tiếp, bưu chính", **_COUNT),
        Column("giai_quyet_truoc_han", "Giải quyết trước hạn", **_COUNT),
        Column("giai_quyet_dung_han", "Giải quyết đúng hạn", **_COUNT),
        Column("giai_quyet_qua_han", "Giải quyết quá hạn", **_COUNT),
        Column("rut_tu_choi", "Rút, từ chối", **_COUNT),
        Column("dang_giai_quyet_trong_han", "Đang giải quyết trong hạn", **_COUNT),
        Column("dang_giai_quyet_qua_han", "Đang giải quyết quá hạn", **_COUNT),
    ),
    required=False,
    description=(
        "Số liệu hồ sơ đã tổng hợp (theo Biểu II.06a/VPCP/KSTT): một dòng cho mỗi hệ thống và "
        "một dòng «Tổng». Cột «Thuộc» (tùy chọn) ghi dòng tổng mà dòng này là một phần; "
        "để trống nghĩa là thuộc dòng «Tổng». Ô để trống nghĩa là báo cáo không nêu số đó."
    ),
    unique=("he_thong",),
)

CHI_SO = Sheet(
    "chi_so",
    "Chỉ số",
    (
        Column("nhom", "Nhóm", "enum", enum=NHOM_CHI_SO),
        Column("ma", "Mã"),
        Column("chi_so", "Chỉ số"),
        Column("tu_so", "Tử số", "number", nullable=True, approximate=True),
        Column("mau_so", "Mẫu số", "number", nullable=True, approximate=True),
        Column(
            "ty_le_bao_cao",
            "Tỷ lệ báo cáo",
            "rate",
            required=False,
            nullable=True,
            approximate=True,
        ),
        Column("don_vi_tinh", "Đơn vị tính", nullable=True),
        Column("ghi_chu", "Ghi chú", required=False, nullable=True),
    ),
    description="Các chỉ số khác, mỗi dòng một chỉ số với mã ổn định.",
    unique=("ma",),
)

VAN_BAN = Sheet(
    "van_ban",
    "Văn bản",
    (
        Column("so_ky_hieu", "Số, ký hiệu"),
        Column("ngay_ban_hanh", "Ngày ban hành", "date"),
        Column("loai", "Loại văn bản"),
        Column("trich_yeu", "Trích yếu"),
        Column("muc", "Mục", "enum", required=False, nullable=True, enum=MUC_BAO_CAO),
    ),
    required=False,
    description="Văn bản chỉ đạo đã ban hành trong kỳ.",
)

NOI_DUNG = Sheet(
    "noi_dung",
    "Nội dung",
    (
        Column("muc", "Mục", "enum", enum=MUC_BAO_CAO),
        Column("thu_tu", "Thứ tự", "int"),
        Column("van_ban", "Văn bản"),
    ),
    required=False,
    description="Các đoạn văn thuyết minh của báo cáo, gắn với mục của báo cáo.",
)

SHEETS: tuple[Sheet, ...] = (
    THONG_TIN,
    CHI_TIEU,
    THU_TUC,
    HO_SO,
    HO_SO_TONG_HOP,
    CHI_SO,
    VAN_BAN,
    NOI_DUNG,
)
SHEET_BY_KEY: dict[str, Sheet] = {s.key: s for s in SHEETS}
