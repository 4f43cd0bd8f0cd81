"""docs/glossary.md explains every Vietnamese key and code the code defines."""

from __future__ import annotations

import re

from helpers import batch, charts, checks, config, indicators, statform
from helpers import contract as c

GLOSSARY = (config.REPO_ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
WRITTEN = set(re.findall(r"`([^`]+)`", GLOSSARY))


def test_every_sheet_column_and_thong_tin_key_is_explained() -> None:
    keys = {s.key for s in c.SHEETS} | {col.key for s in c.SHEETS for col in s.columns}
    keys |= set(c.THONG_TIN_KHOA)
    assert keys - WRITTEN == set()


def test_every_enumeration_code_is_explained() -> None:
    codes = set()
    for enum in (
        c.LOAI_CHI_TIEU,
        c.TRANG_THAI_CHI_TIEU,
        c.MUC_DO_THU_TUC,
        c.KENH_NOP,
        c.TRANG_THAI_HO_SO,
        c.NHOM_CHI_SO,
        c.QUY_UOC_KY,
    ):
        codes |= set(enum)
    assert codes - WRITTEN == set()


def test_every_flow_rule_severity_status_and_colour_is_explained() -> None:
    keys = set(indicators.FLOW_KEYS) | set(checks.RULE_TITLES) | set(checks.SEVERITY_LABEL)
    keys |= set(batch.STATUS_LABEL) | set(charts.COLORS) | set(statform.COLUMNS)
    assert keys - WRITTEN == set()
