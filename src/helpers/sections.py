"""The report's sections as the unit writes them: I, II, IV, V and the annex, formatted from a
built report (:class:`helpers.report.Report`).

Each function returns a :class:`~helpers.blocks.Section` of plain blocks (headings,
paragraphs, items, tables, charts). The notebook displays them (as escaped HTML); the DOCX
writer lays out the very same blocks, so every sentence is written once for all outputs.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd

from helpers import blocks as bk
from helpers import charts, checks, fmt, indicators, targets
from helpers import contract as c
from helpers.blocks import Block, Heading, Letterhead, Paragraph, Section, Signature
from helpers.io import ROW_COLUMN
from helpers.text import collation_key, normalize_key
from helpers.wording import lower_first, say

if TYPE_CHECKING:
    from helpers.report import Report


def narrative(rep: Report, muc: str) -> list[Block]:
    if not rep.workbook.has("noi_dung"):
        return []
    t = rep.workbook.table("noi_dung")
    rows = t[t["muc"] == muc].sort_values(["thu_tu", ROW_COLUMN])
    return bk.paragraphs(rows["van_ban"])


def numbered_narrative(rep: Report, muc: str) -> list[Block]:
    """Items of a numbered section (IV), renumbered 1, 2, 3 … in their order."""
    if not rep.workbook.has("noi_dung"):
        return []
    t = rep.workbook.table("noi_dung")
    rows = t[t["muc"] == muc].sort_values(["thu_tu", ROW_COLUMN])
    return bk.paragraphs(f"{i}. {text}" for i, text in enumerate(rows["van_ban"], start=1))


# --- sections -------------------------------------------------------------------------


def title_block(rep: Report) -> Section:
    """Issuing body, national motto, number, place and date, title, subject, opening."""
    info = rep.info
    number = str(info.get("so_ky_hieu") or "/BC-UBND")
    if number.startswith("/"):
        number = "…" + number  # the number is given when the report is registered
    date_line = fmt.long_date(info.get("ngay_bao_cao"), info.get("dia_danh"))  # type: ignore[arg-type]
    opening = info.get("can_cu") or say("mo_dau_mac_dinh", **rep.words())
    return Section(
        [
            Letterhead(
                tuple(_issuer_lines(info.get("cap_tren"), rep.co_quan)), f"Số: {number}", date_line
            ),
            Heading(1, say("tieu_de")),
            Paragraph(say("trich_yeu", **rep.words()), "subject"),
            Paragraph(say("pham_vi_so_lieu", **rep.words()), "scope"),
            Paragraph(str(opening)),
        ]
    )


def _issuer_lines(superior: object, issuer: str) -> list[str]:
    """The issuing body in capitals, split as Decree 30 writes it (body / unit name)."""
    upper = issuer.upper()
    for head in ("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN"):
        if upper.startswith(head):
            return [head, upper[len(head) :].strip()]
    return [upper]


def section_i(rep: Report) -> Section:
    """I. Leadership and direction: narrative, and the directing documents issued."""
    own = narrative(rep, "I.1")
    docs = rep.workbook.table("van_ban") if rep.workbook.has("van_ban") else None
    listed: list[Block] = []
    if docs is not None:
        in_i1 = docs[docs["muc"].isna() | (docs["muc"] == "I.1")]
        listed = bk.bullets(
            (
                say(
                    "van_ban",
                    loai=r.loai,
                    so_ky_hieu=r.so_ky_hieu,
                    ngay_ban_hanh=r.ngay_ban_hanh,
                    trich_yeu=r.trich_yeu,
                )
                for r in in_i1.itertuples()
            ),
            marker="+",
        )
    # the documents follow the paragraph that announces them ("… như:"), else the narrative
    at = next(
        (i + 1 for i, p in enumerate(own) if p.text.rstrip().endswith(":")),  # type: ignore[union-attr]
        len(own),
    )
    blocks = bk.heading(2, say("muc.I")) + bk.heading(3, say("muc.I.1"))
    blocks += own[:at] + listed + own[at:]
    blocks += bk.heading(3, say("muc.I.2")) + narrative(rep, "I.2")
    if docs is not None and len(docs):
        table = pd.DataFrame(
            {
                "Số, ký hiệu": docs["so_ky_hieu"],
                "Ngày ban hành": docs["ngay_ban_hanh"].map(fmt.date),
                "Loại": docs["loai"],
                "Trích yếu": docs["trich_yeu"],
            }
        ).iloc[docs["ngay_ban_hanh"].argsort(kind="stable")]
        blocks += bk.table(table, say("muc.van_ban") + f" ({len(docs)} văn bản)")
    return Section(blocks)


def objectives(rep: Report) -> Section:
    """II.1 Objectives and tasks of the year's programme."""
    f = rep.figures
    blocks = bk.heading(2, say("muc.II", **rep.words())) + bk.heading(
        3, say("muc.II.1", **rep.words())
    )
    blocks += bk.paragraphs(
        [
            say(
                "chi_tieu",
                **rep.words(),
                muc_tieu_tong=f["chi_tieu.muc_tieu.tong"],
                muc_tieu_ht=f["chi_tieu.muc_tieu.hoan_thanh"],
                muc_tieu_ty_le=f.get("chi_tieu.muc_tieu.ty_le_hoan_thanh"),
                nhiem_vu_tong=f["chi_tieu.nhiem_vu.tong"],
                tien_do_tong=f["chi_tieu.nhiem_vu_tien_do.tong"],
                tien_do_ht=f["chi_tieu.nhiem_vu_tien_do.hoan_thanh"],
                tien_do_ty_le=f.get("chi_tieu.nhiem_vu_tien_do.ty_le_hoan_thanh"),
                thuong_xuyen_tong=f["chi_tieu.nhiem_vu_thuong_xuyen.tong"],
            )
        ]
    )
    blocks += _judged_targets(rep)
    t = rep.workbook.table("chi_tieu")
    open_items = t[(t["loai"] != "nhiem_vu_thuong_xuyen") & (t["trang_thai"] != "hoan_thanh")]
    if len(open_items):
        end = pd.Timestamp(rep.info["den_ngay"])
        late = open_items["han_hoan_thanh"].notna() & (open_items["han_hoan_thanh"] < end)
        blocks += bk.paragraphs(
            [say("chi_tieu.chua_xong", so_luong=len(open_items), qua_han=int(late.sum()))]
        )
        table = pd.DataFrame(
            {
                "Mã": open_items["ma"],
                "Nội dung": open_items["noi_dung"],
                "Loại": open_items["loai"].map(c.LOAI_CHI_TIEU),
                "Hạn": open_items["han_hoan_thanh"].map(fmt.date),
                "Trạng thái": open_items["trang_thai"].map(c.TRANG_THAI_CHI_TIEU),
            }
        )
        blocks += bk.table(table, "Mục tiêu, nhiệm vụ theo tiến độ chưa hoàn thành")
    return Section(blocks)


