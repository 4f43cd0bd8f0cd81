"""The report's comparisons over time: a quarter against the quarter before, its year to date
and the same quarter last year; a period against the same period last year."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

from helpers import blocks as bk
from helpers import charts, fmt, trends
from helpers.blocks import Block, Section
from helpers.sections import number_or_none
from helpers.wording import say

if TYPE_CHECKING:
    from helpers.report import Report

# the two charts of each comparison: the dossiers' counts, then their two rates
_CHARTED = (
    (["ho_so.tiep_nhan", "ho_so.da_giai_quyet"], False),
    (["ho_so.ty_le_truc_tuyen", "ho_so.ty_le_dung_han"], True),
)


def trends_section(rep: Report) -> Section:
    """Change on last quarter and year to date, beside the same quarter last year where its
    file is there, with trend charts over every quarter found (on screen only: the body
    states the quarter's own figures); for a period, :func:`period_section`."""
    if rep.is_period:
        return period_section(rep)
    h = rep.history
    blocks = bk.heading(3, say("muc.dien_bien" if rep.same_period is None else "muc.cung_ky"))
    table = trends.change_table(h)
    blocks += _quarter_sentences(rep, table)
    if h.missing_this_year():
        blocks += bk.paragraphs([say("dien_bien.thieu_quy", thieu=h.missing_this_year())], "note")
    if len(table):
        shown = _quarter_table(rep, table)
        blocks += bk.table(shown, say("muc.dien_bien"), numeric=tuple(shown.columns[1:]))
    if len(h.figures) >= 2:
        titles = ("bieu_do.dien_bien_ho_so", "bieu_do.dien_bien_ty_le")
        blocks += _charts(lambda keys: trends.series(h, keys), [say(t) for t in titles])
    return Section(blocks, web_only=True)


def _quarter_sentences(rep: Report, table: pd.DataFrame) -> list[Block]:
    """A bullet per dossier count against last quarter, and the year to date."""
    h, previous = rep.history, rep.quarter.previous()
    if h.previous is None:
        blocks = bk.paragraphs([say("dien_bien.khong_co_ky_truoc", ky_truoc=previous)], "note")
    else:
        blocks = bk.bullets(
            [
                say(
                    "dien_bien.so_voi",
                    ky_truoc=previous,
                    ten=r.chi_so,
                    thay_doi=r.thay_doi,
                    thay_doi_pt=number_or_none(r.thay_doi_pt),
                    ky_truoc_gia_tri=r.ky_truoc,
                    ky_nay=r.ky_nay,
                )
                for r in table.itertuples()
                if r.loai != "rate" and r.ma.startswith("ho_so.") and not pd.isna(r.ky_truoc)
            ]
        )
    ytd = trends.year_to_date(h)
    if "ho_so.tiep_nhan" in ytd:
        blocks += bk.paragraphs(
            [
                say(
                    "dien_bien.luy_ke",
                    nam=rep.quarter.year,
                    so_quy=len(h.year_quarters()),
                    tiep_nhan=ytd["ho_so.tiep_nhan"],
                    ty_le_truc_tuyen=ytd.get("ho_so.ty_le_truc_tuyen"),
                    ty_le_dung_han=ytd.get("ho_so.ty_le_dung_han"),
                )
            ]
        )
    return blocks


def _quarter_table(rep: Report, table: pd.DataFrame) -> pd.DataFrame:
    """This quarter, last quarter, the change, the year to date, and (where its file is
    there) the same quarter last year with the change on it."""
    kinds = list(table["loai"])
    shown = pd.DataFrame({"Chỉ số": table["chi_so"]})
    shown[rep.quarter.short_label] = _values(table["ky_nay"], kinds)
    shown[rep.quarter.previous().short_label] = _values(table["ky_truoc"], kinds)
    shown["Thay đổi"] = _changes(table["thay_doi"], table["thay_doi_pt"], kinds)
    shown[f"Lũy kế năm {rep.quarter.year}"] = _values(table["luy_ke"], kinds)
    if rep.same_period is not None:  # the same quarter last year, as offices compare
        last = trends.compare(rep.figures, rep.same_period).set_index("ma").reindex(table["ma"])
        shown[rep.quarter.same_period_last_year().short_label] = _values(last["ky_truoc"], kinds)
        shown[say("cung_ky.thay_doi")] = _changes(last["thay_doi"], last["thay_doi_pt"], kinds)
    return shown


def period_section(rep: Report) -> Section:
    """A period against the same period last year (the change in counts and in percentage
    points), a table of every quarter of the period beside the period and last year's, and
    charts over the period's quarters. Part of the official report: offices write "so với
    cùng kỳ" in the body."""
    span = rep.span
    last = span.same_period_last_year()
    blocks = bk.heading(3, say("muc.cung_ky"))
    table = trends.compare(rep.figures, rep.same_period)
    if rep.same_period is None:
        blocks += bk.paragraphs(
            [say("cung_ky.khong_co", ky_truoc=last, thieu=rep.same_period_missing)], "note"
        )
    else:
        blocks += bk.bullets(
            [
                say(
                    "cung_ky.so_voi",
                    ky_truoc=last,
                    ten=r.chi_so,
                    la_ty_le=r.loai == "rate",
                    thay_doi=r.thay_doi,
                    thay_doi_pt=number_or_none(r.thay_doi_pt),
                    truoc=_value(r.ky_truoc, r.loai),
                    nay=_value(r.ky_nay, r.loai),
                )
                for r in table.itertuples()
                if r.ma.startswith("ho_so.") and not pd.isna(r.ky_truoc)
            ]
        )
    if len(table):
        kinds = list(table["loai"])
        shown = pd.DataFrame({"Chỉ số": table["chi_so"]})
        for q in span.quarters:
            shown[q.short_label] = _values([rep.quarters[q].get(k) for k in table["ma"]], kinds)
        shown[span.short_label] = _values(table["ky_nay"], kinds)
        if rep.same_period is not None:
            shown[last.short_label] = _values(table["ky_truoc"], kinds)
            shown[say("cung_ky.thay_doi")] = _changes(
                table["thay_doi"], table["thay_doi_pt"], kinds
            )
        blocks += bk.table(shown, say("cung_ky.bang"), numeric=tuple(shown.columns[1:]))
    captions = [say(t, ky=span) for t in ("bieu_do.cac_quy_ho_so", "bieu_do.cac_quy_ty_le")]
    blocks += _charts(lambda keys: trends.quarter_series(rep.quarters, keys), captions)
    return Section(blocks)


def _charts(series: Callable[[list[str]], pd.DataFrame], captions: list[str]) -> list[Block]:
    """The two trend charts (counts, rates) of ``series(keys)``, quarters as rows; a chart
    whose figures are all missing is left out."""
    blocks: list[Block] = []
    for (keys, rate), caption in zip(_CHARTED, captions, strict=True):
        frame = series(keys).dropna(how="all", axis=1)
        if frame.empty:
            continue
        labels = {
            k: trends.TRACKED[k][0] if k in trends.TRACKED else trends.RATES[k]
            for k in frame.columns
        }
        blocks += bk.chart(
            lambda frame=frame, labels=labels, caption=caption, rate=rate: charts.trend_lines(
                frame, labels, caption, rate=rate
            ),
            caption,
        )
    return blocks


def _values(values: object, kinds: list[str]) -> list[str]:
    return [_value(v, k) for v, k in zip(values, kinds, strict=True)]  # type: ignore[call-overload]


def _changes(deltas: object, relatives: object, kinds: list[str]) -> list[str]:
    return [_change(d, r, k) for d, r, k in zip(deltas, relatives, kinds, strict=True)]  # type: ignore[call-overload]


def _value(value: object, kind: str) -> str:
    value = number_or_none(value)
    return fmt.percent(value) if kind == "rate" else fmt.number(value)


def _change(delta: object, relative: object, kind: str) -> str:
    """``+12 (+3,5%)`` for a count, ``+2,1 điểm %`` for a rate, the missing mark for none."""
    delta = number_or_none(delta)
    if delta is None:
        return fmt.MISSING
    if kind == "rate":
        return f"{'+' if delta > 0 else ''}{fmt.number(delta * 100)} điểm %"
    text = f"{'+' if delta > 0 else ''}{fmt.number(delta)}"
    rel = number_or_none(relative)
    return (
        f"{text} ({'+' if rel and rel > 0 else ''}{fmt.percent(rel)})" if rel is not None else text
    )
