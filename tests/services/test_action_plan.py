"""Action plan use cases: one transaction each, in the history with the author, each undone
by its inverse; updates append-only with cited highlights; deadlines from the rules."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shiny_review.domain.action_plan import ActionStatus
from shiny_review.domain.errors import NotFoundError, ValidationError
from shiny_review.services.action_plan import (
    ActionChanges,
    ActionPlanService,
    changes_restoring,
)
from shiny_review.services.holiday_calendar import bank_holidays, read_extra_holidays
from shiny_review.services.recommendation_refs import resolve_recommendation_ref
from shiny_review.services.review import ReviewService
from shiny_review.storage.server_workspace import open_workspace
from tests.conftest import as_login
from tests.factories import make_ingested

D = dt.date


@pytest.fixture
def review(workspace_target: Any) -> Iterator[ReviewService]:
    workspace = open_workspace(as_login(workspace_target, "Ana Officer"), "Ana Officer")
    try:
        service = ReviewService(workspace)
        service.action_plan.today = lambda: D(2026, 12, 4)
        yield service
    finally:
        workspace.close()


def _plan(review: ReviewService) -> tuple[ActionPlanService, int, int]:
    doc = review.documents.add_ingested(make_ingested()).value.document
    recs = review.recommendations.all(doc.id)
    return review.action_plan, recs[0].id, doc.id


def test_add_edit_delete_restore_each_in_the_history_and_undone_by_its_inverse(
    review: ReviewService,
) -> None:
    plan, rec_id, _ = _plan(review)
    added = plan.add_action(
        rec_id, text="Audit =SUM(A1) plans – “é”", owner="Head of service", due_date=D(2027, 1, 8)
    )
    action = added.value
    assert added.changed.recommendations == {rec_id}
    assert action.status is ActionStatus.NOT_STARTED
    assert action.text == "Audit =SUM(A1) plans – “é”"
    before = action
    edited = plan.edit_action(
        action.id, ActionChanges(status=ActionStatus.AT_RISK, owner="Team manager")
    ).value
    assert (edited.status, edited.owner) == (ActionStatus.AT_RISK, "Team manager")
    undone = plan.edit_action(action.id, changes_restoring(before)).value
    assert (undone.status, undone.owner, undone.text) == (
        before.status,
        before.owner,
        before.text,
    )
    plan.delete_action(action.id)
    assert plan.actions() == []
    plan.restore_action(action.id)
    assert [a.id for a in plan.actions()] == [action.id]
    history = [h for h in review.history.entries() if h.entity == "action"]
    assert [h.action for h in history] == ["create", "edit", "edit", "delete", "restore"]
    assert {h.author for h in history} == {"Ana Officer"}
    assert json.loads(history[1].after)["status"] == "at risk"


def test_bad_values_are_refused_and_leave_nothing(review: ReviewService) -> None:
    plan, rec_id, _ = _plan(review)
    with pytest.raises(ValidationError):
        plan.add_action(rec_id, text="  ", owner="O", due_date=D(2027, 1, 1))
    with pytest.raises(ValidationError):
        plan.add_action(
            rec_id, text="T", owner="O", due_date=D(2027, 1, 1), start_date=D(2027, 2, 1)
        )
    with pytest.raises(NotFoundError):
        plan.add_action(9999, text="T", owner="O", due_date=D(2027, 1, 1))
    assert plan.actions() == []
    assert not [h for h in review.history.entries() if h.entity == "action"]


def test_updates_are_append_only_cite_highlights_and_withdraw(review: ReviewService) -> None:
    plan, rec_id, doc_id = _plan(review)
    ann = review.annotations.add_quote(doc_id, "voice", recommendation_ids=[rec_id]).value
    first = plan.add_update(rec_id, "@board: audit shows progress", [ann.id]).value
    second = plan.add_update(rec_id, "Second update").value
    assert first.author == "Ana Officer"
    assert first.evidence == (ann.id,)
    assert [u.id for u in plan.updates([rec_id])] == [first.id, second.id]
    plan.withdraw_update(second.id)
    assert [u.id for u in plan.updates([rec_id])] == [first.id]
    plan.reinstate_update(second.id)
    assert [u.text for u in plan.updates([rec_id])] == [
        "@board: audit shows progress",
        "Second update",
    ]
    with pytest.raises(NotFoundError):
        plan.add_update(rec_id, "cites nothing real", [424242])
    actions = [h.action for h in review.history.entries() if h.entity == "progress_update"]
    assert actions == ["create", "create", "withdraw", "reinstate"]


def test_recommendation_references(review: ReviewService) -> None:
    _, rec_id, doc_id = _plan(review)
    recs = review.recommendations.all()
    assert resolve_recommendation_ref(recs, f"{doc_id}:1").id == rec_id
    assert resolve_recommendation_ref(recs, "1").id == rec_id
    review.documents.add_ingested(make_ingested(salt="second"))
    with pytest.raises(ValidationError):
        resolve_recommendation_ref(review.recommendations.all(), "1")
    with pytest.raises(NotFoundError):
        resolve_recommendation_ref(review.recommendations.all(), f"{doc_id}:9")


def test_a_focused_visit_without_priority_actions_has_no_deadline(review: ReviewService) -> None:
    plan, _, doc_id = _plan(review)
    (deadline,) = plan.deadlines()
    assert deadline.document_id == doc_id
    assert deadline.due is None
    assert deadline.title.startswith("none")


def test_the_holidays_package_agrees_with_the_hand_list_and_a_user_can_add_dates(
    tmp_path: Path,
) -> None:
    found = bank_holidays([2022, 2023])
    for day in (D(2022, 6, 3), D(2022, 9, 19), D(2022, 12, 27), D(2023, 5, 8), D(2023, 5, 29)):
        assert day in found
    extra = tmp_path / "extra-holidays.txt"
    extra.write_text("# proclaimed later\n2031-06-06 a new bank holiday\n\n", encoding="utf-8")
    assert read_extra_holidays(extra) == {D(2031, 6, 6)}
    assert D(2031, 6, 6) in bank_holidays([2031], extra)
    extra.write_text("6 June\n", encoding="utf-8")
    with pytest.raises(ValidationError):
        read_extra_holidays(extra)
