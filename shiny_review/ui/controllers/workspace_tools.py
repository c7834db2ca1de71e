"""The bin, the history of changes and backups, in the window (issue 11).

File > Bin… lists deleted highlights; restoring one is an undoable command (undo deletes it
again). File > History of changes… shows every change, read-only, with a filter and an
export of what is shown. File > Backups… lists the workspace's backups, makes one now, and
restores one after asking: the workspace is closed, replaced by the backup (the replaced file
is kept, see ``services.backups.restore_workspace``) and opened again in the same window,
whose undo history starts afresh (``WindowState.replace_service``).

The dialogs are non-modal and kept (``bin_dialog``...), so tests drive them directly; the
confirmation is ``confirm_restore``, a function tests replace.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from shiny_review.services.review import ReviewService
    from shiny_review.ui.dialogs.workspace_tools import BackupsDialog, BinDialog, HistoryDialog
    from shiny_review.ui.settings import WindowSettings
    from shiny_review.ui.window_state import WindowState


def confirm_restore(parent: QWidget, backup: Path) -> bool:
    """Ask before replacing the workspace with ``backup``."""
    answer = QMessageBox.question(
        parent,
        "Restore backup",
        f"Replace the workspace with the backup {backup.name}?\n\nChanges made since that "
        "backup are set aside (the current workspace is kept beside it) and the undo history "
        "is cleared.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_export_path(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, "Export history", str(Path.home() / "history.csv"), "CSV (*.csv)"
    )
    return Path(name) if name else None


class WorkspaceToolsController(QObject):
    """Slots of the actions ``bin``, ``history`` and ``backups``."""

    workspaceReplaced = Signal()

    def __init__(
        self,
        state: WindowState,
        parent: QWidget,
        reopened: Callable[[], object] | None,
        settings: WindowSettings,
    ) -> None:
        super().__init__(parent)
        from shiny_review.ui.controllers.document_bin import DocumentBinController
        from shiny_review.ui.controllers.workspaces import WorkspacesController

        self.workspaces = WorkspacesController(state, parent, settings)
        self.document_bin = DocumentBinController(state, parent)  # remove a document
        self.workspaces.switched.connect(self.workspaceReplaced)
        open_action = parent.findChild(QAction, "action_open_workspace")
        if open_action is not None:
            self.workspaces.add_recent_menu(open_action)
        if reopened is not None:  # what the window does with a replaced workspace
            self.workspaceReplaced.connect(reopened)
        self.state = state
        self.parent_widget = parent
        self.bin_dialog: BinDialog | None = None
        self.history_dialog: HistoryDialog | None = None
        self.backups_dialog: BackupsDialog | None = None
        self.confirm: Callable[[QWidget, Path], bool] = confirm_restore
        self.ask_path: Callable[[QWidget], Path | None] = ask_export_path
        self._owned: ReviewService | None = None  # a workspace this controller opened
        state.changed.connect(lambda _c: self.refresh())
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shut_down)

    def action_handlers(self) -> dict[str, Callable[[], object]]:
        return {
            "bin": self.show_bin,
            "history": self.show_history,
            "backups": self.show_backups,
            **self.workspaces.action_handlers(),
            **self.document_bin.action_handlers(),
        }

    # -- the bin --------------------------------------------------------------------------

    def show_bin(self) -> BinDialog:
        from shiny_review.ui.dialogs.workspace_tools import BinDialog

        if self.bin_dialog is None:
            self.bin_dialog = BinDialog(self.parent_widget)
            self.bin_dialog.restoreRequested.connect(self.restore_annotation)
            self.document_bin.add_to(self.bin_dialog)
        self._fill_bin()
        self.bin_dialog.show()
        return self.bin_dialog

    def _fill_bin(self) -> None:
        if self.bin_dialog is None:
            return
        service = self.state.service
        titles = {d.id: d.title for d in service.documents.all()}
        deleted = service.annotations.deleted()
        self.bin_dialog.set_rows([(titles.get(a.document_id, "?"), a) for a in deleted])
        self.document_bin.fill()

    def restore_annotation(self, annotation_id: int) -> None:
        """Take a highlight out of the bin: one undoable step."""
        from functools import partial

        from shiny_review.ui.commands import ServiceCommand

        s, annotations = self.state, self.state.service.annotations
        s.push(
            ServiceCommand(
                "Restore highlight from the bin",
                s.apply,
                s.refused,
                partial(annotations.restore, annotation_id),
                partial(annotations.delete, annotation_id),
            )
        )

    # -- the history ----------------------------------------------------------------------

    def show_history(self) -> HistoryDialog:
        from shiny_review.ui.dialogs.workspace_tools import HistoryDialog

        if self.history_dialog is None:
            self.history_dialog = HistoryDialog(self.parent_widget)
            self.history_dialog.exportRequested.connect(self.export_history)
        self.history_dialog.set_rows(list(reversed(self.state.service.history.entries())))
        self.history_dialog.show()
        return self.history_dialog

    def export_history(self) -> None:
        dialog = self.history_dialog
        if dialog is None:
            return
        path = self.ask_path(dialog)
        if path is None:
            return
        if self._is_workspace_file(path):
            self.state.show_error(
                f"Not exported: {path.name} is the workspace or one of its files; "
                "choose another name."
            )
            return
        written = dialog.export_to(path)
        self.state.show_status(f"Exported {written} changes to {path}.")

    def _is_workspace_file(self, path: Path) -> bool:
        """The workspace, its WAL, shared memory or lock, or a backup: never export onto."""
        workspace = self.state.service.workspace_path.resolve()
        target = path.resolve()
        siblings = {workspace.with_name(workspace.name + s) for s in ("", "-wal", "-shm", ".lock")}
        backups = {b.path.resolve() for b in self.state.service.backups.all()}
        return target in siblings or target in backups

    # -- backups --------------------------------------------------------------------------

    def show_backups(self) -> BackupsDialog:
        from shiny_review.ui.dialogs.workspace_tools import BackupsDialog

        if self.backups_dialog is None:
            self.backups_dialog = BackupsDialog(self.parent_widget)
            self.backups_dialog.backupRequested.connect(self.back_up_now)
            self.backups_dialog.restoreRequested.connect(lambda p: self.restore_backup(Path(p)))
        self._fill_backups()
        self.backups_dialog.show()
        return self.backups_dialog

    def _fill_backups(self) -> None:
        if self.backups_dialog is not None:
            backups = sorted(self.state.service.backups.all(), key=lambda b: b.made_at)
            self.backups_dialog.set_rows(list(reversed(backups)))

    def back_up_now(self) -> Path:
        self.state.aboutToChange.emit()  # a note being typed goes into the backup
        path = self.state.service.backups.now("manual")
        self._fill_backups()
        self.state.show_status(f"Backed up to {path.name}.")
        return path

    def restore_backup(self, backup: Path) -> bool:
        """After asking, replace the workspace with ``backup`` and show it; True if done."""
        from shiny_review.domain.errors import ShinyReviewError
        from shiny_review.services.backups import restore_workspace
        from shiny_review.services.session import close_service, ingest_in_child, open_service

        if not self.confirm(self.parent_widget, backup):
            return False
        state = self.state
        state.aboutToChange.emit()
        old = state.service
        path, author = old.workspace_path, old.author
        close_service(old)
        try:
            saved = restore_workspace(path, backup)
        except ShinyReviewError as exc:
            state.show_error(f"Not restored: {exc}")
            saved = None
        service = open_service(
            path, author, ingester=ingest_in_child, backup_timer=True, purpose="window"
        )
        from shiny_review.ui.backup_alarm import BackupAlarm

        service.backups.watch(BackupAlarm(self.parent_widget))
        self._owned = service
        state.replace_service(service)
        self._fill_backups()
        self._fill_bin()
        self.workspaceReplaced.emit()
        if saved is not None:
            state.show_status(f"Restored {backup.name}; the replaced workspace is {saved.name}.")
        return saved is not None

    def refresh(self) -> None:
        """After a change: what the open dialogs show."""
        if self.bin_dialog is not None and self.bin_dialog.isVisible():
            self._fill_bin()
        if self.history_dialog is not None and self.history_dialog.isVisible():
            self.history_dialog.set_rows(list(reversed(self.state.service.history.entries())))

    def shut_down(self) -> None:
        self.workspaces.shut_down()
        if self._owned is not None:
            from shiny_review.services.session import close_service

            close_service(self._owned)
            self._owned = None
