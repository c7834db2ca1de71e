"""The evidence log as CSV: UTF-8 with BOM, CRLF, every field quoted, formulas neutralised."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path

from shiny_review.domain.cell_safety import FORMULA_TRIGGERS, neutralise
from shiny_review.domain.export_rows import EVIDENCE_COLUMNS, EvidenceRow
from shiny_review.runtime.atomic_file import atomic_writer

# A cell that starts with a trigger, in a row's cells joined by NULs: one search a row instead
# of one call a cell (a NUL inside a cell only sends the row down the exact, slower path).
_TRIGGER_AT_START = re.compile("\x00[" + re.escape("".join(FORMULA_TRIGGERS)) + "]")


def write_csv(rows: Iterable[EvidenceRow], target: Path) -> int:
    """Write the log to ``target`` (atomically) and return the number of data rows."""
    count = 0
    with atomic_writer(target, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(EVIDENCE_COLUMNS)
        for row in rows:
            # A row is a tuple in column order; csv writes None as an empty cell and an int
            # with str(), as cells() would.
            if _TRIGGER_AT_START.search("\x00" + "\x00".join(map(str, row))):
                writer.writerow([neutralise(cell) for cell in row.cells()])
            else:
                writer.writerow(row)
            count += 1
    return count
