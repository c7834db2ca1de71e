"""The action plan: each edit of an action or a progress update becomes one undoable command
(in Edit > Undo and in the history with its author), the board report is written, and the
Action plan view is shown or hidden (File > Board report…, View > Action plan). The board
report is written off the GUI thread (``ReportWorker``); ``write_report`` writes it at once,
on the calling thread (scripts, tests).

Built with the window state, the Action plan panel (whose edit buttons it connects: they
act on the panel's selected row), the dock that holds the panel, the window's settings (the
last export folder) and a parent widget for its dialogs; never the main window. The panel
refreshes itself from the state after each operation (``ActionPlanPanel.bind``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow, QProgressDialog, QWidget

from shiny_review.domain.errors import ShinyReviewError

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoCommand

    from shiny_review.services.action_plan import ActionChanges, ActionPlanService
    from shiny_review.ui.panels.action_plan import ActionPlanPanel
    from shiny_review.ui.report_worker import ReportWorker
    from shiny_review.ui.settings import WindowSettings
    from shiny_review.ui.window_state import WindowState

REPORT_XLSX = "board-report.xlsx"
REPORT_PDF = "board-report.pdf"
DOCK_WIDTH = 640  # the first time it is shown: room for the tree's five columns


class ActionPlanController(QObject):
    reported = Signal(object)  # (xlsx, pdf) written, or None

    def __init__(
        self,
        state: WindowState,
        panel: ActionPlanPanel,
        dock: QDockWidget,
        settings: WindowSettings,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.panel = panel
        self.dock = dock
        self.settings = settings
        self.parent_widget = parent
        self._sized = False
        self._report_worker: ReportWorker | None = None
        self._report_progress: QProgressDialog | None = None
        self._report_result: tuple[Path, Path] | None = None
        panel.add_action_button.clicked.connect(lambda: self.add_action_interactively())
        panel.edit_action_button.clicked.connect(lambda: self.edit_action_interactively())
        panel.delete_action_button.clicked.connect(lambda: self.delete_selected_action())
        panel.add_update_button.clicked.connect(lambda: self.add_update_interactively())

    @property
    def plan(self) -> ActionPlanService:
        return self.state.service.action_plan

    def action_handlers(self) -> dict[str, Callable[[], object]]:
        return {"board_report": self.report_interactively, "view_action_plan": self.toggle_view}

    # -- the view -----------------------------------------------------------------------------

    def toggle_view(self) -> None:
        """Show the Action plan and move the focus to it; hide it if it is shown."""
        if not self.dock.isHidden():
            self.dock.hide()
            return
        self.dock.show()
        window = self.dock.parentWidget()
        if not self._sized and isinstance(window, QMainWindow):
            self._sized = True
            window.resizeDocks([self.dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        self.panel.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def selected_recommendation_id(self) -> int | None:
        """The recommendation of the panel's current row, else the window's selected one."""
        rec_id = self.panel.selected_recommendation_id()
        return rec_id if rec_id is not None else self.state.selected_recommendation

    # -- edits: one command each --------------------------------------------------------------

    def _push(self, make: Callable[[], QUndoCommand]) -> None:
        try:
            command = make()
        except ShinyReviewError as exc:  # e.g. the action is gone
            self.state.refused(exc)
            return
        self.state.push(command)

    def add_action(self, recommendation_id: int, values: ActionChanges) -> None:
        from shiny_review.ui.commands_action_plan import AddAction

        s = self.state
        self._push(
            lambda: AddAction(
                self.plan, s.apply, s.refused, recommendation_id, values, versions=s.versions
            )
        )

    def edit_action(self, action_id: int, values: ActionChanges) -> None:
        from shiny_review.ui.commands_action_plan import EditAction

        s = self.state
        self._push(
            lambda: EditAction(
                self.plan,
                s.apply,
                s.refused,
                self.plan.action(action_id),
                values,
                versions=s.versions,
            )
        )

    def delete_action(self, action_id: int) -> None:
        from shiny_review.ui.commands_action_plan import DeleteAction

        s = self.state
        self._push(
            lambda: DeleteAction(self.plan, s.apply, s.refused, action_id, versions=s.versions)
        )

    def add_update(self, recommendation_id: int, text: str, evidence: tuple[int, ...] = ()) -> None:
        from shiny_review.ui.commands_action_plan import AddUpdate

        s = self.state
        self._push(
            lambda: AddUpdate(self.plan, s.apply, s.refused, recommendation_id, text, evidence)
        )

    # -- the same, asking with a dialog -------------------------------------------------------

    def add_action_interactively(self) -> None:
        from shiny_review.services.recommendation_refs import recommendation_ref
        from shiny_review.ui.dialogs.action import ActionDialog

        rec_id = self.selected_recommendation_id()
        if rec_id is None:
            self.state.show_status("Select a recommendation first.")
            return
        label = recommendation_ref(self.state.service.recommendations.get(rec_id))
        values = ActionDialog.ask(self.parent_widget, f"Add action to recommendation {label}")
        if values is not None:
            self.add_action(rec_id, values)

    def edit_action_interactively(self) -> None:
        from shiny_review.ui.dialogs.action import ActionDialog

        action_id = self.panel.selected_action_id()
        if action_id is None:
            self.state.show_status("Select an action first.")
            return
        values = ActionDialog.ask(self.parent_widget, "Edit action", self.plan.action(action_id))
        if values is not None:
            self.edit_action(action_id, values)

    def delete_selected_action(self) -> None:
        action_id = self.panel.selected_action_id()
        if action_id is None:
            self.state.show_status("Select an action first.")
            return
        self.delete_action(action_id)

    def add_update_interactively(self) -> None:
        from shiny_review.ui.dialogs.action import UpdateDialog

        rec_id = self.selected_recommendation_id()
        if rec_id is None:
            self.state.show_status("Select a recommendation first.")
            return
        evidence = [
            (item.annotation.id, item.annotation.anchor.exact[:120])
            for item in self.state.service.evidence.of(rec_id)
        ]
        values = UpdateDialog.ask(self.parent_widget, evidence)
        if values is not None:
            self.add_update(rec_id, *values)

    # -- the board report ---------------------------------------------------------------------

    def write_report(self, folder: Path) -> tuple[Path, Path] | None:
        """Write board-report.xlsx and board-report.pdf in ``folder``; None if refused (the
        error is shown)."""
        from shiny_review.services.export.board_report import write_board_pdf, write_board_xlsx

        state = self.state
        xlsx, pdf = folder / REPORT_XLSX, folder / REPORT_PDF
        try:
            report = self.plan.board_report()
            write_board_xlsx(report, xlsx)
            write_board_pdf(report, pdf)
        except ShinyReviewError as exc:
            state.show_error(str(exc))
            return None
        except OSError as exc:
            state.show_error(f"could not write the board report: {exc.strerror or exc}")
            return None
        self.settings.set_export_folder(folder)
        state.show_status(f"Wrote the board report to {xlsx} and {pdf}")
        return xlsx, pdf

    def report_interactively(self) -> None:
        from shiny_review.ui.dialogs.action import ask_report_folder

        folder = ask_report_folder(self.parent_widget, self.settings.export_folder())
        if folder is not None:
            self.start_report(folder)

    @property
    def reporting(self) -> bool:
        return self._report_worker is not None

    def start_report(self, folder: Path) -> None:
        """Write the board report in the background; ``reported`` with the two files (or
        None, the error shown) when done."""
        from shiny_review.ui.report_worker import ReportWorker
        from shiny_review.ui.service_worker import busy_dialog

        if self._report_worker is not None:
            self.state.show_error("The board report is already being written; wait for it.")
            return
        service = self.state.service
        xlsx, pdf = folder / REPORT_XLSX, folder / REPORT_PDF
        worker = ReportWorker(
            service.workspace_target,
            None if service.on_server else service.author,
            xlsx,
            pdf,
            service.worker_password(),
        )
        progress = busy_dialog(
            self.parent_widget, "Writing the board report…", "Board report", "reportProgress"
        )
        self._report_worker, self._report_progress, self._report_result = worker, progress, None
        worker.written.connect(lambda files: self._reported(folder, files))
        worker.failed.connect(self.state.show_error)
        worker.finished.connect(self._report_finished)
        worker.start()

    def shut_down(self) -> None:
        """The window is closing: let a report being written finish its files."""
        if self._report_worker is not None:
            self._report_worker.wait()

    def _reported(self, folder: Path, files: tuple[Path, Path]) -> None:
        self.settings.set_export_folder(folder)
        self.state.show_status(f"Wrote the board report to {files[0]} and {files[1]}")
        self._report_result = files

    def _report_finished(self) -> None:
        worker, progress = self._report_worker, self._report_progress
        self._report_worker = self._report_progress = None
        if progress is not None:
            progress.close()
            progress.deleteLater()
        if worker is not None:
            worker.wait()
            worker.deleteLater()
        self.reported.emit(self._report_result)
