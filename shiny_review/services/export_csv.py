"""The evidence log as CSV: UTF-8 with BOM, CRLF, every field quoted, formulas neutralised."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from shiny_review.domain.cell_safety import neutralise
from shiny_review.domain.export_rows import EVIDENCE_COLUMNS, EvidenceRow
from shiny_review.services.atomic_file import atomic_writer


def write_csv(rows: Iterable[EvidenceRow], target: Path) -> int:
    """Write the log to ``target`` (atomically) and return the number of data rows."""
    count = 0
    with atomic_writer(target, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(EVIDENCE_COLUMNS)
        for row in rows:
            writer.writerow([neutralise(cell) for cell in row.cells()])
            count += 1
    return count
