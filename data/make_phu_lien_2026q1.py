"""Write ``data/phu-lien/2026-Q1.xlsx``: Phù Liễn ward's 2026-Q1 input workbook.

The workbook transcribes the real report of Phù Liễn ward (Hải Phòng) on Resolution 57-NQ/TW
for quarter I/2026 — the project's seed, ``bao-cao-nq57-quy-I-2026-phu-lien.txt`` in
``shared/seed/`` — into the sheets of the input contract (``helpers.contract``):

* every figure, the directing documents, the narrative paragraphs and the report's metadata
  are the seed's, word for word, including its own inconsistencies and typos: the report
  checks must find them, so they are kept;
* the seed gives only counts for the programme's objectives and tasks and for the
  procedures, so the contents of ``chi_tieu`` and the 377 rows of ``thu_tuc`` are
  illustrative rows that keep those counts.

``data/README.md`` lists what is real and what is illustrative. The output is reproducible:
fixed document properties and zip timestamps, so rerunning gives the same bytes; the shared
writer ``helpers.xlsx`` writes it.

Run from the repository root: ``.venv/bin/python data/make_phu_lien_2026q1.py``
"""

# ruff: noqa: E501  (data rows are kept one per line)
from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

try:
    from helpers import contract as c
    from helpers import xlsx
except ModuleNotFoundError:  # a checkout without `pip install -e .`: use its src/
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from helpers import contract as c
    from helpers import xlsx

OUTPUT = Path(__file__).parent / "phu-lien" / "2026-Q1.xlsx"
# Document properties (created/modified) and zip entry times: constant, so reruns do not churn.
FIXED_TIME = datetime(2026, 4, 16, 0, 0, 0)

# --- thong_tin: report metadata ----------------------------------------------------------
# Heading ("Số: /BC-UBND", "Phù Liễn, ngày   tháng 4 năm 2026"), opening paragraph, recipients
# ("Nơi nhận") and signature block of the seed. The data window is stated in II.2.2: "Từ ngày
# 01/01/2026 đến ngày 16/4/2026".
THONG_TIN: dict[str, object] = {
    "don_vi": "Phường Phù Liễn",
    "co_quan": "Ủy ban nhân dân phường Phù Liễn",
    "cap_tren": "Thành phố Hải Phòng",
    "ky": "2026-Q1",
    "tu_ngay": date(2026, 1, 1),
    "den_ngay": date(2026, 4, 16),
    "quy_uoc_ky": None,  # not stated: the reader defaults to calendar quarters
    "so_ky_hieu": "/BC-UBND",  # the number itself is left blank in the seed
    "dia_danh": "Phù Liễn",
    "ngay_bao_cao": None,  # "ngày   tháng 4 năm 2026": the day is left blank in the seed
    "nguoi_ky": "Phạm Văn Diện",
    "chuc_vu_ky": "Chủ tịch",
    "tham_quyen_ky": "TM. Ủy ban nhân dân",
    # The opening paragraph, verbatim.
    "can_cu": (
        "Thực hiện Công văn số 4720/VP-VX ngày 29/4/2026 của Văn phòng Ủy ban nhân dân thành "
        "phố về việc triển khai nhiệm vụ về phát triển khoa học, công nghệ, đổi mới sáng tạo, "
        "chuyển đổi số và Đề án 06, Ủy ban nhân dân phường Phù Liễn báo cáo kết quả cụ thể như "
        "sau:"
    ),
    # "Nơi nhận:", one recipient a line, without the leading "- " and the closing ";" / ".".
    "noi_nhan": "\n".join(
        [
            "Sở Khoa học và Công nghệ thành phố",
            "CT, các PCT UBND phường",
            "Các phòng, đơn vị thuộc phường",
            "Lưu: VT, VHXX",
        ]
    ),
}

# --- chi_tieu: objectives and tasks of the 2026 programme --------------------------------
# II.1: "17 mục tiêu, 25 nhiệm vụ; trong đó có 08 nhiệm vụ theo tiến độ và 17 nhiệm vụ triển
# khai thường xuyên ... đã hoàn thành 09/17 mục tiêu cụ thể và 06/08 nhiệm vụ theo tiến độ".
# Only these counts are the seed's. The contents, and which 9 objectives and 6 tasks are
# done, are ILLUSTRATIVE, drawn from the report's own themes. Some cells use the display
# label ("Hoàn thành", "Mục tiêu") instead of the code: the reader accepts both.
# (ma, noi_dung, loai, trang_thai)
CHI_TIEU: list[tuple[str, str, str, str]] = [
    # 17 mục tiêu, 9 done
    ("MT01", "100% cuộc họp của Đảng ủy, HĐND, UBND phường là họp không giấy tờ", "muc_tieu", "Hoàn thành"),
    ("MT02", "100% cán bộ, công chức, viên chức được cấp tài khoản trên các hệ thống điều hành", "muc_tieu", "Hoàn thành"),
    ("MT03", "100% hồ sơ thủ tục hành chính được tiếp nhận trực tuyến", "muc_tieu", "hoan_thanh"),
    ("MT04", "100% hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa", "muc_tieu", "hoan_thanh"),
    ("MT05", "Nhà văn hóa tổ dân phố có Wifi kết nối Internet tốc độ cao miễn phí", "Mục tiêu", "hoan_thanh"),
    ("MT06", "100% dữ liệu đảng viên được đồng bộ trên phần mềm quản lý đảng viên 4.0", "muc_tieu", "hoan_thanh"),
    ("MT07", "100% trường học thu các khoản thu không dùng tiền mặt", "muc_tieu", "hoan_thanh"),
    ("MT08", "100% người có công, đối tượng bảo trợ xã hội được chi trả qua tài khoản", "muc_tieu", "Hoàn thành"),
    ("MT09", "Hệ thống thông tin của phường được phê duyệt cấp độ an toàn thông tin", "muc_tieu", "hoan_thanh"),
    ("MT10", "Trên 80% thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình", "muc_tieu", "dang_thuc_hien"),
    ("MT11", "Trên 70% người dân tích hợp Sổ sức khỏe điện tử trên ứng dụng VNeID", "muc_tieu", "dang_thuc_hien"),
    ("MT12", "Trên 50% tài khoản VNeID được tích hợp thông tin an sinh xã hội", "Mục tiêu", "Đang thực hiện"),
    ("MT13", "Trên 50% tài khoản VNeID được tích hợp giấy phép lái xe", "muc_tieu", "dang_thuc_hien"),
    ("MT14", "100% hộ kinh doanh, chợ dân sinh chấp nhận thanh toán không dùng tiền mặt", "muc_tieu", "dang_thuc_hien"),
    ("MT15", "100% cán bộ, công chức được bồi dưỡng kỹ năng số", "muc_tieu", "dang_thuc_hien"),
    ("MT16", "Bố trí 3% tổng chi ngân sách cho khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số", "muc_tieu", "Đang thực hiện"),
    ("MT17", "Kết nối, chia sẻ dữ liệu với cơ sở dữ liệu quốc gia về dân cư", "muc_tieu", "dang_thuc_hien"),
    # 8 nhiệm vụ theo tiến độ, 6 done
    ("NV-TD01", "Ban hành Kế hoạch khoa học và công nghệ phường năm 2026", "nhiem_vu_tien_do", "hoan_thanh"),
    ("NV-TD02", "Ban hành Kế hoạch chuyển đổi số phường năm 2026", "nhiem_vu_tien_do", "hoan_thanh"),
    ("NV-TD03", "Ban hành Kế hoạch tuyên truyền Nghị quyết số 57-NQ/TW năm 2026", "Nhiệm vụ theo tiến độ", "Hoàn thành"),
    ("NV-TD04", "Kiện toàn Ban Chỉ đạo phường và các Tổ công tác giúp việc", "nhiem_vu_tien_do", "hoan_thanh"),
    ("NV-TD05", "Ban hành Kế hoạch hoạt động của Tổ công tác Đề án 06 và Tổ công nghệ số cộng đồng", "nhiem_vu_tien_do", "hoan_thanh"),
    ("NV-TD06", "Xây dựng hồ sơ xác định cấp độ an toàn thông tin của phường", "nhiem_vu_tien_do", "hoan_thanh"),
    ("NV-TD07", "Nâng cấp đường truyền Internet tại Trung tâm Phục vụ hành chính công", "nhiem_vu_tien_do", "dang_thuc_hien"),
    ("NV-TD08", "Xây dựng Chương trình hành động thực hiện mô hình phường đổi mới sáng tạo", "Nhiệm vụ theo tiến độ", "Đang thực hiện"),
    # 17 nhiệm vụ thường xuyên, all ongoing
    ("NV-TX01", "Vận hành hệ thống điều hành tác nghiệp, Văn phòng điện tử HPnet", "nhiem_vu_thuong_xuyen", "dang_thuc_hien"),
    ("NV-TX02", "Vận hành phòng họp số, phòng họp không giấy tờ (E-Cabinet)", "nhiem_vu_thuong_xuyen", "dang_thuc_hien"),
    ("NV-TX03", "Xử lý văn bản, ký số trên môi trường điện tử", "Nhiệm vụ thường xuyên", "dang_thuc_hien"),
    ("NV-TX04", "Cập nhật dữ liệu lên Hệ thống quản lý và điều hành thông minh DSS", "nhiem_vu_thuong_xuyen", "dang_thuc_hien"),
    ("NV-TX05", "Rà soát, chuẩn hóa, đồng bộ dữ liệu trên các hệ thống dùng chung", "nhiem_vu_thuong_xuyen", "dang_thuc_hien"),
    ("NV-TX06", "Hướng dẫn người dân sử dụng dịch vụ công trực tuyến", "nhiem_vu_thuong_xuyen", "Đang thực hiện"),
    ("NV-TX07", "Triển khai phong trào “Bình dân học vụ số”", "nhiem_vu_thuong_xuyen", "dang_thuc_hien"),
    ("NV-TX08", "Hỗ trợ tích hợp tiện ích, giấy tờ cá nhân trên ứng dụng VNeID", "nhiem_vu_thuong_xuyen", "dang_thuc_hien"),
    ("NV-TX09", "Hỗ trợ người dân cài đặt, kích hoạt ứng dụng, nền tảng số", "Nhiệm vụ thường xuyên", "dang_thuc_hien"),
    ("NV-TX10", "Đẩy mạnh thanh toán không dùng tiền mặt", "nhiem_vu_thuong_xuyen", "dang_thuc_hien"),
    ("NV-TX11", "Hỗ trợ hộ kinh doanh quảng bá sản phẩm trên nền tảng số, sàn thương mại điện tử", "nhiem_vu_thuong_xuyen", "dang_thuc_hien"),
    ("NV-TX12", "Bồi dưỡng kiến thức, kỹ năng số cho cán bộ, công chức", "nhiem_vu_thuong_xuyen", "Đang thực hiện"),
    ("NV-TX13", "Giáo dục STEM, kỹ năng số cho học sinh", "nhiem_vu_thuong_xuyen", "dang_thuc_hien"),
    ("NV-TX14", "Bảo đảm an toàn thông tin, sao lưu dữ liệu", "nhiem_vu_thuong_xuyen", "dang_thuc_hien"),
    ("NV-TX15", "Vận hành nhóm Zalo, kênh thông tin số của tổ dân phố", "Nhiệm vụ thường xuyên", "dang_thuc_hien"),
    ("NV-TX16", "Báo cáo trực tuyến trên hệ thống báo cáo của Trung ương, Thành ủy, UBND thành phố", "nhiem_vu_thuong_xuyen", "dang_thuc_hien"),
    ("NV-TX17", "Tiếp nhận, ứng dụng kết quả khoa học, công nghệ và sáng kiến cải tiến", "nhiem_vu_thuong_xuyen", "dang_thuc_hien"),
]  # fmt: skip

