"""What the report judges beyond the unit's own words: the service-index estimate of Decision
766 (in II.2.2) and the assessment of section III drafted from the figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from helpers import blocks as bk
from helpers import charts, fmt, indicators, service_index, trends
from helpers import contract as c
from helpers.blocks import Items, Paragraph, Section
from helpers.sections import narrative, number_or_none
from helpers.wording import has_wording, say

if TYPE_CHECKING:
    from helpers.report import Report


def index_sentence(score: service_index.Score, figures: indicators.Figures) -> str:
    """What an indicator of the index says: full marks, what lost its points, or why the data
    cannot measure it."""
    ind = score.indicator
    if not score.measured:
        return say("chi_so_766.khong_co", ly_do=_no_data_reason(score, figures))
    values = {
        "f": figures,
        "tu_so": score.tu_so,
        "mau_so": score.mau_so,
        "ty_le": score.rate,
        "diem": score.points,
        "toi_da": ind.diem_toi_da,
        "mat": score.lost,
        "can_them": score.to_full,
        "day_du_tu": ind.day_du_tu,
    }
    if score.lost is not None and score.lost > 1e-9:
        return say(f"chi_so_766.{ind.ma}", **values)
    return say(_first_wording(f"chi_so_766.day_du.{ind.ma}", "chi_so_766.day_du"), **values)


def _first_wording(*keys: str) -> str:
    return next(k for k in keys if has_wording(k))


# figures that only dossier records give (indicators.service_counts), and the column each needs
_RECORD_FIGURES = {
    "thu_tuc.truc_tuyen_co_ho_so": "ho_so",
    "ho_so.phai_thanh_toan": "ho_so.phai_thanh_toan",
    "ho_so.thanh_toan_truc_tuyen": "ho_so.phai_thanh_toan",
    "thu_tuc.co_phi_co_thanh_toan": "ho_so.phai_thanh_toan",
    "ho_so.ket_qua_dien_tu": "ho_so.ket_qua_dien_tu",
    "ho_so.so_hoa_thanh_phan": "ho_so.so_hoa_thanh_phan",
    "ho_so.tai_su_dung": "ho_so.tai_su_dung",
}


def _no_data_reason(score: service_index.Score, figures: indicators.Figures) -> str:
    """Why the data cannot measure an indicator: portal data, a sheet or a column missing, a
    figure not stated, or nothing to divide by."""
    ind = score.indicator
    if not ind.tu_so:
        return say("chi_so_766.ly_do.cong")
    if not score.missing:  # every figure is there: the denominator is zero
        names = [c.FIGURES.get(k, (k, ""))[0] for k in ind.mau_so]
        return say("chi_so_766.ly_do.mau_so_0", mau_so_ten=" và ".join(names))
    has_records = "thu_tuc.truc_tuyen_co_ho_so" in figures
    reasons: list[str] = []
    for key in score.missing:
        if key.startswith("thu_tuc.co_phi") and "thu_tuc.co_phi" not in figures:
            reason = "thu_tuc.co_phi"
        elif key in _RECORD_FIGURES:
            reason = _RECORD_FIGURES[key] if has_records else "ho_so"
        else:
            reason = key
        wording = f"chi_so_766.ly_do.{reason}"
        text = (
            say(wording)
            if has_wording(wording)
            else say("chi_so_766.ly_do.khac", ten=c.FIGURES.get(key, (key, ""))[0])
        )
        if text not in reasons:
            reasons.append(text)
    return "; ".join(reasons)


def index_table(rep: Report) -> pd.DataFrame:
    """One row per indicator of the index: group, indicator, rate, points, maximum, comment."""
    rows = []
    for _, name, _, scores in rep.estimate.groups():
        for sc in scores:
            rows.append(
                {
                    "Nhóm": name,
                    "Chỉ số": sc.indicator.ten,
                    "Tỷ lệ": fmt.percent(sc.rate, 2),
                    "Điểm": fmt.points(sc.points) if sc.measured else say("nhan.khong_co_so_lieu"),
                    "Tối đa": fmt.points(sc.indicator.diem_toi_da),
                    "Nhận xét": index_sentence(sc, rep.figures),
                }
            )
    return pd.DataFrame(rows)


def service_index_section(rep: Report) -> Section:
    """The Decision 766 index as the unit's own figures estimate it (II.2.2)."""
    est = rep.estimate
    measured = [s for s in est.scores if s.measured]
    blocks = bk.paragraphs([say("muc.chi_so_766") + ":"], "label")
    if measured:
        total = say(
            "chi_so_766.tong",
            dat=est.reached,
            co_so_lieu=est.measurable,
            toi_da=est.maximum,
            do_duoc=len(measured),
            so_chi_so=len(est.scores),
        )
    else:
        total = say("chi_so_766.khong_do_duoc", toi_da=est.maximum)
    blocks += bk.bullets([total], marker="+")
    weakest = est.weakest(n=len(est.scores))
    if weakest:
        blocks += bk.paragraphs([say("chi_so_766.mat_diem")], "label")
        blocks += bk.bullets(
            [f"{s.indicator.ten}: {index_sentence(s, rep.figures)}" for s in weakest], marker="+"
        )
    blocks += bk.table(
        index_table(rep), say("chi_so_766.bang"), numeric=("Tỷ lệ", "Điểm", "Tối đa")
    )
    blocks += bk.paragraphs([say("chi_so_766.ghi_chu")], "note")
    if measured:
        groups = [
            (
                name,
                sum(s.points for s in ss if s.measured),
                sum(s.indicator.diem_toi_da for s in ss if s.measured),
                top,
            )
            for _, name, top, ss in est.groups()
        ]
        title = say("bieu_do.chi_so_766")
        blocks += bk.chart(lambda: charts.service_index(groups, title), title)
    return Section(blocks)


