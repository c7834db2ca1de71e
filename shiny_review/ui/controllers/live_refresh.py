"""Live refresh (issue 17): other officers' changes appear in an open window within seconds.

Every ``INTERVAL_MS`` the controller asks the service's change feed what changed since it last
looked (one cheap indexed read of the history's newest rows) and, when something did, hands
it to ``WindowState.apply`` as it would its own operation's changes: the panels reload only
those rows. The reader keeps their place: the document view's scroll position is put back,
the selected highlight and recommendation stay selected (a highlight deleted by someone else
is unselected, as after one's own delete), and a note still being typed is never replaced
(the refresh waits until it is saved).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractScrollArea

    from shiny_review.ui.window_state import WindowState

INTERVAL_MS = 2000


class LiveRefreshController(QObject):
    def __init__(
        self,
        state: WindowState,
        view: QAbstractScrollArea,
        busy: Callable[[], bool] = lambda: False,
        interval_ms: int = INTERVAL_MS,
    ) -> None:
        super().__init__(view)
        self.state, self.view, self._busy = state, view, busy
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        state.serviceChanged.connect(self.poll)  # takes the new workspace's starting point
        self.timer.start()

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
