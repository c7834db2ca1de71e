"""The window's handler of last resort: a plain dialog for an error nobody expected.

``runtime.logging_setup.install_excepthooks(reporter)`` logs every uncaught exception and
calls ``reporter(message)`` from whichever thread failed. ``ErrorReporter`` hands the message
to the GUI thread through a queued signal, so a dialog is only ever built there, and keeps a
burst of errors to one dialog ("and 2 more errors") instead of a stack of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:  # made when a dialog is shown: its class costs ~2 ms of the start to make
    from PySide6.QtWidgets import QMessageBox

TITLE = "Shiny Review: something went wrong"


class ErrorReporter(QObject):
    """Callable from any thread; ``show`` runs on the thread this object lives in (the GUI)."""

    _reported = Signal(str)

    def __init__(
        self, parent: QObject | None = None, show: Callable[[str], None] | None = None
    ) -> None:
        super().__init__(parent)
        self._show = show or self._show_box
        self._box: QMessageBox | None = None
        self._more = 0
        self._reported.connect(self._on_gui_thread, Qt.ConnectionType.QueuedConnection)

    def __call__(self, message: str) -> None:
        self._reported.emit(message)

    def _on_gui_thread(self, message: str) -> None:
        self._show(message)

    @property
    def box(self) -> QMessageBox | None:
        """The error dialog on screen, if any."""
        return self._box

    def _show_box(self, message: str) -> None:
        if self._box is not None:  # already showing one: count the others, do not stack
            self._more += 1
            word = "error" if self._more == 1 else "errors"
            self._box.setInformativeText(f"…and {self._more} more {word} since (see the log).")
            return
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QApplication.activeWindow())
        box.setObjectName("unexpectedErrorBox")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(TITLE)
        box.setText(message)
        box.setAccessibleName("Unexpected error")
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._closed)
        self._box = box
        self._more = 0
        box.show()

    def _closed(self) -> None:
        self._box = None
