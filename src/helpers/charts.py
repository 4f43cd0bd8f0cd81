"""Chart builders: each takes figures and returns a matplotlib Figure (object-oriented API)."""

from __future__ import annotations

import dataclasses
import functools
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from helpers import fmt
from helpers.wording import say

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# matplotlib is imported when the first chart is drawn, not with this module: `workbook run`
# builds the report's blocks before the kernel draws them, and saves ~0,7 s of start-up. The
# builders use the object-oriented API (Figure, savefig), which needs no pyplot backend.

# --- style, in one place -------------------------------------------------------------------
# The first installed is used: Arial (Windows, macOS), its Linux twin Liberation Sans, and
# DejaVu Sans, which ships with matplotlib itself; each has every Vietnamese letter.
FONTS = ("Arial", "Liberation Sans", "DejaVu Sans")
WIDTH = 7.2  # inches: fits an A4 page with margins and a phone screen scaled down
BAR_HEIGHT = 0.55  # inches per bar in horizontal charts
DPI = 150
# the heatmap's margins in inches (left for the weekdays, top for the title, bottom for the
# hours): fixed, because constrained layout measures each of the grid's labels again on every
# pass, half of the chart's time
HEATMAP_MARGINS = {"left": 0.75, "right": 0.1, "bottom": 0.5, "top": 0.4}
COLORS = {
    "chinh": "#1f5f99",  # main series
    "phu": "#7fb3e0",  # secondary series
    "tot": "#2e8b57",  # done / in time
    "canh_bao": "#e0a030",  # pending, partial
    "xau": "#c0392b",  # late, overdue
    "nhat": "#c8cdd2",  # remainder
    "tong": "#5b4a9b",  # totals (to handle), apart from their parts
    "chu": "#222222",
    "luoi": "#e5e7ea",
}
RC = {
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.edgecolor": "#888888",
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@functools.cache
def font() -> str:
    """The chart font: the first of FONTS that matplotlib finds on this computer."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in FONTS if name in installed), FONTS[-1])


def _count_axis() -> object:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: fmt.number(v, 0))


def _rate_axis() -> object:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: fmt.percent(v, 0))


def _figure(height: float) -> Figure:
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context({**RC, "font.family": font()}):
        fig = Figure(figsize=(WIDTH, height), dpi=DPI, layout="constrained")
        fig.add_subplot()
    return fig


def _style(ax, title: str) -> None:
    ax.set_title(title, loc="left", fontsize=RC["axes.titlesize"], fontweight="bold", family=font())
    ax.grid(axis="x", color=COLORS["luoi"], linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for label in ax.get_xticklabels() + ax.get_yticklabels():
        label.set_family(font())


def _bar_labels(ax, bars, texts: Sequence[str]) -> None:
    for bar, text in zip(bars, texts, strict=True):
        ax.annotate(
            text,
            (bar.get_x() + bar.get_width(), bar.get_y() + bar.get_height() / 2),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8.5,
            family=font(),
            color=COLORS["chu"],
        )


def horizontal_bars(
    labels: Sequence[str],
    values: Sequence[float],
    title: str,
    *,
    texts: Sequence[str] | None = None,
    rate: bool = False,
    color: str = COLORS["chinh"],
) -> Figure:
    """One bar per label, largest first, with its value written at the end of the bar."""
    fig = _figure(0.9 + BAR_HEIGHT * max(len(labels), 1))
    ax = fig.axes[0]
    order = sorted(range(len(values)), key=lambda i: values[i])
    ys = range(len(order))
    bars = ax.barh(ys, [values[i] for i in order], color=color, height=0.6)
    ax.set_yticks(list(ys), [labels[i] for i in order])
    shown = texts or [fmt.percent(v) if rate else fmt.number(v) for v in values]
    _bar_labels(ax, bars, [shown[i] for i in order])
    ax.xaxis.set_major_formatter(_rate_axis() if rate else _count_axis())
    top = max(values, default=0) or 1
    ax.set_xlim(0, top * 1.18)
    _style(ax, title)
    return fig


def procedures(figures: dict[str, float]) -> Figure:
    """Published procedures by level of online service (thu_tuc.*)."""
    levels = ("toan_trinh", "mot_phan", "truc_tiep")
    labels = ["Trực tuyến toàn trình", "Trực tuyến một phần", "Trực tiếp"]
    values = [figures.get(f"thu_tuc.{lv}", 0) for lv in levels]
    texts = [
        f"{fmt.number(v)} ({fmt.percent(figures.get(f'thu_tuc.ty_le_{lv}'))})"
        for v, lv in zip(values, levels, strict=True)
    ]
    return horizontal_bars(labels, values, say("bieu_do.thu_tuc"), texts=texts)


def dossier_flows(figures: dict[str, float], quarter: str) -> Figure:
    """Dossiers received (by channel) and their outcome (by timeliness), stacked bars."""
    fig = _figure(3.2)
    ax = fig.axes[0]
    g = lambda k: figures.get(f"ho_so.{k}") or 0  # noqa: E731
    rows = [
        ("Phải giải quyết", [("ky_truoc_chuyen_sang", "nhat"), ("tiep_nhan", "tong")]),
        ("Tiếp nhận", [("truc_tuyen", "chinh"), ("truc_tiep_buu_chinh", "phu")]),
        (
            "Kết quả",
            [
                ("truoc_han", "tot"),
                ("dung_han", "phu"),
                ("qua_han", "xau"),
                ("rut_tu_choi", "nhat"),
                ("dang_trong_han", "canh_bao"),
                ("dang_qua_han", "xau"),
            ],
        ),
    ]
    seen: set[str] = set()
    for y, (_, parts) in enumerate(reversed(rows)):
        left = 0.0
        for key, color in parts:
            value = g(key)
            if not value:
                continue
            label = say(f"nhan.{key}")
            ax.barh(
                y,
                value,
                left=left,
                height=0.55,
                color=COLORS[color],
                edgecolor="white",
                label=None if label in seen else label,
            )
            seen.add(label)
            left += value
        ax.annotate(
            fmt.number(left),
            (left, y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8.5,
            family=font(),
        )
    ax.set_yticks(range(len(rows)), [name for name, _ in reversed(rows)])
    ax.xaxis.set_major_formatter(_count_axis())
    ax.set_xlabel(say("truc.so_ho_so"), family=font())
    xmax = max(ax.get_xlim()[1], 1)
    ax.set_xlim(0, xmax * 1.12)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=3, frameon=False, fontsize=8)
    _style(ax, say("bieu_do.ho_so", ky=quarter))
    return fig


def rates(
    labels: Sequence[str], computed: Sequence[float], declared: Sequence[float | None], title: str
) -> Figure:
    """Computed rates as bars, each with the rate the unit declared marked beside it."""
    fig = horizontal_bars(labels, computed, title, rate=True)
    ax = fig.axes[0]
    order = sorted(range(len(computed)), key=lambda i: computed[i])
    marks = [(y, declared[i]) for y, i in enumerate(order) if declared[i] is not None]
    if marks:
        ax.scatter(
            [d for _, d in marks],
            [y for y, _ in marks],
            marker="|",
            s=260,
            linewidths=2.2,
            color=COLORS["xau"],
            zorder=3,
            label="Tỷ lệ báo cáo",
        )
        ax.legend(loc="lower right", frameon=False, fontsize=8)
        ax.set_xlim(0, max([*computed, *[d for _, d in marks], 1.0]) * 1.18)
    return fig


def objectives(rows: Sequence[tuple[str, int, int]], title: str) -> Figure:
    """Done against not yet done, one stacked bar per kind: rows of (label, done, total)."""
    fig = _figure(0.9 + BAR_HEIGHT * max(len(rows), 1))
    ax = fig.axes[0]
    ys = range(len(rows))
    done = [d for _, d, _ in rows]
    rest = [t - d for _, d, t in rows]
    ax.barh(ys, done, color=COLORS["tot"], height=0.6, label=say("nhan.hoan_thanh"))
    ax.barh(
        ys, rest, left=done, color=COLORS["nhat"], height=0.6, label=say("nhan.chua_hoan_thanh")
    )
    for y, (_, d, t) in zip(ys, rows, strict=True):
        ax.annotate(
            f"{d}/{t} ({fmt.percent(d / t if t else None)})",
            (t, y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8.5,
            family=font(),
        )
    ax.set_yticks(list(ys), [label for label, _, _ in rows])
    ax.set_xlim(0, max([t for *_, t in rows] + [1]) * 1.25)
    ax.xaxis.set_major_formatter(_count_axis())
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=2, frameon=False, fontsize=8)
    _style(ax, title)
    ax.invert_yaxis()
    return fig


def service_index(groups: Sequence[tuple[str, float, float, float]], title: str) -> Figure:
    """Points per group of the index, one stacked bar each: points reached, points lost on
    what the data measures, and points the data cannot measure. Rows of (group, reached,
    measurable, maximum)."""
    fig = _figure(0.9 + BAR_HEIGHT * max(len(groups), 1))
    ax = fig.axes[0]
    ys = range(len(groups))
    reached = [r for _, r, _, _ in groups]
    lost = [m - r for _, r, m, _ in groups]
    unknown = [t - m for _, _, m, t in groups]
    ax.barh(ys, reached, color=COLORS["tot"], height=0.6, label=say("nhan.diem_dat"))
    ax.barh(ys, lost, left=reached, color=COLORS["xau"], height=0.6, label=say("nhan.diem_mat"))
    ax.barh(
        ys, unknown, left=[r + x for r, x in zip(reached, lost, strict=True)],
        color="white", edgecolor=COLORS["nhat"], hatch="///", height=0.6,
        label=say("nhan.khong_co_so_lieu"),
    )  # fmt: skip
    for y, (_, r, m, t) in zip(ys, groups, strict=True):
        text = say("nhan.diem_nhom", dat=r, co_so_lieu=m, toi_da=t)
        ax.annotate(
            text, (t, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8.5,
            family=font(),
        )  # fmt: skip
    ax.set_yticks(list(ys), [name for name, *_ in groups])
    ax.set_xlim(0, max([t for *_, t in groups] + [1]) * 1.6)
    ax.set_xlabel(say("truc.diem"))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=3, frameon=False, fontsize=8)
    _style(ax, title)
    ax.invert_yaxis()
    return fig


def trend_lines(frame, labels: dict[str, str], title: str, *, rate: bool = False) -> Figure:
    """One line per column of ``frame`` (quarters as rows), each point labelled."""
    fig = _figure(3.0)
    ax = fig.axes[0]
    palette = [COLORS["chinh"], COLORS["tot"], COLORS["canh_bao"], COLORS["xau"], COLORS["tong"]]
    xs = list(range(len(frame.index)))
    for color, column in zip(palette, frame.columns, strict=False):
        values = frame[column]
        ax.plot(xs, values, marker="o", color=color, label=labels.get(column, column))
        for x, v in zip(xs, values, strict=True):
            if v == v:  # not NaN
                text = fmt.percent(v) if rate else fmt.number(v)
                ax.annotate(text, (x, v), xytext=(0, 5), textcoords="offset points",
                            ha="center", fontsize=7.5, family=font())  # fmt: skip
    ax.set_xticks(xs, list(frame.index))
    ax.yaxis.set_major_formatter(_rate_axis() if rate else _count_axis())
    ax.grid(axis="y", color=COLORS["luoi"], linewidth=0.8)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=3, frameon=False, fontsize=8)
    _style(ax, title)
    ax.grid(axis="x", visible=False)
    return fig


def stacked_columns(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float], str]],
    title: str,
) -> Figure:
    """One column per label (months …), stacked from ``series`` of (legend label, values,
    colour key of COLORS), each column's total written above it."""
    fig = _figure(3.2)
    ax = fig.axes[0]
    xs = list(range(len(labels)))
    bottom = [0.0] * len(labels)
    for name, values, color in series:
        ax.bar(xs, values, bottom=bottom, color=COLORS[color], width=0.65, label=name,
               edgecolor="white")  # fmt: skip
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    for x, total in zip(xs, bottom, strict=True):
        ax.annotate(fmt.number(total), (x, total), xytext=(0, 3), textcoords="offset points",
                    ha="center", fontsize=8, family=font())  # fmt: skip
    ax.set_xticks(xs, list(labels))
    ax.yaxis.set_major_formatter(_count_axis())
    ax.set_ylim(0, max(bottom + [1]) * 1.15)
    ax.set_ylabel(say("truc.so_ho_so"), family=font())
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(series), frameon=False,
              fontsize=8)  # fmt: skip
    _style(ax, title)
    ax.grid(axis="x", visible=False)
    ax.grid(axis="y", color=COLORS["luoi"], linewidth=0.8)
    return fig


