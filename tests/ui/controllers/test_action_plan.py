"""The action plan's controller built with a WindowState and no MainWindow: every edit is one
undoable command, in the history with its author. Then in the real window: the dock from
View > Action plan, filters, the board report from File."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from shiny_review.domain.action_plan import ActionStatus
from shiny_review.services.action_plan import ActionChanges
from shiny_review.ui.action_plan_dock import add_dock
from shiny_review.ui.actions import bind_enabled, build_actions
from shiny_review.ui.controllers.action_plan import ActionPlanController
from shiny_review.ui.panels.action_plan import ActionPlanPanel
from tests.factories import make_ingested


def _entries(service, entity: str) -> list[tuple[str, str]]:
    return [(h.action, h.author) for h in service.history.entries() if h.entity == entity]


def _controller(qtbot, state, window_settings) -> ActionPlanController:
    """The controller over a plain QMainWindow holding only the Action plan dock."""
    host = QMainWindow()
    qtbot.addWidget(host)
    actions = build_actions(host)
    bind_enabled(actions, state)
    panel = ActionPlanPanel(actions)
    dock = add_dock(host, panel, actions["view_action_plan"])
    panel.bind(state)
    host.show()
    return ActionPlanController(state, panel, dock, window_settings, host)


def test_edits_are_undoable_and_in_the_history(qtbot, state, service, window_settings) -> None:
    doc = service.documents.add_ingested(make_ingested()).value.document
    rec = service.recommendations.all(doc.id)[0]
    service.action_plan.today = lambda: dt.date(2026, 12, 4)
    controller = _controller(qtbot, state, window_settings)
    controller.action_handlers()["view_action_plan"]()  # View > Action plan
    dock = controller.dock
    qtbot.waitUntil(dock.isVisible)
    undo_stack = state.undo_stack
    model = controller.panel.model
    controller.add_action(
        rec.id,
        ActionChanges(text="+Audit – “é”", owner="Zoë", due_date=dt.date(2026, 11, 1)),
    )
    qtbot.waitUntil(lambda: model.rowCount() == 2 and model.rowCount(model.index(0, 0)) == 1)
    (action,) = service.action_plan.actions()
    first = model.index(0, 0)
    assert model.index(0, 4, first).data() == "33 days overdue"
    controller.edit_action(action.id, ActionChanges(status=ActionStatus.DONE))
    assert service.action_plan.action(action.id).status is ActionStatus.DONE
    controller.add_update(rec.id, "@board: done")
    assert undo_stack.count() == 3
    undo_stack.undo()  # the update is withdrawn
    assert service.action_plan.updates() == []
    undo_stack.undo()  # the status is back
    assert service.action_plan.action(action.id).status is ActionStatus.NOT_STARTED
    undo_stack.undo()  # the action is gone
    assert service.action_plan.actions() == []
    qtbot.waitUntil(lambda: model.rowCount(model.index(0, 0)) == 0)
    undo_stack.redo()
    assert [a.id for a in service.action_plan.actions()] == [action.id]  # the same action
    controller.delete_action(action.id)
    assert service.action_plan.actions() == []
    undo_stack.undo()
    assert [a.id for a in service.action_plan.actions()] == [action.id]
    assert _entries(service, "action") == [
        ("create", "Test Officer"),
        ("edit", "Test Officer"),
        ("edit", "Test Officer"),
        ("delete", "Test Officer"),
        ("restore", "Test Officer"),
        ("delete", "Test Officer"),
        ("restore", "Test Officer"),
    ]
    assert _entries(service, "progress_update") == [
        ("create", "Test Officer"),
        ("withdraw", "Test Officer"),
    ]


def test_filters_and_board_report_from_the_window(make_window, qtbot, service, tmp_path: Path):
    doc = service.documents.add_ingested(make_ingested()).value.document
    recs = service.recommendations.all(doc.id)
    plan = service.action_plan
    plan.today = lambda: dt.date(2026, 12, 4)
    plan.add_action(recs[0].id, text="Late", owner="Zoë", due_date=dt.date(2026, 1, 1))
    plan.add_action(recs[1].id, text="Later", owner="Sam", due_date=dt.date(2027, 1, 1))
    window = make_window()
    controller = window.action_plan
    window.actions["view_action_plan"].trigger()  # View > Action plan
    qtbot.waitUntil(controller.dock.isVisible)
    panel = controller.panel
    assert panel.model.rowCount() == 2
    panel.overdue_filter.setChecked(True)
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 0, panel.model.index(0, 0)).data() == "Late"
    panel.overdue_filter.setChecked(False)
    panel.owner_filter.setCurrentIndex(panel.owner_filter.findData("Sam"))
    assert panel.model.index(0, 0, panel.model.index(0, 0)).data() == "Later"
    xlsx, pdf = controller.write_report(tmp_path)
    assert xlsx.stat().st_size > 0 and pdf.read_bytes().startswith(b"%PDF")
    report = window.findChild(QAction, "action_board_report")
    file_menu = window.menuBar().actions()[0].menu()
    assert report is not None and report in file_menu.actions()
    window.close()  # the window remembers that the Action plan was shown
    again = make_window()
    assert again.action_plan_dock.isVisible() and again.actions["view_action_plan"].isChecked()


def test_file_board_report_is_written_off_the_gui_thread(
    make_window, qtbot, service, tmp_path: Path, monkeypatch
) -> None:
    """File > Board report… asks for a folder and writes both files in the background: the
    rows and the workbook in a worker thread with its own read-only session, the PDF laid out
    in a child process (pymupdf holds the GIL); the window is told when they are written."""
    import threading

    from shiny_review.services.export import board_report as report_module
    from shiny_review.ui.dialogs import action as action_dialogs

    doc = service.documents.add_ingested(make_ingested()).value.document
    rec = service.recommendations.all(doc.id)[0]
    service.action_plan.add_action(
        rec.id, text="Audit plans", owner="Zoë", due_date=dt.date(2027, 1, 4)
    )
    seen: dict[str, object] = {}
    real_xlsx, real_pdf = report_module.write_board_xlsx, report_module.write_board_pdf

    def xlsx_spy(report, target):
        seen["thread"] = threading.current_thread()
        return real_xlsx(report, target)

    def pdf_spy(report, target, *, in_child=False):
        seen["in_child"] = in_child
        return real_pdf(report, target, in_child=in_child)

    monkeypatch.setattr(report_module, "write_board_xlsx", xlsx_spy)
    monkeypatch.setattr(report_module, "write_board_pdf", pdf_spy)
    folder = tmp_path / "board"
    folder.mkdir()
    monkeypatch.setattr(action_dialogs, "ask_report_folder", lambda parent, start: folder)
    window = make_window()
    statuses: list[str] = []
    window.state.status.connect(statuses.append)
    with qtbot.waitSignal(window.action_plan.reported, timeout=120_000) as blocker:
        window.findChild(QAction, "action_board_report").trigger()
        assert window.action_plan.reporting
    xlsx, pdf = folder / "board-report.xlsx", folder / "board-report.pdf"
    assert blocker.args == [(xlsx, pdf)]
    assert seen == {"thread": seen["thread"], "in_child": True}
    assert seen["thread"] is not threading.main_thread()
    assert pdf.read_bytes().startswith(b"%PDF") and xlsx.stat().st_size > 0
    assert statuses[-1] == f"Wrote the board report to {xlsx} and {pdf}"
    assert not window.action_plan.reporting


def test_a_board_report_that_cannot_be_written_is_shown(
    make_window, qtbot, tmp_path: Path, monkeypatch
) -> None:
    from shiny_review.ui.dialogs import action as action_dialogs

    missing = tmp_path / "gone"
    monkeypatch.setattr(action_dialogs, "ask_report_folder", lambda parent, start: missing)
    window = make_window()
    errors: list[str] = []
    window.state.error.connect(errors.append)
    with qtbot.waitSignal(window.action_plan.reported, timeout=120_000) as blocker:
        window.findChild(QAction, "action_board_report").trigger()
    assert blocker.args == [None]
    assert len(errors) == 1 and errors[0].startswith("could not write the board report")


def test_the_hidden_dock_is_built_by_its_shortcut_with_its_rows(make_window, qtbot, service):
    """The window starts without the Action plan's panel and controller (issue 16); its
    shortcut builds them at once, with the plan's rows, and puts them in the Tab order."""
    doc = service.documents.add_ingested(make_ingested()).value.document
    rec = service.recommendations.all(doc.id)[0]
    service.action_plan.add_action(rec.id, text="Audit", owner="Zoë", due_date=dt.date(2027, 1, 8))
    window = make_window()
    dock = window.action_plan_dock
    assert dock.controller is None and dock.panel is None and dock.widget() is None
    assert not window.actions["view_action_plan"].isChecked()
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    qtbot.keyClick(window.view, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(dock.isVisible)
    panel = dock.panel
    assert panel is not None and dock.widget() is panel and window.action_plan_panel is panel
    assert window.actions["view_action_plan"].isChecked()
    model = panel.model
    qtbot.waitUntil(lambda: model.index(0, 0, model.index(0, 0)).data() == "Audit")
    assert panel.tree in window.tab_chain()
    assert window.focusWidget() is panel.tree  # View > Action plan goes to it


def test_the_docks_own_toggle_builds_it(make_window, qtbot, service) -> None:
    window = make_window()
    dock = window.action_plan_dock
    dock.toggleViewAction().trigger()  # the window's menu of docks
    qtbot.waitUntil(dock.isVisible)
    assert dock.panel is not None and dock.widget() is dock.panel
    assert window.actions["view_action_plan"].isChecked()
    assert dock.controller is window.action_plan


def test_file_board_report_builds_the_controller_first(make_window, monkeypatch) -> None:
    from shiny_review.ui.dialogs import action as action_dialogs

    asked: list[object] = []
    monkeypatch.setattr(action_dialogs, "ask_report_folder", lambda *a: asked.append(a))
    window = make_window()
    dock = window.action_plan_dock
    assert dock.controller is None
    window.findChild(QAction, "action_board_report").trigger()  # cancelled: no folder
    assert dock.controller is not None and len(asked) == 1 and dock.isHidden()
