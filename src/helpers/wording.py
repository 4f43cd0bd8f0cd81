"""Every sentence, heading and chart label of the report, as Jinja2 templates in one place.

Sentences render to plain text (the HTML layer escapes them); filters give Vietnamese
formats: ``so`` (11.952), ``so2`` (08: a count under 10 with its leading zero, as official
reports write it), ``pt`` (39,2%), ``ngay`` (16/04/2026), ``quy`` (Quý I năm 2026), ``thoi_ky``
a quarter or a longer period (Quý I năm 2026, 6 tháng đầu năm 2026, Năm 2026).
"""

from __future__ import annotations

from functools import cache

import jinja2

from helpers import fmt
from helpers.contract import MUC_BAO_CAO as SECTIONS

TEMPLATES: dict[str, str] = {
    # --- title block -------------------------------------------------------------------
    "tieu_de": "BÁO CÁO",
    # a quarter's subject ends with the quarter; a longer period's begins with its title
    "trich_yeu": (
        "{% if ky.quarters | length > 1 %}{% include 'ky.tieu_de' %} tình hình, kết quả"
        "{% else %}Sơ kết tình hình, kết quả{% endif %} triển khai thực hiện Nghị quyết số "
        "57-NQ/TW của Bộ Chính trị về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển "
        "đổi số trên địa bàn {{ don_vi | lower_first }}"
        "{% if ky.quarters | length == 1 %} {{ ky | thoi_ky | lower_first }}{% endif %}"
    ),
    # what offices call a report of six months, nine months, the year
    "ky.tieu_de": (
        "{% if ky.quarters | length == 4 %}Tổng kết năm {{ ky.year }}"
        "{% else %}Sơ kết {{ ky | thoi_ky | lower_first }}{% endif %}"
    ),
    "pham_vi_so_lieu": ("Số liệu từ ngày {{ tu_ngay | ngay }} đến ngày {{ den_ngay | ngay }}."),
    "mo_dau_mac_dinh": (
        "{{ co_quan }} báo cáo kết quả triển khai thực hiện Nghị quyết số 57-NQ/TW "
        "{{ ky | thoi_ky | lower_first }} cụ thể như sau:"
    ),
    # --- section headings ----------------------------------------------------------------
    "muc.I": "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TỔ CHỨC THỰC HIỆN",
    "muc.II": (
        "II. KẾT QUẢ TRIỂN KHAI THỰC HIỆN {% if ky.quarters | length == 1 %}TRONG "
        "{{ ky | thoi_ky(short=True) | upper }}{% else %}{{ ky | thoi_ky | upper }}{% endif %}"
    ),
    # A numbered section's heading is its number and its name: the name an analyst may type
    # in noi_dung.muc instead of the code (contract.MUC_BAO_CAO), defined there once.
    **{
        f"muc.{code}": f"{code.split('.', 1)[1]}. {name}"
        for code, name in SECTIONS.items()
        if "." in code
    },
    "muc.II.1": "1. " + SECTIONS["II.1"] + " năm {{ nam }}",
    "muc.II.2": "2. Về chuyển đổi số",  # a heading only: its paragraphs go in 2.1 … 2.7
    "muc.III": "III. ĐÁNH GIÁ CHUNG",
    # after a quarter: the next quarter; after six months: the last six; after nine: Quý IV;
    # after the year: the next year
    "muc.IV": (
        "IV. NHIỆM VỤ, GIẢI PHÁP {% if ky_sau.quarters | length == 1 %}TRONG {% endif %}"
        "{{ ky_sau | thoi_ky | upper }}"
    ),
    "muc.V": "V. " + SECTIONS["V"].upper(),
    "muc.van_ban": "Các văn bản chỉ đạo đã ban hành",
    "muc.so_lieu": "Số liệu",
    "van_ban": (
        "{{ loai }} số {{ so_ky_hieu }} ngày {{ ngay_ban_hanh | ngay }} "
        "{% if trich_yeu.lower().startswith('về') %}{{ trich_yeu }}"
        "{% else %}về {{ trich_yeu | lower_first }}{% endif %}"
    ),
    # --- II.1 objectives and tasks --------------------------------------------------------
    "chi_tieu": (
        "Tổng số nhiệm vụ, chỉ tiêu thực hiện trong năm {{ nam }} là: "
        "{{ muc_tieu_tong | so2 }} mục tiêu, {{ nhiem_vu_tong | so2 }} nhiệm vụ; trong đó có "
        "{{ tien_do_tong | so2 }} nhiệm vụ theo tiến độ và {{ thuong_xuyen_tong | so2 }} nhiệm vụ "
        "triển khai thường xuyên. Tính đến ngày {{ den_ngay | ngay }}, {{ co_quan }} đã hoàn "
        "thành {{ muc_tieu_ht | so2 }}/{{ muc_tieu_tong | so2 }} mục tiêu cụ thể "
        "({{ muc_tieu_ty_le | pt }}) và {{ tien_do_ht | so2 }}/{{ tien_do_tong | so2 }} nhiệm vụ "
        "theo tiến độ ({{ tien_do_ty_le | pt }})."
    ),
    "chi_tieu.chua_xong": (
        "Các mục tiêu, nhiệm vụ theo tiến độ chưa hoàn thành: {{ so_luong | so2 }}"
        "{% if qua_han %}, trong đó {{ qua_han | so2 }} đã quá hạn hoàn thành{% endif %}."
    ),
    # --- II.1 targets judged from the figures (helpers.targets) ---------------------------
    "chi_tieu.danh_gia": (
        "Đánh giá từ số liệu của báo cáo: {{ tong | so2 }} mục tiêu, nhiệm vụ có chỉ số đo, "
        "trong đó {{ dat | so2 }} đạt, {{ chua_dat | so2 }} chưa đạt"
        "{% if khong_co %}, {{ khong_co | so2 }} chưa có số liệu để đánh giá{% endif %}."
    ),
    "chi_tieu.bang": "Đánh giá mục tiêu, nhiệm vụ theo số liệu",
    "chi_tieu.nguong": (
        "{% if chieu == 'toi_da' %}tối đa{% else %}tối thiểu{% endif %} {{ nguong }}"
    ),
    # the distance to the threshold: points for a rate, the figure's unit for a count, and the
    # count still missing where the rate has its counts
    "chi_tieu.chenh": (
        "{% set khoang %}{% if la_ty_le %}{{ chenh | abs | diem_pt }}{% else %}"
        "{{ chenh | abs | so }} {{ don_vi }}{% endif %}{% endset %}"
        "{% if verdict == 'chua_dat' %}{% if chieu == 'toi_da' %}vượt{% else %}còn thiếu"
        "{% endif %} {{ khoang }}{% if con_thieu %} ({{ con_thieu | so }} {{ don_vi }})"
        "{% endif %}{% elif verdict == 'dat' %}{% if chenh %}{% if chieu == 'toi_da' %}dưới"
        "{% else %}vượt{% endif %} {{ khoang }}{% else %}đúng ngưỡng{% endif %}"
        "{% else %}–{% endif %}"
    ),
    # --- the service index of Decision 766 (helpers.service_index) --------------------------
    "muc.chi_so_766": (
        "Chỉ số phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ "
        "công (ước tính theo Quyết định 766/QĐ-TTg)"
    ),
    "chi_so_766.tong": (
        "Ước tính từ số liệu của đơn vị: {{ dat | diem }}/{{ co_so_lieu | diem }} điểm có số "
        "liệu; tối đa {{ toi_da | diem }} ({{ do_duoc | so2 }}/{{ so_chi_so | so2 }} chỉ số đo "
        "được từ số liệu của đơn vị, các chỉ số còn lại cần số liệu của Cổng Dịch vụ công "
        "quốc gia)."
    ),
    "chi_so_766.khong_do_duoc": (
        "Ước tính từ số liệu của đơn vị: chưa đo được chỉ số nào (tối đa {{ toi_da | diem }} điểm)."
    ),
    "chi_so_766.ghi_chu": (
        "Đây là ước tính từ số liệu của đơn vị, không phải điểm chính thức do Cổng Dịch vụ công "
        "quốc gia công bố; ngưỡng và trọng số theo mô tả công thức của Cổng (độ tin cậy trung "
        "bình), lưu cùng nguồn trích dẫn trong bảng chi_so_766.csv."
    ),
    "chi_so_766.bang": "Chỉ số phục vụ người dân, doanh nghiệp (ước tính từ số liệu của đơn vị)",
    "chi_so_766.mat_diem": "Các chỉ số bị mất điểm (ước tính):",
    "chi_so_766.day_du.hai_long_giai_quyet": (
        "Đạt điểm tối đa: {{ tu_so | so }}/{{ mau_so | so }} hồ sơ quá hạn, mức hài lòng ước tính "
        "{{ ty_le | pt2 }}; chưa trừ hồ sơ bị phản ánh, kiến nghị (không có số liệu)."
    ),
    "chi_so_766.day_du": (
        "Đạt điểm tối đa: {{ tu_so | so }}/{{ mau_so | so }} ({{ ty_le | pt2 }})."
    ),
    "chi_so_766.khong_co": "Không có số liệu: {{ ly_do }}.",
    "chi_so_766.ly_do.mau_so_0": "không có {{ mau_so_ten | lower_first }} trong kỳ",
    "chi_so_766.giai_quyet_dung_han": (
        "{% set khac = mau_so - tu_so - f['ho_so.qua_han'] - f['ho_so.dang_qua_han'] %}"
        "{% if f['ho_so.qua_han'] %}{{ f['ho_so.qua_han'] | so }} hồ sơ giải quyết quá hạn"
        "{% if f['ho_so.dang_qua_han'] or khac %}, {% endif %}{% endif %}"
        "{% if f['ho_so.dang_qua_han'] %}{{ f['ho_so.dang_qua_han'] | so }} hồ sơ đang quá hạn"
        "{% if khac %}, {% endif %}{% endif %}"
        "{% if khac %}{{ khac | so }} hồ sơ rút, từ chối{% endif %} không được tính là đúng "
        "hạn ({{ tu_so | so }}/{{ mau_so | so }} hồ sơ, {{ ty_le | pt2 }}), làm mất "
        "{{ mat | diem }} điểm tiến độ."
    ),
    "chi_so_766.cung_cap_truc_tuyen": (
        "{{ (mau_so - tu_so) | so }} thủ tục chỉ thực hiện trực tiếp; tỷ lệ thủ tục cung cấp "
        "trực tuyến {{ ty_le | pt2 }} (đủ điểm từ {{ day_du_tu | pt }}): cần thêm "
        "{{ can_them | so }} thủ tục trực tuyến, đang mất {{ mat | diem }} điểm."
    ),
    "chi_so_766.dvc_phat_sinh_ho_so": (
        "{{ (mau_so - tu_so) | so }}/{{ mau_so | so }} thủ tục trực tuyến chưa có hồ sơ trực "
        "tuyến nào trong kỳ, làm mất {{ mat | diem }} điểm."
    ),
    "chi_so_766.ho_so_truc_tuyen": (
        "Tỷ lệ hồ sơ nộp trực tuyến {{ ty_le | pt2 }} (đủ điểm từ {{ day_du_tu | pt }}): cần "
        "thêm {{ can_them | so }} hồ sơ nộp trực tuyến, đang mất {{ mat | diem }} điểm."
    ),
    "chi_so_766.tich_hop_thanh_toan": (
        "{{ (mau_so - tu_so) | so }}/{{ mau_so | so }} thủ tục có phí, lệ phí chưa cung cấp "
        "trực tuyến (đủ điểm từ {{ day_du_tu | pt }}): cần thêm {{ can_them | so }} thủ tục, "
        "đang mất {{ mat | diem }} điểm."
    ),
    "chi_so_766.thu_tuc_co_thanh_toan": (
        "{{ (mau_so - tu_so) | so }}/{{ mau_so | so }} thủ tục có phí, lệ phí chưa có hồ sơ "
        "nào thanh toán trực tuyến, làm mất {{ mat | diem }} điểm."
    ),
    "chi_so_766.ho_so_thanh_toan": (
        "{{ (mau_so - tu_so) | so }}/{{ mau_so | so }} hồ sơ phải nộp phí, lệ phí chưa thanh "
        "toán trực tuyến, làm mất {{ mat | diem }} điểm."
    ),
    "chi_so_766.ket_qua_dien_tu": (
        "{{ (mau_so - tu_so) | so }}/{{ mau_so | so }} hồ sơ đã giải quyết chưa trả kết quả "
        "điện tử, làm mất {{ mat | diem }} điểm."
    ),
    "chi_so_766.so_hoa_thanh_phan": (
        "Tỷ lệ hồ sơ được số hóa thành phần {{ ty_le | pt2 }} (đủ điểm từ {{ day_du_tu | pt }}): "
        "cần thêm {{ can_them | so }} hồ sơ, đang mất {{ mat | diem }} điểm."
    ),
    "chi_so_766.tai_su_dung": (
        "Tỷ lệ hồ sơ tái sử dụng dữ liệu đã số hóa {{ ty_le | pt2 }} (đủ điểm từ "
        "{{ day_du_tu | pt }}): cần thêm {{ can_them | so }} hồ sơ, đang mất {{ mat | diem }} điểm."
    ),
    "chi_so_766.hai_long_giai_quyet": (
        "{{ tu_so | so }} hồ sơ quá hạn (đã hoặc đang giải quyết) đưa mức hài lòng ước tính "
        "xuống {{ ty_le | pt2 }} (đủ điểm từ {{ day_du_tu | pt }}): cần giảm {{ can_them | so }} "
        "hồ sơ quá hạn, đang mất {{ mat | diem }} điểm; chưa trừ hồ sơ bị phản ánh, kiến nghị "
        "(không có số liệu)."
    ),
    # why an indicator has no data, by the first figure it lacks
    "chi_so_766.ly_do.cong": "cần số liệu của Cổng Dịch vụ công quốc gia",
    "chi_so_766.ly_do.ho_so.ky_truoc_chuyen_sang": (
        "số liệu không nêu số hồ sơ kỳ trước chuyển sang"
    ),
    "chi_so_766.ly_do.ho_so": "cần danh sách hồ sơ (trang «Hồ sơ»)",
    "chi_so_766.ly_do.thu_tuc.co_phi": "trang «Thủ tục» chưa có cột «Có phí, lệ phí»",
    "chi_so_766.ly_do.ho_so.qua_han": "số liệu không nêu số hồ sơ giải quyết quá hạn",
    "chi_so_766.ly_do.ho_so.dang_qua_han": "số liệu không nêu số hồ sơ đang giải quyết quá hạn",
    "chi_so_766.ly_do.ho_so.phai_thanh_toan": (
        "danh sách hồ sơ chưa có cột «Thanh toán trực tuyến» (DuocThanhToanTrucTuyen)"
    ),
    "chi_so_766.ly_do.ho_so.ket_qua_dien_tu": (
        "danh sách hồ sơ chưa có cột «Kết quả điện tử» (hoặc «Đã số hóa»)"
    ),
    "chi_so_766.ly_do.ho_so.so_hoa_thanh_phan": (
        "danh sách hồ sơ chưa có cột «Số hóa thành phần» (DuocSoHoa)"
    ),
    "chi_so_766.ly_do.ho_so.tai_su_dung": "danh sách hồ sơ chưa có cột «Tái sử dụng dữ liệu số»",
    "chi_so_766.ly_do.khac": "thiếu số liệu «{{ ten }}»",
    # --- III drafted from the figures (judging.assessment; off with --no-draft) -------------
    "du_thao.nhan": (
        "Các ý dưới đây do hệ thống dự thảo từ số liệu; đề nghị rà soát, chỉnh sửa trước khi "
        "ban hành:"
    ),
    "du_thao.bang": "Các câu do hệ thống dự thảo từ số liệu (mục III)",
    "du_thao.chi_tieu_dat": (
        "{{ ds | length | so2 }}/{{ tong | so2 }} mục tiêu, nhiệm vụ có chỉ số đo đã đạt ngưỡng: "
        "{% for j in ds %}{{ j.ma }} ({{ j.gia_tri }}){% if not loop.last %}, {% endif %}"
        "{% endfor %}."
    ),
    "du_thao.chi_tieu_chua_dat": (
        "{{ ma }} «{{ noi_dung }}» chưa đạt: {{ gia_tri }} so với ngưỡng "
        "{% if chieu == 'toi_da' %}không quá {% endif %}{{ nguong }}"
        "{% if con_thieu %}, {% if chieu == 'toi_da' %}vượt{% else %}còn thiếu{% endif %} "
        "{{ con_thieu | so }} {{ don_vi }}{% endif %}."
    ),
    "du_thao.chi_tieu_khong_co": (
        "{{ ds | length | so2 }} mục tiêu, nhiệm vụ có chỉ số đo nhưng chưa có số liệu để đánh "
        "giá: {{ ds | join(', ') }}."
    ),
    "du_thao.chi_so_766": (
        "Chỉ số phục vụ người dân, doanh nghiệp (ước tính theo Quyết định 766/QĐ-TTg) đạt "
        "{{ dat | diem }}/{{ co_so_lieu | diem }} điểm có số liệu; tối đa {{ toi_da | diem }}."
    ),
    "du_thao.chi_so_766_yeu": (
        "Chỉ số «{{ ten }}» (ước tính) đạt {{ diem | diem }}/{{ toi_da | diem }} điểm: "
        "{{ nhan_xet | lower_first }}"
    ),
    "du_thao.thay_doi": (
        "{{ ten }} {% if thay_doi > 0 %}tăng{% else %}giảm{% endif %} "
        "{% if la_ty_le %}{{ thay_doi | abs | diem_pt }}{% else %}{{ thay_doi_pt | abs | pt }}"
        "{% endif %} so với {{ ky_truoc | thoi_ky(short=True) }} (từ {{ truoc }} "
        "{% if thay_doi > 0 %}lên{% else %}xuống{% endif %} {{ nay }})."
    ),
    # --- II.2.2 procedures and dossiers ---------------------------------------------------
    "thu_tuc": (
        "Trung tâm Phục vụ hành chính công thực hiện công khai, niêm yết {{ tong | so }} thủ tục "
        "hành chính, trong đó: thủ tục hành chính trực tuyến toàn trình: {{ toan_trinh | so }} "
        "thủ tục ({{ ty_le_toan_trinh | pt }}); trực tuyến một phần: {{ mot_phan | so }} thủ tục "
        "({{ ty_le_mot_phan | pt }}); trực tiếp: {{ truc_tiep | so }} thủ tục "
        "({{ ty_le_truc_tiep | pt }})."
    ),
    "ho_so.tiep_nhan": (
        "Từ ngày {{ tu_ngay | ngay }} đến ngày {{ den_ngay | ngay }}, Trung tâm thực hiện tiếp "
        "nhận, giải quyết TTHC trên Hệ thống thông tin giải quyết TTHC thuộc thẩm quyền: tiếp "
        "nhận {{ tiep_nhan | so }} hồ sơ, trong đó trực tuyến {{ truc_tuyen | so }} hồ sơ, đạt "
        "{{ ty_le_truc_tuyen | pt }}; tiếp nhận trực tiếp, qua bưu chính "
        "{{ truc_tiep_buu_chinh | so }} hồ sơ."
    ),
    "ho_so.mo_dau": "Báo cáo số liệu chi tiết:",
    "ho_so.ky_truoc": (
        "{% if ky_truoc_chuyen_sang is none %}Số liệu không nêu số hồ sơ kỳ trước chuyển sang."
        "{% else %}Kỳ trước chuyển sang: {{ ky_truoc_chuyen_sang | so }} hồ sơ.{% endif %}"
    ),
    "ho_so.giai_quyet": (
        "Số hồ sơ đã giải quyết (kỳ này và kỳ trước chuyển sang): {{ da_giai_quyet | so }} hồ sơ"
        "{% if da_giai_quyet %}, trong đó trước hạn {{ truoc_han | so }}, đúng hạn "
        "{{ dung_han | so }}, {% if qua_han %}quá hạn {{ qua_han | so }}"
        "{% else %}không có hồ sơ quá hạn{% endif %}; tỷ lệ giải quyết trước và đúng hạn đạt "
        "{{ ty_le_dung_han | pt }}{% endif %}."
    ),
    "ho_so.rut": "Số hồ sơ rút, từ chối: {{ rut_tu_choi | so }} hồ sơ.",
    "ho_so.dang_giai_quyet": (
        "Số hồ sơ đang giải quyết: {{ dang_giai_quyet | so }} hồ sơ"
        "{% if dang_giai_quyet %} ({% if dang_qua_han %}trong hạn {{ dang_trong_han | so }}, quá "
        "hạn {{ dang_qua_han | so }}{% else %}trong hạn{% endif %}){% endif %}."
    ),
    "ho_so.so_hoa": (
        "Hồ sơ giải quyết được số hóa kết quả: {{ so_hoa | so }}/{{ da_giai_quyet | so }} hồ sơ, "
        "đạt {{ ty_le_so_hoa | pt }}."
    ),
    "ho_so.tien_do": (
        "Chỉ số tiến độ giải quyết (hồ sơ giải quyết trước, đúng hạn và đang giải quyết trong "
        "hạn trên tổng số hồ sơ phải giải quyết, theo Quyết định 766/QĐ-TTg): "
        "{{ chi_so_tien_do | pt }}."
    ),
    "ho_so.he_thong": (
        "Trong đó tính riêng trên {{ ten }}: tổng số hồ sơ tiếp nhận {{ tiep_nhan | so }} hồ sơ"
        "{% if con %} (gồm: {% for c in con %}{{ c.ten }}: {{ c.tiep_nhan | so }} hồ sơ"
        "{% if not loop.last %}; {% endif %}{% endfor %}){% endif %}."
    ),
    "ho_so.nguon_ban_ghi": (
        "Số liệu hồ sơ tính từ {{ so_ban_ghi | so }} bản ghi hồ sơ của hệ thống."
    ),
    "ho_so.nguon_tong_hop": "Số liệu hồ sơ theo bảng tổng hợp của đơn vị.",
    "ho_so.nguon_ky": (
        "Số liệu hồ sơ {{ ky | thoi_ky | lower_first }} cộng từ số liệu các quý "
        "{% for q in ky.quarters %}{{ q | thoi_ky(short=True) }}{% if not loop.last %}, "
        "{% endif %}{% endfor %}: tiếp nhận, giải quyết, rút là tổng các quý; kỳ trước chuyển "
        "sang là của {{ ky.quarters[0] | thoi_ky(short=True) }}; đang giải quyết tính đến cuối "
        "{{ ky.latest | thoi_ky(short=True) }}."
    ),
    # --- chi_so items -----------------------------------------------------------------------
    "chi_so": (
        "{{ ten }}: "
        "{% if tu_so is not none and mau_so is not none %}{{ tu_so | so_kem(tu_so_kem) }}/"
        "{{ mau_so | so }}{% if don_vi_tinh %} {{ don_vi_tinh }}{% endif %}, đạt {{ ty_le | pt }}"
        "{% if ty_le_bao_cao is not none and lech %} (báo cáo ghi "
        "{{ ty_le_bao_cao | pt_kem(ty_le_bao_cao_kem) }}){% endif %}"
        "{% elif tu_so is not none %}{{ tu_so | so_kem(tu_so_kem) }}"
        "{% if don_vi_tinh %} {{ don_vi_tinh }}{% endif %}"
        "{% if ty_le_bao_cao is not none %}, đạt {{ ty_le_bao_cao | pt_kem(ty_le_bao_cao_kem) }}"
        "{% endif %}"
        "{% else %}đạt {{ ty_le_bao_cao | pt_kem(ty_le_bao_cao_kem) }}{% endif %}"
        "{% if ghi_chu %} ({{ ghi_chu }}){% endif %}."
    ),
    # --- closing ----------------------------------------------------------------------------
    "ket_luan": (
        "Trên đây là Báo cáo của {{ co_quan }} về tình hình, kết quả triển khai thực hiện Nghị "
        "quyết số 57-NQ/TW của Bộ Chính trị về phát triển khoa học, công nghệ, đổi mới sáng tạo "
        "và chuyển đổi số trên địa bàn./."
    ),
    # --- the analysis annex (helpers.analysis_annex; off with --no-analysis) ---------------
    "muc.phan_tich": "PHỤ LỤC. PHÂN TÍCH HỒ SƠ",
    "phan_tich.mo_dau": (
        "Phụ lục tổng hợp từ {{ so_ban_ghi | so }} bản ghi hồ sơ thủ tục hành chính "
        "{{ ky | thoi_ky | lower_first }} (từ ngày {{ tu_ngay | ngay }} đến ngày "
        "{{ den_ngay | ngay }}), theo cùng cách tính tiếp nhận, giải quyết, quá hạn như mục "
        "II.2.2; chỉ gồm số lượng và tỷ lệ, không nêu hồ sơ cụ thể nào."
    ),
    "phan_tich.thang": "1. Hồ sơ tiếp nhận theo tháng và kênh nộp",
    "phan_tich.thang_cau": (
        "Tiếp nhận {{ tong | so }} hồ sơ trong {{ so_thang }} tháng; nhiều nhất là tháng "
        "{{ thang_nhieu | thang }} ({{ nhieu | so }} hồ sơ){% if ty_le_cao is not none %}; tỷ lệ "
        "nộp trực tuyến từ {{ ty_le_thap | pt }} (tháng {{ thang_thap | thang }}) đến "
        "{{ ty_le_cao | pt }} (tháng {{ thang_cao | thang }}){% endif %}."
    ),
    "phan_tich.thang_bang": "Hồ sơ tiếp nhận theo tháng và kênh nộp",
    "phan_tich.thoi_gian": "2. Thời gian giải quyết so với thời hạn, theo lĩnh vực",
    "phan_tich.thoi_gian_cau": (
        "Đã giải quyết {{ da_giai_quyet | so }} hồ sơ; thời gian giải quyết trung vị "
        "{{ so_ngay | so }} ngày so với thời hạn trung vị {{ han | so }} ngày; "
        "{{ qua_han | so }} hồ sơ giải quyết quá hạn ({{ ty_le | pt }})"
        "{% if linh_vuc_xau %}; tỷ lệ quá hạn cao nhất ở lĩnh vực {{ linh_vuc_xau }} "
        "({{ ty_le_xau | pt }}){% endif %}."
    ),
    "phan_tich.thoi_gian_bang": "Thời gian giải quyết hồ sơ theo lĩnh vực (ngày theo lịch)",
    "phan_tich.nhom_nho": (
        "Trung vị tính theo ngày lịch, từ ngày tiếp nhận đến ngày có kết quả (thời hạn: đến "
        "ngày hẹn trả); lĩnh vực có dưới {{ toi_thieu }} hồ sơ đã giải quyết chỉ ghi số lượng."
    ),
    "phan_tich.khong_giai_quyet": "Trong kỳ chưa có hồ sơ nào được giải quyết.",
    "phan_tich.qua_han": "3. Thủ tục có nhiều hồ sơ quá hạn nhất",
    "phan_tich.qua_han_cau": (
        "{{ so_thu_tuc | so }} thủ tục có hồ sơ giải quyết quá hạn hoặc đang quá hạn; "
        "{% if so_thu_tuc > hien %}{{ hien }} thủ tục nhiều nhất{% else %}các thủ tục đó{% endif %}"
        " chiếm {{ chiem | so }}/{{ tong | so }} hồ sơ quá hạn."
    ),
    "phan_tich.qua_han_bang": "Thủ tục có nhiều hồ sơ quá hạn nhất",
    "phan_tich.khong_qua_han": "Không có hồ sơ giải quyết quá hạn hay đang quá hạn.",
    "phan_tich.truc_tuyen": "4. Thủ tục trực tuyến chưa phát sinh hồ sơ trực tuyến",
    "phan_tich.truc_tuyen_cau": (
        "{{ so_thu_tuc | so }}/{{ tong | so }} thủ tục cung cấp trực tuyến (toàn trình, một "
        "phần) không có hồ sơ nộp trực tuyến nào trong kỳ{% if co_ho_so %}; {{ co_ho_so | so }} "
        "thủ tục trong số đó vẫn có hồ sơ nộp trực tiếp hoặc qua bưu chính{% endif %}."
    ),
    "phan_tich.truc_tuyen_bang": (
        "Thủ tục trực tuyến chưa có hồ sơ trực tuyến{% if con_lai %} ({{ hien }} thủ tục có nhiều "
        "hồ sơ nộp trực tiếp nhất; còn {{ con_lai | so }} thủ tục khác){% endif %}"
    ),
    "phan_tich.truc_tuyen_du": (
        "Mọi thủ tục cung cấp trực tuyến đều có hồ sơ nộp trực tuyến trong kỳ."
    ),
    "phan_tich.truc_tuyen_khong_co": "Đơn vị chưa công bố thủ tục nào cung cấp trực tuyến.",
    "phan_tich.lich": "5. Hồ sơ tiếp nhận theo ngày trong tuần và khung giờ",
    "phan_tich.lich_cau": (
        "Ngày tiếp nhận nhiều hồ sơ nhất là {{ ngay_nhieu | lower_first }} ({{ nhieu | so }} hồ "
        "sơ){% if quay is not none %}; tại quầy (nộp trực tiếp), {{ ngay_quay | lower_first }} "
        "({{ quay | so }} hồ sơ){% endif %}."
    ),
    "phan_tich.lich_bang": "Hồ sơ tiếp nhận theo ngày trong tuần và kênh nộp",
    "phan_tich.gio_cau": (
        "Hồ sơ nộp trực tiếp tại quầy tập trung nhiều nhất vào khung {{ gio }} giờ–{{ gio + 1 }} "
        "giờ ({{ nhieu | so }} hồ sơ, {{ ty_le | pt }} số hồ sơ tại quầy có ghi giờ)."
    ),
    "phan_tich.khong_gio": (
        "Tệp số liệu không ghi giờ tiếp nhận hồ sơ nên chưa phân tích được theo khung giờ."
    ),
    "phan_tich.tong": "Tổng",
    "muc.kiem_tra": "PHỤ LỤC. KIỂM TRA SỐ LIỆU",
    "kiem_tra.bang": "Các điểm số liệu cần rà soát",
    "kiem_tra.sach": (
        "Đối chiếu số liệu của báo cáo không phát hiện điểm bất hợp lý nào: các tổng, tỷ lệ và "
        "cân đối hồ sơ đều khớp."
    ),
    "kiem_tra.tom_tat": (
        "Đối chiếu tự động các số liệu của báo cáo phát hiện {{ so_loi }} lỗi (số liệu mâu "
        "thuẫn nhau) và {{ so_canh_bao }} cảnh báo (cần xem lại). Phụ lục này không thuộc nội "
        "dung báo cáo; đề nghị rà soát trước khi ký ban hành."
    ),
    "muc.dien_bien": "Diễn biến qua các quý",
    "dien_bien.khong_co_ky_truoc": (
        "Chưa có số liệu {{ ky_truoc | quy(short=True) }} của đơn vị nên chưa so sánh được với "
        "quý trước."
    ),
    "dien_bien.so_voi": (
        "So với {{ ky_truoc | quy(short=True) }}: {{ ten | lower_first }} "
        "{% if thay_doi > 0 %}tăng {{ thay_doi | so }}{% elif thay_doi < 0 %}giảm "
        "{{ (-thay_doi) | so }}{% else %}không đổi{% endif %}"
        "{% if thay_doi and thay_doi_pt is not none %} ({{ thay_doi_pt | pt }}){% endif %}, "
        "từ {{ ky_truoc_gia_tri | so }} {% if thay_doi < 0 %}xuống{% else %}lên{% endif %} "
        "{{ ky_nay | so }}."
    ),
    "dien_bien.luy_ke": (
        "Lũy kế từ đầu năm {{ nam }} ({{ so_quy }} quý): tiếp nhận {{ tiep_nhan | so }} hồ sơ"
        "{% if ty_le_truc_tuyen is not none %}, trực tuyến đạt {{ ty_le_truc_tuyen | pt }}"
        "{% endif %}{% if ty_le_dung_han is not none %}; giải quyết trước và đúng hạn đạt "
        "{{ ty_le_dung_han | pt }}{% endif %}."
    ),
    "dien_bien.thieu_quy": (
        "Lũy kế từ đầu năm chưa đầy đủ: thiếu số liệu {% for q in thieu %}{{ q | quy(short=True) }}"
        "{% if not loop.last %}, {% endif %}{% endfor %}."
    ),
    # --- a period: its quarters and the same period last year (comparisons.period_section) -----
    "muc.cung_ky": "Diễn biến qua các quý và so với cùng kỳ năm trước",
    "cung_ky.so_voi": (
        "So với cùng kỳ năm {{ ky_truoc.year }}: {{ ten | lower_first }} "
        "{% if thay_doi > 0 %}tăng{% elif thay_doi < 0 %}giảm{% else %}không đổi{% endif %}"
        "{% if thay_doi %} {% if la_ty_le %}{{ thay_doi | abs | diem_pt }}{% else %}"
        "{{ thay_doi | abs | so }}{% if thay_doi_pt is not none %} ({{ thay_doi_pt | abs | pt }})"
        "{% endif %}{% endif %}, từ {{ truoc }} {% if thay_doi < 0 %}xuống{% else %}lên{% endif %} "
        "{{ nay }}{% else %} ({{ nay }}){% endif %}."
    ),
    "cung_ky.khong_co": (
        "Chưa có đủ số liệu {{ ky_truoc | thoi_ky | lower_first }} (thiếu "
        "{% for q in thieu %}{{ q | thoi_ky(short=True) }}{% if not loop.last %}, {% endif %}"
        "{% endfor %}) nên chưa so sánh được với cùng kỳ năm trước."
    ),
    "cung_ky.bang": "Số liệu theo quý và so với cùng kỳ năm trước",
    "cung_ky.thay_doi": "So với cùng kỳ",
    # --- city roll-up ------------------------------------------------------------------------
    "tong_hop.tieu_de": "BÁO CÁO TỔNG HỢP",
    "tong_hop.trich_yeu": (
        "Kết quả triển khai thực hiện Nghị quyết số 57-NQ/TW của các phường, xã, đặc khu "
        "{{ ky | thoi_ky | lower_first }}"
    ),
    "tong_hop.pham_vi": (
        "Tổng hợp từ số liệu của {{ so_don_vi }} đơn vị{% if khong_doc %}; {{ khong_doc }} tệp "
        "không đọc được, không tính vào tổng{% endif %}."
    ),
    "tong_hop.ho_so": (
        "Các đơn vị tiếp nhận {{ tiep_nhan | so }} hồ sơ, trong đó trực tuyến "
        "{{ truc_tuyen | so }} hồ sơ, đạt {{ ty_le_truc_tuyen | pt }}; đã giải quyết "
        "{{ da_giai_quyet | so }} hồ sơ, trước và đúng hạn đạt {{ ty_le_dung_han | pt }}; "
        "đang giải quyết quá hạn {{ dang_qua_han | so }} hồ sơ."
    ),
    "tong_hop.thu_tuc": (
        "Thủ tục hành chính công khai tại các đơn vị: {{ tong | so }} lượt thủ tục, trong đó trực "
        "tuyến toàn trình {{ toan_trinh | so }} ({{ ty_le | pt }})."
    ),
    "tong_hop.vneid": (
        "Tài khoản VNeID tích hợp sổ sức khỏe điện tử: {{ tu_so | so }}/{{ mau_so | so }}, đạt "
        "{{ ty_le | pt }}."
    ),
    "tong_hop.xep_hang": "Xếp hạng các đơn vị",
    "tong_hop.can_ra_soat": "Đơn vị cần rà soát số liệu",
    "tong_hop.xep_hang_766": (
        "Xếp hạng theo Chỉ số phục vụ người dân, doanh nghiệp (ước tính theo Quyết định 766/QĐ-TTg)"
    ),
    "tong_hop.xep_hang_766_ghi_chu": (
        "Ước tính từ số liệu của từng đơn vị, không phải điểm chính thức của Cổng Dịch vụ công "
        "quốc gia. Xếp theo tỷ lệ điểm đạt trên số điểm có số liệu: đơn vị chỉ có số liệu tổng "
        "hợp đo được ít chỉ số hơn đơn vị có danh sách hồ sơ."
    ),
    "tong_hop.diem_766": "{{ dat | diem }}/{{ co_so_lieu | diem }}",
    "tong_hop.don_vi_loi": (
        "{{ ten }}: {{ so_loi }} lỗi, {{ so_canh_bao }} cảnh báo khi đối chiếu số liệu."
    ),
    "tong_hop.khong_loi": "Số liệu của tất cả các đơn vị không có lỗi khi đối chiếu.",
    "tong_hop.khong_doc_duoc": "Tệp số liệu không đọc được",
    "khong_co_noi_dung": "(Đơn vị chưa nhập nội dung cho mục này.)",
    # --- the national form Biểu II.06a/VPCP/KSTT (helpers.statform) ----------------------
    "bieu_ii06a.ma_bieu": "Biểu II.06a/VPCP/KSTT",
    "bieu_ii06a.don_vi_bao_cao": "Đơn vị báo cáo: {{ co_quan }}",
    "bieu_ii06a.don_vi_nhan": "Đơn vị nhận báo cáo: {{ cap_tren }}",
    "bieu_ii06a.tieu_de": (
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI {{ co_quan | upper }}"
    ),
    "bieu_ii06a.ky_bao_cao": (
        "Kỳ báo cáo: {{ ky | thoi_ky }} (từ ngày {{ tu_ngay | ngay }} đến ngày "
        "{{ den_ngay | ngay }})"
    ),
    "bieu_ii06a.don_vi_tinh": "Đơn vị tính: Số hồ sơ",
    "bieu_ii06a.tong": "Tổng số",
    "bieu_ii06a.cong_thuc": (
        "Ghi chú: (3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13)."
    ),
    # where withdrawn and refused dossiers go: the form has no column for them
    "bieu_ii06a.rut_tu_choi": (
        "Hồ sơ rút, từ chối giải quyết không tính vào số đã giải quyết (7) hay đang giải "
        "quyết (11): {% if rut_tu_choi %}trong kỳ có {{ rut_tu_choi | so }} hồ sơ"
        "{% if chi_tiet %} ({% for r in chi_tiet %}{{ r.ten }}: {{ r.so | so }}"
        "{% if not loop.last %}; {% endif %}{% endfor %}){% endif %}, nên (3) = (7) + (11) + "
        "{{ rut_tu_choi | so }}{% else %}trong kỳ không có hồ sơ nào, nên (3) = (7) + (11)"
        "{% endif %}."
    ),
    "bieu_ii06a.nguoi_lap": "NGƯỜI LẬP BIỂU",
    "bieu_ii06a.nguoi_lap_ky": "(Ký, ghi rõ họ tên)",
    "bieu_ii06a.thu_truong": "THỦ TRƯỞNG ĐƠN VỊ",
    "bieu_ii06a.thu_truong_ky": "(Ký tên, đóng dấu)",
    "chan_trang": (
        "Báo cáo được tạo tự động từ tệp số liệu {{ tep }} lúc {{ luc }}; chỉ chứa số liệu "
        "tổng hợp."
    ),
}

