"""Keyboard and screen-reader access: Tab reaches every panel, every control has a name."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from shiny_review.services.action_plan import ActionChanges
from tests.factories import make_ingested


def _window_with_a_highlight(make_window, service):
    doc = service.documents.add_ingested(make_ingested()).value.document
    rec = service.recommendations.all(doc.id)[0]
    ann = service.annotations.add_quote(
        doc.id, "Supervision is regular", recommendation_ids=[rec.id]
    )
    window = make_window()
    window.open_document(doc.id)
    window.recommendations_panel.table.selectRow(0)
    window.select_annotation(ann.value.id)  # the details editor is enabled
    return window


def _walk(qtbot, start: QWidget, modifier: Qt.KeyboardModifier) -> list[QWidget]:
    """Press Tab (or Shift+Tab) from ``start`` until the focus comes back to it."""
    start.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    seen: list[QWidget] = []
    for _ in range(60):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, modifier)
        widget = QApplication.focusWidget()
        if widget is start:
            return seen
        assert widget not in seen, f"Tab is stuck in a loop at {widget.accessibleName()!r}"
        seen.append(widget)
    raise AssertionError("Tab never came back to the document view")


def test_tab_and_shift_tab_reach_every_panel(qtbot, make_window, service) -> None:
    window = _window_with_a_highlight(make_window, service)
    panels = window.annotations_panel
    main_controls = [
        window.documents_panel.tree,
        window.recommendations_panel.table,
        window.evidence_panel.table,
        panels.rec_filter,
        panels.stance_filter,
        panels.text_filter,
        panels.table,
        panels.details.stance,
        panels.details.note,
        panels.details.links,
    ]
    forward = _walk_the_chain(qtbot, window)
    for widget in main_controls:
        assert widget in forward, widget.accessibleName()
    plan = window.action_plan_panel
    assert not plan.isVisible() and plan.tree not in forward  # the dock is hidden


def _walk_the_chain(qtbot, window) -> list[QWidget]:
    """Tab and Shift+Tab from the document view: the controls of MainWindow.tab_chain in its
    order (hidden or disabled controls skipped), forward and back."""
    forward = _walk(qtbot, window.view, Qt.KeyboardModifier.NoModifier)
    expected = [w for w in window.tab_chain() if w.isVisible() and w.isEnabled()]
    at = expected.index(window.view)
    assert forward == expected[at + 1 :] + expected[:at]
    backward = _walk(qtbot, window.view, Qt.KeyboardModifier.ShiftModifier)
    assert backward == list(reversed(forward))
    return forward


def test_tab_reaches_the_action_plan_when_it_is_shown(qtbot, make_window, service) -> None:
    window = _window_with_a_highlight(make_window, service)
    window.action_plan.add_action(
        window.state.recommendations[0].id,
        ActionChanges(text="Audit", owner="Zoë", due_date=dt.date(2027, 1, 8)),
    )
    window.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    qtbot.keyClick(window.view, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    plan = window.action_plan_panel
    qtbot.waitUntil(plan.isVisible)
    assert QApplication.focusWidget() is plan.tree  # View > Action plan goes to it
    (action,) = service.action_plan.actions()
    plan.tree.setCurrentIndex(plan.model.index_of_action(action.id))  # edit, delete enabled
    forward = _walk_the_chain(qtbot, window)
    chain = forward[forward.index(window.annotations_panel.details.links) :]
    assert chain[1:] == [
        plan.owner_filter,
        plan.status_filter,
        plan.overdue_filter,
        plan.tree,
        *plan.buttons,
        window.documents_panel.tree,  # then round to the left again
    ]
    qtbot.keyClick(plan.tree, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not plan.isVisible())
    assert plan.tree not in _walk_the_chain(qtbot, window)


def test_tab_leaves_tables_instead_of_walking_their_cells(qtbot, make_window, service) -> None:
    window = _window_with_a_highlight(make_window, service)
    table = window.recommendations_panel.table
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table


def test_panel_jumps_still_work(qtbot, make_window, service) -> None:
    window = _window_with_a_highlight(make_window, service)
    window.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    for key, widget in (
        (Qt.Key.Key_2, window.documents_panel.tree),
        (Qt.Key.Key_3, window.recommendations_panel.table),
        (Qt.Key.Key_4, window.annotations_panel.table),
        (Qt.Key.Key_1, window.view),
    ):
        qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.focusWidget() is widget


INTERACTIVE = (QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit)


def test_every_action_and_control_has_a_name(qtbot, make_window, service) -> None:
    window = _window_with_a_highlight(make_window, service)
    window.finding.show_bar()
    actions = window.findChildren(QAction)
    assert len(actions) >= len(window.actions)
    for action in actions:
        if action.isSeparator() or action.menu() is not None:
            continue
        if action.objectName().startswith("_q_"):  # Qt's own, e.g. a line edit's clear button
            continue
        # Menus and screen readers name an action by its text; the tooltip says what it does.
        assert action.text().replace("&", "").strip(), action.objectName()
        assert action.toolTip().strip(), action.objectName()
    unnamed = [
        f"{type(w).__name__} {w.objectName()!r}"
        for w in window.findChildren(QWidget)
        if w.window() is window  # not the combo boxes' own pop-up lists
        and (isinstance(w, INTERACTIVE) or w.focusPolicy() != Qt.FocusPolicy.NoFocus)
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not w.accessibleName().strip()
    ]
    assert unnamed == []
