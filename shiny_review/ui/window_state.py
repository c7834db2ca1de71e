"""What one window shows and has selected, in one object that says when it changes.

``WindowState`` holds the review service (once attached), the open document with its text,
highlight spans and recommendations, the selected highlight and recommendation, and the undo
stack. Controllers change it; panels listen to it and refresh themselves (as Anki's views do
from an operation's changes), so neither needs the main window.

Signals, in the order one operation emits them:

- ``serviceChanged()``: a workspace was attached (``attach``).
- ``documentChanged()``: another document is open (``document``, ``text``, ``spans`` and
  ``recommendations`` are already the new ones), or none (``close_document``: the last one
  went to the bin); ``recommendationsChanged`` comes just before it (so the highlights list
  drops a filter of the last document before it loads).
- ``recommendationsChanged()``: the open document's ``recommendations`` were reread.
- ``annotationSelected(id or None, reveal)``: the selected highlight; ``reveal`` asks the
  document view to scroll to it. ``recommendationSelected(id or None)`` likewise. Both are
  followed by ``selectionChanged()``.
- ``changed(Changed)``: after each operation (an undoable edit, an import), once the state
  has reread what it holds (``recommendations``; ``changed_annotations(changed)`` gives the
  annotations as they are now); each panel reloads what it shows of those ids. Then a
  deleted selected highlight is unselected (``annotationSelected(None, True)``) and, when
  recommendations changed (or annotations, by a notice that is not ``exact``: another
  writer's change), ``recommendationsChanged`` follows: the order the window refreshed its
  views in before the state was split out of it. ``Changed`` says row by row what changed
  (a document's count or mark, a highlight added or removed): panels update those rows.
- ``highlightsChanged(Changed)`` and ``highlightSelected(id or None, reveal)``: the same as
  ``changed`` and ``annotationSelected``, for the text view only, always at once. After an
  edit (``apply_soon``: a key press) the side panels are told in the next turn of the event
  loop (``settle``), so the highlight shows in the text in the frame of the key press and
  the lists, counts and details follow in the next one; while that is pending, every signal
  for the panels waits its turn behind it, so they see the same order as before.
- ``aboutToChange()``: before a command is pushed, undone or redone, another document opens
  or another highlight is selected: an edit still being typed (a note) is saved now.
- ``status(str)`` and ``error(str)``: a message for the status bar, or one to show in a box.

The module imports only Qt at load time: the window builds its state before its first paint.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from shiny_review.ui.versions import VersionBook
from shiny_review.ui.wording import SAVED

if TYPE_CHECKING:
    from shiny_review.domain.entities import Annotation, Document, Recommendation
    from shiny_review.domain.errors import ShinyReviewError
    from shiny_review.domain.structure import ExtractedText
    from shiny_review.services.changes import Changed
    from shiny_review.services.review import ReviewService


class WindowState(QObject):
    serviceChanged = Signal()
    aboutToChange = Signal()
    documentChanged = Signal()
    recommendationsChanged = Signal()
    annotationSelected = Signal(object, bool)
    recommendationSelected = Signal(object)
    selectionChanged = Signal()
    changed = Signal(object)
    highlightsChanged = Signal(object)
    highlightSelected = Signal(object, bool)
    status = Signal(str)
    error = Signal(str)

    def __init__(self, service: ReviewService | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service: ReviewService | None = None
        self.undo_stack = QUndoStack(self)
        self._document: Document | None = None
        self._text: ExtractedText | None = None
        self._spans: list[Any] = []  # HighlightSpan rows (light, for painting)
        self._recs: list[Recommendation] = []
        self._labels: dict[int, str] | None = None  # the workspace's, read when first asked
        self._selected_annotation: int | None = None
        self._selected_recommendation: int | None = None
        self._changed_annotations: dict[int, Annotation] = {}
        self.versions = VersionBook()  # what this window saw and wrote (ui/versions.py)
        # The annotations the last operation read, kept until control returns to the event
        # loop: the command's own follow-up (select the new highlight) need not read it again.
        self._just_read: dict[int, Annotation] = {}
        self._later: list[Callable[[], object]] = []  # for the panels, in the next turn
        self.settling = False  # the panels are being told what an edit changed (settle)
        if service is not None:
            self.attach(service)

    # -- the workspace -------------------------------------------------------------------

    @property
    def service(self) -> ReviewService:
        if self._service is None:
            raise RuntimeError("the window has no workspace yet (see WindowState.attach)")
        return self._service

    @property
    def attached(self) -> bool:
        return self._service is not None

    def attach(self, service: ReviewService) -> None:
        self.settle()
        if self._service is not None:
            raise RuntimeError("the window already shows a workspace")
        self._service, self._labels = service, None
        self.serviceChanged.emit()

    def replace_service(self, service: ReviewService) -> None:
        """Show another workspace (a restored backup, another file): nothing open or
        selected, an empty undo stack (its commands belong to the last workspace)."""
        self.settle()
        self.aboutToChange.emit()
        self.undo_stack.clear()
        self.versions.clear()
        self._service, self._labels = service, None
        self._document, self._text, self._spans, self._recs = None, None, [], []
        self._selected_annotation = self._selected_recommendation = None
        self.serviceChanged.emit()

    # -- the open document ----------------------------------------------------------------

    @property
    def document(self) -> Document | None:
        return self._document

    @property
    def text(self) -> ExtractedText | None:
        return self._text

    @property
    def spans(self) -> list[Any]:
        return self._spans

    @property
    def recommendations(self) -> list[Recommendation]:
        return self._recs

    def recommendation(self, recommendation_id: int | None) -> Recommendation | None:
        """One of the open document's recommendations, or None."""
        return next((r for r in self._recs if r.id == recommendation_id), None)

    def labels(self) -> dict[int, str]:
        """Every recommendation's label in the workspace, by id (for the highlights list):
        read once, not on every document opened, until an operation may have changed one."""
        if self._labels is None:
            self._labels = self.service.recommendations.labels()
        return self._labels

    def open_document(self, document_id: int) -> bool:
        """Read a document, its text, highlights and recommendations and show it; a refused
        read is shown as an error and the open document stays. True when it opened."""
        self.settle()
        # Opening makes tens of thousands of small objects (rows, spans) and no cycles: a
        # full collection of the process's heap in the middle (~100 ms with the ORM loaded)
        # would only delay the paint. The collector runs again as soon as it is done.
        self.aboutToChange.emit()
        paused = gc.isenabled()
        gc.disable()
        try:
            return self._open_document(document_id)
        finally:
            if paused:
                gc.enable()

    def _open_document(self, document_id: int) -> bool:
        from shiny_review.domain.errors import ShinyReviewError

        service = self.service
        try:
            doc = service.documents.get(document_id)
            extracted = service.documents.text(document_id)
            # Light rows, not 10,000 full annotations: the highlights list reads those as
            # its rows are shown (see AnnotationsModel).
            spans = service.annotations.highlight_spans(document_id)
            recs = service.cycle.keyed_recommendations(doc.id)  # own, else the first group
        except ShinyReviewError as exc:
            self.show_error(str(exc))
            return False
        self._document, self._text, self._spans, self._recs = doc, extracted, spans, recs
        self._selected_annotation = None
        self._forget_missing_recommendation()
        self.recommendationsChanged.emit()
        self.documentChanged.emit()
        return True

    def close_document(self) -> None:
        """Show no document (the last one went to the bin): nothing open or selected; the
        panels empty themselves on ``documentChanged``."""
        self.settle()
        self.aboutToChange.emit()
        self._document, self._text, self._spans, self._recs = None, None, [], []
        self._selected_annotation = self._selected_recommendation = None
        self.recommendationsChanged.emit()
        self.documentChanged.emit()

    def reload_recommendations(self) -> None:
        """Reread the open document's recommendations (``recommendationsChanged``)."""
        self._labels = None
        self._reread_recommendations()
        self.recommendationsChanged.emit()

    def _reread_recommendations(self) -> None:
        doc = self._document
        self._recs = self.service.cycle.keyed_recommendations(doc.id) if doc else []
        self._forget_missing_recommendation()

    def _forget_missing_recommendation(self) -> None:
        if self.recommendation(self._selected_recommendation) is None:
            self._selected_recommendation = None

    # -- selections -----------------------------------------------------------------------

    @property
    def selected_annotation(self) -> int | None:
        return self._selected_annotation

    @property
    def selected_recommendation(self) -> int | None:
        return self._selected_recommendation

    def select_annotation(self, annotation_id: int | None, *, reveal: bool = True) -> None:
        """Select a highlight of the open document (None: none); ``reveal`` scrolls to it."""
        self.aboutToChange.emit()
        self._selected_annotation = annotation_id
        self.highlightSelected.emit(annotation_id, reveal)
        self._panels(lambda: self._selected_to_panels(annotation_id, reveal))

    def _selected_to_panels(self, annotation_id: int | None, reveal: bool) -> None:
        self.annotationSelected.emit(annotation_id, reveal)
        self.selectionChanged.emit()

    def select_recommendation(self, recommendation_id: int | None) -> None:
        rec = self.recommendation(recommendation_id)
        chosen = self._selected_recommendation = rec.id if rec is not None else None
        self._panels(
            lambda: (self.recommendationSelected.emit(chosen), self.selectionChanged.emit())
        )

    def selected(self) -> Annotation | None:
        """The selected highlight, read now; None if none or it is gone."""
        from shiny_review.domain.errors import ShinyReviewError

        ann_id = self._selected_annotation
        if ann_id is None or self._service is None:
            return None
        ann = self._changed_annotations.get(ann_id) or self._just_read.get(ann_id)
        if ann is None:
            try:
                ann = self._service.annotations.get(ann_id)
            except ShinyReviewError:
                return None
            self.versions.note_new("annotation", ann.id, ann.version)  # as first shown
        if ann.deleted or self._document is None or ann.document_id != self._document.id:
            return None
        return ann

    def selected_recommendation_row(self) -> Recommendation | None:
        return self.recommendation(self._selected_recommendation)

    # -- operations -----------------------------------------------------------------------

    def push(self, command: QUndoCommand) -> None:
        """Do an undoable command (its report comes back to ``apply``). The panels have heard
        the last one first (they have if the event loop turned since: a person's next key)."""
        self.settle()
        self.aboutToChange.emit()
        self.undo_stack.push(command)

    def undo(self) -> None:
        self.settle()
        self.aboutToChange.emit()
        self.undo_stack.undo()

    def redo(self) -> None:
        self.settle()
        self.aboutToChange.emit()
        self.undo_stack.redo()

    def changed_annotations(self, changed: Changed) -> list[Annotation]:
        """The annotations an operation changed, as they are now (read once per operation)."""
        return [self._changed_annotations[i] for i in sorted(changed.annotations)]

    def apply_soon(self, changed: Changed) -> None:
        """``apply`` for an edit (a key press): the text view shows it at once, the side
        panels are told in the next turn of the event loop."""
        self.apply(changed, later=True)

    def apply(self, changed: Changed, *, quiet: bool = False, later: bool = False) -> None:
        """Bring the state up to date with what one operation changed, then tell the text
        view (``highlightsChanged``) and the panels (``changed``: in the next turn of the
        event loop if ``later``); unless ``quiet``, say it is saved."""
        service = self.service
        fresh = {a.id: a for a in changed.fresh}  # read by the operation itself
        self._changed_annotations = {
            i: fresh.get(i) or service.annotations.get(i) for i in sorted(changed.annotations)
        }
        self.versions.note_rows("annotation", self._changed_annotations.values())
        # An exact notice names every recommendation whose evidence changed (none, for a
        # highlight with no link); another writer's change may have touched any.
        reread = bool(changed.recommendations or (changed.annotations and not changed.exact))
        if reread or not changed.exact or changed.documents - changed.counts:
            self._labels = None
        try:
            if reread:
                self._reread_recommendations()
            self.highlightsChanged.emit(changed)
            rows = self._changed_annotations
            self._panels(lambda: self._changed_to_panels(changed, rows), later=later)
            selected = rows.get(self._selected_annotation or -1)
            if selected is not None and selected.deleted:
                self.select_annotation(None)
            if reread:
                self._panels(self.recommendationsChanged.emit)
        finally:
            if self._changed_annotations and not self._just_read:
                QTimer.singleShot(0, self._forget_just_read)
            self._just_read, self._changed_annotations = self._changed_annotations, {}
        if not quiet:
            self.show_status(SAVED)

    def _changed_to_panels(self, changed: Changed, rows: dict[int, Annotation]) -> None:
        """``changed``, with ``changed_annotations`` giving ``rows`` while it is told."""
        previous, self._changed_annotations = self._changed_annotations, rows
        try:
            self.changed.emit(changed)
        finally:
            self._changed_annotations = previous

    def _panels(self, tell: Callable[[], object], *, later: bool = False) -> None:
        """Tell the panels now, or in the next turn if ``later`` or if something else is
        waiting to be told them (so that they hear everything in order)."""
        if not (later or self._later):
            tell()
            return
        if not self._later:
            QTimer.singleShot(0, self.settle)
        self._later.append(tell)

    @property
    def pending(self) -> bool:
        """Whether the panels have yet to hear of an edit (until the event loop turns)."""
        return bool(self._later)

    def settle(self) -> None:
        """Tell the panels now what they were to be told in the next turn, in order."""
        while self._later:
            waiting, self._later = self._later, []
            self.settling = True
            try:
                for tell in waiting:
                    tell()
            finally:
                self.settling = False

    def _forget_just_read(self) -> None:
        self._just_read = {}

    def refused(self, error: ShinyReviewError) -> None:
        """An operation the service refused: say why. An edit conflict the person chose to
        keep the other change of (the dialog has spoken): show that change."""
        from shiny_review.domain.conflicts import EditConflict
        from shiny_review.services.changes import Changed

        if not isinstance(error, EditConflict):
            self.show_error(str(error))
            return
        d = error.details
        if d.entity == "annotation":
            self.apply(Changed(annotations=frozenset({d.entity_id})), quiet=True)
        elif isinstance(d.current.get("recommendation_id"), int):  # an action: its plan
            self.versions.note(d.entity, d.entity_id, d.current_version)
            self.apply(
                Changed(recommendations=frozenset({d.current["recommendation_id"]})), quiet=True
            )
        self.show_status(f"Kept the change {d.changed_by or 'someone'} made; yours was not saved.")

    def show_status(self, message: str) -> None:
        self.status.emit(message)

    def show_error(self, message: str) -> None:
        self.error.emit(message)