# Chart titles and axis labels.
LABELS: dict[str, str] = {
    "bieu_do.thu_tuc": "Thủ tục hành chính theo mức độ dịch vụ công trực tuyến",
    "bieu_do.ho_so": "Hồ sơ TTHC {{ ky | thoi_ky(short=True) }}: tiếp nhận và kết quả giải quyết",
    "bieu_do.cac_quy_ho_so": (
        "Hồ sơ tiếp nhận và giải quyết theo quý, {{ ky | thoi_ky | lower_first }}"
    ),
    "bieu_do.cac_quy_ty_le": (
        "Tỷ lệ trực tuyến và đúng hạn theo quý, {{ ky | thoi_ky | lower_first }}"
    ),
    "bieu_do.he_thong": "Hồ sơ tiếp nhận theo hệ thống",
    "bieu_do.phan_tich_thang": "Hồ sơ tiếp nhận theo tháng và kênh nộp",
    "bieu_do.phan_tich_qua_han": "Tỷ lệ hồ sơ giải quyết quá hạn theo lĩnh vực",
    "bieu_do.phan_tich_gio": "Hồ sơ nộp trực tiếp theo ngày trong tuần và khung giờ",
    "thu.0": "Thứ Hai",
    "thu.1": "Thứ Ba",
    "thu.2": "Thứ Tư",
    "thu.3": "Thứ Năm",
    "thu.4": "Thứ Sáu",
    "thu.5": "Thứ Bảy",
    "thu.6": "Chủ nhật",
    "truc.gio": "Giờ tiếp nhận",
    "bieu_do.vneid": "Tích hợp tiện ích trên ứng dụng VNeID",
    "bieu_do.dien_bien_ho_so": "Hồ sơ tiếp nhận và giải quyết qua các quý",
    "bieu_do.dien_bien_ty_le": "Tỷ lệ trực tuyến và đúng hạn qua các quý",
    "bieu_do.chi_tieu": "Tiến độ mục tiêu, nhiệm vụ năm {{ nam }}",
    "bieu_do.chi_so_766": "Chỉ số phục vụ (ước tính): điểm đạt theo nhóm chỉ số",
    "nhan.diem_dat": "Điểm đạt",
    "nhan.diem_mat": "Điểm mất",
    "nhan.diem_nhom": (
        "{% if co_so_lieu %}{{ dat | diem }}/{{ co_so_lieu | diem }}{% else %}Không có số liệu"
        "{% endif %} (tối đa {{ toi_da | diem }})"
    ),
    "nhan.khong_co_so_lieu": "Không có số liệu",
    "truc.diem": "Điểm",
    "truc.so_ho_so": "Số hồ sơ",
    "truc.so_thu_tuc": "Số thủ tục",
    "truc.ty_le": "Tỷ lệ",
    "nhan.hoan_thanh": "Hoàn thành",
    "nhan.chua_hoan_thanh": "Chưa hoàn thành",
    "nhan.tiep_nhan": "Tiếp nhận",
    "nhan.truc_tuyen": "Trực tuyến",
    "nhan.truc_tiep_buu_chinh": "Trực tiếp, bưu chính",
    "nhan.ky_truoc_chuyen_sang": "Kỳ trước chuyển sang",
    "nhan.truoc_han": "Giải quyết trước hạn",
    "nhan.dung_han": "Giải quyết đúng hạn",
    "nhan.qua_han": "Giải quyết quá hạn",
    "nhan.rut_tu_choi": "Rút, từ chối",
    "nhan.dang_trong_han": "Đang giải quyết trong hạn",
    "nhan.dang_qua_han": "Đang giải quyết quá hạn",
    "nhan.da_tich_hop": "Đã tích hợp",
    # the columns of Biểu II.06a, in its two levels of headers (helpers.statform)
    "bieu_ii06a.cot.tt": "TT",
    "bieu_ii06a.cot.linh_vuc": "Lĩnh vực, công việc giải quyết",
    "bieu_ii06a.cot.nhan_giai_quyet": "Số hồ sơ nhận giải quyết",
    "bieu_ii06a.cot.da_giai_quyet": "Số lượng hồ sơ đã giải quyết",
    "bieu_ii06a.cot.dang_giai_quyet": "Số lượng hồ sơ đang giải quyết",
    "bieu_ii06a.cot.tong_so": "Tổng số",
    "bieu_ii06a.cot.trong_ky": "Trong kỳ",
    "bieu_ii06a.cot.truc_tuyen": "Trực tuyến",
    "bieu_ii06a.cot.truc_tiep_buu_chinh": "Trực tiếp, dịch vụ bưu chính",
    "bieu_ii06a.cot.ky_truoc_chuyen_sang": "Từ kỳ trước chuyển sang",
    "bieu_ii06a.cot.truoc_han": "Trước hạn",
    "bieu_ii06a.cot.dung_han": "Đúng hạn",
    "bieu_ii06a.cot.qua_han": "Quá hạn",
    "bieu_ii06a.cot.trong_han": "Trong hạn",
    "nhan.con_lai": "Chưa tích hợp",
}


