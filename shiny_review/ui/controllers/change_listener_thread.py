"""The change listener's worker thread (issue 17): a server's notifications, as a Qt signal.

``ListenerThread`` runs the service feed's ``listener()`` (a blocking wait on its own server
connection) off the GUI thread and emits ``notified`` for each other session's commit; the
signal reaches the window's slots queued, on the GUI thread. ``shut_down`` asks the listener
to stop and waits for the thread to end (at most a fraction of a second).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QThread, Signal


class ChangeListener(Protocol):  # storage/change_listener.py's, from service.feed.listener()
    def run(self, wake: Callable[[], None]) -> None: ...
    def stop(self) -> None: ...


class ListenerThread(QThread):
    notified = Signal()

    def __init__(self, listener: ChangeListener, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.listener = listener
        self.setObjectName("change-listener")

    def run(self) -> None:
        self.listener.run(self.notified.emit)

    def shut_down(self) -> None:
        self.listener.stop()
        self.wait()
