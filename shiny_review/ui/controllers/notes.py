"""Notes saved as they are typed: never lost, never out of step with the undo stack.

The note field of the highlight details saves itself a moment after typing stops
(``DELAY_MS``), and at once when anything else is about to change: another command, another
document or highlight selected (``WindowState.aboutToChange``), the field losing the focus or
being hidden (the panel closed), the window closing (``flush``). While a save is pending the
status bar says ``SAVING``, never "All changes saved".

Each save is an undoable ``NoteEdit``; the saves of one editing burst (from the field getting
the focus, or from the last undo, until it loses it) merge into one undo step. Ctrl+Z and
Ctrl+Shift+Z / Ctrl+Y in the field go to the window's undo stack (after saving what is
pending), and the field keeps no undo history of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence

if TYPE_CHECKING:
    from PySide6.QtWidgets import QPlainTextEdit

    from shiny_review.ui.panels.annotations import DetailsEditor
    from shiny_review.ui.window_state import WindowState

DELAY_MS = 800
SAVING = "Saving note…"


class NoteController(QObject):
    def __init__(self, state: WindowState, details: DetailsEditor) -> None:
        super().__init__(details)
        self.state = state
        self.details = details
        self.note: QPlainTextEdit = details.note
        self.note.setUndoRedoEnabled(False)  # the window's undo stack is the only history
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.flush)
        self._pending: tuple[int, str] | None = None  # (highlight id, text typed)
        self._burst = 0
        details.noteEdited.connect(self._edited)
        details.noteSaved.connect(lambda _text: self.flush())
        state.aboutToChange.connect(self.flush)
        self.note.installEventFilter(self)

    @property
    def pending(self) -> bool:
        return self._pending is not None

    def _edited(self, text: str) -> None:
        ann = self.details.annotation
        if ann is None:
            return
        self._pending = (ann.id, text)
        self.state.show_status(SAVING)
        self.timer.start()

    def new_burst(self) -> None:
        self.flush()
        self._burst += 1

    def flush(self) -> None:
        """Save the note typed so far (one undoable step with the rest of its burst)."""
        self.timer.stop()
        pending, self._pending = self._pending, None
        if pending is None or not self.state.attached:
            return
        from shiny_review.domain.errors import ShinyReviewError
        from shiny_review.ui.note_command import NoteEdit

        ann_id, text = pending
        service, state = self.state.service, self.state
        try:
            old = service.annotations.get(ann_id).note
        except ShinyReviewError as exc:
            state.refused(exc)
            return
        if old != text:
            state.push(
                NoteEdit(
                    service,
                    state.apply,
                    state.refused,
                    ann_id,
                    old,
                    text,
                    self._burst,
                    versions=state.versions,
                )
            )
        else:
            state.show_status("All changes saved")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.FocusOut, QEvent.Type.Hide, QEvent.Type.FocusIn):
            self.new_burst()
        elif kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
            event, QKeyEvent
        ):
            undo = event.matches(QKeySequence.StandardKey.Undo)
            redo = event.matches(QKeySequence.StandardKey.Redo) or (
                event.keyCombination().toCombined() == QKeySequence("Ctrl+Y")[0].toCombined()
            )
            if undo or redo:
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    self.new_burst()
                    stack = self.state.undo_stack
                    stack.undo() if undo else stack.redo()
                    self._burst += 1
                return True
        return super().eventFilter(watched, event)
