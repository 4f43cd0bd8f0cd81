"""The workbook's metadata (``thong_tin``) as typed values, and the rules on whole records
that involve more than one cell (a dossier resolved without a result date …).

These run on the typed tables ``sheets`` built; they only report, never change a table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

from helpers import contract as c
from helpers.errors import Problem
from helpers.parsing import parse_date, parse_text
from helpers.periods import Period, Quarter, parse_span
from helpers.sheets import ROW_COLUMN, as_found
from helpers.text import normalize_key

if TYPE_CHECKING:
    from helpers.io import Workbook

_Where = Callable[[str], dict[str, object]]  # a thong_tin key -> where its value is
_INFO_LOOKUP: dict[str, str] = {}
for _k, (_label, _kind, _req) in c.THONG_TIN_KHOA.items():
    _INFO_LOOKUP[normalize_key(_k)] = _k
    _INFO_LOOKUP[normalize_key(_label)] = _k


def read_info(
    name: str, wb: Workbook, quarter: Quarter | str | None
) -> tuple[dict[str, object], list[Problem]]:
    """thong_tin rows to a dict of typed values; ``quarter`` is the one the file is named for."""
    sheet_name = wb.sheet_names["thong_tin"]
    value_header = wb.headers["thong_tin"].get("gia_tri", "gia_tri")
    info, rows, problems = _info_values(name, wb.tables["thong_tin"], sheet_name, value_header)

    def at(key: str) -> dict[str, object]:
        return {"sheet": sheet_name, "row": rows.get(key), "column": value_header}

    problems += _period_problems(name, info, quarter, at)
    problems += _convention_problems(name, info, at)
    info.setdefault("quy_uoc_ky", "quy_lich")
    return info, problems


def read_period_info(
    name: str, wb: Workbook, period: Period
) -> tuple[dict[str, object], list[Problem]]:
    """A period workbook's ``thong_tin``: every key optional; ``ky``, when given, must be the
    period of the file name. Its data window is the quarters', never its own: ``ky``,
    ``tu_ngay``, ``den_ngay`` and ``quy_uoc_ky`` are dropped once checked."""
    sheet_name = wb.sheet_names["thong_tin"]
    value_header = wb.headers["thong_tin"].get("gia_tri", "gia_tri")
    info, rows, problems = _info_values(
        name, wb.tables["thong_tin"], sheet_name, value_header, required=False
    )
    if "ky" in info:
        try:
            ky = parse_span(str(info["ky"]))
        except ValueError as exc:
            ky, message = None, str(exc)
        else:
            message = f"kỳ báo cáo ghi {ky} nhưng tệp là của {period}"
        if ky != period:
            problems.append(
                Problem(
                    name, message, sheet=sheet_name, row=rows.get("ky"), column=value_header,
                    value=info["ky"], expected=str(period),
                )
            )  # fmt: skip
    for key in ("ky", "tu_ngay", "den_ngay", "quy_uoc_ky"):
        info.pop(key, None)
    return info, problems


def _info_values(
    name: str, table: pd.DataFrame, sheet_name: str, value_header: str, required: bool = True
) -> tuple[dict[str, object], dict[str, int], list[Problem]]:
    """Each known key's typed value, the row it is on, and the keys repeated, unreadable or
    (when ``required``) missing."""
    problems: list[Problem] = []
    info: dict[str, object] = {}
    rows: dict[str, int] = {}
    for r, khoa, value in zip(table[ROW_COLUMN], table["khoa"], table["gia_tri"], strict=True):
        key = _INFO_LOOKUP.get(normalize_key(khoa))
        if key is None:
            continue  # extra keys are allowed and ignored
        if key in rows:
            problems.append(
                Problem(
                    name,
                    f"khóa «{key}» xuất hiện hai lần (dòng {rows[key]} và {r})",
                    sheet=sheet_name,
                    row=r,
                )
            )
            continue
        rows[key] = int(r)
        label, kind, _ = c.THONG_TIN_KHOA[key]
        if value is None:
            continue
        try:
            info[key] = parse_date(value) if kind == "date" else parse_text(value)
        except ValueError as exc:
            problems.append(
                Problem(
                    name,
                    f"{label}: {exc}",
                    sheet=sheet_name,
                    row=int(r),
                    column=value_header,
                    value=as_found(value),
                    expected=c.EXPECTED[kind],
                )
            )
    for key, (label, _kind, needed) in c.THONG_TIN_KHOA.items():
        if not (required and needed) or key in info:
            continue
        if not any(p.row == rows.get(key) for p in problems):
            problems.append(
                Problem(
                    name,
                    f"thiếu «{key}» ({label})",
                    sheet=sheet_name,
                    row=rows.get(key),
                    column=value_header if key in rows else None,
                    expected=f"một dòng có khóa «{key}» và giá trị của nó",
                )
            )
    return info, rows, problems


def _period_problems(
    name: str, info: dict[str, object], quarter: Quarter | str | None, at: _Where
) -> list[Problem]:
    """``ky`` a quarter, the one the file is named for; the data window not reversed.
    Normalises ``info["ky"]`` to ``YYYY-Qn``."""
    problems = []
    if "ky" in info:
        try:
            ky = Quarter.parse(str(info["ky"]))
        except ValueError as exc:
            problems.append(Problem(name, str(exc), value=info["ky"], **at("ky")))
        else:
            info["ky"] = str(ky)
            expected_q = Quarter.parse(str(quarter)) if quarter is not None else None
            if expected_q is not None and ky != expected_q:
                problems.append(
                    Problem(
                        name,
                        f"kỳ báo cáo ghi {ky} nhưng tệp là của {expected_q}",
                        value=info["ky"],
                        expected=str(expected_q),
                        **at("ky"),
                    )
                )
    start, end = info.get("tu_ngay"), info.get("den_ngay")
    if isinstance(start, dt.date) and isinstance(end, dt.date) and start > end:
        problems.append(
            Problem(
                name,
                "ngày bắt đầu sau ngày kết thúc của số liệu",
                value=f"{start:%d/%m/%Y} > {end:%d/%m/%Y}",
                **at("den_ngay"),
            )
        )
    return problems


def _convention_problems(name: str, info: dict[str, object], at: _Where) -> list[Problem]:
    """``quy_uoc_ky`` one of the conventions; normalises it to its code."""
    convention = info.get("quy_uoc_ky")
    if convention is None:
        return []
    code = {normalize_key(k): k for k in c.QUY_UOC_KY}.get(normalize_key(convention))
    if code is None:
        return [
            Problem(
                name,
                "quy ước kỳ không thuộc danh mục",
                value=convention,
                expected="quy_lich hoặc nd09",
                **at("quy_uoc_ky"),
            )
        ]
    info["quy_uoc_ky"] = code
    return []


def check_records(name: str, wb: Workbook) -> list[Problem]:
    """Per-row rules that involve more than one cell."""
    problems: list[Problem] = []
    if "ho_so" in wb.tables:
        problems += _dossier_problems(name, wb)
    if "ho_so_tong_hop" in wb.tables:
        problems += _aggregate_problems(name, wb)
    return problems


def _dossier_problems(name: str, wb: Workbook) -> list[Problem]:
    """A received dossier without a receipt date; a resolved one without a result date."""
    t = wb.tables["ho_so"]
    sheet_name, headers = wb.sheet_names["ho_so"], wb.headers["ho_so"]
    problems = []
    unreceived = t["ngay_tiep_nhan"].isna() & ~t["trang_thai"].isin(c.EXCLUDED_STATUSES)
    for r in t.loc[unreceived, ROW_COLUMN]:
        problems.append(
            Problem(
                name,
                "ô bị bỏ trống (chỉ hồ sơ chưa được tiếp nhận mới không có ngày tiếp nhận)",
                sheet=sheet_name,
                row=int(r),
                column=headers.get("ngay_tiep_nhan", "Ngày tiếp nhận"),
                expected=c.EXPECTED["date"],
            )
        )
    missing = t[(t["trang_thai"] == "da_giai_quyet") & t["ngay_co_ket_qua"].isna()]
    for r in missing[ROW_COLUMN]:
        problems.append(
            Problem(
                name,
                "hồ sơ đã giải quyết nhưng chưa có ngày có kết quả",
                sheet=sheet_name,
                row=int(r),
                column=headers.get("ngay_co_ket_qua", "Ngày có kết quả"),
                expected=c.EXPECTED["date"],
            )
        )
    return problems


def _aggregate_problems(name: str, wb: Workbook) -> list[Problem]:
    """An aggregate row part of (``thuoc``) a system that is not on the sheet."""
    t = wb.tables["ho_so_tong_hop"]
    sheet_name, headers = wb.sheet_names["ho_so_tong_hop"], wb.headers["ho_so_tong_hop"]
    names = {normalize_key(h) for h in t["he_thong"]}
    problems = []
    for r, parent in zip(t[ROW_COLUMN], t["thuoc"], strict=True):
        if parent is not None and normalize_key(parent) not in names | {normalize_key(c.TONG)}:
            problems.append(
                Problem(
                    name,
                    "dòng này thuộc một hệ thống không có trong trang",
                    sheet=sheet_name,
                    row=int(r),
                    column=headers.get("thuoc", "Thuộc"),
                    value=parent,
                    expected="tên một hệ thống ở cột «Hệ thống» hoặc để trống",
                )
            )
    return problems
