"""Undoable edits of the action plan: each QUndoCommand calls one service method to do and
its inverse to undo (services/action_plan.py), and so lands in the history both ways. Edits
and deletions are ``Versioned`` (issue 17): undoing one's edit after another officer changed
the action since asks first (the edit conflict dialog) instead of overwriting theirs."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from shiny_review.domain.action_plan import Action
from shiny_review.services.action_plan import ActionChanges, ActionPlanService, changes_restoring
from shiny_review.services.changes import Outcome
from shiny_review.ui.commands import Fail, Report, ServiceCommand, Versions, _Created
from shiny_review.ui.versions import Versioned


def _noting(versions: Versions, call: Callable[..., Outcome[Any]]) -> Callable[..., Outcome[Any]]:
    """``call``, noting the version of the action it returns as this window's (issue 17)."""

    def run(*args: Any) -> Outcome[Any]:
        outcome = call(*args)
        if versions is not None:
            versions.note("action", outcome.value.id, outcome.value.version)
        return outcome

    return run


class AddAction(ServiceCommand):
    """Add an action; redo after undo restores the same action (same id)."""

    def __init__(
        self,
        plan: ActionPlanService,
        report: Report,
        fail: Fail,
        recommendation_id: int,
        values: ActionChanges,
        *,
        versions: Versions = None,
    ) -> None:
        assert values.text is not None and values.owner is not None
        assert values.due_date is not None
        add = partial(
            plan.add_action,
            recommendation_id,
            text=values.text,
            owner=values.owner,
            due_date=values.due_date,
            start_date=values.start_date,
            **({"status": values.status} if values.status else {}),
        )
        created = _Created(
            _noting(versions, add),
            _noting(versions, plan.restore_action),
            _noting(versions, plan.delete_action),
        )
        super().__init__("Add action", report, fail, created.do, created.undo)
        self._created = created

    @property
    def action_id(self) -> int | None:
        return self._created.id


class EditAction(ServiceCommand):
    def __init__(
        self,
        plan: ActionPlanService,
        report: Report,
        fail: Fail,
        old: Action,
        new: ActionChanges,
        *,
        versions: Versions = None,
    ) -> None:
        if versions is not None:
            versions.note("action", old.id, old.version)  # the row the edit was made on
        do = Versioned(versions, "action", old.id, partial(plan.edit_action, old.id, new))
        undo = Versioned(
            versions, "action", old.id, partial(plan.edit_action, old.id, changes_restoring(old))
        )
        super().__init__("Edit action", report, fail, do, undo)


class DeleteAction(ServiceCommand):
    def __init__(
        self,
        plan: ActionPlanService,
        report: Report,
        fail: Fail,
        action: int,
        *,
        versions: Versions = None,
    ) -> None:
        if versions is not None:
            versions.note("action", action, plan.action(action).version)  # as read now
        delete = Versioned(versions, "action", action, partial(plan.delete_action, action))
        restore = Versioned(versions, "action", action, partial(plan.restore_action, action))
        super().__init__("Delete action", report, fail, delete, restore)


class AddUpdate(ServiceCommand):
    """Append a progress update; undo withdraws it, redo reinstates the same update."""

    def __init__(
        self,
        plan: ActionPlanService,
        report: Report,
        fail: Fail,
        recommendation_id: int,
        text: str,
        evidence: tuple[int, ...] = (),
    ) -> None:
        add = partial(plan.add_update, recommendation_id, text, evidence)
        created = _Created(add, plan.reinstate_update, plan.withdraw_update)
        super().__init__("Add progress update", report, fail, created.do, created.undo)
        self._created = created

    @property
    def update_id(self) -> int | None:
        return self._created.id
