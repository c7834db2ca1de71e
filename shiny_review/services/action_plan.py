"""The action plan use cases: actions and progress updates per recommendation, and the
improvement-board report's rows. The statutory deadlines are services/deadlines.py, the
Action plan view's rows services/plan_lines.py, ``DOC:N`` references
services/recommendation_refs.py.

Each mutating call is one user action (one transaction, in the history with its author) and
has an inverse, so the window can undo it: add_action / delete_action (restore_action),
edit_action / edit_action with the old values, add_update / withdraw_update (reinstate_update).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shiny_review.domain.action_plan import Action, ActionStatus, ProgressUpdate, recommendation_rag
from shiny_review.domain.board_report import (
    BoardReport,
    EvidenceQuote,
    ReportRecommendation,
    judgement_area,
)
from shiny_review.domain.deadlines import Deadline
from shiny_review.domain.entities import Document, Recommendation
from shiny_review.domain.errors import ValidationError
from shiny_review.services.changes import Changed, Outcome
from shiny_review.services.deadlines import StatutoryDeadlines
from shiny_review.services.plan_lines import PlanFilter, PlanLine, plan_lines
from shiny_review.services.recommendation_refs import recommendation_ref

if TYPE_CHECKING:
    from shiny_review.storage.workspace import Workspace

Today = Callable[[], dt.date]


@dataclass(frozen=True, slots=True)
class ActionChanges:
    """Values of an action that an edit sets (None: unchanged)."""

    text: str | None = None
    owner: str | None = None
    start_date: dt.date | None = None
    due_date: dt.date | None = None
    status: ActionStatus | None = None
    clear_start_date: bool = False

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.text is not None:
            out["text"] = _clean(self.text, "an action needs some text")
        if self.owner is not None:
            out["owner"] = _clean(self.owner, "an action needs an owner")
        if self.start_date is not None or self.clear_start_date:
            out["start_date"] = self.start_date
        if self.due_date is not None:
            out["due_date"] = self.due_date
        if self.status is not None:
            out["status"] = self.status
        return out


def changes_restoring(action: Action) -> ActionChanges:
    """The edit that puts every editable value of ``action`` back (an edit's inverse)."""
    return ActionChanges(
        text=action.text,
        owner=action.owner,
        start_date=action.start_date,
        due_date=action.due_date,
        status=action.status,
        clear_start_date=action.start_date is None,
    )


def _clean(text: str, empty_message: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValidationError(empty_message)
    return cleaned


class ActionPlanService:
    """Action plan use cases over one workspace (hung on ReviewService as ``action_plan``)."""

    def __init__(
        self,
        workspace: Workspace,
        *,
        today: Today = dt.date.today,
        extra_holidays: Path | None = None,
    ) -> None:
        self._workspace = workspace
        self.today = today
        self.extra_holidays = extra_holidays
        self._deadlines = StatutoryDeadlines(
            workspace, lambda: self.today(), lambda: self.extra_holidays
        )

    # -- actions ------------------------------------------------------------------------------

    def add_action(
        self,
        recommendation_id: int,
        *,
        text: str,
        owner: str,
        due_date: dt.date,
        start_date: dt.date | None = None,
        status: ActionStatus = ActionStatus.NOT_STARTED,
    ) -> Outcome[Action]:
        text = _clean(text, "an action needs some text")
        owner = _clean(owner, "an action needs an owner")
        if start_date is not None and start_date > due_date:
            raise ValidationError("an action cannot start after it is due")
        with self._workspace.write() as repo:
            action_id = repo.add_action(
                recommendation_id,
                text=text,
                owner=owner,
                start_date=start_date,
                due_date=due_date,
                status=status,
            )
            action = repo.get_action(action_id)
        return Outcome(action, _changed(action.recommendation_id))

    def edit_action(
        self, action_id: int, changes: ActionChanges, *, expected_version: int | None = None
    ) -> Outcome[Action]:
        """``expected_version``: the version the person saw (issue 17); if the action changed
        since, ``EditConflict`` and nothing is written."""
        values = changes.as_dict()
        with self._workspace.write() as repo:
            current = repo.get_action(action_id)
            start = values.get("start_date", current.start_date)
            due = values.get("due_date", current.due_date)
            if start is not None and start > due:
                raise ValidationError("an action cannot start after it is due")
            if values:
                repo.update_action(action_id, expected_version=expected_version, **values)
            action = repo.get_action(action_id)
        return Outcome(action, _changed(action.recommendation_id))

    def delete_action(
        self, action_id: int, *, expected_version: int | None = None
    ) -> Outcome[Action]:
        return self._set_deleted(action_id, True, expected_version)

    def restore_action(
        self, action_id: int, *, expected_version: int | None = None
    ) -> Outcome[Action]:
        return self._set_deleted(action_id, False, expected_version)

    def _set_deleted(
        self, action_id: int, deleted: bool, expected_version: int | None
    ) -> Outcome[Action]:
        with self._workspace.write() as repo:
            repo.set_action_deleted(action_id, deleted, expected_version=expected_version)
            action = repo.get_action(action_id)
        return Outcome(action, _changed(action.recommendation_id))

    def action(self, action_id: int) -> Action:
        with self._workspace.read() as repo:
            return repo.get_action(action_id)

    def actions(self, recommendation_ids: Sequence[int] | None = None) -> list[Action]:
        with self._workspace.read() as repo:
            return repo.actions(recommendation_ids)

    # -- progress updates ---------------------------------------------------------------------

    def add_update(
        self, recommendation_id: int, text: str, evidence: Sequence[int] = ()
    ) -> Outcome[ProgressUpdate]:
        """Append a dated progress update (author and time stamped), citing annotations."""
        if not text.strip():
            raise ValidationError("an update needs some text")
        with self._workspace.write() as repo:
            update_id = repo.add_progress_update(recommendation_id, text.strip(), evidence)
            update = repo.get_progress_update(update_id)
        return Outcome(update, _changed(recommendation_id, evidence))

    def withdraw_update(self, update_id: int) -> Outcome[ProgressUpdate]:
        return self._set_withdrawn(update_id, True)

    def reinstate_update(self, update_id: int) -> Outcome[ProgressUpdate]:
        return self._set_withdrawn(update_id, False)

    def _set_withdrawn(self, update_id: int, withdrawn: bool) -> Outcome[ProgressUpdate]:
        with self._workspace.write() as repo:
            repo.set_update_withdrawn(update_id, withdrawn)
            update = repo.get_progress_update(update_id)
        return Outcome(update, _changed(update.recommendation_id, update.evidence))

    def updates(self, recommendation_ids: Sequence[int] | None = None) -> list[ProgressUpdate]:
        with self._workspace.read() as repo:
            return repo.progress_updates(recommendation_ids)

    # -- deadlines ----------------------------------------------------------------------------

    def deadlines(self) -> list[Deadline]:
        """Every letter's statutory response deadlines (services/deadlines.py)."""
        return self._deadlines.all()

    # -- the board report ---------------------------------------------------------------------

    def plan_lines(self, keep: PlanFilter | None = None) -> list[PlanLine]:
        """The Action plan view's rows, filtered (owner, status, overdue)."""
        with self._workspace.read() as repo:
            recs = repo.recommendations()
            ids = [r.id for r in recs]
            actions = repo.actions(ids)
            updates = repo.progress_updates(ids)
        return plan_lines(recs, actions, updates, self.today(), keep or PlanFilter())

    def owners(self) -> list[str]:
        return sorted({a.owner for a in self.actions()}, key=str.casefold)

    def board_report(self, thread_of: Callable[[Recommendation], str] | None = None) -> BoardReport:
        """The report's rows. ``thread_of`` names a recommendation's thread (the inspection
        cycle's grouping); without it each recommendation is its own thread, named DOC:N."""
        today = self.today()
        with self._workspace.read() as repo:
            documents = {d.id: d for d in repo.list_documents()}
            recs = repo.recommendations()
            rec_ids = [r.id for r in recs]
            actions = repo.actions(rec_ids)
            updates = repo.progress_updates(rec_ids)
            areas = {d: [j.area for j in repo.judgements(d)] for d in documents}
            evidence = repo.evidence_of(rec_ids)  # one read for all, not one each
            cited_ids = {a for u in updates for a in u.evidence}
            linked_ids = {a.id for anns in evidence.values() for a in anns}
            extra = repo.annotations_by_ids(sorted(cited_ids - linked_ids))
        by_id = {a.id: a for anns in evidence.values() for a in anns} | {a.id: a for a in extra}
        actions_of: dict[int, list[Action]] = {}
        for action in actions:  # grouped once, in their order (not recommendations x actions)
            actions_of.setdefault(action.recommendation_id, []).append(action)
        updates_of: dict[int, list[ProgressUpdate]] = {}
        for update in updates:
            updates_of.setdefault(update.recommendation_id, []).append(update)
        rows = []
        for rec in recs:
            doc = documents[rec.document_id]
            rec_actions = tuple(actions_of.get(rec.id, ()))
            rec_updates = tuple(updates_of.get(rec.id, ()))
            cited_by: dict[int, list[int]] = {}
            for u in rec_updates:
                for a in u.evidence:
                    cited_by.setdefault(a, []).append(u.id)
            ann_ids = [a.id for a in evidence[rec.id]]
            linked = set(ann_ids)
            ann_ids += [a for a in cited_by if a not in linked and a in by_id]
            quotes = tuple(
                _quote(by_id[a], documents, doc, tuple(cited_by.get(a, ()))) for a in ann_ids
            )
            rows.append(
                ReportRecommendation(
                    recommendation_id=rec.id,
                    label=recommendation_ref(rec),
                    document_title=doc.title,
                    thread=thread_of(rec) if thread_of else recommendation_ref(rec),
                    area=judgement_area(rec.text, areas.get(rec.document_id, [])),
                    text=rec.text,
                    rag=recommendation_rag(rec_actions, today),
                    actions=rec_actions,
                    updates=rec_updates,
                    evidence=quotes,
                )
            )
        authorities = sorted({d.authority for d in documents.values() if d.authority})
        authority = ", ".join(authorities) or "the local authority"
        return BoardReport(
            title=f"Improvement board report: {authority}",
            authority=authority,
            today=today,
            recommendations=tuple(rows),
            deadlines=tuple(self.deadlines()) if documents else (),
        )


def _quote(
    annotation: Any, documents: dict[int, Document], home: Document, cited_by: tuple[int, ...]
) -> EvidenceQuote:
    source = documents.get(annotation.document_id)
    later = bool(
        source is not None
        and source.id != home.id
        and source.date is not None
        and home.date is not None
        and source.date > home.date
    )
    return EvidenceQuote(
        annotation_id=annotation.id,
        document_id=annotation.document_id,
        document_title=source.title if source else "",
        document_date=source.date if source else None,
        page=annotation.anchor.page,
        paragraph=annotation.anchor.paragraph,
        quote=annotation.anchor.exact,
        stance=annotation.stance.value if annotation.stance else "",
        note=annotation.note,
        later_letter=later,
        cited_by=cited_by,
    )


def _changed(recommendation_id: int, annotations: Sequence[int] = ()) -> Changed:
    return Changed(
        recommendations=frozenset({recommendation_id}), annotations=frozenset(annotations)
    )