def target_table(rep: Report) -> pd.DataFrame:
    """One row per target judged: code, content, figure, threshold, verdict, gap."""
    js = rep.judgements
    return pd.DataFrame(
        {
            "Mã": [j.ma for j in js],
            "Nội dung": [j.noi_dung for j in js],
            "Số liệu": [fmt.figure(j.value, j.is_rate, j.qualifier) for j in js],
            "Ngưỡng": [
                say("chi_tieu.nguong", chieu=j.direction, nguong=fmt.figure(j.threshold, j.is_rate))
                for j in js
            ],
            "Đánh giá": [targets.VERDICTS[j.verdict] for j in js],
            "Chênh lệch": [
                say(
                    "chi_tieu.chenh",
                    verdict=j.verdict,
                    chieu=j.direction,
                    chenh=j.gap,
                    la_ty_le=j.is_rate,
                    con_thieu=j.missing,
                    don_vi=j.unit,
                )
                for j in js
            ],
        }
    )


def _judged_targets(rep: Report) -> list[Block]:
    """The targets that name a figure: how many are met, and the table of verdicts."""
    if not rep.judgements:
        return []
    f = rep.figures
    sentence = say(
        "chi_tieu.danh_gia",
        tong=f["chi_tieu.danh_gia.tong"],
        dat=f["chi_tieu.danh_gia.dat"],
        chua_dat=f["chi_tieu.danh_gia.chua_dat"],
        khong_co=f["chi_tieu.danh_gia.khong_co_so_lieu"],
    )
    table = target_table(rep)
    return bk.paragraphs([sentence]) + bk.table(
        table, say("chi_tieu.bang"), numeric=("Số liệu", "Ngưỡng")
    )


