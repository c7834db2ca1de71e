"""Edits: each user edit becomes one undoable command that calls one service method.

Highlights and their links, stance and note; recommendations added, edited, moved or
deleted by hand. Commands report what changed to ``MainWindow.apply``, which refreshes the
views; a refused call is shown by ``MainWindow.refused``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from shiny_review.domain.entities import Annotation, Recommendation, Stance
from shiny_review.ui.dialogs.recommendation import RecommendationDialog
from shiny_review.ui.models.recommendations import label

if TYPE_CHECKING:
    from types import ModuleType

    from shiny_review.services.review import ReviewService
    from shiny_review.ui import commands
    from shiny_review.ui.main_window import MainWindow


def _commands() -> ModuleType:
    """``ui.commands``, imported at the first edit: it loads the review service module, which
    the window's first paint need not wait for."""
    from shiny_review.ui import commands

    return commands


class EditController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    @property
    def service(self) -> ReviewService:  # the window may get its workspace later
        return self.window.service

    def _push(self, make: type[commands.ServiceCommand], *args: object, **kw: object) -> None:
        w = self.window
        w.undo_stack.push(make(self.service, w.apply, w.refused, *args, **kw))  # type: ignore[arg-type]

    def _rec(self, recommendation_id: int) -> Recommendation | None:
        return next((r for r in self.window.recs if r.id == recommendation_id), None)

    # -- highlights -------------------------------------------------------------------------

    def highlight_selection(self, recommendation: Recommendation | None = None) -> bool:
        """Highlight the selected text (and link it); False when nothing is selected."""
        w = self.window
        if w.current is None:
            return False
        selection = w.view.selection()
        if selection is None:
            w.show_status("Select some text first (Shift+arrows or Ctrl+F).")
            return False
        command = _commands().Highlight(
            self.service,
            w.apply,
            w.refused,
            w.current.id,
            *selection,
            recommendation_ids=[recommendation.id] if recommendation else [],
            label=label(recommendation) if recommendation else "",
        )
        w.undo_stack.push(command)
        if command.annotation_id is not None:
            w.view.clear_selection()
            w.select_annotation(command.annotation_id, scroll=False)
        return True

    def link_to(self, n: int) -> None:
        """Key ``n``: highlight the selection and link it, or link the selected highlight."""
        w = self.window
        if w.current is None:
            return
        if not 1 <= n <= len(w.recs):
            w.show_status(f"This document has no recommendation {n}.")
            return
        rec = w.recs[n - 1]
        if w.view.selection() is not None:
            self.highlight_selection(rec)
            return
        ann = w.selected()
        if ann is None:
            w.show_status("Select some text or a highlight first.")
        elif rec.id in ann.recommendation_ids:
            w.show_status(f"Already linked to recommendation {label(rec)}.")
        else:
            self._push(_commands().Link, ann.id, rec.id, label(rec))

    def link_dropped(self, annotation_ids: list[int], recommendation_id: int) -> None:
        rec = self._rec(recommendation_id)
        if rec is None:
            return
        for ann_id in annotation_ids:
            if rec.id not in self.service.annotations.get(ann_id).recommendation_ids:
                self._push(_commands().Link, ann_id, rec.id, label(rec))

    def toggle_link(self, recommendation_id: int, linked: bool) -> None:
        ann = self.window.selected()
        rec = self._rec(recommendation_id)
        if ann is not None and rec is not None:
            kind = _commands().Link if linked else _commands().Unlink
            self._push(kind, ann.id, rec.id, label(rec))

    def delete_selected_annotation(self) -> None:
        ann_id = self.window.selected_annotation
        if ann_id is None:
            self.window.show_status("Select a highlight to delete.")
            return
        self._push(_commands().DeleteAnnotation, ann_id)

    def set_stance(self, stance: Stance | None) -> None:
        ann: Annotation | None = self.window.selected()
        if ann is not None and ann.stance != stance:
            self._push(_commands().SetStance, ann.id, ann.stance, stance)

    def set_note(self, note: str) -> None:
        ann = self.window.selected()
        if ann is not None and ann.note != note:
            self._push(_commands().SetNote, ann.id, ann.note, note)

    # -- recommendations by hand ------------------------------------------------------------

    def add_recommendation(self) -> None:
        w = self.window
        if w.current is None:
            return
        values = RecommendationDialog.ask(w, "Add recommendation")
        if values is not None:
            text, number = values
            self._push(_commands().AddRecommendation, w.current.id, text, number)

    def edit_recommendation(self) -> None:
        rec = self.window.recommendations_panel.selected()
        if rec is None:
            return
        values = RecommendationDialog.ask(
            self.window, "Edit recommendation", rec.number or "", rec.text
        )
        if values is not None and values != (rec.text, rec.number):
            self._push(_commands().EditRecommendation, rec.id, (rec.text, rec.number), values)

    def move_recommendation(self, delta: int) -> None:
        recs = self.window.recs
        rec = self.window.recommendations_panel.selected()
        row = recs.index(rec) if rec in recs else -1
        target = row + delta
        if rec is None or row < 0 or not 0 <= target < len(recs):
            return
        self._push(_commands().MoveRecommendation, rec.id, row, target)

    def delete_recommendation(self) -> None:
        rec = self.window.recommendations_panel.selected()
        if rec is not None:
            self._push(_commands().DeleteRecommendation, rec.id)
