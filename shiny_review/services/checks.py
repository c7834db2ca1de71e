"""Use case: the import's self-checks on a document ("check the recommendations").

A document whose import rules were unsure carries the reasons until an officer confirms it
(or fixes the recommendations and confirms); confirming clears the mark and is recorded in
the history with its author.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shiny_review.services.changes import Changed, Outcome

if TYPE_CHECKING:  # importing the services must not load storage (SQLAlchemy) before a window
    from shiny_review.storage.workspace import Workspace

CHECK_MARK = "check the recommendations"


class DocumentChecks:
    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    def of(self, document_id: int) -> list[str]:
        """The failed self-checks of one document (empty when none or confirmed)."""
        with self._workspace.light_read() as repo:
            return repo.live_document_checks(document_id)  # NotFoundError if unknown

    def by_document(self) -> dict[int, list[str]]:
        """Every document's failed self-checks, for the document list."""
        with self._workspace.light_read() as repo:
            return repo.checks_by_document()

    def confirm(self, document_id: int) -> Outcome[list[str]]:
        """Clear the mark; the history keeps the reasons that were confirmed."""
        with self._workspace.write() as repo:
            reasons = repo.confirm_checks(document_id)
        return Outcome(reasons, _mark_changed(document_id))

    def restore(self, document_id: int, reasons: list[str]) -> Outcome[list[str]]:
        """Undo a confirmation: the mark and its reasons come back."""
        with self._workspace.write() as repo:
            repo.restore_checks(document_id, reasons)
        return Outcome(list(reasons), _mark_changed(document_id))


def _mark_changed(document_id: int) -> Changed:
    """Only the document's self-check mark changed (no recommendation's evidence)."""
    doc = frozenset({document_id})
    return Changed(documents=doc, checks=doc, exact=True)
