"""The documents' one-line listing (``shiny-review documents``), without domain rows.

A use case on its own (issue 16): the listing shows id, kind, date and title, so it reads
those four columns and nothing else (no highlight counts, which read every annotation).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from shiny_review.domain.document_label import label_of

if TYPE_CHECKING:
    from shiny_review.storage.workspace import Workspace


class DocumentLine(NamedTuple):
    id: int
    kind: str
    date: str  # ISO 8601, or "" when the letter has no date
    title: str


class DocumentListing:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def lines(self) -> list[DocumentLine]:
        """Every document in id order."""
        with self.workspace.read() as repo:
            return [DocumentLine._make(row) for row in repo.document_lines()]

    def labelled(self) -> list[tuple[int, str, str, str]]:
        """(id, label, shown date in ISO 8601 or "", title) of every document in id order:
        the text listing of ``documents``, the same as ``document_dict``'s fields, from the
        seven columns they need (no highlight counts, no full rows)."""
        with self.workspace.read() as repo:
            rows = repo.label_rows()
        label, parse = label_of, date.fromisoformat
        # shown: the letter's date, else the inspection's last day, else its first
        # (``shown_date``); the label's month: the inspection's first day, else its last, else
        # the letter's date (``label_date``). The dates are ISO 8601 text: only the label's
        # one is parsed.
        return [
            (
                doc_id,
                label(
                    title, kind, authority, parse(when) if (when := start or end or day) else None
                ),
                day or end or start or "",
                title,
            )
            for doc_id, title, kind, authority, day, start, end in rows
        ]
