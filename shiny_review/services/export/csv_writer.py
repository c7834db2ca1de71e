"""The evidence log as CSV: UTF-8 with BOM, CRLF, every field quoted, formulas neutralised."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from pathlib import Path

from shiny_review.domain.cell_safety import FORMULA_TRIGGERS, neutralise
from shiny_review.domain.export_rows import EVIDENCE_COLUMNS, text_cells
from shiny_review.runtime.atomic_file import atomic_writer

BATCH = 1024  # rows written (and checked for formula triggers) at once

# Every field is quoted, and a quote inside a field is doubled, so a field that starts with a
# trigger shows in the written text as '"' + trigger. One search of a batch's text (a literal
# '"' first: C speed, no Python call a cell): '"' and any trigger but the carriage return,
# which ends every row ('"\r\n'), and for it '"\r' after a comma or a line break (the start
# of a batch is looked at on its own). A hit may be a false alarm (a quote inside a field, a
# field that ends with a comma at the end of a row): it only sends the batch down the exact
# path, a cell at a time, as before.
_OTHERS = "".join(t for t in FORMULA_TRIGGERS if t != "\r")
_TRIGGER_AFTER_QUOTE = re.compile('"(?:[' + re.escape(_OTHERS) + ']|\r(?<=[,\n]"\r))')


def _may_hold_a_trigger(text: str) -> bool:
    return text[1:2] in FORMULA_TRIGGERS or _TRIGGER_AFTER_QUOTE.search(text) is not None


class _Parts:
    """A file for ``csv.writer`` that keeps what it is given (a row's line a call)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.write: Callable[[str], object] = self.parts.append

    def take(self) -> str:
        text = "".join(self.parts)
        self.parts.clear()
        return text


def write_csv(rows: Iterable[Sequence[object]], target: Path) -> int:
    """Write the log to ``target`` (atomically) and return the number of data rows.

    A row is a tuple in column order (``EvidenceRow`` or the driver's row): csv writes None as
    an empty cell and an int with str(), as ``text_cells`` does."""
    source = iter(rows)
    return write_csv_batches(iter(lambda: list(islice(source, BATCH)), []), target)


def write_csv_batches(batches: Iterable[Sequence[Sequence[object]]], target: Path) -> int:
    """``write_csv`` for rows that come in lists (the cursor's ``fetchmany``): each list is
    written, and checked for formula triggers, at once. The same bytes whatever the lists'
    lengths (a list longer than ``BATCH`` is written ``BATCH`` rows at a time)."""
    count = 0
    parts = _Parts()
    lines = csv.writer(parts, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    with atomic_writer(target, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerow(EVIDENCE_COLUMNS)
        for rows in batches:
            for start in range(0, len(rows), BATCH):
                batch = rows[start : start + BATCH] if len(rows) > BATCH else rows
                lines.writerows(batch)
                text = parts.take()
                if _may_hold_a_trigger(text):
                    for row in batch:
                        lines.writerow([neutralise(cell) for cell in text_cells(row)])
                    text = parts.take()
                handle.write(text)
                count += len(batch)
    return count
