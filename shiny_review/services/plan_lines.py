"""The Action plan view's rows (plain, immutable): each recommendation with its RAG, latest
update and the actions a filter (owner, status, overdue) keeps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from shiny_review.domain.action_plan import (
    Action,
    ActionStatus,
    ProgressUpdate,
    recommendation_rag,
)
from shiny_review.domain.entities import Recommendation
from shiny_review.services.recommendation_refs import recommendation_ref


@dataclass(frozen=True, slots=True)
class ActionLine:
    action: Action
    overdue_days: int


@dataclass(frozen=True, slots=True)
class PlanLine:
    """One recommendation in the Action plan view: its RAG, latest update and actions."""

    recommendation: Recommendation
    label: str
    rag_label: str
    rag_colour: str
    latest_update: str
    actions: tuple[ActionLine, ...]


@dataclass(frozen=True, slots=True)
class PlanFilter:
    owner: str | None = None
    status: ActionStatus | None = None
    overdue_only: bool = False

    def keeps(self, line: ActionLine) -> bool:
        if self.owner is not None and line.action.owner != self.owner:
            return False
        if self.status is not None and line.action.status is not self.status:
            return False
        return not self.overdue_only or line.overdue_days > 0

    @property
    def active(self) -> bool:
        return self.owner is not None or self.status is not None or self.overdue_only


def plan_lines(
    recommendations: Sequence[Recommendation],
    actions: Sequence[Action],
    updates: Sequence[ProgressUpdate],
    today: dt.date,
    keep: PlanFilter = PlanFilter(),
) -> list[PlanLine]:
    """Each recommendation with its actions (those the filter keeps; with a filter on, a
    recommendation none of whose actions is kept is left out)."""
    lines = []
    for rec in recommendations:
        own = [a for a in actions if a.recommendation_id == rec.id]
        kept = [ActionLine(a, a.days_overdue(today)) for a in own]
        kept = [line for line in kept if keep.keeps(line)]
        if keep.active and not kept:
            continue
        rag = recommendation_rag(own, today)
        latest = max(
            (u for u in updates if u.recommendation_id == rec.id),
            key=lambda u: (u.at, u.id),
            default=None,
        )
        latest_text = f"{latest.at:%Y-%m-%d} {latest.author}: {latest.text}" if latest else ""
        lines.append(
            PlanLine(rec, recommendation_ref(rec), rag.label, rag.colour, latest_text, tuple(kept))
        )
    return lines