def lower_first(text: object) -> str:
    """``Phường Phù Liễn`` → ``phường Phù Liễn`` (inside a sentence)."""
    s = str(text)
    return s[:1].lower() + s[1:]


def _count2(value: int | None) -> str:
    if value is None:
        return fmt.MISSING
    return f"{value:02d}" if 0 <= value < 10 else fmt.number(value)


@cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the report's wording (plain text, strict on undefined names)."""
    env = jinja2.Environment(
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        # one template may include another by its key ({% include 'ky.tieu_de' %})
        loader=jinja2.FunctionLoader(lambda key: TEMPLATES.get(key, LABELS.get(key))),
    )
    env.filters.update(
        so=fmt.number,
        so2=_count2,
        pt=fmt.percent,
        ngay=fmt.date,
        quy=fmt.quarter,
        thoi_ky=fmt.period,
        so_kem=lambda v, q=None: fmt.approx(v, q),
        pt_kem=lambda v, q=None: fmt.approx_percent(v, q),
        lower_first=lower_first,
        pt2=lambda v: fmt.percent(v, 2),
        diem=fmt.points,
        diem_pt=lambda v: fmt.change_points(v).lstrip("+"),
        chi_so=fmt.figure,
        thang=fmt.month,
    )
    return env


def has_wording(key: str) -> bool:
    """Whether ``key`` has a sentence (or label) of its own."""
    return key in TEMPLATES or key in LABELS


def say(key: str, **values: object) -> str:
    """Render the sentence (or heading, or label) ``key`` with ``values``."""
    return _compiled(key).render(**values)


@cache
def _compiled(key: str) -> jinja2.Template:
    """The template of ``key``, compiled once: compiling costs ~1 ms, a report renders
    hundreds of sentences, some (labels, weekdays) many times."""
    source = TEMPLATES.get(key, LABELS.get(key))
    if source is None:
        raise KeyError(f"no wording for {key!r}")
    return environment().from_string(source)
