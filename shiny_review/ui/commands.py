"""Undoable user actions: each QUndoCommand calls one service method to do and one to undo.

A command reports what its call changed through ``report``; a refused call (a
``ShinyReviewError``) goes to ``fail`` and the command marks itself obsolete so the stack
drops it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from PySide6.QtGui import QUndoCommand

from shiny_review.domain.entities import Stance
from shiny_review.domain.errors import ShinyReviewError
from shiny_review.services.changes import Changed, Outcome
from shiny_review.services.review import ReviewService

Report = Callable[[Changed], None]
Fail = Callable[[ShinyReviewError], None]
Call = Callable[[], Outcome[Any]]


class ServiceCommand(QUndoCommand):
    """Base: holds the service call that does the action and the call that undoes it."""

    def __init__(self, text: str, report: Report, fail: Fail, do: Call, undo: Call) -> None:
        super().__init__(text)
        self._report, self._fail = report, fail
        self._do, self._undo = do, undo

    def _run(self, call: Call) -> None:
        try:
            outcome = call()
        except ShinyReviewError as exc:
            self.setObsolete(True)
            self._fail(exc)
            return
        self._report(outcome.changed)

    def redo(self) -> None:
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)


class _SetValue(ServiceCommand):
    """Base: one value of one item, set to ``new`` to do and back to ``old`` to undo."""

    def __init__(
        self,
        text: str,
        report: Report,
        fail: Fail,
        set_value: Callable[[Any], Outcome[Any]],
        old: object,
        new: object,
    ) -> None:
        super().__init__(text, report, fail, partial(set_value, new), partial(set_value, old))


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
    def __init__(self, service: ReviewService, report: Report, fail: Fail, ann: int) -> None:
        delete = partial(service.annotations.delete, ann)
        restore = partial(service.annotations.restore, ann)
        super().__init__("Delete highlight", report, fail, delete, restore)


class Link(ServiceCommand):
    def __init__(
        self, service: ReviewService, report: Report, fail: Fail, ann: int, rec: int, label: str
    ) -> None:
        link, unlink = (
            partial(service.annotations.link, ann, rec),
            partial(service.annotations.unlink, ann, rec),
        )
        super().__init__(f"Link to recommendation {label}", report, fail, link, unlink)


class Unlink(Link):
    def __init__(
        self, service: ReviewService, report: Report, fail: Fail, ann: int, rec: int, label: str
    ) -> None:
        super().__init__(service, report, fail, ann, rec, label)
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
    ) -> None:
        super().__init__(
            "Change stance", report, fail, partial(service.annotations.set_stance, ann), old, new
        )


class SetNote(_SetValue):
    def __init__(
        self, service: ReviewService, report: Report, fail: Fail, ann: int, old: str, new: str
    ) -> None:
        super().__init__(
            "Edit note", report, fail, partial(service.annotations.set_note, ann), old, new
        )


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
