"""Undoable removal of a whole document to the bin, and its restoring (issue 11).

``RemoveDocument`` moves a document to the bin (``service.documents.remove``); the window then
shows the next document of its list (the one before when it was the last), or none when the
workspace has no other. Undo restores it (``service.documents.restore``) with everything it
had, and opens it again. ``RestoreDocument`` (the bin dialog's Restore) is the same pair the
other way round. A refused call is shown and the command drops itself from the stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from shiny_review.domain.errors import ShinyReviewError

if TYPE_CHECKING:
    from shiny_review.services.changes import Changed, Outcome
    from shiny_review.ui.window_state import WindowState

Listed = Callable[[], list[int]]  # the ids the documents list shows, in its order


def next_after(order: list[int], document_id: int) -> int | None:
    """The document shown after ``document_id`` leaves ``order``: the next, else the one
    before, else None."""
    if document_id not in order:
        return order[0] if order else None
    at = order.index(document_id)
    rest = order[:at] + order[at + 1 :]
    if not rest:
        return None
    return rest[min(at, len(rest) - 1)]


class _BinCommand(QUndoCommand):
    def __init__(self, text: str, state: WindowState, document_id: int, listed: Listed) -> None:
        super().__init__(text)
        self._state, self._id, self._listed = state, document_id, listed

    def _call(self, call: Callable[[int], Outcome[object]]) -> Changed | None:
        try:
            return call(self._id).changed
        except ShinyReviewError as exc:
            self.setObsolete(True)
            self._state.refused(exc)
            return None

    def remove(self) -> None:
        state = self._state
        order = self._listed()  # before the document leaves the list
        changed = self._call(state.service.documents.remove)
        if changed is None:
            return
        shown = state.document
        if shown is not None and shown.id == self._id:
            following = next_after(order, self._id)
            if following is None or not state.open_document(following):
                state.close_document()
        state.apply(changed, quiet=True)
        state.show_status("Moved to the bin (Edit > Undo or File > Bin… brings it back).")

    def restore(self) -> None:
        state = self._state
        changed = self._call(state.service.documents.restore)
        if changed is None:
            return
        state.open_document(self._id)
        state.apply(changed, quiet=True)
        state.show_status("Restored from the bin.")


class RemoveDocument(_BinCommand):
    def __init__(self, state: WindowState, document_id: int, label: str, listed: Listed) -> None:
        super().__init__(f"Remove document {label}", state, document_id, listed)

    def redo(self) -> None:
        self.remove()

    def undo(self) -> None:
        self.restore()


class RestoreDocument(_BinCommand):
    def __init__(self, state: WindowState, document_id: int, label: str, listed: Listed) -> None:
        super().__init__(f"Restore document {label}", state, document_id, listed)

    def redo(self) -> None:
        self.restore()

    def undo(self) -> None:
        self.remove()