def heatmap(rows: Sequence[str], columns: Sequence[str], values, title: str) -> Figure:
    """A grid of counts (``values[i][j]`` for row i, column j), darker for more, each cell's
    count written in it: dossiers by weekday and hour."""
    import numpy as np
    from matplotlib.colors import LinearSegmentedColormap

    grid = np.asarray(values, dtype=float).reshape(len(rows), len(columns))
    fig = _figure(0.9 + 0.34 * max(len(rows), 1))
    ax = fig.axes[0]
    cmap = LinearSegmentedColormap.from_list("so_ho_so", ["#ffffff", COLORS["chinh"]])
    top = grid.max() if grid.size else 0
    ax.imshow(grid, cmap=cmap, aspect="auto", vmin=0, vmax=top or 1)
    for (i, j), v in np.ndenumerate(grid):
        if v:
            ax.text(j, i, fmt.number(v), ha="center", va="center", fontsize=6.5, family=font(),
                    color="white" if v > top * 0.6 else COLORS["chu"])  # fmt: skip
    ax.set_xticks(range(len(columns)), list(columns))
    ax.set_yticks(range(len(rows)), list(rows))
    ax.set_xlabel(say("truc.gio"), family=font())
    _style(ax, title)
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    m, height = HEATMAP_MARGINS, fig.get_figheight()
    fig.set_layout_engine(None)
    fig.subplots_adjust(
        left=m["left"] / WIDTH, right=1 - m["right"] / WIDTH,
        bottom=m["bottom"] / height, top=1 - m["top"] / height,
    )  # fmt: skip
    return fig


