"""qtmodeltester on the Action plan tree, filled with real rows; RAG as text and colour."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt

from shiny_review.domain.action_plan import ActionStatus
from shiny_review.services.plan_lines import PlanFilter
from shiny_review.ui.models.action_plan import ACTION_ID_ROLE, OVERDUE_RED, ActionPlanModel
from tests.factories import make_ingested


def _filled(service):
    doc = service.documents.add_ingested(make_ingested()).value.document
    recs = service.recommendations.all(doc.id)
    plan = service.action_plan
    plan.today = lambda: dt.date(2026, 12, 4)
    late = plan.add_action(
        recs[0].id, text="Late – é", owner="Zoë", due_date=dt.date(2026, 11, 30)
    ).value
    plan.add_action(
        recs[0].id,
        text="On time",
        owner="Sam",
        due_date=dt.date(2027, 1, 1),
        status=ActionStatus.AT_RISK,
    )
    plan.add_update(recs[1].id, "=SUM(A1) update")
    return plan, late


def test_action_plan_model(qtmodeltester, service) -> None:
    plan, late = _filled(service)
    model = ActionPlanModel()
    model.set_lines(plan.plan_lines())
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    first = model.index(0, 0)
    assert model.rowCount(first) == 2
    assert model.index(0, 3).data() == "Red: off track"  # the overdue action makes it red
    assert model.index(0, 3).data(Qt.ItemDataRole.BackgroundRole).color().name() == "#c62828"
    assert model.index(1, 4).data().endswith("=SUM(A1) update")
    action = model.index(0, 0, first)
    assert action.data(ACTION_ID_ROLE) == late.id
    assert model.index(0, 4, first).data() == "4 days overdue"
    red = model.index(0, 2, first).data(Qt.ItemDataRole.ForegroundRole).color().name()
    assert red == OVERDUE_RED
    assert model.index(1, 3, first).data() == "Amber: at risk"
    assert model.index_of_action(late.id) == action
    assert model.parent(action) == first
    assert model.parent(first) == QModelIndex()


def test_filters_keep_matching_actions_only(qtmodeltester, service) -> None:
    plan, _late = _filled(service)
    model = ActionPlanModel()
    model.set_lines(plan.plan_lines(PlanFilter(overdue_only=True)))
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert model.index(0, 0, model.index(0, 0)).data() == "Late – é"
    model.set_lines(plan.plan_lines(PlanFilter(owner="Sam")))
    assert [model.index(0, 0, model.index(0, 0)).data()] == ["On time"]
    model.set_lines(plan.plan_lines(PlanFilter(status=ActionStatus.DONE)))
    assert model.rowCount() == 0
    qtmodeltester.check(model)
