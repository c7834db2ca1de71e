"""The evidence log's row and column contract (DESIGN.md section 5)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

EVIDENCE_COLUMNS: tuple[str, ...] = (
    "annotation_id",
    "document",
    "document_kind",
    "authority",
    "document_date",
    "page",
    "paragraph",
    "section",
    "quote",
    "recommendation_number",
    "recommendation_text",
    "stance",
    "note",
    "author",
    "created_at",
    "updated_at",
    "anchor_status",
    # Added after the original columns, so spreadsheets built on the old layout still work.
    "inspection_start",
    "inspection_end",
    # The inspection cycle (issue 13).
    "recommendation_document",
    "recommendation_document_date",
    "thread_first_raised",
    "thread_latest_letter",
)

NO_EVIDENCE = "no evidence"  # anchor_status of a recommendation's row when nothing is linked


class EvidenceRow(NamedTuple):
    """One line of the evidence log: a link between an annotation and a recommendation.

    A named tuple in column order (not a dataclass): an export streams a hundred thousand of
    them, and a tuple is made and written by the csv module without a Python call per cell.
    """

    annotation_id: int | None
    document: str
    document_kind: str
    authority: str
    document_date: str
    page: int | None
    paragraph: int | None
    section: str
    quote: str
    recommendation_number: str | None
    recommendation_text: str
    stance: str
    note: str
    author: str
    created_at: str
    updated_at: str
    anchor_status: str
    inspection_start: str = ""
    inspection_end: str = ""
    recommendation_document: str = ""
    recommendation_document_date: str = ""
    thread_first_raised: str = ""
    thread_latest_letter: str = ""

    def cells(self) -> tuple[str, ...]:
        """The row as text cells in column order (None becomes an empty cell)."""
        return text_cells(self)


def text_cells(row: Iterable[object]) -> tuple[str, ...]:
    """A row (an ``EvidenceRow`` or the same values in a plain tuple) as text cells in column
    order: None becomes an empty cell."""
    return tuple("" if v is None else str(v) for v in row)
