"""The undoable note edit of a typing burst: consecutive saves of one burst merge into one.

``NoteEdit`` sets a highlight's note from ``old`` to ``new``; pushed again with the same
highlight and burst number, the stack merges it into the last one (``mergeWith``), so one
undo takes the note back to what it was before the burst.
"""

from __future__ import annotations

from functools import partial

from shiny_review.services.review import ReviewService
from shiny_review.ui.commands import Fail, Report, ServiceCommand, Versions
from shiny_review.ui.versions import Versioned

NOTE_EDIT_ID = 0x4E4F5445  # "NOTE": commands with this id may merge


class NoteEdit(ServiceCommand):
    def __init__(
        self,
        service: ReviewService,
        report: Report,
        fail: Fail,
        annotation_id: int,
        old: str,
        new: str,
        burst: int,
        *,
        versions: Versions = None,
    ) -> None:
        set_note = partial(service.annotations.set_note, annotation_id)
        versioned = Versioned(versions, "annotation", annotation_id, set_note)
        super().__init__(
            "Edit note",
            report,
            fail,
            versioned.with_call(partial(set_note, new)),
            versioned.with_call(partial(set_note, old)),
        )
        self._set_note, self._versioned = set_note, versioned
        self.annotation_id, self.old, self.new, self.burst = annotation_id, old, new, burst

    def id(self) -> int:
        return NOTE_EDIT_ID

    def mergeWith(self, other: object) -> bool:
        if (
            not isinstance(other, NoteEdit)
            or other.annotation_id != self.annotation_id
            or other.burst != self.burst
        ):
            return False
        self.new = other.new
        self._do = self._versioned.with_call(partial(self._set_note, self.new))
        return True
