"""A workbook checked, as ``workbook check`` shows it: the result, its findings as a table a
person reads in a terminal, and as ``kiem-tra.json``. The rules themselves are in
:mod:`helpers.checks`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from helpers import fmt
from helpers.checks import RULE_TITLES, SEVERITY_LABEL, Finding, previous_of, reconcile


@dataclass
class CheckResult:
    """A workbook checked: where it is, what it is of, and what was found."""

    path: Path
    unit: str
    quarter: str
    findings: list[Finding]
    rows: dict[str, int]  # sheet as written -> rows read
    previous: str | None = None  # the previous quarter's file compared against, if any


def check_file(path: Path | str) -> CheckResult:
    """Read, validate and reconcile one workbook; the previous quarter's file beside it, when
    there is one and it reads, is used for the cumulative figures and the carry-over. A period
    workbook (``2026-6T.xlsx``) is validated as one (``thong_tin``, ``noi_dung``).
    ContractError if unreadable."""
    from helpers.discovery import file_quarter, is_period_file
    from helpers.io import read_period_workbook, read_workbook
    from helpers.periods import Period

    path = Path(path)
    if is_period_file(path):  # 2026-6T.xlsx: only its metadata and narrative to check
        period = Period.parse(path.stem)
        texts = read_period_workbook(path, period)
        return CheckResult(
            path=path,
            unit=path.parent.name,
            quarter=str(period),
            findings=[],
            rows={texts.sheet_names[k]: len(t) for k, t in texts.tables.items()},
        )
    named = file_quarter(path) is not None  # 2026-Q1.xlsx: a unit's quarter, in its folder
    wb = read_workbook(path, quarter=path.stem if named else None)
    previous = previous_of(path.parent, wb.quarter) if named else None
    unit = path.parent.name if named else path.stem
    return CheckResult(
        path=path,
        unit=unit,
        quarter=str(wb.quarter),
        findings=reconcile(wb, previous=previous),
        rows={wb.sheet_names[k]: len(t) for k, t in wb.tables.items()},
        previous=previous.path.name if previous is not None else None,
    )


def format_table(result: CheckResult) -> str:
    """The findings as a plain-text table a person reads in a terminal."""
    rows = ", ".join(f"{name}: {n} dòng" for name, n in result.rows.items())
    lines = [f"Tệp {result.path.name} đúng mẫu số liệu ({rows})."]
    if result.previous:
        lines.append(f"Đã đối chiếu với quý trước: {result.previous}.")
    if not result.findings:
        lines.append("Đối chiếu số liệu: không phát hiện điểm bất hợp lý nào.")
        return "\n".join(lines)
    errors = sum(f.severity == "loi" for f in result.findings)
    lines.append(f"Đối chiếu số liệu: {errors} lỗi, {len(result.findings) - errors} cảnh báo.")
    for i, f in enumerate(result.findings, start=1):
        lines.append("")
        lines.append(f"{i:>2}. [{SEVERITY_LABEL[f.severity]}] {RULE_TITLES[f.rule]} ({f.rule})")
        if f.where:
            lines.append(f"    Ở đâu: {f.where}")
        for label, value in f.figures.items():
            shown = value if isinstance(value, str) else _show_number(value)
            lines.append(f"    {label}: {shown}")
        if f.gap is not None:
            lines.append(f"    Chênh lệch: {_show_number(f.gap)}")
        lines.append(f"    {f.message}")
    return "\n".join(lines)


def _show_number(value: float | None) -> str:
    if value is None:
        return fmt.MISSING
    if abs(value) <= 1.5 and not float(value).is_integer():
        return f"{fmt.number(value, 4)} ({fmt.percent(value)})"
    return fmt.number(value)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "loi" for f in findings)


def to_json(findings: list[Finding], unit: str, quarter: str) -> str:
    """The ``kiem-tra.json`` text."""
    payload = {
        "don_vi": unit,
        "ky": quarter,
        "so_loi": sum(f.severity == "loi" for f in findings),
        "so_canh_bao": sum(f.severity == "canh_bao" for f in findings),
        "findings": [f.to_dict() for f in findings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def write_json(findings: list[Finding], unit: str, quarter: str, path: Path) -> Path:
    from helpers.atomic import write_text

    return write_text(path, to_json(findings, unit, quarter))