# --- thu_tuc: procedures published at the service centre ---------------------------------
# II.2.2: "công khai, niêm yết 377 thủ tục hành chính ... toàn trình: 218 thủ tục ... một
# phần: 159 thủ tục ... trực tiếp: 0 thủ tục". Only these counts are the seed's. The rows are
# ILLUSTRATIVE: typical ward-level procedures per field; a field with more rows than names
# repeats them with "(minh họa 2)", "(minh họa 3)" ... The 218 full-online procedures are
# spread evenly over the list (no randomness).
THU_TUC_TONG, THU_TUC_TOAN_TRINH, THU_TUC_MOT_PHAN = 377, 218, 159
THANH_PHO = "Thành phố"
# linh_vuc -> (rows, [(procedure, system that handles it)])
THU_TUC_MAU: dict[str, tuple[int, list[tuple[str, str]]]] = {
    "Hộ tịch": (40, [
        ("Đăng ký khai sinh", "Bộ Tư pháp"),
        ("Đăng ký kết hôn", "Bộ Tư pháp"),
        ("Đăng ký khai tử", "Bộ Tư pháp"),
        ("Cấp Giấy xác nhận tình trạng hôn nhân", "Bộ Tư pháp"),
        ("Cấp bản sao trích lục hộ tịch", "Bộ Tư pháp"),
        ("Đăng ký nhận cha, mẹ, con", THANH_PHO),
        ("Đăng ký khai sinh kết hợp nhận cha, mẹ, con", THANH_PHO),
        ("Đăng ký giám hộ", THANH_PHO),
        ("Đăng ký chấm dứt giám hộ", THANH_PHO),
        ("Thay đổi, cải chính, bổ sung thông tin hộ tịch", THANH_PHO),
        ("Đăng ký lại khai sinh", THANH_PHO),
        ("Đăng ký lại kết hôn", THANH_PHO),
        ("Đăng ký lại khai tử", THANH_PHO),
        ("Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", THANH_PHO),
        ("Liên thông đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất", THANH_PHO),
    ]),
    "Chứng thực": (20, [
        ("Chứng thực bản sao từ bản chính giấy tờ, văn bản", THANH_PHO),
        ("Chứng thực chữ ký trong giấy tờ, văn bản", THANH_PHO),
        ("Chứng thực chữ ký người dịch", THANH_PHO),
        ("Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản", THANH_PHO),
        ("Chứng thực hợp đồng, giao dịch về quyền của người sử dụng đất", THANH_PHO),
        ("Chứng thực di chúc", THANH_PHO),
        ("Chứng thực văn bản thỏa thuận phân chia di sản", THANH_PHO),
        ("Chứng thực văn bản khai nhận di sản", THANH_PHO),
        ("Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch", THANH_PHO),
        ("Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực", THANH_PHO),
    ]),
    "Đất đai": (45, [
        ("Đăng ký đất đai, tài sản gắn liền với đất lần đầu", THANH_PHO),
        ("Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", THANH_PHO),
        ("Đăng ký biến động do chuyển nhượng, tặng cho, thừa kế quyền sử dụng đất", THANH_PHO),
        ("Tách thửa hoặc hợp thửa đất", THANH_PHO),
        ("Chuyển mục đích sử dụng đất", THANH_PHO),
        ("Gia hạn sử dụng đất", THANH_PHO),
        ("Cấp đổi Giấy chứng nhận quyền sử dụng đất", THANH_PHO),
        ("Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất", THANH_PHO),
        ("Đính chính Giấy chứng nhận đã cấp", THANH_PHO),
        ("Hòa giải tranh chấp đất đai", THANH_PHO),
        ("Xóa đăng ký cho thuê, cho thuê lại quyền sử dụng đất", THANH_PHO),
        ("Thu hồi đất do người sử dụng đất tự nguyện trả lại đất", THANH_PHO),
    ]),
    "Xây dựng": (30, [
        ("Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "Bộ Xây dựng"),
        ("Cấp giấy phép sửa chữa, cải tạo nhà ở riêng lẻ", "Bộ Xây dựng"),
        ("Điều chỉnh giấy phép xây dựng", THANH_PHO),
        ("Gia hạn giấy phép xây dựng", THANH_PHO),
        ("Cấp lại giấy phép xây dựng", THANH_PHO),
        ("Cấp giấy phép xây dựng có thời hạn", THANH_PHO),
        ("Cấp giấy phép di dời công trình", THANH_PHO),
        ("Cấp phép thi công công trình trên đường bộ đang khai thác", "Bộ Xây dựng"),
        ("Cấp phép sử dụng tạm thời một phần hè phố", THANH_PHO),
    ]),
    "Kinh doanh": (20, [
        ("Đăng ký thành lập hộ kinh doanh", "Bộ Tài chính"),
        ("Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", "Bộ Tài chính"),
        ("Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn của hộ kinh doanh", "Bộ Tài chính"),
        ("Chấm dứt hoạt động hộ kinh doanh", "Bộ Tài chính"),
        ("Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh", "Bộ Tài chính"),
        ("Đăng ký thành lập tổ hợp tác", THANH_PHO),
        ("Đăng ký thay đổi tổ hợp tác", THANH_PHO),
    ]),
    "Công thương": (10, [
        ("Cấp giấy phép bán lẻ rượu", "Bộ Công thương"),
        ("Cấp giấy phép bán lẻ sản phẩm thuốc lá", "Bộ Công thương"),
        ("Cấp giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh", THANH_PHO),
        ("Cấp sửa đổi, bổ sung giấy phép bán lẻ rượu", THANH_PHO),
    ]),
    "Lao động - Thương binh và Xã hội": (35, [
        ("Xác nhận hộ nghèo, hộ cận nghèo", THANH_PHO),
        ("Công nhận hộ thoát nghèo, hộ thoát cận nghèo", THANH_PHO),
        ("Xác nhận hộ gia đình làm nông nghiệp có mức sống trung bình", THANH_PHO),
        ("Đăng ký hoạt động đối với cơ sở trợ giúp xã hội dưới 10 đối tượng", THANH_PHO),
        ("Hỗ trợ người lao động thuộc hộ nghèo đi làm việc ở nước ngoài", THANH_PHO),
        ("Xác nhận thông tin về người lao động để vay vốn giải quyết việc làm", THANH_PHO),
        ("Hỗ trợ học văn hóa, học nghề cho trẻ em có hoàn cảnh đặc biệt", THANH_PHO),
        ("Áp dụng biện pháp can thiệp khẩn cấp để bảo vệ trẻ em", THANH_PHO),
        ("Đăng ký nhận chăm sóc thay thế cho trẻ em", THANH_PHO),
        ("Cấp thẻ bảo hiểm y tế cho người thuộc hộ nghèo, hộ cận nghèo", THANH_PHO),
    ]),
    "Người có công": (35, [
        ("Giải quyết trợ cấp mai táng phí đối với người có công", THANH_PHO),
        ("Cấp giấy giới thiệu đi thăm viếng mộ liệt sĩ", THANH_PHO),
        ("Hỗ trợ cải thiện nhà ở đối với người có công với cách mạng", THANH_PHO),
        ("Giải quyết chế độ ưu đãi đối với Bà mẹ Việt Nam anh hùng", THANH_PHO),
        ("Giải quyết chế độ đối với thân nhân liệt sĩ", THANH_PHO),
        ("Giải quyết chế độ người hoạt động kháng chiến bị nhiễm chất độc hóa học", THANH_PHO),
        ("Cấp đổi, cấp lại Bằng Tổ quốc ghi công", THANH_PHO),
        ("Di chuyển hồ sơ khi người hưởng trợ cấp ưu đãi thay đổi nơi thường trú", THANH_PHO),
        ("Sửa đổi thông tin cá nhân trong hồ sơ người có công", THANH_PHO),
        ("Tặng quà của Chủ tịch nước cho người có công nhân dịp Tết", THANH_PHO),
    ]),
    "Bảo trợ xã hội": (30, [
        ("Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng", THANH_PHO),
        ("Chi trả trợ cấp xã hội khi đối tượng thay đổi nơi cư trú", THANH_PHO),
        ("Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật", THANH_PHO),
        ("Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở, sửa chữa nhà ở", THANH_PHO),
        ("Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", THANH_PHO),
        ("Tiếp nhận đối tượng cần bảo vệ khẩn cấp vào cơ sở trợ giúp xã hội", THANH_PHO),
        ("Đăng ký nhận chăm sóc, nuôi dưỡng đối tượng cần bảo vệ khẩn cấp", THANH_PHO),
        ("Trợ cấp xã hội hằng tháng đối với người cao tuổi", THANH_PHO),
    ]),
    "Giáo dục và Đào tạo": (35, [
        ("Tuyển sinh trẻ vào lớp 1", "Bộ Giáo dục và Đào tạo"),
        ("Tuyển sinh vào lớp 6 trung học cơ sở", "Bộ Giáo dục và Đào tạo"),
        ("Chuyển trường đối với học sinh trung học cơ sở", THANH_PHO),
        ("Thành lập nhóm trẻ, lớp mẫu giáo độc lập", THANH_PHO),
        ("Cho phép nhóm trẻ, lớp mẫu giáo độc lập hoạt động giáo dục", THANH_PHO),
        ("Sáp nhập, chia, tách nhóm trẻ, lớp mẫu giáo độc lập", THANH_PHO),
        ("Giải thể nhóm trẻ, lớp mẫu giáo độc lập", THANH_PHO),
        ("Hỗ trợ ăn trưa đối với trẻ em mẫu giáo", THANH_PHO),
        ("Miễn, giảm học phí, hỗ trợ chi phí học tập", THANH_PHO),
        ("Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", THANH_PHO),
    ]),
    "Y tế": (20, [
        ("Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "Bộ Y tế"),
        ("Xác nhận kiến thức về an toàn thực phẩm", "Bộ Y tế"),
        ("Đăng ký bản công bố sản phẩm thực phẩm", "Bộ Y tế"),
        ("Cấp giấy phép hoạt động đối với trạm y tế phường", THANH_PHO),
        ("Cấp giấy chứng nhận lương y", THANH_PHO),
        ("Xác nhận người bị bệnh tâm thần, bệnh hiểm nghèo để hưởng chính sách", THANH_PHO),
    ]),
    "Tư pháp": (15, [
        ("Công nhận hòa giải viên", THANH_PHO),
        ("Công nhận tổ trưởng tổ hòa giải", THANH_PHO),
        ("Thôi làm hòa giải viên", THANH_PHO),
        ("Thanh toán thù lao cho hòa giải viên", THANH_PHO),
        ("Công nhận tuyên truyền viên pháp luật", THANH_PHO),
        ("Giải quyết yêu cầu bồi thường tại cơ quan trực tiếp quản lý người thi hành công vụ", THANH_PHO),
        ("Xét, công nhận phường đạt chuẩn tiếp cận pháp luật", THANH_PHO),
    ]),
    "Văn hóa - Thể thao": (15, [
        ("Xét tặng danh hiệu Gia đình văn hóa", THANH_PHO),
        ("Xét tặng danh hiệu Tổ dân phố văn hóa", THANH_PHO),
        ("Thông báo tổ chức lễ hội", THANH_PHO),
        ("Đăng ký hoạt động thư viện tư nhân có phục vụ cộng đồng", THANH_PHO),
        ("Công nhận câu lạc bộ thể thao cơ sở", THANH_PHO),
    ]),
    "Thi đua - Khen thưởng": (10, [
        ("Tặng Giấy khen của Chủ tịch Ủy ban nhân dân phường", THANH_PHO),
        ("Tặng danh hiệu Lao động tiên tiến", THANH_PHO),
        ("Tặng Giấy khen về thành tích đột xuất", THANH_PHO),
    ]),
    "Tín ngưỡng, tôn giáo": (7, [
        ("Đăng ký hoạt động tín ngưỡng", THANH_PHO),
        ("Đăng ký sinh hoạt tôn giáo tập trung", THANH_PHO),
        ("Thông báo danh mục hoạt động tôn giáo", THANH_PHO),
    ]),
    "Nông nghiệp và Môi trường": (10, [
        ("Hỗ trợ khắc phục thiệt hại do thiên tai", THANH_PHO),
        ("Đăng ký môi trường", THANH_PHO),
        ("Xác nhận nguồn gốc loài thủy sản", THANH_PHO),
    ]),
}  # fmt: skip

# --- ho_so_tong_hop: dossier figures as the seed declares them ---------------------------
# II.2.2 "Báo cáo số liệu chi tiết": "Từ ngày 01/01/2026 đến ngày 16/4/2026 ... tổng số: 11952
# hồ sơ", "Số hồ sơ trực tuyến: 11952", "trực tiếp, qua bưu chính: 0", "đã giải quyết (kỳ này
# và kỳ trước chuyển sang): 11989 hồ sơ trước hạn, không có hồ sơ quá hạn", "rút (từ chối):
# 270", "đang giải quyết: 392 hồ sơ (trong hạn)", "quá hạn: Không". The carry-over is not
# stated, so it stays blank (11.989 + 270 + 392 ≠ 11.952 without it: kept). Blank = not stated.
# Two counts are written as Vietnamese text on purpose, to exercise the reader.
BO_NGANH = "Các Bộ, ngành"
HO_SO_TONG_HOP: list[dict[str, object]] = [
    {
        "he_thong": c.TONG,
        "tiep_nhan": "11.952",
        "truc_tuyen": 11952,
        "truc_tiep_buu_chinh": 0,
        "giai_quyet_truoc_han": "11.989",
        "giai_quyet_dung_han": 0,
        "giai_quyet_qua_han": 0,
        "rut_tu_choi": 270,
        "dang_giai_quyet_trong_han": 392,
        "dang_giai_quyet_qua_han": 0,
    },
    # "* Trong đó tính riêng trên Hệ thống Thông tin giải quyết TTHC của các Bộ, ngành: Tổng số
    # hồ sơ tiếp nhận: 896 hồ sơ (gồm: ...)". The six ministries add up to 884, not 896: kept.
    {"he_thong": BO_NGANH, "tiep_nhan": 896},
    {"he_thong": "Bộ Xây dựng", "thuoc": BO_NGANH, "tiep_nhan": 137},
    {"he_thong": "Bộ Công thương", "thuoc": BO_NGANH, "tiep_nhan": 0},
    {"he_thong": "Bộ Tài chính", "thuoc": BO_NGANH, "tiep_nhan": 414},
    {"he_thong": "Bộ Giáo dục và Đào tạo", "thuoc": BO_NGANH, "tiep_nhan": 3},
    {"he_thong": "Bộ Y tế", "thuoc": BO_NGANH, "tiep_nhan": 104},
    {"he_thong": "Bộ Tư pháp", "thuoc": BO_NGANH, "tiep_nhan": 226},
]

# --- chi_so: every other figure of the seed ----------------------------------------------
# ty_le_bao_cao is the rate as the seed declares it, in percent points (39 means 39%), or as
# text where the seed qualifies it ("trên 100%"). Blank = not stated. Some counts are written
# as Vietnamese text ("22.581", "khoảng 300") on purpose.
CHI_SO: list[dict[str, object]] = [
    # II.2.1, 5th bullet: "lắp đặt Internet Wifi tốc độ cao tại 14 nhà văn hóa trên địa bàn"
    {
        "nhom": "ha_tang",
        "ma": "wifi_nha_van_hoa",
        "chi_so": "Nhà văn hóa được lắp đặt Internet Wifi tốc độ cao",
        "tu_so": 14,
        "don_vi_tinh": "nhà văn hóa",
    },
    # II.2.1, 4th bullet: "họp không giấy tờ tại 100% các cuộc họp của Đảng ủy, HĐND, UBND"
    {
        "nhom": "ha_tang",
        "ma": "hop_khong_giay_to",
        "chi_so": "Cuộc họp của Đảng ủy, HĐND, UBND phường được tổ chức không giấy tờ",
        "ty_le_bao_cao": 100,
        "don_vi_tinh": "cuộc họp",
    },
    # II.2.2, 2nd bullet: "Cấp và quản lý tài khoản cho 100% cán bộ, công chức, viên chức"
    {
        "nhom": "chinh_quyen_so",
        "ma": "tai_khoan_can_bo",
        "chi_so": "Cán bộ, công chức, viên chức được cấp tài khoản trên các hệ thống điều hành",
        "ty_le_bao_cao": 100,
        "don_vi_tinh": "người",
    },
    # II.2.2, 2nd bullet: "xử lý văn bản, ký số trên môi trường điện tử, tỷ lệ đạt trên 100%
    # (trừ văn bản mật)" — a rate above 100%, as declared
    {
        "nhom": "chinh_quyen_so",
        "ma": "van_ban_ky_so",
        "chi_so": "Văn bản được xử lý, ký số trên môi trường điện tử",
        "ty_le_bao_cao": "trên 100%",
        "don_vi_tinh": "văn bản",
        "ghi_chu": "trừ văn bản mật",
    },
    # II.2.2: 377 procedures, "toàn trình: 218 thủ tục; trực tuyến một phần: 159 thủ tục, trực
    # tiếp: 0 thủ tục" and "Tỷ lệ ...: toàn trình: 18%, trực tuyến một phần: 82%, trực tiếp: 0"
    # — the declared 18% / 82% disagree with 218/377 and 159/377: kept.
    {
        "nhom": "chinh_quyen_so",
        "ma": "thu_tuc_toan_trinh",
        "chi_so": "Thủ tục hành chính trực tuyến toàn trình",
        "tu_so": 218,
        "mau_so": 377,
        "ty_le_bao_cao": 18,
        "don_vi_tinh": "thủ tục",
    },
    {
        "nhom": "chinh_quyen_so",
        "ma": "thu_tuc_mot_phan",
        "chi_so": "Thủ tục hành chính trực tuyến một phần",
        "tu_so": 159,
        "mau_so": 377,
        "ty_le_bao_cao": 82,
        "don_vi_tinh": "thủ tục",
    },
    {
        "nhom": "chinh_quyen_so",
        "ma": "thu_tuc_truc_tiep",
        "chi_so": "Thủ tục hành chính thực hiện trực tiếp",
        "tu_so": 0,
        "mau_so": 377,
        "ty_le_bao_cao": 0,
        "don_vi_tinh": "thủ tục",
    },
    # II.2.2: "Số hồ sơ trực tuyến: 11952 hồ sơ; tỷ lệ đạt: 100%"
    {
        "nhom": "chinh_quyen_so",
        "ma": "ho_so_truc_tuyen",
        "chi_so": "Hồ sơ được tiếp nhận trực tuyến",
        "tu_so": 11952,
        "mau_so": 11952,
        "ty_le_bao_cao": 100,
        "don_vi_tinh": "hồ sơ",
    },
    # II.2.3, 1st bullet: "hoàn thành đồng bộ dữ liệu đảng viên ..., đạt tỷ lệ 100%"
    {
        "nhom": "du_lieu_so",
        "ma": "dong_bo_dang_vien",
        "chi_so": "Dữ liệu đảng viên được đồng bộ trên phần mềm quản lý đảng viên 4.0",
        "ty_le_bao_cao": 100,
        "don_vi_tinh": "đảng viên",
    },
    # II.2.3, 2nd bullet: "100% dữ liệu của các cơ quan, đơn vị liên quan được thường xuyên
    # cập nhật lên hệ thống" (DSS)
    {
        "nhom": "du_lieu_so",
        "ma": "du_lieu_dss",
        "chi_so": "Dữ liệu của các cơ quan, đơn vị được cập nhật lên Hệ thống DSS",
        "ty_le_bao_cao": 100,
        "don_vi_tinh": "cơ quan, đơn vị",
    },
    # II.2.3, 3rd bullet: "100% hồ sơ giải quyết được số hóa"
    {
        "nhom": "du_lieu_so",
        "ma": "ho_so_so_hoa",
        "chi_so": "Hồ sơ giải quyết thủ tục hành chính được số hóa",
        "ty_le_bao_cao": 100,
        "don_vi_tinh": "hồ sơ",
    },
    # II.2.3, 4th bullet (VNeID): "Sổ sức khỏe điện tử đối với 22.581/57.566 tài khoản (đạt
    # 39%); ... 10.509/40.924 tài khoản an sinh xã hội (đạt 26%); ... 11.735/40.924 tài khoản
    # giấy phép lái xe (đạt tỷ lệ 29%)"
    {
        "nhom": "du_lieu_so",
        "ma": "vneid_so_suc_khoe",
        "chi_so": "Tài khoản VNeID được tích hợp Sổ sức khỏe điện tử",
        "tu_so": "22.581",
        "mau_so": 57566,
        "ty_le_bao_cao": 39,
        "don_vi_tinh": "tài khoản",
    },
    {
        "nhom": "du_lieu_so",
        "ma": "vneid_an_sinh_xa_hoi",
        "chi_so": "Tài khoản VNeID được tích hợp an sinh xã hội",
        "tu_so": 10509,
        "mau_so": "40.924",
        "ty_le_bao_cao": 26,
        "don_vi_tinh": "tài khoản",
    },
    {
        "nhom": "du_lieu_so",
        "ma": "vneid_giay_phep_lai_xe",
        "chi_so": "Tài khoản VNeID được tích hợp giấy phép lái xe",
        "tu_so": "11.735",
        "mau_so": 40924,
        "ty_le_bao_cao": 29,
        "don_vi_tinh": "tài khoản",
    },
    # II.2.4, 2nd bullet: "khoảng 300 thành viên Tổ công tác thực hiện Đề án 06/CP và Công nghệ
    # số cộng đồng và 17 thành viên Tổ ứng cứu công nghệ, nghiệp vụ hỗ trợ giải quyết TTHC"
    {
        "nhom": "nhan_luc_so",
        "ma": "thanh_vien_to_cong_tac_06",
        "chi_so": "Thành viên Tổ công tác Đề án 06 và Công nghệ số cộng đồng",
        "tu_so": "khoảng 300",
        "don_vi_tinh": "người",
    },
    {
        "nhom": "nhan_luc_so",
        "ma": "thanh_vien_to_ung_cuu",
        "chi_so": "Thành viên Tổ ứng cứu công nghệ, nghiệp vụ hỗ trợ giải quyết TTHC",
        "tu_so": 17,
        "don_vi_tinh": "người",
    },
    # II.2.5, 1st bullet: "có khoảng trên 80% hộ kinh doanh sử dụng mã QR, chuyển khoản"
    {
        "nhom": "kinh_te_so",
        "ma": "ho_kinh_doanh_khong_tien_mat",
        "chi_so": "Hộ kinh doanh sử dụng mã QR, chuyển khoản trong giao dịch",
        "ty_le_bao_cao": "trên 80%",
        "don_vi_tinh": "hộ",
        "ghi_chu": "báo cáo ghi «khoảng trên 80%»",
    },
    # II.2.6, 2nd bullet: "hỗ trợ cài đặt, kích hoạt trên khoảng 3.000 thiết bị"
    {
        "nhom": "xa_hoi_so",
        "ma": "thiet_bi_ho_tro_cai_dat",
        "chi_so": "Thiết bị được hỗ trợ cài đặt, kích hoạt ứng dụng, nền tảng số",
        "tu_so": "khoảng 3.000",
        "don_vi_tinh": "thiết bị",
    },
    # II.2.6, 3rd bullet: "100% các trường học THCS, Tiểu học, Mầm non ... thanh toán không
    # dùng tiền mặt"; "2.433 đối tượng người có công và đối tượng Bảo trợ xã hội ... chi trả
    # qua tài khoản cá nhân, đạt tỷ lệ 100%"
    {
        "nhom": "xa_hoi_so",
        "ma": "truong_hoc_khong_tien_mat",
        "chi_so": "Trường THCS, Tiểu học, Mầm non thu các khoản thu không dùng tiền mặt",
        "ty_le_bao_cao": 100,
        "don_vi_tinh": "trường",
    },
    {
        "nhom": "xa_hoi_so",
        "ma": "chi_tra_qua_tai_khoan",
        "chi_so": "Người có công, đối tượng bảo trợ xã hội được chi trả qua tài khoản cá nhân",
        "tu_so": "2.433",
        "mau_so": 2433,
        "ty_le_bao_cao": 100,
        "don_vi_tinh": "người",
    },
    # II.2.7, 1st bullet: the ward's information system, classified by "Quyết định số
    # 4131/QĐ-CAHP-ANM ngày 15/4/2026 về việc phê duyệt cấp độ an toàn thông tin"
    {
        "nhom": "an_toan_thong_tin",
        "ma": "cap_do_attt",
        "chi_so": "Hệ thống thông tin được phê duyệt cấp độ an toàn thông tin",
        "tu_so": 1,
        "don_vi_tinh": "hệ thống",
        "ghi_chu": "Quyết định số 4131/QĐ-CAHP-ANM ngày 15/4/2026",
    },
]

# --- van_ban: directing documents ---------------------------------------------------------
# I.1: the six "+ Kế hoạch / Quyết định ..." lines; I.2, II.2.1 and II.2.6 name one plan each.
# trich_yeu is the seed's words after the date, from "về ..." on (so "<loại> số <số> ngày
# <ngày> <trích yếu>" gives back the seed's line); the issuer clause "của Ủy ban nhân dân
# phường ..." of plans 110 and 147 and the trailing ";" are left out. Seed order.
# (so_ky_hieu, ngay_ban_hanh, loai, trich_yeu, muc)
VAN_BAN: list[tuple[str, date, str, str, str]] = [
    (
        "13/KH-UBND",
        date(2026, 3, 10),
        "Kế hoạch",
        "về khoa học và Công nghệ phường Phù Liễn năm 2026",
        "I.1",
    ),
    (
        "129/KH-UBND",
        date(2026, 3, 30),
        "Kế hoạch",
        "về chuyển đổi số phường Phù Liễn năm 2026",
        "I.1",
    ),
    (
        "128/KH-UBND",
        date(2026, 3, 27),
        "Kế hoạch",
        "về triển khai các nhiệm vụ tại Chương trình công tác số 01-CTr/BCĐ ngày 09/01/2026 "
        "của Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số "
        "thành phố",
        "I.1",
    ),
    (
        "02/QĐ-BCĐ",
        date(2026, 3, 27),
        "Quyết định",
        "về việc ban hành Kế hoạch hoạt động năm 2026 của Ban Chỉ đạo phường về phát triển "
        "khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số, cải cách hành chính và Đề án 06",
        "I.1",
    ),
    (
        "95/KH-UBND",
        date(2026, 2, 25),
        "Kế hoạch",
        "về Thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát "
        "triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia tại phường Phù "
        "Liễn",
        "I.1",
    ),
    (
        "96/KH-UBND",
        date(2026, 2, 25),
        "Kế hoạch",
        "về Thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát "
        "triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia tại phường Phù "
        "Liễn năm 2026",
        "I.1",
    ),
    (
        "110/KH-UBND",
        date(2026, 3, 6),
        "Kế hoạch",
        "về tuyên truyền Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá "
        "phát triển khoa học công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia trên địa "
        "bàn phường Phù Liễn năm 2026",
        "I.2",
    ),
    (
        "55/KH-UBND",
        date(2026, 1, 23),
        "Kế hoạch",
        "về chuyển đổi số phường Phù Liễn năm 2026",
        "II.2.1",
    ),
    (
        "147/KH-UBND",
        date(2026, 4, 14),
        "Kế hoạch",
        "về hoạt động của Tổ công tác thực hiện Đề án 06 và Tổ công nghệ số cộng đồng trên địa "
        "bàn phường năm 2026",
        "II.2.6",
    ),
]

# --- noi_dung: narrative paragraphs, verbatim ----------------------------------------------
# muc -> {thu_tu: paragraph}. The seed's text as it stands (its typos too: "tiết bị", "Phù
# Liên"), only the leading "- " bullet removed. Left out because the report generates them
# from the sheets above: the II.1 paragraph (CHI_TIEU), II.2.2 from "Trung tâm phục vụ hành
# chính công thực hiện công khai, niêm yết 377 thủ tục" to the per-ministry line (THU_TUC,
# HO_SO_TONG_HOP), the VNeID bullet of II.2.3, the "trên 80% hộ kinh doanh" bullet of II.2.5,
# the schools / 2.433 beneficiaries bullet of II.2.6 (CHI_SO), the "+ Kế hoạch ..." list of
# I.1 (VAN_BAN), and the closing "Trên đây là Báo cáo ..." sentence.
NOI_DUNG: dict[str, dict[int, str]] = {
    # I.1 Công tác chỉ đạo điều hành: the two "- " bullets (the "+ Kế hoạch ..." list is VAN_BAN)
    "I.1": {
        1: (
            "Ngay từ đầu năm 2026, công tác lãnh đạo, chỉ đạo, điều hành về triển khai thực "
            "hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị về phát triển khoa học, công nghệ, "
            "đổi mới sáng tạo và chuyển đổi số trên địa bàn phường được triển khai quyết liệt, "
            "đồng bộ và bám sát các văn bản của Trung ương, Thành phố. Ủy ban nhân dân phường "
            "đã ban hành đầy đủ các kế hoạch trọng tâm như:"
        ),
        2: (
            "Ủy ban nhân dân phường đã kịp thời rà soát, kiện toàn đầy đủ thành viên Ban Chỉ "
            "đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số, cải cách "
            "hành chính và Đề án 06 phường Phù Liễn; đồng thời kiện toàn các Tổ công tác giúp "
            "việc để bảo đảm tổ chức bộ máy được củng cố đầy đủ, phân công nhiệm vụ rõ người, "
            "rõ việc, đáp ứng yêu cầu chỉ đạo, điều hành và tổ chức triển khai thực hiện các "
            "nhiệm vụ được giao trong tình hình mới."
        ),
    },
    # I.2 Công tác tuyên truyền, truyền thông
    "I.2": {
        1: (
            "Ủy ban nhân dân phường triển khai đồng bộ nhiều hoạt động tuyên truyền, tập huấn, "
            "hướng dẫn nhằm đưa các chủ trương của Đảng và Nhà nước, đặc biệt là tinh thần "
            "Nghị quyết số 57-NQ/TW và Nghị quyết số 71/NQ-CP, vào thực tiễn đời sống. Công "
            "tác tuyên truyền được thực hiện xuyên suốt, đa dạng hình thức, phù hợp định hướng "
            "của Trung ương, Thành phố; xây dựng và triển khai Kế hoạch số 110/KH-UBND ngày "
            "06/3/2026 của Ủy ban nhân dân phường về tuyên truyền Nghị quyết số 57-NQ/TW ngày "
            "22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học công nghệ, đổi mới "
            "sáng tạo và chuyển đổi số quốc gia trên địa bàn phường Phù Liễn năm 2026 ."
        ),
        2: (
            "Nhiều mô hình, phong trào tuyên truyền mang tính sáng tạo, dễ tiếp cận đã được "
            "triển khai rộng rãi như: Phong trào “Bình dân học vụ số”, mô hình “Tổ ứng cứu "
            "công nghệ hỗ trợ người dân yếu thế giải quyết TTHC tại nhà”..., Treo băng rôn, "
            "pano, khẩu hiệu tại các tuyến đường, cơ quan, khu dân cư, tạo không khí lan tỏa "
            "rộng khắp trong cộng đồng."
        ),
    },
    # II.2.1 Hạ tầng số (the last bullet runs across a page break in the seed: joined)
    "II.2.1": {
        1: (
            "Duy trì, đảm bảo đường truyền mạng internet phục vụ khai thác sử dụng hệ thống "
            "Văn phòng điện tử, điều hành tác nghiệp; phục vụ hội nghị truyền hình và đường "
            "truyền số liệu giải pháp bảo mật kênh truyền thiết bị BML10 phục vụ tiếp nhận, xử "
            "lý văn bản mật tại các cơ quan Đảng tại Đảng ủy, UBND phường;"
        ),
        2: (
            "Tiếp tục hoàn thiện, duy trì hạ tầng phòng họp trực tuyến và phòng họp số "
            "E-Cabinet chuyên dụng tại cơ quan Đảng ủy, HĐND, UBND phường nhằm phục vụ các hội "
            "nghị truyền hình, các cuộc họp của Đảng ủy, HĐND, UBND và Ủy ban MTTQ Việt Nam "
            "phường theo chỉ đạo của Thành ủy và hướng dẫn của Sở Khoa học và Công nghệ. Triển "
            "khai khảo sát, đánh giá hiện trạng trang thiết bị, khả năng đáp ứng của hệ thống "
            "phòng họp số để có phương án nâng cấp, hoàn thiện trong thời gian tới."
        ),
        3: (
            "Trung tâm Phục vụ hành chính công phường được trang bị đầy đủ thiết bị (máy tính "
            "để bàn; máy tính xách tay; máy scan; máy in; máy photo copy,...; các tiết bị máy "
            "tính đã cơ bản được cài đặt đầy đủ phần mềm xử lý văn bản, ký số, diệt vi rút, hệ "
            "thống mạng internet riêng, hệ thống quản lý mã độc,...; có đầy đủ các trang thiết "
            "bị phục vụ người dân, doanh nghiệp: camera, màn hình tra cứu, thiết bị phục vụ số "
            "hóa), bảo đảm đầy đủ điều kiện tiếp nhận, giải quyết TTHC và hỗ trợ người dân "
            "tiếp cận, sử dụng dịch vụ công trực tuyến."
        ),
        4: (
            "Triển khai thực hiện họp không giấy tờ tại 100% các cuộc họp của Đảng ủy, Hội "
            "đồng nhân dân và Ủy ban nhân dân phường. Việc tổ chức các cuộc họp trên môi "
            "trường số đã góp phần đổi mới phương thức làm việc, giảm đáng kể việc sử dụng văn "
            "bản giấy, tiết kiệm thời gian chuẩn bị tài liệu, chi phí in ấn, sao chụp, đồng "
            "thời tạo điều kiện để đại biểu, cán bộ tham dự họp dễ dàng tra cứu, theo dõi, "
            "trao đổi và xử lý thông tin nhanh chóng, thuận tiện hơn. Đây là một trong những "
            "kết quả cụ thể thể hiện rõ việc ứng dụng công nghệ số vào hoạt động lãnh đạo, chỉ "
            "đạo, điều hành của hệ thống chính trị phường Phù Liễn."
        ),
        5: (
            "Ủy ban nhân dân phường đã quan tâm chỉ đạo triển khai nâng cấp, hoàn thiện hạ "
            "tầng số tại cơ sở, trong đó chú trọng mở rộng hạ tầng kết nối Internet phục vụ "
            "cộng đồng. Trên cơ sở Công văn số 58/SKH-CN-HTS&CN ngày 08/01/2026 của Sở Khoa "
            "học và Công nghệ thành phố về việc nhà văn hóa thôn, khu dân cư, trung tâm của "
            "xã, phường, đặc khu có Wifi kết nối Internet tốc độ cao phục vụ miễn phí và Kế "
            "hoạch số 55/KH-UBND ngày 23/01/2026 về chuyển đổi số phường Phù Liễn năm 2026, Ủy "
            "ban nhân dân phường triển khai lắp đặt Internet Wifi tốc độ cao tại 14 nhà văn "
            "hóa trên địa bàn phường. Việc triển khai nhằm đáp ứng yêu cầu cập nhật, trao đổi "
            "thông tin, đồng thời tăng cường điều kiện hạ tầng số phục vụ người dân tiếp cận "
            "Internet, khai thác thông tin, sử dụng các nền tảng số và phục vụ công tác bầu cử "
            "đại biểu Quốc hội và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026 - 2031."
        ),
        6: (
            "Ủy ban nhân dân phường tiếp tục phối hợp với VNPT Hải Phòng triển khai nâng cấp "
            "hạ tầng số, đường truyền mạng tại trụ sở, trọng tâm là tại Trung tâm Phục vụ hành "
            "chính công phường. Theo đó, trên cơ sở hiện trạng đang sử dụng gói đường truyền "
            "Internet “F1 IP động”, phường đã đề xuất nâng cấp lên gói “FiberEco4 IP tĩnh” "
            "nhằm tăng tốc độ đường truyền, đáp ứng tốt hơn yêu cầu phục vụ cán bộ, công chức, "
            "người dân khi khai thác, sử dụng dịch vụ công trực tuyến; đồng thời bảo đảm kết "
            "nối ổn định cho hệ thống camera giám sát, hệ thống Egov DSS và các nền tảng số "
            "phục vụ công tác quản lý, chỉ đạo, điều hành. Qua đó, từng bước củng cố điều kiện "
            "kỹ thuật, bảo đảm đường truyền ổn định, thông suốt, phục vụ tốt hơn cho công tác "
            "chỉ đạo, điều hành, xử lý công việc chuyên môn và tổ chức thực hiện các nhiệm vụ "
            "chuyển đổi số của phường trong thời gian tới."
        ),
    },
    # II.2.2 Chính quyền số: the five bullets before "Trung tâm phục vụ hành chính công thực
    # hiện công khai, niêm yết 377 thủ tục ..."; from there to the per-ministry line the text
    # is generated from THU_TUC and HO_SO_TONG_HOP.
    "II.2.2": {
        1: (
            "Duy trì, vận hành thông suốt các hệ thống thông tin dùng chung và chuyên ngành, "
            "gồm: hệ thống điều hành tác nghiệp cơ quan Đảng (www.dcs.vn), hệ thống Văn phòng "
            "điện tử HPnet, hệ thống thông tin giải quyết thủ tục hành chính thành phố, phần "
            "mềm quản lý đảng viên 4.0 và các phần mềm chuyên dụng khác, bảo đảm phục vụ hiệu "
            "quả công tác lãnh đạo, chỉ đạo, điều hành."
        ),
        2: (
            "Cấp và quản lý tài khoản cho 100% cán bộ, công chức, viên chức thuộc cơ quan "
            "Đảng, chính quyền, MTTQ và các tổ chức chính trị - xã hội trên hệ thống điều hành "
            "tác nghiệp cơ quan Đảng, hệ thống Văn phòng điện tử HPnet; phần mềm quản lý Đảng "
            "viên 4.0; phần mềm công tác kiểm tra Đảng...; duy trì thực hiện xử lý văn bản, ký "
            "số trên môi trường điện tử, tỷ lệ đạt trên 100% (trừ văn bản mật)."
        ),
        3: (
            "Triển khai đồng bộ chữ ký số chuyên dùng, xác thực hai lớp cho đội ngũ cán bộ "
            "lãnh đạo, quản lý; hướng dẫn khai thác, sử dụng chữ ký số trên hệ thống quản lý "
            "văn bản HPnet và ký số trên SIM, bảo đảm an toàn, bảo mật trong trao đổi, xử lý "
            "công việc."
        ),
        4: (
            "Duy trì, vận hành hiệu quả phòng họp số, phòng họp không giấy tờ (E-Cabinet) phục "
            "vụ các cuộc họp của Đảng ủy, HĐND, UBND phường; triển khai kỳ họp HĐND không giấy "
            "tờ."
        ),
        5: (
            "Duy trì, khai thác, vận hành các hệ thống thông tin; thực hiện lập lịch công tác, "
            "báo cáo trực tuyến trên hệ thống báo cáo của Trung ương, Thành ủy và UBND thành "
            "phố."
        ),
    },
    # II.2.3 Phát triển dữ liệu số, without the VNeID bullet (its figures are CHI_SO rows)
    "II.2.3": {
        1: (
            "Triển khai rà soát, đối soát, chuẩn hóa và đồng bộ dữ liệu trên các hệ thống "
            "thông tin dùng chung của Trung ương và thành phố; trong đó đã hoàn thành đồng bộ "
            "dữ liệu đảng viên trên phần mềm quản lý đảng viên 4.0, đạt tỷ lệ 100%; chỉ đạo "
            "cập nhật, khai thác hiệu quả dữ liệu trên phần mềm Sổ tay đảng viên điện tử, phục "
            "vụ sinh hoạt chi bộ, quản lý đảng viên và công tác xây dựng Đảng."
        ),
        2: (
            "Tiếp tục phối hợp chặt chẽ với VNPT Hải Phòng trong việc xây dựng, hoàn thiện và "
            "đưa vào vận hành Hệ thống Quản lý và điều hành thông minh DSS trên địa bàn. Quá "
            "trình triển khai được thực hiện đồng bộ, bảo đảm phục vụ thiết thực cho công tác "
            "quản lý, chỉ đạo, điều hành của lãnh đạo Ủy ban nhân dân phường. Đến nay, 100% dữ "
            "liệu của các cơ quan, đơn vị liên quan được thường xuyên cập nhật lên hệ thống, "
            "góp phần nâng cao chất lượng theo dõi, tổng hợp, phân tích và đánh giá tình hình "
            "thực hiện nhiệm vụ. Hệ thống DSS không chỉ hỗ trợ công tác điều hành thường xuyên "
            "mà còn phục vụ hiệu quả cho việc theo dõi, đánh giá cán bộ, công chức theo quý; "
            "xác định chỉ số cải cách hành chính và một số nội dung quản trị, điều hành quan "
            "trọng khác trên môi trường số, qua đó góp phần nâng cao tính công khai, minh "
            "bạch, kịp thời và hiệu quả trong hoạt động quản lý nhà nước tại địa phương."
        ),
        3: (
            "Thực hiện số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; 100% hồ sơ giải "
            "quyết được số hóa, lưu trữ và khai thác trên hệ thống thông tin giải quyết thủ "
            "tục hành chính thành phố."
        ),
        4: (
            "Tăng cường kết nối, chia sẻ dữ liệu giữa các hệ thống của Đảng, chính quyền với "
            "cơ sở dữ liệu quốc gia về dân cư theo quy định."
        ),
    },
    # II.2.4 Nguồn nhân lực số
    "II.2.4": {
        1: (
            "Căn cứ chỉ đạo của Trung ương, Thành ủy, UBND thành phố, Đảng ủy, UBND phường đã "
            "phân công, bố trí cán bộ phụ trách công nghệ thông tin, chuyển đổi số trong cơ "
            "quan Đảng và chính quyền. Trong đó, Văn phòng Đảng ủy là cơ quan thường trực tham "
            "mưu về cải cách hành chính và chuyển đổi số trong cơ quan Đảng; Phòng Văn hóa - "
            "Xã hội là cơ quan thường trực tham mưu về cải cách hành chính và chuyển đổi số "
            "khối chính quyền."
        ),
        2: (
            "Trên địa bàn phường có khoảng 300 thành viên Tổ công tác thực hiện Đề án 06/CP và "
            "Công nghệ số cộng đồng và 17 thành viên Tổ ứng cứu công nghệ, nghiệp vụ hỗ trợ "
            "giải quyết thủ tục hành chính; thường xuyên hướng dẫn người dân tiếp cận, cài "
            "đặt, sử dụng các ứng dụng số, thực hiện dịch vụ công trực tuyến và các giao dịch "
            "điện tử; đồng thời trực tiếp hỗ trợ người dân tại Trung tâm phục vụ hành chính "
            "công."
        ),
        3: (
            "Các cơ sở giáo dục phổ thông triển khai giáo dục tích hợp Khoa học, Kỹ thuật, "
            "Công nghệ, Toán học (STEM) gắn với hoạt động nghiên cứu khoa học; tổ chức giảng "
            "dạy kỹ năng số cho học sinh phù hợp quy định của Bộ Giáo dục và Đào tạo; lồng "
            "ghép nội dung khởi nghiệp, đổi mới sáng tạo trong các môn học và hoạt động giáo "
            "dục."
        ),
    },
    # II.2.5 Kinh tế số, without the "trên 80% hộ kinh doanh" bullet (a CHI_SO row)
    "II.2.5": {
        1: (
            "Khuyến khích các cơ sở sản xuất, kinh doanh nhỏ lẻ và hộ kinh doanh cá thể quảng "
            "bá sản phẩm, dịch vụ trên các nền tảng số, mạng xã hội, từng bước tham gia các "
            "sàn thương mại điện tử."
        ),
        2: (
            "Phối hợp với các ngân hàng, tổ chức tín dụng hướng dẫn người dân sử dụng ngân "
            "hàng số, ví điện tử và các hình thức thanh toán trực tuyến, góp phần thúc đẩy "
            "phát triển kinh tế số ở cơ sở."
        ),
    },
    # II.2.6 Xã hội số, without the bullet on schools and the 2.433 beneficiaries (CHI_SO rows)
    "II.2.6": {
        1: (
            "Triển khai thực hiện Kế hoạch số 147/KH-UBND ngày 14/4/2026 của Ủy ban nhân dân "
            "phường Phù Liễn về hoạt động của Tổ công tác thực hiện Đề án 06 và Tổ công nghệ "
            "số cộng đồng trên địa bàn phường năm 2026; tập trung tuyên truyền, hướng dẫn, hỗ "
            "trợ người dân tiếp cận các tiện ích số thiết yếu, nhất là việc tích hợp tài khoản "
            "an sinh xã hội, Sổ sức khỏe điện tử và các loại giấy tờ cá nhân trên ứng dụng "
            "VNeID."
        ),
        2: (
            "Công tác hỗ trợ người dân tiếp cận, sử dụng các nền tảng số tiếp tục được các Tổ "
            "công tác thực hiện Đề án 06 và Tổ công nghệ số cộng đồng trên địa bàn phường duy "
            "trì, triển khai thường xuyên và phát huy hiệu quả. Các tổ đã tích cực tuyên "
            "truyền, hướng dẫn, hỗ trợ trực tiếp người dân cài đặt, kích hoạt, truy cập và sử "
            "dụng các ứng dụng, nền tảng số phục vụ đời sống và tương tác với chính quyền. Qua "
            "triển khai, đã hỗ trợ cài đặt, kích hoạt trên khoảng 3.000 thiết bị đối với các "
            "ứng dụng, nền tảng như Sổ tay đảng viên, eGov-Residential, ứng dụng quản lý tổ "
            "dân phố phường Phù Liễn và một số tiện ích số khác. Kết quả này góp phần giúp "
            "người dân từng bước hình thành thói quen sử dụng công nghệ số trong đời sống hằng "
            "ngày, tiếp cận thông tin nhanh chóng, thuận tiện hơn; đồng thời nâng cao khả năng "
            "sử dụng dịch vụ công trực tuyến, tăng cường sự kết nối, tương tác giữa người dân "
            "với chính quyền trên môi trường số."
        ),
        3: (
            "Xây dựng các nhóm Zalo, kênh thông tin số của tổ dân phố để thông tin nhanh, "
            "chính xác, công khai các chủ trương, chính sách, TTHC, lịch làm việc, bảo đảm dân "
            "biết, dân bàn, dân giám sát trên môi trường số."
        ),
    },
    # II.2.7 An toàn thông tin
    "II.2.7": {
        1: (
            "Xây dựng hồ sơ xác định cấp độ an toàn thông tin đối với Hệ thống thông tin của "
            "phường và được Công an thành phố phê duyệt tại Quyết định số 4131/QĐ-CAHP-ANM "
            "ngày 15/4/2026 về việc phê duyệt cấp độ an toàn thông tin phường Phù Liễn."
        ),
        2: (
            "Quán triệt cán bộ, công chức, viên chức thực hiện nghiêm các quy định về bảo mật "
            "thông tin, quản lý tài khoản, mật khẩu; tăng cường sao lưu dữ liệu, sử dụng chữ "
            "ký số trong trao đổi văn bản trên môi trường mạng, hạn chế rủi ro mất an toàn "
            "thông tin."
        ),
    },
    # II.3 Phát triển khoa học, công nghệ, đổi mới sáng tạo ("Phường Phù Liên": seed spelling)
    "II.3": {
        1: (
            "Ủy ban nhân dân phường đã tham mưu Đảng ủy phường xây dựng dự thảo Chương trình "
            "hành động triển khai thực hiện mô hình “Phường Phù Liên đổi mới sáng tạo”. Nội "
            "dung trọng tâm là tăng cường tiếp nhận, ứng dụng các kết quả, giải pháp khoa học "
            "công nghệ, chuyển đổi số vào công tác quản lý, điều hành và phục vụ Nhân dân; rà "
            "soát các vấn đề thực tiễn phát sinh tại địa phương đề xuất giải pháp số, sáng "
            "kiến cải tiến quy trình công việc, nhất là trong giải quyết thủ tục hành chính, "
            "quản lý dân cư, đất đai, hộ tịch, chính sách xã hội và tiếp nhận phản ánh, kiến "
            "nghị. Đồng thời, phường chú trọng tuyên truyền, kết nối, hỗ trợ người dân, tổ "
            "chức, hộ kinh doanh tiếp cận các chương trình, nền tảng, mô hình đổi mới sáng "
            "tạo, ứng dụng công nghệ và chuyển đổi số; từng bước số hóa, minh bạch hóa quá "
            "trình quản lý, theo dõi nhiệm vụ khoa học, công nghệ, bảo đảm công khai, dễ kiểm "
            "tra, giám sát và phù hợp với điều kiện thực tiễn của địa phương."
        ),
    },
    # III.1 Kết quả nổi bật
    "III.1": {
        1: (
            "Trong Quý I năm 2026, việc triển khai thực hiện Nghị quyết số 57-NQ/TW trên địa "
            "bàn phường đạt được một số kết quả tích cực. Hạ tầng số, nền tảng số tiếp tục "
            "được quan tâm đầu tư, nâng cấp; vùng phủ sóng viễn thông được mở rộng; hạ tầng "
            "mạng nội bộ, phòng họp số từng bước được hoàn thiện. Trung tâm phục vụ hành chính "
            "công được trang bị đồng bộ, hiện đại, đáp ứng yêu cầu tiếp nhận, giải quyết thủ "
            "tục hành chính, phục vụ hiệu quả công tác lãnh đạo, chỉ đạo và nhu cầu của Nhân "
            "dân, tổ chức trên địa bàn. Chính quyền số được triển khai đồng bộ, hiệu quả; tỷ "
            "lệ tiếp nhận và giải quyết hồ sơ trực tuyến đạt 100%; hoạt động chỉ đạo, điều "
            "hành, xử lý công việc trên môi trường điện tử ngày càng đi vào nền nếp, kỷ cương. "
            "Nguồn nhân lực số được quan tâm đào tạo, bồi dưỡng, từng bước đáp ứng yêu cầu "
            "nhiệm vụ. Kinh tế số, xã hội số có chuyển biến tích cực; thanh toán không dùng "
            "tiền mặt được mở rộng; ứng dụng khoa học, công nghệ trong sản xuất, kinh doanh "
            "từng bước được thúc đẩy, nhất là trong các ngành, lĩnh vực có thế mạnh của địa "
            "phương. Các cơ sở giáo dục triển khai giáo dục STEM, từng bước ứng dụng trí tuệ "
            "nhân tạo trong giảng dạy, góp phần nâng cao kỹ năng số cho học sinh. Nhận thức và "
            "thói quen sử dụng dịch vụ số, giao dịch điện tử của người dân từng bước được hình "
            "thành, góp phần xây dựng nền tảng xã hội số trên địa bàn."
        ),
    },
    # III.2 Tồn tại, hạn chế: the introductory sentence, then the five bullets
    "III.2": {
        1: (
            "Bên cạnh những kết quả đạt được, công tác triển khai thực hiện Nghị quyết số "
            "57-NQ/TW Quý I/2026 trên địa bàn phường vẫn còn một số tồn tại, hạn chế, khó "
            "khăn, vướng mắc cụ thể:"
        ),
        2: (
            "Nguồn kinh phí đầu tư cho chuyển đổi số còn hạn chế; một số trang thiết bị công "
            "nghệ thông tin khi thực hiện sắp xếp đơn vị hành chính tiếp nhận từ quận và "
            "phường hiện không đồng bộ, một số trang thiết bị đã hết khấu hao sử dụng, cấu "
            "hình thấp, thiếu đồng bộ; nguồn kinh phí dành cho đầu tư, nâng cấp hệ thống thông "
            "tin, phần mềm chuyên ngành còn hạn chế, chưa đáp ứng yêu cầu nhiệm vụ trong giai "
            "đoạn đẩy mạnh chuyển đổi số."
        ),
        3: (
            "Hệ thống cơ sở dữ liệu dùng chung, kết nối giữa Trung ương, thành phố và phường "
            "chưa được triển khai đầy đủ, đồng bộ; việc liên thông, chia sẻ dữ liệu trong xử "
            "lý công việc còn khó khăn, ảnh hưởng đến tiến độ và chất lượng giải quyết nhiệm "
            "vụ."
        ),
        4: (
            "Hệ thống điều hành tác nghiệp và hệ thống giải quyết thủ tục hành chính đôi khi "
            "gặp sự cố kết nối, gián đoạn. Một số phần mềm hoạt động chưa đồng bộ, ảnh hưởng "
            "phần nào đến tiến độ xử lý văn bản và nhiệm vụ chuyên môn."
        ),
        5: (
            "Công tác tiếp nhận, phát hành và xử lý văn bản giữa cơ quan Đảng - chính quyền - "
            "MTTQ và các đoàn thể chính trị - xã hội đang được thực hiện trên các nền tảng, "
            "ứng dụng khác nhau; việc liên thông, kết nối hệ thống chưa thống nhất, đôi lúc bị "
            "gián đoạn."
        ),
        6: (
            "Đội ngũ cán bộ có trình độ CNTT, khoa học, công nghệ còn thiếu; chế độ, chính "
            "sách đãi ngộ đối với đội ngũ cán bộ có trình độ khoa học, công nghệ trong các cơ "
            "quan nhà nước còn hạn chế, khó khăn trong việc thu hút nhân lực có chuyên môn "
            "sâu, chất lượng cao phục vụ công tác chuyển đổi số tại địa phương."
        ),
    },
    # IV Nhiệm vụ, giải pháp quý II: items numbered as in the seed, which has no item 3
    "IV": {
        1: (
            "Tiếp tục triển khai quán triệt sâu rộng Nghị quyết số 57-NQ/TW của Bộ Chính trị, "
            "Kế hoạch hành động của Thành ủy, Kế hoạch số 12-KH/ĐU ngày 10/10/2025 của Ban "
            "Thường vụ Đảng ủy thực hiện Nghị quyết số 57-NQ/TW đến 100% cán bộ, công chức; "
            "nâng cao nhận thức về vai trò của khoa học, công nghệ và chuyển đổi số trong công "
            "tác xây dựng Đảng, chính quyền và các tổ chức đoàn thể."
        ),
        2: (
            "Tiếp tục tổ chức thực hiện đầy đủ, nghiêm túc các nhiệm vụ theo Chương trình hành "
            "động, Kế hoạch của Thành ủy, Đảng ủy về triển khai thực hiện Nghị quyết số "
            "57-NQ/TW; Chương trình công tác năm 2026 và Thông báo số 01-TB/BCĐ ngày 23/3/2026 "
            "của Ban Chỉ đạo về điều chỉnh, bổ sung chỉ tiêu, nhiệm vụ phát triển khoa học, "
            "công nghệ, đổi mới sáng tạo và chuyển đổi số năm 2026. Duy trì chế độ thông tin, "
            "báo cáo, giao ban định kỳ; cập nhật đảm bảo tiến độ trên các hệ thống thông tin, "
            "giám sát thực hiện Nghị quyết theo yêu cầu của Trung ương, Thành ủy."
        ),
        4: (
            "Duy trì và vận hành hiệu quả phòng họp số, chữ ký số và hệ thống điều hành tác "
            "nghiệp của cơ quan Đảng, chính quyền, MTTQ và các đoàn thể chính trị - xã hội; "
            "tăng cường quản lý, theo dõi, đánh giá công việc đối với cơ quan, đơn vị, cán bộ, "
            "công chức, viên chức theo KPI. Ứng dụng trí tuệ nhân tạo (AI) trong công tác tham "
            "mưu, tổng hợp, tra cứu, thống kê."
        ),
        5: (
            "Tiếp tục rà soát, nâng cấp và đầu tư hạ tầng CNTT, hạ tầng mạng, phần mềm chuyên "
            "dụng tại cơ quan Đảng, chính quyền, MTTQ và các đoàn thể chính trị - xã hội theo "
            "yêu cầu nhiệm vụ, đảm bảo đồng bộ, thống nhất, hiệu quả; Tăng cường bảo đảm an "
            "toàn, an ninh mạng; bảo vệ dữ liệu cá nhân; thực hiện nghiêm các quy định về bảo "
            "mật thông tin của Đảng và Nhà nước trong môi trường số. Lập hồ sơ cấp độ an toàn "
            "thông tin cho hệ thống thông tin của phường đảm bảo thống nhất, hiệu quả."
        ),
        6: (
            "Tiếp tục ưu tiên bố trí nguồn lực từ ngân sách nhà nước cho các nhiệm vụ chuyển "
            "đổi số trọng điểm; huy động nguồn lực cho ứng dụng công nghệ thông tin. Đảm bảo "
            "mục tiêu đến năm 2030, thực hiện bố trí dự toán chi ngân sách 3% tổng chi ngân "
            "sách cho phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số."
        ),
        7: (
            "Tăng cường đào tạo, bồi dưỡng kiến thức, kỹ năng số; nâng cao năng lực ứng dụng "
            "công nghệ mới cho cán bộ, công chức. Bố trí, sắp xếp và đào tạo đội ngũ cán bộ có "
            "chuyên môn về CNTT, khoa học công nghệ để đảm nhiệm công tác chuyên trách về "
            "chuyển đổi số tại địa phương."
        ),
        8: (
            "Chỉ đạo quyết liệt, triển khai hoạt động các Tổ công tác tại cơ sở thực hiện Đề "
            "án 06 và Công nghệ số cộng đồng; thường xuyên theo dõi, hướng dẫn, đôn đốc quyết "
            "liệt các nhiệm vụ được giao, chủ động hướng dẫn các tổ công nghệ số tổ chức thực "
            "hiện; tăng cường các lực lượng trẻ, lực lượng thanh niên, giáo viên trong hỗ trợ "
            "triển khai các nhiệm vụ chuyển đổi số tại địa phương."
        ),
        9: (
            "Nâng cao vai trò, trách nhiệm của người đứng đầu các cấp, coi kết quả chuyển đổi "
            "số là tiêu chí quan trọng để đánh giá, xếp loại thi đua hàng năm. Gắn kết chặt "
            "chẽ nhiệm vụ chuyển đổi số với cải cách hành chính. Xây dựng tiêu chí thi đua về "
            "ứng dụng công nghệ thông tin, chuyển đổi số trong bộ tiêu chí bình xét danh hiệu "
            "thi đua hàng năm của tập thể, cá nhân."
        ),
    },
    # V Đề xuất, kiến nghị ("phường Phù Liên": seed spelling)
    "V": {
        1: (
            "Đề nghị thành phố quan tâm bố trí nguồn lực đầu tư, nâng cấp hạ tầng CNTT, trang "
            "thiết bị, đường truyền phục vụ chuyển đổi số tại phường Phù Liên; hỗ trợ tập huấn "
            "chuyên sâu cho lực lượng Tổ công tác tại cơ sở thực hiện Đề án 06 và Công nghệ số "
            "cộng đồng."
        ),
    },
}


# --- building the workbook ----------------------------------------------------------------
def thong_tin_rows() -> list[dict[str, object]]:
    assert list(THONG_TIN) == list(c.THONG_TIN_KHOA), "THONG_TIN must follow THONG_TIN_KHOA"
    return [{"khoa": key, "gia_tri": value} for key, value in THONG_TIN.items()]


# The objectives whose own wording gives a threshold and whose figure the report has: chi_tieu's
# v2 columns chi_so (the figure's key) and nguong (the threshold, as an office would type it).
# MT11 is the seed's own example: "Trên 70% người dân tích hợp Sổ sức khỏe điện tử" beside
# 22.581/57.566 (39%). MT09, MT15, MT16 and MT17 have no figure in the report: not linked.
CHI_TIEU_DO: dict[str, tuple[str, object]] = {
    "MT01": ("chi_so.hop_khong_giay_to", "100%"),
    "MT02": ("chi_so.tai_khoan_can_bo", "100%"),
    "MT03": ("ho_so.ty_le_truc_tuyen", "100%"),
    "MT04": ("chi_so.ho_so_so_hoa", "100%"),
    "MT06": ("chi_so.dong_bo_dang_vien", "100%"),
    "MT07": ("chi_so.truong_hoc_khong_tien_mat", "100%"),
    "MT08": ("chi_so.chi_tra_qua_tai_khoan", 1),
    "MT10": ("thu_tuc.ty_le_toan_trinh", "80%"),
    "MT11": ("chi_so.vneid_so_suc_khoe", "70%"),
    "MT12": ("chi_so.vneid_an_sinh_xa_hoi", "50%"),
    "MT13": ("chi_so.vneid_giay_phep_lai_xe", 0.5),
    "MT14": ("chi_so.ho_kinh_doanh_khong_tien_mat", "100%"),
}


def chi_tieu_rows() -> list[dict[str, object]]:
    keys = ("ma", "noi_dung", "loai", "trang_thai")
    rows = [dict(zip(keys, row, strict=True)) for row in CHI_TIEU]
    for r in rows:
        if r["ma"] in CHI_TIEU_DO:
            r["chi_so"], r["nguong"] = CHI_TIEU_DO[r["ma"]]
    counts = {
        loai: [sum(_code(c.CHI_TIEU, "loai", r["loai"]) == loai for r in rows), 0]
        for loai in c.LOAI_CHI_TIEU
    }
    for r in rows:
        if _code(c.CHI_TIEU, "trang_thai", r["trang_thai"]) == "hoan_thanh":
            counts[_code(c.CHI_TIEU, "loai", r["loai"])][1] += 1
    # II.1: 17 objectives (9 done), 8 scheduled tasks (6 done), 17 recurring tasks
    assert counts == {
        "muc_tieu": [17, 9],
        "nhiem_vu_tien_do": [8, 6],
        "nhiem_vu_thuong_xuyen": [17, 0],
    }, counts
    return rows


def thu_tuc_rows() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for linh_vuc, (count, procedures) in THU_TUC_MAU.items():
        for k in range(count):
            name, he_thong = procedures[k % len(procedures)]
            if k >= len(procedures):
                name = f"{name} (minh họa {k // len(procedures) + 1})"
            rows.append({"ten_thu_tuc": name, "linh_vuc": linh_vuc, "he_thong": he_thong})
    assert len(rows) == THU_TUC_TONG, len(rows)
    full = c.MUC_DO_THU_TUC["toan_trinh"]
    for i, row in enumerate(rows):
        row["ma_thu_tuc"] = f"TT-{i + 1:04d}"
        # Row i is full-online when the running share (i+1)·218/377 crosses a whole number.
        share, total = THU_TUC_TOAN_TRINH, THU_TUC_TONG
        is_full = (i + 1) * share // total > i * share // total
        code = "toan_trinh" if is_full else "mot_phan"
        # Every 10th row carries the display label instead of the code; the reader takes both.
        row["muc_do"] = c.MUC_DO_THU_TUC[code] if i % 10 == 9 else code
    n_full = sum(r["muc_do"] in ("toan_trinh", full) for r in rows)
    assert (n_full, len(rows) - n_full) == (THU_TUC_TOAN_TRINH, THU_TUC_MOT_PHAN)
    return rows


def ho_so_tong_hop_rows() -> list[dict[str, object]]:
    ministries = [r for r in HO_SO_TONG_HOP if r.get("thuoc") == BO_NGANH]
    assert sum(int(r["tiep_nhan"]) for r in ministries) == 884  # declared: 896
    return HO_SO_TONG_HOP


def van_ban_rows() -> list[dict[str, object]]:
    keys = ("so_ky_hieu", "ngay_ban_hanh", "loai", "trich_yeu", "muc")
    return [dict(zip(keys, row, strict=True)) for row in VAN_BAN]


def noi_dung_rows() -> list[dict[str, object]]:
    return [
        {"muc": muc, "thu_tu": thu_tu, "van_ban": text}
        for muc, paragraphs in NOI_DUNG.items()
        for thu_tu, text in paragraphs.items()
    ]


def _code(sheet: c.Sheet, column: str, value: object) -> str:
    """The enumeration code of a cell written as a code or as its display label."""
    enum = sheet.column(column).enum
    return next(k for k, label in enum.items() if value in (k, label))


# Sheet -> (columns written, rows). Columns follow the contract's order; optional columns that
# this unit does not fill are left out.
def sheets() -> list[tuple[c.Sheet, tuple[str, ...], list[dict[str, object]]]]:
    return [
        (c.THONG_TIN, ("khoa", "gia_tri"), thong_tin_rows()),
        (c.CHI_TIEU, ("ma", "noi_dung", "loai", "trang_thai", "chi_so", "nguong"), chi_tieu_rows()),
        (c.THU_TUC, ("ma_thu_tuc", "ten_thu_tuc", "linh_vuc", "muc_do", "he_thong"), thu_tuc_rows()),
        (c.HO_SO_TONG_HOP, tuple(col.key for col in c.HO_SO_TONG_HOP.columns), ho_so_tong_hop_rows()),
        (c.CHI_SO, tuple(col.key for col in c.CHI_SO.columns), CHI_SO),
        (c.VAN_BAN, ("so_ky_hieu", "ngay_ban_hanh", "loai", "trich_yeu", "muc"), van_ban_rows()),
        (c.NOI_DUNG, ("muc", "thu_tu", "van_ban"), noi_dung_rows()),
    ]  # fmt: skip


def write_sheet(wb: Workbook, sheet: c.Sheet, keys: tuple[str, ...], rows: list[dict]) -> None:
    columns = [col for col in sheet.columns if col.key in keys]
    assert [col.key for col in columns] == list(keys), f"{sheet.key}: not in contract order"
    assert all(col.key in keys for col in sheet.columns if col.required), sheet.key
    for row in rows:
        assert set(row) <= set(keys), f"{sheet.key}: unknown column in {row}"
    values = [[row.get(key) for key in keys] for row in rows]
    header = [col.label for col in columns]
    xlsx.write_sheet(wb, sheet.label, header, values, header_alignment=xlsx.TOP)


def build() -> Workbook:
    wb = xlsx.new_workbook()
    for sheet, keys, rows in sheets():
        write_sheet(wb, sheet, keys, rows)
    wb.properties.title = "Báo cáo NQ57 quý I/2026 — phường Phù Liễn (dữ liệu đầu vào mẫu)"
    wb.properties.creator = "data/make_phu_lien_2026q1.py"
    wb.properties.lastModifiedBy = "data/make_phu_lien_2026q1.py"
    return wb


def main() -> None:
    wb = build()
    xlsx.save(wb, OUTPUT, fixed_time=FIXED_TIME)
    sizes = ", ".join(f"{ws.title}: {ws.max_row - 1}" for ws in wb.worksheets)
    print(f"Wrote {OUTPUT} ({sizes} rows)")


if __name__ == "__main__":
    main()
