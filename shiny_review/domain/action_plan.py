"""The action plan: actions and progress updates per recommendation, and their RAG rating.

A status is always shown as a colour *and* a text label (never colour alone). Actions and
updates hang on a recommendation id; the inspection cycle's threads (a set of
recommendations) are presented by whoever groups them, not here.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass


class ActionStatus(enum.StrEnum):
    NOT_STARTED = "not started"
    ON_TRACK = "on track"
    AT_RISK = "at risk"
    OFF_TRACK = "off track"
    DONE = "done"

    @classmethod
    def parse(cls, value: str) -> ActionStatus:
        wanted = " ".join(value.strip().lower().replace("_", " ").replace("-", " ").split())
        for status in cls:
            if status.value == wanted:
                return status
        names = ", ".join(s.value for s in cls)
        raise ValueError(f"unknown status {value!r}: use one of {names}")

    @property
    def rag(self) -> Rag:
        return _STATUS_RAG[self]


@dataclass(frozen=True, slots=True)
class Rag:
    """A RAG rating: the label a person reads, the colour beside it (hex), and its severity."""

    label: str
    colour: str
    severity: int


RAG_NO_ACTIONS = Rag("No actions", "#9e9e9e", 5)
RAG_RED = Rag("Red: off track", "#c62828", 4)
RAG_AMBER = Rag("Amber: at risk", "#ef8f00", 3)
RAG_GREEN = Rag("Green: on track", "#2e7d32", 2)
RAG_NOT_STARTED = Rag("Grey: not started", "#757575", 1)
RAG_DONE = Rag("Blue: done", "#1565c0", 0)

_STATUS_RAG = {
    ActionStatus.NOT_STARTED: RAG_NOT_STARTED,
    ActionStatus.ON_TRACK: RAG_GREEN,
    ActionStatus.AT_RISK: RAG_AMBER,
    ActionStatus.OFF_TRACK: RAG_RED,
    ActionStatus.DONE: RAG_DONE,
}


@dataclass(frozen=True, slots=True)
class Action:
    id: int
    recommendation_id: int
    text: str
    owner: str
    start_date: dt.date | None
    due_date: dt.date
    status: ActionStatus
    author: str
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted: bool = False
    version: int = 1  # raised by each change; an edit on an older one conflicts (issue 17)

    def overdue(self, today: dt.date) -> bool:
        return self.status is not ActionStatus.DONE and self.due_date < today

    def days_overdue(self, today: dt.date) -> int:
        """Calendar days past the due date (0 when not overdue)."""
        return (today - self.due_date).days if self.overdue(today) else 0


@dataclass(frozen=True, slots=True)
class ProgressUpdate:
    """A dated progress note on a recommendation: append-only; it can be withdrawn (and
    reinstated) but never edited. ``evidence`` are the annotation ids it cites."""

    id: int
    recommendation_id: int
    text: str
    author: str
    at: dt.datetime
    evidence: tuple[int, ...] = ()
    withdrawn: bool = False


def recommendation_rag(actions: Iterable[Action], today: dt.date) -> Rag:
    """The worst rating among a recommendation's live actions; an overdue action that is not
    done counts as off track. No actions: "No actions"."""
    worst: Rag | None = None
    for action in actions:
        if action.deleted:
            continue
        rag = RAG_RED if action.overdue(today) else action.status.rag
        if worst is None or rag.severity > worst.severity:
            worst = rag
    return worst or RAG_NO_ACTIONS


def latest_update(updates: Iterable[ProgressUpdate]) -> ProgressUpdate | None:
    live = [u for u in updates if not u.withdrawn]
    return max(live, key=lambda u: (u.at, u.id)) if live else None
