"""Edits: each user edit becomes one undoable command that calls one service method.

Highlights and their links, stance and note; recommendations added, edited, moved or
deleted by hand. Commands report what changed to ``WindowState.apply``, from which each
panel refreshes itself; a refused call is shown through ``WindowState.refused``.

The controller needs the state, the document view's text selection (``TextSelection``) and a
parent widget for its dialogs; never the main window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from shiny_review.domain.entities import Annotation, Recommendation, Stance
from shiny_review.ui.models.recommendations import label

if TYPE_CHECKING:
    from types import ModuleType

    from shiny_review.domain.conflicts import EditConflict
    from shiny_review.services.review import ReviewService
    from shiny_review.ui import commands
    from shiny_review.ui.window_state import WindowState


class TextSelection(Protocol):
    """What editing needs of the document view: its selected text range (Python offsets)."""

    def selection(self) -> tuple[int, int] | None: ...

    def clear_selection(self) -> None: ...


def _commands() -> ModuleType:
    """``ui.commands``, imported at the first edit: it loads the review service module, which
    the window's first paint need not wait for."""
    from shiny_review.ui import commands

    return commands


class EditController(QObject):
    def __init__(self, state: WindowState, view: TextSelection, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = state
        self.view = view
        self.parent_widget = parent
        state.versions.resolve = self.ask_conflict  # an edit on an item changed since

    @property
    def service(self) -> ReviewService:  # the window may get its workspace later
        return self.state.service

    def action_handlers(self) -> dict[str, Callable[[], object]]:
        handlers: dict[str, Callable[[], object]] = {
            "highlight": lambda: self.highlight_selection(),
            "delete": self.delete_selected_annotation,
            "add_recommendation": self.add_recommendation,
            "edit_recommendation": self.edit_recommendation,
            "move_up": lambda: self.move_recommendation(-1),
            "move_down": lambda: self.move_recommendation(+1),
            "delete_recommendation": self.delete_recommendation,
        }
        for n in range(1, 10):
            handlers[f"link_{n}"] = lambda n=n: self.link_to(n)
        handlers["link_any"] = self.link_any
        return handlers

    def _push(self, make: type[commands.ServiceCommand], *args: object, **kw: object) -> None:
        s = self.state
        s.push(make(self.service, s.apply, s.refused, *args, **kw))  # type: ignore[arg-type]

    def _push_versioned(self, make: type[commands.ServiceCommand], *args: object) -> None:
        """An edit of a highlight, made on the version this window holds (issue 17)."""
        self._push(make, *args, versions=self.state.versions)

    def ask_conflict(self, conflict: EditConflict) -> bool:
        """Someone changed the item since: True to overwrite theirs (the dialog says)."""
        from shiny_review.ui.dialogs.edit_conflict import EditConflictDialog

        return EditConflictDialog.ask(self.parent_widget, conflict)

    def _rec(self, recommendation_id: int) -> Recommendation | None:
        return self.state.recommendation(recommendation_id)

    # -- highlights -------------------------------------------------------------------------

    def highlight_selection(self, recommendation: Recommendation | None = None) -> bool:
        """Highlight the selected text (and link it); False when nothing is selected."""
        s = self.state
        if s.document is None:
            return False
        selection = self.view.selection()
        if selection is None:
            s.show_status("Select some text first (Shift+arrows or Ctrl+F).")
            return False
        # The highlight key (issue 16: one frame): the text shows the new highlight at once,
        # the side panels (list, counts, details) in the next turn of the event loop.
        command = _commands().Highlight(
            self.service,
            s.apply_soon,
            s.refused,
            s.document.id,
            *selection,
            recommendation_ids=[recommendation.id] if recommendation else [],
            label=label(recommendation) if recommendation else "",
        )
        s.push(command)
        if command.annotation_id is not None:
            self.view.clear_selection()
            s.select_annotation(command.annotation_id, reveal=False)
        return True

    def link_to(self, n: int) -> None:
        """Key ``n``: highlight the selection and link it, or link the selected highlight."""
        s = self.state
        if s.document is None:
            return
        recs = s.recommendations
        if not 1 <= n <= len(recs):
            s.show_status(f"This document has no recommendation {n}.")
            return
        self.link_recommendation(recs[n - 1])

    def link_any(self) -> None:
        """Key L: pick any recommendation (10 and above too) and link to it."""
        from shiny_review.ui.dialogs.link_picker import LinkPicker

        s = self.state
        if s.document is None:
            return
        if not s.recommendations:
            s.show_status("This document has no recommendations.")
            return
        if self.view.selection() is None and s.selected() is None:
            s.show_status("Select some text or a highlight first.")
            return
        rec = LinkPicker.choose(self.parent_widget, s.recommendations)
        if rec is not None:
            self.link_recommendation(rec)

    def link_recommendation(self, rec: Recommendation) -> None:
        """Highlight the selection and link it to ``rec``, or link the selected highlight."""
        s = self.state
        if self.view.selection() is not None:
            self.highlight_selection(rec)
            return
        ann = s.selected()
        if ann is None:
            s.show_status("Select some text or a highlight first.")
        elif rec.id in ann.recommendation_ids:
            s.show_status(f"Already linked to recommendation {label(rec)}.")
        else:
            self._push_versioned(_commands().Link, ann.id, rec.id, label(rec))

    def link_dropped(self, annotation_ids: list[int], recommendation_id: int) -> None:
        rec = self._rec(recommendation_id)
        if rec is None:
            return
        for ann_id in annotation_ids:
            if rec.id not in self.service.annotations.get(ann_id).recommendation_ids:
                self._push_versioned(_commands().Link, ann_id, rec.id, label(rec))

    def toggle_link(self, recommendation_id: int, linked: bool) -> None:
        ann = self.state.selected()
        rec = self._rec(recommendation_id)
        if ann is not None and rec is not None:
            kind = _commands().Link if linked else _commands().Unlink
            self._push_versioned(kind, ann.id, rec.id, label(rec))

    def delete_selected_annotation(self) -> None:
        ann_id = self.state.selected_annotation
        if ann_id is None:
            self.state.show_status("Select a highlight to delete.")
            return
        self._push_versioned(_commands().DeleteAnnotation, ann_id)

    def set_stance(self, stance: Stance | None) -> None:
        ann: Annotation | None = self.state.selected()
        if ann is not None and ann.stance != stance:
            self._push_versioned(_commands().SetStance, ann.id, ann.stance, stance)

    def set_note(self, note: str) -> None:
        ann = self.state.selected()
        if ann is not None and ann.note != note:
            self._push_versioned(_commands().SetNote, ann.id, ann.note, note)

    # -- recommendations by hand ------------------------------------------------------------

    def add_recommendation(self) -> None:
        doc = self.state.document
        if doc is None:
            return
        from shiny_review.ui.dialogs.recommendation import RecommendationDialog

        values = RecommendationDialog.ask(self.parent_widget, "Add recommendation")
        if values is not None:
            text, number = values
            self._push(_commands().AddRecommendation, doc.id, text, number)

    def edit_recommendation(self) -> None:
        rec = self.state.selected_recommendation_row()
        if rec is None:
            return
        from shiny_review.ui.dialogs.recommendation import RecommendationDialog

        values = RecommendationDialog.ask(
            self.parent_widget, "Edit recommendation", rec.number or "", rec.text
        )
        if values is not None and values != (rec.text, rec.number):
            self._push(_commands().EditRecommendation, rec.id, (rec.text, rec.number), values)

    def move_recommendation(self, delta: int) -> None:
        recs = self.state.recommendations
        rec = self.state.selected_recommendation_row()
        row = recs.index(rec) if rec in recs else -1
        target = row + delta
        if rec is None or row < 0 or not 0 <= target < len(recs):
            return
        self._push(_commands().MoveRecommendation, rec.id, row, target)

    def delete_recommendation(self) -> None:
        rec = self.state.selected_recommendation_row()
        if rec is not None:
            self._push(_commands().DeleteRecommendation, rec.id)
