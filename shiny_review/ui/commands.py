"""Undoable user actions: each QUndoCommand calls one service method to do and one to undo.

A command reports what its call changed through ``report``; a refused call (a
``ShinyReviewError``) goes to ``fail`` and the command marks itself obsolete so the stack
drops it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from shiny_review.domain.entities import Stance
from shiny_review.domain.errors import ShinyReviewError
from shiny_review.services.changes import Changed, Outcome
from shiny_review.services.review import ReviewService

Report = Callable[[Changed], None]
Fail = Callable[[ShinyReviewError], None]


class ServiceCommand(QUndoCommand):
    """Base: subclasses implement ``do`` and ``undo_call`` as one service call each."""

    def __init__(self, text: str, service: ReviewService, report: Report, fail: Fail) -> None:
        super().__init__(text)
        self.service = service
        self._report = report
        self._fail = fail

    def _run(self, call: Callable[[], Outcome[object]]) -> None:
        try:
            outcome = call()
        except ShinyReviewError as exc:
            self.setObsolete(True)
            self._fail(exc)
            return
        self._report(outcome.changed)

    def redo(self) -> None:
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.undo_call)

    def do(self) -> Outcome[object]:
        raise NotImplementedError

    def undo_call(self) -> Outcome[object]:
        raise NotImplementedError


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
        text = f"Highlight and link to {label}" if label else "Highlight"
        super().__init__(text, service, report, fail)
        self.document_id = document_id
        self.start, self.end = start, end
        self.recommendation_ids = tuple(recommendation_ids)
        self.annotation_id: int | None = None

    def do(self) -> Outcome[object]:
        if self.annotation_id is not None:
            return self.service.restore_annotation(self.annotation_id)  # type: ignore[return-value]
        outcome = self.service.annotate(
            self.document_id, self.start, self.end, recommendation_ids=self.recommendation_ids
        )
        self.annotation_id = outcome.value.id
        return outcome  # type: ignore[return-value]

    def undo_call(self) -> Outcome[object]:
        assert self.annotation_id is not None
        return self.service.delete_annotation(self.annotation_id)  # type: ignore[return-value]


class DeleteAnnotation(ServiceCommand):
    def __init__(self, service: ReviewService, report: Report, fail: Fail, ann: int) -> None:
        super().__init__("Delete highlight", service, report, fail)
        self.annotation_id = ann

    def do(self) -> Outcome[object]:
        return self.service.delete_annotation(self.annotation_id)  # type: ignore[return-value]

    def undo_call(self) -> Outcome[object]:
        return self.service.restore_annotation(self.annotation_id)  # type: ignore[return-value]


class Link(ServiceCommand):
    def __init__(
        self, service: ReviewService, report: Report, fail: Fail, ann: int, rec: int, label: str
    ) -> None:
        super().__init__(f"Link to recommendation {label}", service, report, fail)
        self.annotation_id, self.recommendation_id = ann, rec

    def do(self) -> Outcome[object]:
        return self.service.link(self.annotation_id, self.recommendation_id)  # type: ignore[return-value]

    def undo_call(self) -> Outcome[object]:
        return self.service.unlink(self.annotation_id, self.recommendation_id)  # type: ignore[return-value]


class Unlink(Link):
    def __init__(
        self, service: ReviewService, report: Report, fail: Fail, ann: int, rec: int, label: str
    ) -> None:
        super().__init__(service, report, fail, ann, rec, label)
        self.setText(f"Unlink from recommendation {label}")

    def do(self) -> Outcome[object]:
        return super().undo_call()

    def undo_call(self) -> Outcome[object]:
        return super().do()


class SetStance(ServiceCommand):
    def __init__(
        self,
        service: ReviewService,
        report: Report,
        fail: Fail,
        ann: int,
        old: Stance | None,
        new: Stance | None,
    ) -> None:
        super().__init__("Change stance", service, report, fail)
        self.annotation_id, self.old, self.new = ann, old, new

    def do(self) -> Outcome[object]:
        return self.service.set_stance(self.annotation_id, self.new)  # type: ignore[return-value]

    def undo_call(self) -> Outcome[object]:
        return self.service.set_stance(self.annotation_id, self.old)  # type: ignore[return-value]


class SetNote(ServiceCommand):
    def __init__(
        self, service: ReviewService, report: Report, fail: Fail, ann: int, old: str, new: str
    ) -> None:
        super().__init__("Edit note", service, report, fail)
        self.annotation_id, self.old, self.new = ann, old, new

    def do(self) -> Outcome[object]:
        return self.service.set_note(self.annotation_id, self.new)  # type: ignore[return-value]

    def undo_call(self) -> Outcome[object]:
        return self.service.set_note(self.annotation_id, self.old)  # type: ignore[return-value]


class AddRecommendation(ServiceCommand):
    def __init__(
        self,
        service: ReviewService,
        report: Report,
        fail: Fail,
        document_id: int,
        text: str,
        number: str | None,
    ) -> None:
        super().__init__("Add recommendation", service, report, fail)
        self.document_id, self.text_, self.number = document_id, text, number
        self.recommendation_id: int | None = None

    def do(self) -> Outcome[object]:
        if self.recommendation_id is not None:
            return self.service.restore_recommendation(self.recommendation_id)  # type: ignore[return-value]
        outcome = self.service.add_recommendation(self.document_id, self.text_, number=self.number)
        self.recommendation_id = outcome.value.id
        return outcome  # type: ignore[return-value]

    def undo_call(self) -> Outcome[object]:
        assert self.recommendation_id is not None
        return self.service.delete_recommendation(self.recommendation_id)  # type: ignore[return-value]


class EditRecommendation(ServiceCommand):
    def __init__(
        self,
        service: ReviewService,
        report: Report,
        fail: Fail,
        rec: int,
        old: tuple[str, str | None],
        new: tuple[str, str | None],
    ) -> None:
        super().__init__("Edit recommendation", service, report, fail)
        self.recommendation_id, self.old, self.new = rec, old, new

    def _set(self, value: tuple[str, str | None]) -> Outcome[object]:
        text, number = value
        return self.service.edit_recommendation(  # type: ignore[return-value]
            self.recommendation_id, text=text, number=number, clear_number=number is None
        )

    def do(self) -> Outcome[object]:
        return self._set(self.new)

    def undo_call(self) -> Outcome[object]:
        return self._set(self.old)


class MoveRecommendation(ServiceCommand):
    def __init__(
        self, service: ReviewService, report: Report, fail: Fail, rec: int, old: int, new: int
    ) -> None:
        super().__init__("Move recommendation", service, report, fail)
        self.recommendation_id, self.old, self.new = rec, old, new

    def do(self) -> Outcome[object]:
        return self.service.move_recommendation(self.recommendation_id, self.new)  # type: ignore[return-value]

    def undo_call(self) -> Outcome[object]:
        return self.service.move_recommendation(self.recommendation_id, self.old)  # type: ignore[return-value]


class DeleteRecommendation(ServiceCommand):
    def __init__(self, service: ReviewService, report: Report, fail: Fail, rec: int) -> None:
        super().__init__("Delete recommendation", service, report, fail)
        self.recommendation_id = rec

    def do(self) -> Outcome[object]:
        return self.service.delete_recommendation(self.recommendation_id)  # type: ignore[return-value]

    def undo_call(self) -> Outcome[object]:
        return self.service.restore_recommendation(self.recommendation_id)  # type: ignore[return-value]
