"""The documents' one-line listing (``shiny-review documents``), without domain rows.

A use case on its own (issue 16): the listing shows id, kind, date and title, so it reads
those four columns and nothing else (no highlight counts, which read every annotation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

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
