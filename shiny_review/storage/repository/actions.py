"""The action plan's reads and writes: actions (added, edited, deleted, restored) and
progress updates (appended, withdrawn, reinstated; never edited). Each write is in the history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select

from shiny_review.domain.action_plan import Action, ActionStatus, ProgressUpdate
from shiny_review.domain.errors import NotFoundError
from shiny_review.storage import clock
from shiny_review.storage.repository.base import RepositoryBase
from shiny_review.storage.repository.rows import removed_document_ids
from shiny_review.storage.repository.versions import claim_version
from shiny_review.storage.schema import RecommendationRow
from shiny_review.storage.schema_actions import ActionRow, ProgressUpdateRow, UpdateEvidenceRow

ACTION_FIELDS = ("text", "owner", "start_date", "due_date", "status")


def _removed_recommendations() -> Select[int]:
    return select(RecommendationRow.id).where(
        RecommendationRow.document_id.in_(removed_document_ids())
    )


def _action_state(row: ActionRow) -> dict[str, Any]:
    return {
        "recommendation_id": row.recommendation_id,
        "text": row.text,
        "owner": row.owner,
        "start_date": row.start_date,
        "due_date": row.due_date,
        "status": row.status,
        "deleted": row.deleted,
    }


def _action(row: ActionRow) -> Action:
    return Action(
        id=row.id,
        recommendation_id=row.recommendation_id,
        text=row.text,
        owner=row.owner,
        start_date=row.start_date,
        due_date=row.due_date,
        status=ActionStatus(row.status),
        author=row.author,
        created_at=row.created_at,
        updated_at=row.updated_at,
        deleted=row.deleted,
        version=row.version,
    )


class ActionQueries(RepositoryBase):
    # -- actions ------------------------------------------------------------------------------

    def _action_row(self, action_id: int) -> ActionRow:
        row = self._s.get(ActionRow, action_id)
        if row is None:
            raise NotFoundError(f"no action with id {action_id}")
        return row

    def add_action(
        self,
        recommendation_id: int,
        *,
        text: str,
        owner: str,
        start_date: dt.date | None,
        due_date: dt.date,
        status: ActionStatus,
    ) -> int:
        self._recommendation_row(recommendation_id)
        stamp = clock.now()
        row = ActionRow(
            recommendation_id=recommendation_id,
            text=text,
            owner=owner,
            start_date=start_date,
            due_date=due_date,
            status=status.value,
            author=self.author,
            created_at=stamp,
            updated_at=stamp,
            deleted=False,
        )
        self._s.add(row)
        self._s.flush()
        self._history("create", "action", row.id, None, _action_state(row))
        return row.id

    def get_action(self, action_id: int) -> Action:
        return _action(self._action_row(action_id))

    def actions(
        self, recommendation_ids: Sequence[int] | None = None, *, include_deleted: bool = False
    ) -> list[Action]:
        query = select(ActionRow).order_by(ActionRow.recommendation_id, ActionRow.id)
        if recommendation_ids is not None:
            query = query.where(ActionRow.recommendation_id.in_(list(recommendation_ids)))
        else:  # not those of documents in the bin (issue 11)
            query = query.where(ActionRow.recommendation_id.not_in(_removed_recommendations()))
        if not include_deleted:
            query = query.where(ActionRow.deleted.is_(False))
        return [_action(r) for r in self._s.scalars(query)]

    def update_action(
        self, action_id: int, *, expected_version: int | None = None, **changes: Any
    ) -> None:
        attempted = {k: getattr(v, "value", v) for k, v in changes.items()}
        claim_version(self._s, ActionRow, "action", action_id, expected_version, attempted)
        row = self._action_row(action_id)
        before = _action_state(row)
        for key, value in changes.items():
            if key not in ACTION_FIELDS:
                raise ValueError(f"an action has no field {key!r}")
            setattr(row, key, value.value if isinstance(value, ActionStatus) else value)
        row.updated_at = clock.now()
        self._history("edit", "action", row.id, before, _action_state(row))

    def set_action_deleted(
        self, action_id: int, deleted: bool, *, expected_version: int | None = None
    ) -> None:
        attempted = {"deleted": deleted}
        claim_version(self._s, ActionRow, "action", action_id, expected_version, attempted)
        row = self._action_row(action_id)
        before = _action_state(row)
        row.deleted = deleted
        row.updated_at = clock.now()
        action = "delete" if deleted else "restore"
        self._history(action, "action", row.id, before, _action_state(row))

    # -- progress updates ---------------------------------------------------------------------

    def _update_row(self, update_id: int) -> ProgressUpdateRow:
        row = self._s.get(ProgressUpdateRow, update_id)
        if row is None:
            raise NotFoundError(f"no progress update with id {update_id}")
        return row

    def add_progress_update(
        self, recommendation_id: int, text: str, evidence: Sequence[int]
    ) -> int:
        self._recommendation_row(recommendation_id)
        for annotation_id in evidence:
            self._annotation_row(annotation_id)
        row = ProgressUpdateRow(
            recommendation_id=recommendation_id,
            text=text,
            author=self.author,
            at=clock.now(),
            withdrawn=False,
        )
        self._s.add(row)
        self._s.flush()
        for position, annotation_id in enumerate(dict.fromkeys(evidence)):
            self._s.add(
                UpdateEvidenceRow(update_id=row.id, annotation_id=annotation_id, position=position)
            )
        self._history(
            "create",
            "progress_update",
            row.id,
            None,
            {
                "recommendation_id": recommendation_id,
                "text": text,
                "evidence": list(dict.fromkeys(evidence)),
                "withdrawn": False,
            },
        )
        return row.id

    def set_update_withdrawn(self, update_id: int, withdrawn: bool) -> None:
        row = self._update_row(update_id)
        before = {"withdrawn": row.withdrawn}
        row.withdrawn = withdrawn
        action = "withdraw" if withdrawn else "reinstate"
        self._history(action, "progress_update", row.id, before, {"withdrawn": withdrawn})

    def get_progress_update(self, update_id: int) -> ProgressUpdate:
        return self.progress_updates(update_ids=[update_id], include_withdrawn=True)[0]

    def progress_updates(
        self,
        recommendation_ids: Sequence[int] | None = None,
        *,
        update_ids: Sequence[int] | None = None,
        include_withdrawn: bool = False,
    ) -> list[ProgressUpdate]:
        query = select(ProgressUpdateRow).order_by(ProgressUpdateRow.at, ProgressUpdateRow.id)
        if recommendation_ids is not None:
            query = query.where(ProgressUpdateRow.recommendation_id.in_(list(recommendation_ids)))
        elif update_ids is None:  # not those of documents in the bin (issue 11)
            query = query.where(
                ProgressUpdateRow.recommendation_id.not_in(_removed_recommendations())
            )
        if update_ids is not None:
            query = query.where(ProgressUpdateRow.id.in_(list(update_ids)))
        if not include_withdrawn:
            query = query.where(ProgressUpdateRow.withdrawn.is_(False))
        rows = list(self._s.scalars(query))
        if update_ids is not None and len(rows) < len(set(update_ids)):
            raise NotFoundError(f"no progress update with id {sorted(update_ids)}")
        cited: dict[int, list[int]] = {}
        if rows:
            for ev in self._s.scalars(
                select(UpdateEvidenceRow)
                .where(UpdateEvidenceRow.update_id.in_([r.id for r in rows]))
                .order_by(UpdateEvidenceRow.update_id, UpdateEvidenceRow.position)
            ):
                cited.setdefault(ev.update_id, []).append(ev.annotation_id)
        return [
            ProgressUpdate(
                id=r.id,
                recommendation_id=r.recommendation_id,
                text=r.text,
                author=r.author,
                at=r.at,
                evidence=tuple(cited.get(r.id, ())),
                withdrawn=r.withdrawn,
            )
            for r in rows
        ]
