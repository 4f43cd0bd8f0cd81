"""Errors the user can act on: where a problem is, what was found and what was expected."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One violation of the input contract, located as the user sees the workbook."""

    file: str
    message: str  # what is wrong, in Vietnamese
    sheet: str | None = None  # sheet name as written in the workbook
    row: int | None = None  # Excel row number (1 = header row)
    column: str | None = None  # column header as written in the workbook
    value: object = None  # the value found, when there is one
    expected: str | None = None  # what a valid value looks like

    def __str__(self) -> str:
        where = [f"Tệp {Path(self.file).name}"]
        if self.sheet is not None:
            where.append(f"trang «{self.sheet}»")
        if self.row is not None:
            where.append(f"dòng {self.row}")
        if self.column is not None:
            where.append(f"cột «{self.column}»")
        text = ", ".join(where) + ": " + self.message
        if self.value is not None:
            text += f" (giá trị: «{_show(self.value)}»)"
        if self.expected:
            text += f"; cần {self.expected}"
        return text + "."


def _show(value: object, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class WorkbookError(Exception):
    """Base of the errors shown to the user as a plain message (no traceback)."""

    exit_code = 2

    def user_message(self) -> str:
        return str(self)


class ContractError(WorkbookError):
    """The input workbook breaks the contract; holds every problem found."""

    def __init__(self, problems: list[Problem]):
        if not problems:
            raise ValueError("ContractError needs at least one problem")
        self.problems = list(problems)
        super().__init__(self.user_message())

    @property
    def file(self) -> str:
        return self.problems[0].file

    def user_message(self, limit: int = 50) -> str:
        n = len(self.problems)
        head = f"Tệp {Path(self.file).name} không đúng mẫu số liệu ({n} lỗi):"
        lines = [f"  - {p}" for p in self.problems[:limit]]
        if n > limit:
            lines.append(f"  … và {n - limit} lỗi khác.")
        return "\n".join([head, *lines])


class ParameterError(WorkbookError):
    """A run was asked for something that does not exist (unit, quarter, file, folder)."""


class RenderError(WorkbookError):
    """The report could not be produced; the last good outputs are left as they were."""

    exit_code = 1


def _render_traceback_(self: WorkbookError) -> list[str]:
    """IPython shows this instead of a traceback: the plain message is all a user needs."""
    return [self.user_message()]


WorkbookError._render_traceback_ = _render_traceback_  # type: ignore[attr-defined]
