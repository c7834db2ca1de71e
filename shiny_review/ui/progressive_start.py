"""The window's start in stages, the remembered document first (issue 16).

The window paints its frame, then ``ProgressiveStart.begin`` (just after that first paint)
shows the document the person had open last in this workspace file: read with the driver
alone (``services.first_document``), in the document panel at its place, with its highlights,
and the keyboard focus. The person reads it and moves in it from then on. The rest follows,
one stage a turn of the event loop (so the window stays responsive between them): open the
workspace (the review service), build the other panels, controllers and wiring, attach the
workspace and open the document in the window's state (the view, already showing it, is left
as the person has it: ``DocumentPanel.preload``).

Input that needs the rest of the window (a key, a click) before the stages are done finishes
them first, at once, and then goes where it was going: a shortcut pressed while the panels
were still to be built is not lost. Closing the window stops the stages. Without a
remembered document (or with a team workspace, files to import, the demo, or a file the
first read cannot use) the first stage shows nothing, and the stages run all the same.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from shiny_review.ui import window_panels

if TYPE_CHECKING:
    from shiny_review.ui.main_window import MainWindow

# Input that may need what the later stages build: finish them before it is handled.
_WAITS_FOR_THE_WINDOW = frozenset(
    {
        QEvent.Type.ShortcutOverride,
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.DragEnter,
        QEvent.Type.Drop,
    }
)

# The longest the stages wait for the first document's paint (a minimised window's never comes).
PAINT_WAIT_MS = 100

# A stage returns False when the start cannot go on (the workspace did not open).
Stage = Callable[[], object]


class ProgressiveStart(QObject):
    """Builds a window shown without its panels (``MainWindow(None, ...)``) in stages.

    ``workspace`` is the workspace file to show the remembered document of (None: no first
    document), ``stages`` what follows, in order. ``finished`` is emitted once the stages are
    all done, or stopped (the window closed, a stage returned False)."""

    finished = Signal()

    def __init__(self, window: MainWindow, workspace: Path | None, stages: list[Stage]) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = workspace
        self._stages = list(stages)
        self._begun = False
        self._running = False
        self._painting: QObject | None = None  # the text's viewport, until it is painted
        self.done = False

    def begin(self) -> None:
        """The first stage (once): the remembered document, shown and taking keys. The next
        stages follow in the next turns of the event loop, once the document is on screen:
        its paint comes before them (Qt paints at a low priority, after other events)."""
        if self._begun:
            return
        self._begun = True
        shown = self.show_first_document()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        if shown:
            self._painting = self.window.document_panel.view.viewport()
            QTimer.singleShot(PAINT_WAIT_MS, self, self._painted)
        else:
            QTimer.singleShot(0, self, self._next)

    def _painted(self) -> None:
        if self._painting is not None:
            self._painting = None
            QTimer.singleShot(0, self, self._next)

    def show_first_document(self) -> bool:
        """Show the remembered document of the workspace file, if the first read gives it;
        whether it did."""
        if self.workspace is None:
            return False
        from shiny_review.services.first_document import first_document

        window = self.window
        document_id = window.settings.last_document(self.workspace)
        first = first_document(self.workspace, document_id) if document_id is not None else None
        if first is None:
            return False
        panel = window_panels.build_document_panel(window)
        panel.preload(first)
        panel.view.setFocus()
        return True

    def _next(self) -> None:
        if self.done or self._running:
            return
        self._step()
        if not self.done:
            QTimer.singleShot(0, self, self._next)

    def finish_now(self) -> None:
        """Run every stage left, now (input is waiting for them)."""
        self._painting = None
        while not (self.done or self._running):
            self._step()

    def _step(self) -> None:
        """Run the next stage; stop after the last one, or when one cannot go on."""
        if not self._stages:
            self._stop()
            return
        stage = self._stages.pop(0)
        self._running = True
        try:
            go_on = stage() is not False
        except BaseException:
            self._stop()
            raise
        finally:
            self._running = False
        if not (go_on and self._stages):
            self._stop()

    def _stop(self) -> None:
        if self.done:
            return
        self.done = True
        self._stages = []
        self._painting = None
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.finished.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Paint and watched is self._painting:
            self._painted()  # the next stage is queued behind this frame
        elif kind == QEvent.Type.Close and watched is self.window:
            self._stop()  # closed during the start: nothing more is built or opened
        elif kind in _WAITS_FOR_THE_WINDOW and not self._running and not self.done:
            self.finish_now()
        return False
