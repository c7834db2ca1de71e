"""The evidence log as CSV: UTF-8 with BOM, CRLF, every field quoted, formulas neutralised."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from itertools import islice
from pathlib import Path

from shiny_review.domain.cell_safety import FORMULA_TRIGGERS, neutralise
from shiny_review.domain.export_rows import EVIDENCE_COLUMNS, EvidenceRow
from shiny_review.runtime.atomic_file import atomic_writer

# A cell that starts with a trigger, in cells joined by NULs: one search for a batch of rows
# instead of one call a cell (a NUL inside a cell only sends the batch down the exact path).
_TRIGGER_AT_START = re.compile("\x00[" + re.escape("".join(FORMULA_TRIGGERS)) + "]")
BATCH = 512  # rows checked and written at once


def _needs_care(rows: list[EvidenceRow]) -> bool:
    """Whether any cell of ``rows`` may start with a trigger (or holds a NUL)."""
    # Each row's cells follow a NUL, and so does each row's first cell: "\x00" + the join.
    joined = "\x00" + "\x00".join(["\x00".join(map(str, row)) for row in rows])
    return _TRIGGER_AT_START.search(joined) is not None


def write_csv(rows: Iterable[EvidenceRow], target: Path) -> int:
    """Write the log to ``target`` (atomically) and return the number of data rows."""
    count = 0
    source = iter(rows)
    with atomic_writer(target, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(EVIDENCE_COLUMNS)
        while batch := list(islice(source, BATCH)):
            # A row is a tuple in column order; csv writes None as an empty cell and an int
            # with str(), as cells() would.
            if _needs_care(batch):
                for row in batch:
                    if _needs_care([row]):
                        writer.writerow([neutralise(cell) for cell in row.cells()])
                    else:
                        writer.writerow(row)
            else:
                writer.writerows(batch)
            count += len(batch)
    return count
