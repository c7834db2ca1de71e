"""Tells the person when a backup made in the background fails (issue 16).

The window's open backup runs on the backup thread, off the open path, and its check of the
copy is where a damaged workspace is found: ``service.backups.watch(BackupAlarm(window))``
brings the message to the GUI thread (a queued signal) and shows it in the status bar and in
a dialog that does not block the window, with a button to the Backups dialog (the restore).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

TITLE = "Shiny Review: backup failed"


class BackupAlarm(QObject):
    """Callable from any thread; shows the message on the thread this object lives in."""

    _failed = Signal(str)

    def __init__(self, window: QWidget, show_backups: Callable[[], object] | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._show_backups = show_backups
        self.box: QMessageBox | None = None
        self._failed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def __call__(self, message: str) -> None:
        self._failed.emit(message)

    def _show(self, message: str) -> None:
        if isinstance(self._window, QMainWindow):
            self._window.statusBar().showMessage(message)
        box = QMessageBox(self._window)
        box.setObjectName("backupFailedBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(TITLE)
        box.setText(message)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        if self._show_backups is not None:  # where the earlier backups are, one click away
            backups = box.addButton("&Backups…", QMessageBox.ButtonRole.ActionRole)
            backups.setObjectName("showBackups")
            backups.clicked.connect(self._show_backups)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.box = box
        box.show()
