"""Undoable user actions: each QUndoCommand calls one service method to do and one to undo.

A command reports what its call changed through ``report``; a refused call (a
``ShinyReviewError``) goes to ``fail`` and the command marks itself obsolete so the stack
drops it. Edits of a highlight are ``Versioned`` (ui/versions.py): made on the version the
window holds; on an ``EditConflict`` the window's ``resolve`` (the conflict dialog) may write
again on the fresh version ("Overwrite with mine"), else the command is dropped as refused.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from PySide6.QtGui import QUndoCommand

from shiny_review.domain.conflicts import EditConflict
from shiny_review.domain.entities import Stance
from shiny_review.domain.errors import ShinyReviewError
from shiny_review.services.changes import Changed, Outcome
from shiny_review.services.review import ReviewService
from shiny_review.ui.versions import VersionBook, Versioned

Report = Callable[[Changed], None]
Fail = Callable[[ShinyReviewError], None]
Versions = VersionBook | None
Call = Callable[[], Outcome[Any]]


class ServiceCommand(QUndoCommand):
    """Base: holds the service call that does the action and the call that undoes it."""

    def __init__(self, text: str, report: Report, fail: Fail, do: Call, undo: Call) -> None:
        super().__init__(text)
        self._report, self._fail = report, fail
        self._do, self._undo = do, undo

    def _run(self, call: Call) -> None:
        try:
            outcome = _call(call)
        except ShinyReviewError as exc:
            self.setObsolete(True)
            self._fail(exc)
            return
        self._report(outcome.changed)

    def redo(self) -> None:
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)


def _call(call: Call) -> Outcome[Any]:
    """Do ``call``; on a conflict, ask the window, and overwrite on the fresh version if so."""
    try:
        return call()
    except EditConflict as conflict:
        if not isinstance(call, Versioned) or call.book is None:
            raise
        if not call.book.resolve(conflict):
            raise
        return call(conflict.details.current_version)


def _on(versions: Versions, ann: int, call: Callable[..., Outcome[Any]]) -> Versioned:
    return Versioned(versions, "annotation", ann, call)


class _SetValue(ServiceCommand):
    """Base: one value of one item, set to ``new`` to do and back to ``old`` to undo."""

    def __init__(
        self,
        text: str,
        report: Report,
        fail: Fail,
        set_value: Callable[..., Outcome[Any]],
        old: object,
        new: object,
        versioned: tuple[VersionBook | None, int] | None = None,
    ) -> None:
        do: Call = partial(set_value, new)
        undo: Call = partial(set_value, old)
        if versioned is not None:
            do, undo = _on(*versioned, do), _on(*versioned, undo)
        super().__init__(text, report, fail, do, undo)


class _Created:
    """An item a command adds: created on the first redo, restored (same id) on later ones."""

    def __init__(
        self,
        create: Call,
        restore: Callable[[int], Outcome[Any]],
        delete: Callable[[int], Outcome[Any]],
    ) -> None:
        self._create, self._restore, self._delete = create, restore, delete
        self.id: int | None = None

    def do(self) -> Outcome[Any]:
        if self.id is not None:
            return self._restore(self.id)
        outcome = self._create()
        self.id = outcome.value.id
        return outcome

    def undo(self) -> Outcome[Any]:
        assert self.id is not None
        return self._delete(self.id)


class Highlight(ServiceCommand):
    """Highlight a passage (and link it); redo after undo restores the same annotation."""

    def __init__(
        self,
        service: ReviewService,
        report: Report,
        fail: Fail,
        document_id: int,
        start: int,
        end: int,
        recommendation_ids: Sequence[int] = (),
        label: str = "",
    ) -> None:
        annotate = partial(
            service.annotations.add,
            document_id,
            start,
            end,
            recommendation_ids=tuple(recommendation_ids),
        )
        created = _Created(annotate, service.annotations.restore, service.annotations.delete)
        text = f"Highlight and link to {label}" if label else "Highlight"
        super().__init__(text, report, fail, created.do, created.undo)
        self._created = created

    @property
    def annotation_id(self) -> int | None:
        return self._created.id


class DeleteAnnotation(ServiceCommand):
    def __init__(
        self,
        service: ReviewService,
        report: Report,
        fail: Fail,
        ann: int,
        *,
        versions: Versions = None,
    ) -> None:
        delete = _on(versions, ann, partial(service.annotations.delete, ann))
        restore = _on(versions, ann, partial(service.annotations.restore, ann))
        super().__init__("Delete highlight", report, fail, delete, restore)


class Link(ServiceCommand):
    def __init__(
        self,
        service: ReviewService,
        report: Report,
        fail: Fail,
        ann: int,
        rec: int,
        label: str,
        *,
        versions: Versions = None,
    ) -> None:
        link, unlink = (
            _on(versions, ann, partial(service.annotations.link, ann, rec)),
            _on(versions, ann, partial(service.annotations.unlink, ann, rec)),
        )
        super().__init__(f"Link to recommendation {label}", report, fail, link, unlink)


class Unlink(Link):
    def __init__(
        self,
        service: ReviewService,
        report: Report,
        fail: Fail,
        ann: int,
        rec: int,
        label: str,
        *,
        versions: Versions = None,
    ) -> None:
        super().__init__(service, report, fail, ann, rec, label, versions=versions)
        self.setText(f"Unlink from recommendation {label}")
        self._do, self._undo = self._undo, self._do  # unlink, and link again to undo


class SetStance(_SetValue):
    def __init__(
        self,
        service: ReviewService,
        report: Report,
        fail: Fail,
        ann: int,
        old: Stance | None,
        new: Stance | None,
        *,
        versions: Versions = None,
    ) -> None:
        set_stance = partial(service.annotations.set_stance, ann)
        super().__init__("Change stance", report, fail, set_stance, old, new, (versions, ann))


class SetNote(_SetValue):
    def __init__(
        self,
        service: ReviewService,
        report: Report,
        fail: Fail,
        ann: int,
        old: str,
        new: str,
        *,
        versions: Versions = None,
    ) -> None:
        set_note = partial(service.annotations.set_note, ann)
        super().__init__("Edit note", report, fail, set_note, old, new, (versions, ann))


class AddRecommendation(ServiceCommand):
    """Add a recommendation by hand; redo after undo restores the same recommendation."""

    def __init__(
        self,
        service: ReviewService,
        report: Report,
        fail: Fail,
        document_id: int,
        text: str,
        number: str | None,
    ) -> None:
        add = partial(service.recommendations.add, document_id, text, number=number)
        created = _Created(add, service.recommendations.restore, service.recommendations.delete)
        super().__init__("Add recommendation", report, fail, created.do, created.undo)
        self._created = created

    @property
    def recommendation_id(self) -> int | None:
        return self._created.id


class EditRecommendation(_SetValue):
    def __init__(
        self,
        service: ReviewService,
        report: Report,
        fail: Fail,
        rec: int,
        old: tuple[str, str | None],
        new: tuple[str, str | None],
    ) -> None:
        def edit(value: tuple[str, str | None]) -> Outcome[Any]:
            text, number = value
            return service.recommendations.edit(
                rec, text=text, number=number, clear_number=number is None
            )

        super().__init__("Edit recommendation", report, fail, edit, old, new)


class MoveRecommendation(_SetValue):
    def __init__(
        self, service: ReviewService, report: Report, fail: Fail, rec: int, old: int, new: int
    ) -> None:
        move = partial(service.recommendations.move, rec)
        super().__init__("Move recommendation", report, fail, move, old, new)


class DeleteRecommendation(ServiceCommand):
    def __init__(self, service: ReviewService, report: Report, fail: Fail, rec: int) -> None:
        delete = partial(service.recommendations.delete, rec)
        restore = partial(service.recommendations.restore, rec)
        super().__init__("Delete recommendation", report, fail, delete, restore)
