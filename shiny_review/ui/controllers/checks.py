"""Confirming a document's recommendations: clears the import's "check the recommendations"
mark (issue 12) as one undoable command, recorded in the history by the service.

Built with the window state and a parent; owns the ``confirm_checks`` action.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoCommand

    from shiny_review.services.changes import Outcome
    from shiny_review.services.review import ReviewService
    from shiny_review.ui.commands import Fail, Report
    from shiny_review.ui.window_state import WindowState


def confirm_command(
    service: ReviewService, report: Report, fail: Fail, document_id: int
) -> QUndoCommand:
    """The undoable command: confirming clears the document's checks; undo brings back the
    reasons that were cleared."""
    from shiny_review.ui.commands import ServiceCommand

    reasons = service.checks.of(document_id)

    def undo() -> Outcome[list[str]]:
        return service.checks.restore(document_id, reasons)

    return ServiceCommand(
        "Confirm the recommendations",
        report,
        fail,
        partial(service.checks.confirm, document_id),
        undo,
    )


class ChecksController(QObject):
    def __init__(self, state: WindowState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state

    def action_handlers(self) -> dict[str, Callable[[], object]]:
        return {"confirm_checks": self.confirm}

    def confirm(self) -> None:
        """Confirm the open document's recommendations (nothing to do without a mark)."""
        from shiny_review.domain.errors import ShinyReviewError

        state = self.state
        doc = state.document
        if doc is None:
            return
        try:
            marked = bool(state.service.checks.of(doc.id))
        except ShinyReviewError as exc:
            state.refused(exc)
            return
        if not marked:
            state.show_status("Nothing to confirm: the import's checks all passed.")
            return
        state.push(confirm_command(state.service, state.apply, state.refused, doc.id))
