"""Live refresh (issue 17): other officers' changes appear in an open window within seconds.

The controller asks the service's change feed what changed since it last looked (one cheap
indexed read of the history's newest rows, plus any late commits) and, when something did,
hands it to ``WindowState.apply`` as it would its own operation's changes: the panels reload
only those rows. On a workspace file that happens every ``INTERVAL_MS``. On a PostgreSQL server
the server's notifications drive it: a listener thread (``change_listener_thread.py``) wakes
the poll on each other session's commit (bursts folded into one poll ``SOON_MS`` later), and
the timer is only a slow safety net (``SERVER_INTERVAL_MS``).

The reader keeps their place: the document view's scroll position is put back, the selected
highlight and recommendation stay selected (a highlight deleted by someone else is unselected,
as after one's own delete), and a note still being typed is never replaced (the refresh waits
until it is saved).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from shiny_review.ui.controllers.change_listener_thread import ListenerThread

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractScrollArea

    from shiny_review.ui.window_state import WindowState

INTERVAL_MS = 2000  # a workspace file: polled
SERVER_INTERVAL_MS = 30_000  # a server: notified; the timer only catches what slipped by
SOON_MS = 100  # a notification's poll (a burst of commits makes one)
BUSY_RETRY_MS = 1000  # a notification while a note is being typed: looked at again then


class LiveRefreshController(QObject):
    def __init__(
        self,
        state: WindowState,
        view: QAbstractScrollArea,
        busy: Callable[[], bool] = lambda: False,
        interval_ms: int | None = None,
    ) -> None:
        super().__init__(view)
        self.state, self.view, self._busy = state, view, busy
        self._interval = interval_ms
        self.listener: ListenerThread | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms or INTERVAL_MS)
        self.timer.timeout.connect(self.poll)
        self.soon = QTimer(self)
        self.soon.setSingleShot(True)
        self.soon.timeout.connect(self._poll_soon)
        state.serviceChanged.connect(self._attached)
        self.timer.start()

    def _attached(self) -> None:
        """A workspace was attached: its starting point, and its listener if it has one."""
        self.shut_down()
        self.poll()
        listener = self.state.service.feed.listener()
        if listener is not None:
            self.listener = ListenerThread(listener, self)
            self.listener.notified.connect(self._notified)
            self.listener.start()
        server = listener is not None
        self.timer.setInterval(self._interval or (SERVER_INTERVAL_MS if server else INTERVAL_MS))
        self.timer.start()

    def _notified(self) -> None:
        if not self.soon.isActive():
            self.soon.start(SOON_MS)

    def _poll_soon(self) -> None:
        if self._busy():
            self.soon.start(BUSY_RETRY_MS)
        else:
            self.poll()

    def shut_down(self) -> None:
        """Stop polling and the listener thread (the window closes, or another workspace
        comes: ``_attached`` starts them again)."""
        self.timer.stop()
        self.soon.stop()
        if self.listener is not None:
            self.listener.shut_down()
            self.listener.notified.disconnect(self._notified)
            self.listener.deleteLater()
            self.listener = None

    def poll(self) -> bool:
        """Refresh from what changed since the last look; True when something did."""
        from shiny_review.domain.errors import ShinyReviewError

        state = self.state
        if not state.attached or self._busy():
            return False
        try:
            changed = state.service.feed.poll()
        except ShinyReviewError:
            return False  # the workspace is away for a moment (a server restart): next time
        if changed.empty:
            return False
        bar = self.view.verticalScrollBar()
        place = bar.value()
        state.apply(changed, quiet=True)
        bar.setValue(place)
        return True
