"""The Action plan view's controller: fills the panel from the service's plain rows, turns each
edit into one undoable command on the window's undo stack (so it is in Edit > Undo and the
history with its author), and writes the board report.

``install(window)`` builds the panel in a dock beside the evidence and adds the menu item;
the window calls it once from ``build_panels`` (one marked line there).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget

from shiny_review.domain.action_plan import ActionStatus
from shiny_review.domain.errors import ShinyReviewError
from shiny_review.services.action_plan import (
    ActionChanges,
    ActionPlanService,
    PlanFilter,
    recommendation_label,
)
from shiny_review.services.changes import Changed
from shiny_review.ui.commands_action_plan import AddAction, AddUpdate, DeleteAction, EditAction
from shiny_review.ui.models.action_plan import ACTION_ID_ROLE, RECOMMENDATION_ID_ROLE
from shiny_review.ui.panels.action_plan import ActionPlanPanel

if TYPE_CHECKING:
    from shiny_review.ui.main_window import MainWindow

REPORT_XLSX = "board-report.xlsx"
REPORT_PDF = "board-report.pdf"


class ActionPlanController(QObject):
    def __init__(self, window: MainWindow, panel: ActionPlanPanel) -> None:
        super().__init__(window)
        self.window = window
        self.panel = panel
        self.filter = PlanFilter()
        p = panel
        p.add_action_button.clicked.connect(lambda: self.add_action_interactively())
        p.edit_action_button.clicked.connect(lambda: self.edit_action_interactively())
        p.delete_action_button.clicked.connect(lambda: self.delete_selected_action())
        p.add_update_button.clicked.connect(lambda: self.add_update_interactively())
        p.report_button.clicked.connect(lambda: self.report_interactively())
        p.owner_filter.currentIndexChanged.connect(lambda _i: self._filters_changed())
        p.status_filter.currentIndexChanged.connect(lambda _i: self._filters_changed())
        p.overdue_filter.toggled.connect(lambda _on: self._filters_changed())
        window.undo_stack.indexChanged.connect(lambda _i: self.refresh())
        window.importFinished.connect(lambda _docs: self.refresh())
        documents = window.documents_panel.model
        documents.modelReset.connect(self.refresh)
        documents.rowsInserted.connect(lambda *_a: self.refresh())

    @property
    def plan(self) -> ActionPlanService:
        return self.window.service.action_plan

    # -- showing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the rows (after any edit, undo or import); keeps the selected action."""
        if not self.window.attached:
            return
        selected = self.selected_action_id()
        self.panel.set_owners(self.plan.owners())
        self.panel.model.set_lines(self.plan.plan_lines(self.filter))
        self.panel.tree.expandAll()
        if selected is not None:
            index = self.panel.model.index_of_action(selected)
            if index.isValid():
                self.panel.tree.setCurrentIndex(index)

    def refresh_deadlines(self) -> None:
        if not self.window.attached:
            return
        parts = []
        for d in self.plan.deadlines():
            if d.due is None:
                continue
            left = d.working_days_left or 0
            when = f"{-left} working days overdue" if left < 0 else f"{left} working days left"
            parts.append(f"{d.title}: due {d.due:%d %b %Y} ({when})")
        self.panel.deadlines.setText("\n".join(parts) or "No statutory deadline.")

    def _filters_changed(self) -> None:
        p = self.panel
        status = p.status_filter.currentData()
        self.filter = PlanFilter(
            owner=p.owner_filter.currentData(),
            status=ActionStatus(status) if status else None,
            overdue_only=p.overdue_filter.isChecked(),
        )
        self.refresh()

    def selected_action_id(self) -> int | None:
        index = self.panel.tree.currentIndex()
        value = index.data(ACTION_ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def selected_recommendation_id(self) -> int | None:
        index = self.panel.tree.currentIndex()
        if index.isValid():
            return int(index.data(RECOMMENDATION_ID_ROLE))
        return self.window.selected_recommendation

    # -- edits: one command each ------------------------------------------------------------

    def _push(self, command: Any) -> None:
        self.window.undo_stack.push(command)

    def _report(self, changed: Changed) -> None:
        self.window.apply(changed)

    def _fail(self, error: ShinyReviewError) -> None:
        self.window.refused(error)

    def add_action(self, recommendation_id: int, values: ActionChanges) -> None:
        self._push(AddAction(self.plan, self._report, self._fail, recommendation_id, values))

    def edit_action(self, action_id: int, values: ActionChanges) -> None:
        old = self.plan.action(action_id)
        self._push(EditAction(self.plan, self._report, self._fail, old, values))

    def delete_action(self, action_id: int) -> None:
        self._push(DeleteAction(self.plan, self._report, self._fail, action_id))

    def add_update(self, recommendation_id: int, text: str, evidence: tuple[int, ...] = ()) -> None:
        self._push(
            AddUpdate(self.plan, self._report, self._fail, recommendation_id, text, evidence)
        )

    # -- the same, asking with a dialog -----------------------------------------------------

    def add_action_interactively(self) -> None:
        from shiny_review.ui.dialogs.action import ActionDialog

        rec_id = self.selected_recommendation_id()
        if rec_id is None:
            self.window.show_status("Select a recommendation first.")
            return
        label = recommendation_label(self.window.service.recommendations.get(rec_id))
        values = ActionDialog.ask(self.window, f"Add action to recommendation {label}")
        if values is not None:
            self.add_action(rec_id, values)

    def edit_action_interactively(self) -> None:
        from shiny_review.ui.dialogs.action import ActionDialog

        action_id = self.selected_action_id()
        if action_id is None:
            self.window.show_status("Select an action first.")
            return
        values = ActionDialog.ask(self.window, "Edit action", self.plan.action(action_id))
        if values is not None:
            self.edit_action(action_id, values)

    def delete_selected_action(self) -> None:
        action_id = self.selected_action_id()
        if action_id is None:
            self.window.show_status("Select an action first.")
            return
        self.delete_action(action_id)

    def add_update_interactively(self) -> None:
        from shiny_review.ui.dialogs.action import UpdateDialog

        rec_id = self.selected_recommendation_id()
        if rec_id is None:
            self.window.show_status("Select a recommendation first.")
            return
        evidence = [
            (item.annotation.id, item.annotation.anchor.exact[:120])
            for item in self.window.service.evidence.of(rec_id)
        ]
        values = UpdateDialog.ask(self.window, evidence)
        if values is not None:
            self.add_update(rec_id, *values)

    # -- the board report --------------------------------------------------------------------

    def write_report(self, folder: Path) -> tuple[Path, Path] | None:
        from shiny_review.services.export.board_report import write_board_pdf, write_board_xlsx

        xlsx, pdf = folder / REPORT_XLSX, folder / REPORT_PDF
        try:
            report = self.plan.board_report()
            write_board_xlsx(report, xlsx)
            write_board_pdf(report, pdf)
        except ShinyReviewError as exc:
            self.window.show_error(str(exc))
            return None
        except OSError as exc:
            self.window.show_error(f"could not write the board report: {exc.strerror or exc}")
            return None
        self.window.show_status(f"Wrote the board report to {xlsx} and {pdf}")
        return xlsx, pdf

    def report_interactively(self) -> None:
        from shiny_review.ui.dialogs.action import ask_report_folder

        folder = ask_report_folder(self.window, self.window.settings.export_folder())
        if folder is not None:
            self.write_report(folder)


def install(window: MainWindow) -> ActionPlanController:
    """The Action plan dock (beside the evidence, on the right) and File > Board report…."""
    panel = ActionPlanPanel()
    dock = QDockWidget("Action plan", window)
    dock.setObjectName("actionPlanDock")
    dock.setWidget(panel)
    dock.setAllowedAreas(
        Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.BottomDockWidgetArea
    )
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resizeDocks([dock], [640], Qt.Orientation.Horizontal)
    controller = ActionPlanController(window, panel)
    controller.dock = dock  # type: ignore[attr-defined]
    report = QAction("&Board report (XLSX and PDF)…", window)
    report.setObjectName("boardReportAction")
    report.setToolTip("Write the improvement-board report: an XLSX workbook and a PDF")
    report.triggered.connect(controller.report_interactively)
    file_menu = window.menuBar().actions()[0].menu()
    entries = file_menu.actions()
    export = window.actions.get("export")
    after = entries.index(export) + 1 if export in entries else len(entries)
    file_menu.insertAction(entries[after] if after < len(entries) else None, report)
    toggle = dock.toggleViewAction()
    toggle.setText("&Action plan")
    toggle.setToolTip("Show or hide the Action plan view")
    view_menus = [a.menu() for a in window.menuBar().actions() if a.text() == "&View"]
    if view_menus:
        view_menus[0].addAction(toggle)
    controller.report_action = report  # type: ignore[attr-defined]
    dock.visibilityChanged.connect(lambda shown: shown and controller.refresh_deadlines())
    dock.hide()  # shown from View > Action plan (outside the panels' Tab chain until then)
    return controller
