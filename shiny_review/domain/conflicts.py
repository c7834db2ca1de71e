"""Edit conflicts: two people changed the same item at once (issue 17).

Every editable row (a highlight with its note, stance and links; an action of the plan)
carries a ``version`` that each change raises by one. A change made on the version a person
saw, when the item has moved on since, is refused with ``EditConflict``: it names who changed
the item and when (from the history), what it holds now, and what this person tried to set, so
that they can choose to keep the other change or to overwrite it with theirs (a new change
made on the fresh version, recorded in the history like any other).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shiny_review.domain.errors import ShinyReviewError


@dataclass(frozen=True, slots=True)
class ConflictDetails:
    entity: str  # "annotation", "action"
    entity_id: int
    expected_version: int
    current_version: int
    changed_by: str | None
    changed_at: str | None  # ISO time of the other change, from the history
    current: dict[str, Any] = field(default_factory=dict)  # the item's values now
    attempted: dict[str, Any] = field(default_factory=dict)  # what this change wanted


def _short(value: object, width: int = 60) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class EditConflict(ShinyReviewError):
    """The item changed since the version this change was made on: nothing was written."""

    def __init__(self, details: ConflictDetails) -> None:
        self.details = details
        super().__init__(self.describe())

    def describe(self) -> str:
        d = self.details
        who = d.changed_by or "someone"
        when = f" at {d.changed_at}" if d.changed_at else ""
        now = "; ".join(
            f"{key} is now {_short(d.current.get(key))!r}"
            for key in d.attempted
            if key in d.current
        )
        tail = f": {now}" if now else ""
        return (
            f"conflict: {d.entity} {d.entity_id} was changed by {who}{when} "
            f"(version {d.current_version}, you edited version {d.expected_version}){tail}; "
            "nothing was saved"
        )