def objectives_chart(rep: Report) -> Section:
    f = rep.figures
    rows = [
        (c.LOAI_CHI_TIEU[k], f[f"chi_tieu.{k}.hoan_thanh"], f[f"chi_tieu.{k}.tong"])
        for k in ("muc_tieu", "nhiem_vu_tien_do")
        if f[f"chi_tieu.{k}.tong"]
    ]
    title = say("bieu_do.chi_tieu", nam=rep.quarter.year)
    blocks = bk.chart(lambda: charts.objectives(rows, title), title) if rows else []
    return Section(blocks, web_only=True)


def digital_transformation_heading(rep: Report) -> Section:
    return Section(bk.heading(3, say("muc.II.2")))


def indicator_sentences(rep: Report, nhom: str) -> list[str]:
    """One sentence per ``chi_so`` row of a group, in the sheet's order."""
    if not rep.workbook.has("chi_so"):
        return []
    t = rep.workbook.table("chi_so")
    out = []
    for r in t[t["nhom"] == nhom].itertuples():
        tu, mau, declared = (
            number_or_none(r.tu_so),
            number_or_none(r.mau_so),
            number_or_none(r.ty_le_bao_cao),
        )
        rate = indicators.ratio(tu, mau)
        gap = (
            rate is not None
            and declared is not None
            and not checks.declared_rate_agrees(
                rate, declared, r.ty_le_bao_cao_kem, bool(r.tu_so_kem or r.mau_so_kem)
            )
        )
        out.append(
            say(
                "chi_so",
                ten=r.chi_so,
                tu_so=tu,
                tu_so_kem=r.tu_so_kem,
                mau_so=mau,
                ty_le=rate,
                ty_le_bao_cao=declared,
                ty_le_bao_cao_kem=r.ty_le_bao_cao_kem,
                don_vi_tinh=r.don_vi_tinh,
                ghi_chu=r.ghi_chu,
                lech=gap,
            )
        )
    return out


