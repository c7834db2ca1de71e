"""The documents' one-line listing (``shiny-review documents``), without domain rows.

A use case on its own (issue 16): the listing shows id, kind, date and title, so it reads
those four columns and nothing else (no highlight counts, which read every annotation).
"""

from __future__ import annotations

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
        lines = []
        for doc_id, title, kind, authority, day, start, end in rows:
            shown = day or end or start
            when = start or end or day
            label = label_of(title, kind, authority, when)
            lines.append((doc_id, label, shown.isoformat() if shown else "", title))
        return lines
