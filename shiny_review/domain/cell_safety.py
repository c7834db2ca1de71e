"""Spreadsheet formula neutralising for exported cells (CSV injection, OWASP)."""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
EXCEL_CELL_LIMIT = 32_767


def neutralise(value: str) -> str:
    """Prefix an apostrophe to a cell a spreadsheet would read as a formula."""
    if value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