# --- the record analytics (helpers.analysis): each takes the table its function returns ------


def monthly_channels(table, title: str = "") -> Figure:
    """Dossiers received per month, stacked by channel (``analysis.monthly_receipts``)."""
    from helpers import contract

    colors = dict(zip(contract.KENH_NOP, ("chinh", "phu", "nhat"), strict=True))
    series = [(label, list(table[key]), colors[key]) for key, label in contract.KENH_NOP.items()]
    labels = [fmt.month(m) for m in table.index]
    return stacked_columns(labels, series, title or say("bieu_do.phan_tich_thang"))


def late_shares(table, title: str = "", minimum: int = 1) -> Figure:
    """Share of resolved dossiers resolved late per group (``analysis.processing_times``),
    for the groups with at least ``minimum`` resolved."""
    rows = table[table["da_giai_quyet"] >= minimum]
    return horizontal_bars(
        [str(x) for x in rows.index],
        list(rows["ty_le_qua_han"]),
        title or say("bieu_do.phan_tich_qua_han"),
        rate=True,
        color=COLORS["xau"],
    )


def weekday_hours(table, title: str = "") -> Figure:
    """Dossiers received by weekday and hour (``analysis.receipts_by_weekday_hour``): the
    hours' columns only."""
    hours = [h for h in table.columns if isinstance(h, int)]
    return heatmap(
        list(table.index),
        [str(h) for h in hours],
        table[hours].to_numpy(),
        title or say("bieu_do.phan_tich_gio"),
    )


@dataclasses.dataclass(frozen=True)
class Png:
    """A chart rendered as the report renders it; a notebook shows it (IPython's display
    protocol calls ``_repr_png_``: no IPython import here)."""

    data: bytes

    def _repr_png_(self) -> bytes:
        return self.data


def image(fig: Figure) -> Png:
    """``fig`` as an image a notebook shows."""
    return Png(to_png(fig))


def to_png(fig: Figure) -> bytes:
    """Render ``fig`` to PNG bytes; the figure is dropped afterwards (save-and-close)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    fig.clear()
    return buffer.getvalue()