def assessment(rep: Report, draft: bool = True) -> Section:
    """III. Overall assessment: the unit's own paragraphs, then (unless ``draft`` is off) the
    points drafted from the figures, marked as drafted for the analyst to review."""
    blocks = bk.heading(2, say("muc.III"))
    drafted = dict(zip(("III.1", "III.2"), drafted_assessment(rep), strict=True))
    for muc in ("III.1", "III.2"):
        body = narrative(rep, muc)
        extra = drafted[muc] if draft else []
        blocks += bk.heading(3, say(f"muc.{muc}")) + body
        if extra:
            blocks += [Paragraph(say("du_thao.nhan"), "draft"), Items(tuple(extra), drafted=True)]
        elif not body:
            blocks += bk.paragraphs([say("khong_co_noi_dung")], "empty")
    return Section(blocks)


def drafted_assessment(rep: Report) -> tuple[list[str], list[str]]:
    """Sentences drafted from the figures: (III.1 results, III.2 shortcomings). Targets met,
    then missed with their numbers; the index's total, then its weakest indicators; the
    largest changes on last quarter (a period: on the same period last year), good news
    first."""
    results: list[str] = []
    shortcomings: list[str] = []
    js = rep.judgements
    met = [j for j in js if j.verdict == "dat"]
    if met:
        shown = [{"ma": j.ma, "gia_tri": fmt.figure(j.value, j.is_rate, j.qualifier)} for j in met]
        results.append(say("du_thao.chi_tieu_dat", ds=shown, tong=len(js)))
    for j in js:
        if j.verdict == "chua_dat":
            shortcomings.append(
                say(
                    "du_thao.chi_tieu_chua_dat",
                    ma=j.ma,
                    noi_dung=j.noi_dung,
                    gia_tri=fmt.figure(j.value, j.is_rate, j.qualifier),
                    nguong=fmt.figure(j.threshold, j.is_rate),
                    chieu=j.direction,
                    con_thieu=j.missing,
                    don_vi=j.unit,
                )
            )
    unknown = [j.ma for j in js if j.verdict == "khong_co_so_lieu"]
    if unknown:
        shortcomings.append(say("du_thao.chi_tieu_khong_co", ds=unknown))
    est = rep.estimate
    if est.measurable:
        results.append(
            say(
                "du_thao.chi_so_766",
                dat=est.reached,
                co_so_lieu=est.measurable,
                toi_da=est.maximum,
            )
        )
    for sc in est.weakest(3):
        shortcomings.append(
            say(
                "du_thao.chi_so_766_yeu",
                ten=sc.indicator.ten,
                diem=sc.points,
                toi_da=sc.indicator.diem_toi_da,
                nhan_xet=index_sentence(sc, rep.figures),
            )
        )
    good, bad = _largest_changes(rep)
    return results + good, shortcomings + bad


def drafted_table(rep: Report) -> Section:
    """Every sentence drafted from the figures, with the section it goes to: what the
    analyst reviews before the report is shared (shown in the notebook only)."""
    results, shortcomings = drafted_assessment(rep)
    frame = pd.DataFrame(
        {
            "Mục": [say("muc.III.1")] * len(results) + [say("muc.III.2")] * len(shortcomings),
            "Câu dự thảo từ số liệu": results + shortcomings,
        }
    )
    return Section(bk.table(frame, say("du_thao.bang")), web_only=True)


# a change worth a sentence: 5% on a count, one point on a rate
_NOTABLE_CHANGE, _NOTABLE_RATE_CHANGE = 0.05, 0.01


def _largest_changes(rep: Report, n: int = 3) -> tuple[list[str], list[str]]:
    """The largest changes on last quarter (for a period: on the same period last year) as
    sentences: (good news or neutral, bad news)."""
    compared = rep.comparison()
    if compared is None:
        return [], []
    table, before = compared
    scored: list[tuple[float, bool, str]] = []
    # last year's programme is not this year's, target for target
    new_year = rep.is_period or rep.quarter.previous().year != rep.quarter.year
    for r in table.itertuples():
        delta = number_or_none(r.thay_doi)
        if delta is None or delta == 0 or (new_year and r.ma.startswith("chi_tieu.")):
            continue
        rate = r.loai == "rate"
        size = abs(delta) if rate else abs(number_or_none(r.thay_doi_pt) or 0)
        if size < (_NOTABLE_RATE_CHANGE if rate else _NOTABLE_CHANGE):
            continue
        better = trends.BETTER.get(r.ma, 1)
        sentence = say(
            "du_thao.thay_doi",
            ten=r.chi_so,
            thay_doi=delta,
            thay_doi_pt=number_or_none(r.thay_doi_pt),
            la_ty_le=rate,
            ky_truoc=before,
            truoc=fmt.figure(number_or_none(r.ky_truoc), rate),
            nay=fmt.figure(number_or_none(r.ky_nay), rate),
        )
        scored.append((size, better * delta < 0, sentence))
    scored.sort(key=lambda x: -x[0])
    good = [s for _, bad, s in scored if not bad][:n]
    bad = [s for _, bad, s in scored if bad][:n]
    return good, bad
