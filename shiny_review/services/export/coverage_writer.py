"""The coverage matrix as CSV (same rules as the evidence log: UTF-8 with BOM, CRLF, every
field quoted, formulas neutralised) and as rows for a sheet of the XLSX evidence log."""

from __future__ import annotations

import csv
from pathlib import Path

from shiny_review.domain.cell_safety import neutralise
from shiny_review.runtime.atomic_file import atomic_writer
from shiny_review.services.cycle import CoverageMatrix

SHEET_NAME = "Coverage"


def write_coverage_csv(matrix: CoverageMatrix, target: Path) -> int:
    """Write the matrix to ``target`` (atomically); return the number of recommendation rows."""
    lines = matrix.table()
    with atomic_writer(target, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        for line in lines:
            writer.writerow([neutralise(cell) for cell in line])
    return len(lines) - 1