def number_or_none(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def digital_section(rep: Report, muc: str) -> Section:
    """One of II.2.1 … II.2.7 and II.3: narrative, then a sentence per figure of its group."""
    blocks = bk.heading(4 if muc.startswith("II.2.") else 3, say(f"muc.{muc}"))
    own = narrative(rep, muc)
    nhom = next((k for k, v in c.MUC_CUA_NHOM.items() if v == muc), None)
    sentences = indicator_sentences(rep, nhom) if nhom else []
    blocks += own
    if sentences:
        blocks += bk.paragraphs([say("muc.so_lieu") + ":"], "label")
        blocks += bk.bullets(sentences)
    if not own and not sentences:
        blocks += bk.paragraphs([say("khong_co_noi_dung")], "empty")
    return Section(blocks)


def procedures(rep: Report) -> Section:
    """Procedures published, by level of online service (II.2.2)."""
    f = rep.figures
    sentence = say(
        "thu_tuc",
        tong=f["thu_tuc.tong"],
        **{
            k.split(".", 1)[1]: f.get(k)
            for k in (
                "thu_tuc.toan_trinh",
                "thu_tuc.mot_phan",
                "thu_tuc.truc_tiep",
                "thu_tuc.ty_le_toan_trinh",
                "thu_tuc.ty_le_mot_phan",
                "thu_tuc.ty_le_truc_tiep",
            )
        },
    )
    blocks = bk.bullets([sentence])
    t = rep.workbook.table("thu_tuc")
    if len(t):
        cross = pd.crosstab(t["linh_vuc"].fillna("(không ghi)"), t["muc_do"])
        cross = cross.reindex(columns=list(c.MUC_DO_THU_TUC), fill_value=0)
        cross["tong"] = cross.sum(axis=1)
        cross = cross.sort_values("tong", ascending=False)
        table = pd.DataFrame(
            {
                "Lĩnh vực": cross.index,
                "Toàn trình": cross["toan_trinh"].map(fmt.number).to_numpy(),
                "Một phần": cross["mot_phan"].map(fmt.number).to_numpy(),
                "Trực tiếp": cross["truc_tiep"].map(fmt.number).to_numpy(),
                "Tổng": cross["tong"].map(fmt.number).to_numpy(),
                "Tỷ lệ toàn trình": (cross["toan_trinh"] / cross["tong"])
                .map(fmt.percent)
                .to_numpy(),
            }
        )
        blocks += bk.table(
            table,
            f"Thủ tục hành chính theo lĩnh vực ({fmt.number(len(t))} thủ tục)",
            numeric=("Toàn trình", "Một phần", "Trực tiếp", "Tổng", "Tỷ lệ toàn trình"),
        )
    blocks += bk.chart(lambda: charts.procedures(f), say("bieu_do.thu_tuc"))
    return Section(blocks)


def dossiers(rep: Report) -> Section:
    """Dossiers received and resolved (II.2.2), with the form's table and charts."""
    f = rep.figures
    v = {
        k.split(".", 1)[1]: val
        for k, val in f.items()
        if k.startswith("ho_so.") and k.count(".") == 1
    }
    v.setdefault("ky_truoc_chuyen_sang", None)
    for key in (
        "tiep_nhan",
        "truc_tuyen",
        "truc_tiep_buu_chinh",
        "da_giai_quyet",
        "truoc_han",
        "dung_han",
        "qua_han",
        "rut_tu_choi",
        "dang_giai_quyet",
        "dang_trong_han",
        "dang_qua_han",
        "ty_le_truc_tuyen",
        "ty_le_dung_han",
    ):
        v.setdefault(key, None)
    words = {**rep.words(), **v}
    sentences = [
        say("ho_so.tiep_nhan", **words),
        say("ho_so.ky_truoc", **words),
        say("ho_so.giai_quyet", **words),
        say("ho_so.rut", **words),
        say("ho_so.dang_giai_quyet", **words),
    ]
    if "ty_le_so_hoa" in v:
        sentences.append(say("ho_so.so_hoa", **words))
    if "chi_so_tien_do" in v:
        sentences.append(say("ho_so.tien_do", **words))
    sentences += _system_sentences(rep)
    blocks = bk.paragraphs([say("ho_so.mo_dau")], "label") + bk.bullets(sentences, marker="+")
    if rep.is_period:  # added up from its quarters: say how
        blocks += bk.paragraphs([say("ho_so.nguon_ky", ky=rep.span)], "note")
    elif rep.workbook.has("ho_so"):
        blocks += bk.paragraphs(
            [say("ho_so.nguon_ban_ghi", so_ban_ghi=len(rep.workbook.table("ho_so")))], "note"
        )
    else:
        blocks += bk.paragraphs([say("ho_so.nguon_tong_hop")], "note")
    blocks += bk.table(
        _flow_table(f), "Tình hình tiếp nhận, giải quyết hồ sơ TTHC", numeric=("Số hồ sơ", "Tỷ lệ")
    )
    systems = system_table(rep)
    if systems is not None:
        blocks += bk.table(
            systems,
            "Hồ sơ theo hệ thống thông tin giải quyết TTHC",
            numeric=("Tiếp nhận", "Trực tuyến"),
        )
    if rep.workbook.has("ho_so"):
        blocks += _field_table(rep)
    blocks += bk.chart(
        lambda: charts.dossier_flows(f, str(rep.span)), say("bieu_do.ho_so", ky=rep.span)
    )
    leaves = _system_leaves(rep)
    if leaves:
        blocks += bk.chart(
            lambda: charts.horizontal_bars(
                [n for n, _ in leaves], [x for _, x in leaves], say("bieu_do.he_thong")
            ),
            say("bieu_do.he_thong"),
        )
    return Section(blocks)


def _flow_table(f: indicators.Figures) -> pd.DataFrame:
    rows = [
        ("Kỳ trước chuyển sang", "ky_truoc_chuyen_sang", None),
        ("Tiếp nhận trong kỳ", "tiep_nhan", None),
        ("  – trực tuyến", "truc_tuyen", "ty_le_truc_tuyen"),
        ("  – trực tiếp, bưu chính", "truc_tiep_buu_chinh", None),
        ("Đã giải quyết", "da_giai_quyet", "ty_le_dung_han"),
        ("  – trước hạn", "truoc_han", None),
        ("  – đúng hạn", "dung_han", None),
        ("  – quá hạn", "qua_han", None),
        ("Rút, từ chối", "rut_tu_choi", None),
        ("Đang giải quyết", "dang_giai_quyet", None),
        ("  – trong hạn", "dang_trong_han", None),
        ("  – quá hạn", "dang_qua_han", None),
    ]
    return pd.DataFrame(
        {
            "Chỉ tiêu": [label for label, _, _ in rows],
            "Số hồ sơ": [fmt.number(f.get(f"ho_so.{k}")) for _, k, _ in rows],
            "Tỷ lệ": [fmt.percent(f.get(f"ho_so.{r}")) if r else "" for _, _, r in rows],
        }
    )


def _system_rows(rep: Report) -> list[dict[str, object]]:
    """System rows (aggregate) with name, parent and received count."""
    if rep.workbook.has("ho_so"):
        t = indicators.record_breakdown(
            rep.workbook.table("ho_so"), "he_thong", rep.info["tu_ngay"], rep.info["den_ngay"]
        )
        return [
            {
                "ten": n,
                "thuoc": None,
                "tiep_nhan": int(r["tiep_nhan"]),
                "truc_tuyen": int(r["truc_tuyen"]),
            }
            for n, r in t.iterrows()
        ]
    if not rep.workbook.has("ho_so_tong_hop"):
        return []
    _, systems = indicators.aggregate_rows(rep.workbook.table("ho_so_tong_hop"))
    return [
        {
            "ten": r.he_thong,
            "thuoc": r.thuoc,
            "tiep_nhan": _int(r.tiep_nhan),
            "truc_tuyen": _int(r.truc_tuyen),
        }
        for r in systems.itertuples()
    ]


def _int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[arg-type]


def _system_sentences(rep: Report) -> list[str]:
    """A sentence for every system that has sub-systems (e.g. «Các Bộ, ngành»)."""
    rows = _system_rows(rep)
    out = []
    for parent in rows:
        kids = [
            r
            for r in rows
            if r["thuoc"] and normalize_key(r["thuoc"]) == normalize_key(parent["ten"])
        ]
        if kids:
            out.append(
                say(
                    "ho_so.he_thong",
                    ten=_system_name(str(parent["ten"])),
                    tiep_nhan=parent["tiep_nhan"],
                    con=kids,
                )
            )
    return out


def _system_name(name: str) -> str:
    """«Các Bộ, ngành» → «Hệ thống thông tin giải quyết TTHC của các Bộ, ngành»."""
    if normalize_key(name).startswith("hethong"):
        return name
    return f"Hệ thống thông tin giải quyết TTHC của {lower_first(name)}"


def _system_leaves(rep: Report) -> list[tuple[str, int]]:
    rows = _system_rows(rep)
    parents = {normalize_key(r["thuoc"]) for r in rows if r["thuoc"]}
    return [
        (str(r["ten"]), int(r["tiep_nhan"]))
        for r in rows
        if normalize_key(r["ten"]) not in parents and r["tiep_nhan"] is not None
    ]


def system_table(rep: Report) -> pd.DataFrame | None:
    """Dossiers received per system, as a display table."""
    rows = _system_rows(rep)
    if not rows:
        return None
    return pd.DataFrame(
        {
            "Hệ thống": [("    " if r["thuoc"] else "") + str(r["ten"]) for r in rows],
            "Thuộc": [r["thuoc"] or "" for r in rows],
            "Tiếp nhận": [fmt.number(r["tiep_nhan"]) for r in rows],
            "Trực tuyến": [fmt.number(r["truc_tuyen"]) for r in rows],
        }
    )


def _field_table(rep: Report) -> list[Block]:
    # the fields' flows of the build, the rows of Biểu II.06a too (a period's combined as
    # its figures are), in the Vietnamese alphabet's order
    t = rep.linh_vuc
    if t is None:
        return []
    t = t.loc[sorted(t.index, key=collation_key)]
    resolved = t["truoc_han"] + t["dung_han"] + t["qua_han"]
    table = pd.DataFrame(
        {
            "Lĩnh vực": t.index,
            "Tiếp nhận": t["tiep_nhan"].map(fmt.number).to_numpy(),
            "Tỷ lệ trực tuyến": [
                fmt.percent(indicators.ratio(a, b))
                for a, b in zip(t["truc_tuyen"], t["tiep_nhan"], strict=True)
            ],
            "Đã giải quyết": resolved.map(fmt.number).to_numpy(),
            "Tỷ lệ đúng hạn": [
                fmt.percent(indicators.ratio(a + b, r))
                for a, b, r in zip(t["truoc_han"], t["dung_han"], resolved, strict=True)
            ],
            "Đang quá hạn": t["dang_qua_han"].map(fmt.number).to_numpy(),
        }
    )
    return bk.table(table, "Hồ sơ theo lĩnh vực", numeric=tuple(table.columns[1:]))


def indicator_table(rep: Report) -> Section:
    """Every chi_so row with its computed and declared rates: the data behind section II."""
    if not rep.workbook.has("chi_so"):
        return Section([], web_only=True)
    t = rep.workbook.table("chi_so")
    computed = [
        indicators.ratio(number_or_none(a), number_or_none(b))
        for a, b in zip(t["tu_so"], t["mau_so"], strict=True)
    ]
    table = pd.DataFrame(
        {
            "Nhóm": t["nhom"].map(c.NHOM_CHI_SO),
            "Chỉ số": t["chi_so"],
            "Số liệu": [
                fmt.approx(number_or_none(v), q)
                for v, q in zip(t["tu_so"], t["tu_so_kem"], strict=True)
            ],
            "Mẫu số": t["mau_so"].map(lambda x: fmt.number(number_or_none(x))),
            "Tỷ lệ tính": [fmt.percent(r) for r in computed],
            "Tỷ lệ báo cáo": [
                fmt.approx_percent(number_or_none(v), q)
                for v, q in zip(t["ty_le_bao_cao"], t["ty_le_bao_cao_kem"], strict=True)
            ],
            "Đơn vị tính": t["don_vi_tinh"].fillna(""),
        }
    )
    blocks = bk.table(
        table,
        "Bảng tổng hợp các chỉ số",
        numeric=("Số liệu", "Mẫu số", "Tỷ lệ tính", "Tỷ lệ báo cáo"),
    )
    with_rates = [
        (str(name), rate, number_or_none(declared))
        for name, rate, declared in zip(t["chi_so"], computed, t["ty_le_bao_cao"], strict=True)
        if rate is not None
    ]
    if with_rates:
        title = "Tỷ lệ tính từ số liệu và tỷ lệ đơn vị báo cáo"
        blocks += bk.chart(
            lambda: charts.rates(
                [n for n, _, _ in with_rates],
                [r for _, r, _ in with_rates],
                [d for _, _, d in with_rates],
                title,
            ),
            title,
        )
    return Section(blocks, web_only=True)


def next_quarter(rep: Report) -> Section:
    """IV. Tasks for the next quarter."""
    body = numbered_narrative(rep, "IV") or bk.paragraphs([say("khong_co_noi_dung")], "empty")
    return Section(bk.heading(2, say("muc.IV", **rep.words())) + body)


def proposals(rep: Report) -> Section:
    """V. Proposals, the closing sentence, recipients and signature."""
    blocks = bk.heading(2, say("muc.V"))
    blocks += narrative(rep, "V") or bk.paragraphs([say("khong_co_noi_dung")], "empty")
    blocks += bk.paragraphs([say("ket_luan", **rep.words())])
    info = rep.info
    recipients = tuple(
        line.strip().lstrip("-").strip().rstrip(";.")
        for line in str(info.get("noi_nhan") or "").split("\n")
        if line.strip()
    )
    authority = tuple(
        str(x).upper() for x in (info.get("tham_quyen_ky"), info.get("chuc_vu_ky")) if x
    )
    blocks.append(Signature(recipients, authority, str(info.get("nguoi_ky") or "")))
    return Section(blocks)


def findings_section(rep: Report) -> Section:
    """Annex: the reconciliation findings, or a short note that everything adds up."""
    blocks = bk.heading(2, say("muc.kiem_tra"))
    if not rep.findings:
        return Section(blocks + bk.paragraphs([say("kiem_tra.sach")]), annex=True)
    errors = sum(f.severity == "loi" for f in rep.findings)
    blocks += bk.paragraphs(
        [say("kiem_tra.tom_tat", so_loi=errors, so_canh_bao=len(rep.findings) - errors)]
    )
    table = pd.DataFrame(
        {
            "#": range(1, len(rep.findings) + 1),
            "Mức": [checks.SEVERITY_LABEL[f.severity] for f in rep.findings],
            "Quy tắc": [checks.RULE_TITLES[f.rule] for f in rep.findings],
            "Ở đâu": [f.where for f in rep.findings],
            "Nội dung": [f.message for f in rep.findings],
        }
    )
    blocks += bk.table(table, say("kiem_tra.bang"))
    return Section(blocks, annex=True)


def colophon(rep: Report, now: dt.datetime | None = None) -> Section:
    """Where the figures come from; nothing personal."""
    now = now or dt.datetime.now()
    files = ", ".join(f"{rep.unit}/{path.name}" for path in rep.sources)
    text = say("chan_trang", tep=files, luc=now.strftime("%H:%M %d/%m/%Y"))
    return Section(bk.paragraphs([text], "note"), web_only=True)
