"""The evidence log as XLSX (XlsxWriter): strings are always written as strings, never formulas.

A cell longer than Excel's limit is split visibly: it ends with a marker and the rest goes to
a 'continued' sheet, so nothing is cut silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import xlsxwriter

from shiny_review.domain.cell_safety import EXCEL_CELL_LIMIT
from shiny_review.domain.export_rows import EVIDENCE_COLUMNS
from shiny_review.runtime.atomic_file import atomic_path

TRUNCATION_MARK = " […continued on sheet 'Long cells']"
WIDTHS = {"quote": 60, "recommendation_text": 50, "note": 40, "document": 30, "section": 24}


def utf16_len(text: str) -> int:
    """Length as Excel counts it: UTF-16 code units (an emoji counts two)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _take(text: str, limit: int) -> tuple[str, str]:
    """The longest head of ``text`` within ``limit`` UTF-16 units, and the rest."""
    units = 0
    for i, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return text[:i], text[i:]
    return text, ""


def write_xlsx(
    rows: Iterable[Sequence[object]],
    target: Path,
    extra_sheets: Sequence[tuple[str, Sequence[Sequence[str]]]] = (),
) -> int:
    """Write the log (and ``extra_sheets``: name, header row and rows as text, e.g. the
    coverage matrix) to ``target`` atomically; return the number of evidence rows."""
    count = 0
    with atomic_path(target) as tmp:
        book = xlsxwriter.Workbook(
            str(tmp),
            {
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
                "constant_memory": True,
            },
        )
        sheet = book.add_worksheet("Evidence log")
        long_cells = book.add_worksheet("Long cells")
        long_cells.write_row(0, 0, ["annotation_id", "column", "part", "text"])
        long_row = 1
        bold = book.add_format({"bold": True})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        for col, name in enumerate(EVIDENCE_COLUMNS):
            sheet.set_column(col, col, WIDTHS.get(name, 14), wrap)
        sheet.write_row(0, 0, EVIDENCE_COLUMNS, bold)
        sheet.freeze_panes(1, 0)
        write = sheet.write_string
        half = EXCEL_CELL_LIMIT // 2
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                # a cell as text_cells() gives it: None empty, an int with str()
                cell = value if type(value) is str else "" if value is None else str(value)
                # Excel's limit counts UTF-16 units; XlsxWriter would cut longer cells silently.
                if len(cell) > half and utf16_len(cell) > EXCEL_CELL_LIMIT:
                    head, rest = _take(cell, EXCEL_CELL_LIMIT - utf16_len(TRUNCATION_MARK))
                    sheet.write_string(r, c, head + TRUNCATION_MARK)
                    part = 0
                    while rest:
                        chunk, rest = _take(rest, EXCEL_CELL_LIMIT)
                        part += 1
                        long_cells.write_string(long_row, 0, str(row[0] or ""))
                        long_cells.write_string(long_row, 1, EVIDENCE_COLUMNS[c])
                        long_cells.write_number(long_row, 2, part)
                        long_cells.write_string(long_row, 3, chunk)
                        long_row += 1
                else:
                    write(r, c, cell)
            count += 1
        sheet.autofilter(0, 0, max(count, 1), len(EVIDENCE_COLUMNS) - 1)
        for name, lines in extra_sheets:  # the inspection cycle (issue 13): coverage
            extra = book.add_worksheet(name[:31])
            for r, line in enumerate(lines):
                for c, cell in enumerate(line):
                    extra.write_string(r, c, cell[: EXCEL_CELL_LIMIT - 1], bold if r == 0 else None)
            extra.freeze_panes(1, 4)
        book.close()
    return count
