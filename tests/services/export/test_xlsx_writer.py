"""The XLSX evidence log: a header row, one row per link, formulas kept as text."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from shiny_review.domain.export_rows import EVIDENCE_COLUMNS, EvidenceRow
from shiny_review.services.export.xlsx_writer import utf16_len, write_xlsx


def test_xlsx_cells(rows: list[EvidenceRow], tmp_path: Path) -> None:
    target = tmp_path / "log.xlsx"
    assert write_xlsx(rows, target) == 2
    book = openpyxl.load_workbook(target, read_only=True)
    try:
        sheet = book.worksheets[0]
        values = [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    assert values[0][: len(EVIDENCE_COLUMNS)] == list(EVIDENCE_COLUMNS)
    quote = EVIDENCE_COLUMNS.index("quote")
    assert values[1][quote] == "=SUM(A1)"  # a string cell, never a formula
    assert values[2][quote] == "quote 🙂"
    assert utf16_len("🙂") == 2
