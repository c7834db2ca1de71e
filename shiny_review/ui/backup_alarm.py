"""Tells the person when a backup made in the background fails (issue 16).

The window's open backup runs on the backup thread, off the open path, and its check of the
copy is where a damaged workspace is found: ``service.backups.watch(BackupAlarm(window))``
brings the message to the GUI thread (a queued signal) and shows it in the status bar and in
a dialog that does not block the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

TITLE = "Shiny Review: backup failed"


class BackupAlarm(QObject):
    """Callable from any thread; shows the message on the thread this object lives in."""

    _failed = Signal(str)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
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
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.box = box
        box.show()
