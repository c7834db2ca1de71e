"""ActionPlanPanel bound to a WindowState: rereads after each operation, only while shown."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget

from shiny_review.ui.actions import build_actions
from shiny_review.ui.panels.action_plan import NO_DEADLINE, ActionPlanPanel


def test_the_plan_is_reread_after_each_operation_while_shown(qtbot, state, service, letter):
    host = QWidget()
    qtbot.addWidget(host)
    panel = ActionPlanPanel(build_actions(host))
    qtbot.addWidget(panel)
    panel.bind(state)
    rec = service.recommendations.all(letter.id)[0]
    plan = service.action_plan
    plan.today = lambda: dt.date(2026, 12, 4)
    added = plan.add_action(rec.id, text="Audit – é", owner="Zoë", due_date=dt.date(2027, 1, 8))
    state.apply(added.changed)
    assert panel.model.rowCount() == 0  # hidden: only noted as out of date
    panel.show()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    assert panel.deadlines.text() == NO_DEADLINE  # a focused visit without priority actions
    assert panel.owner_filter.findData("Zoë") > 0
    assert not panel.edit_action_button.isEnabled()
    panel.tree.setCurrentIndex(panel.model.index_of_action(added.value.id))
    assert panel.selected_action_id() == added.value.id
    assert panel.selected_recommendation_id() == rec.id
    assert panel.edit_action_button.isEnabled() and panel.delete_action_button.isEnabled()
    state.apply(plan.delete_action(added.value.id).changed)  # shown: reread at once
    assert panel.model.rowCount(panel.model.index(0, 0)) == 0
    assert panel.selected_action_id() is None and not panel.delete_action_button.isEnabled()
