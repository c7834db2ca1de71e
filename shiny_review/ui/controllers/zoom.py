"""Text size: View > Larger text (Ctrl+plus), Smaller text (Ctrl+minus), Normal text size
(Ctrl+0) for the document view, remembered per user in the window's settings.

Built with the window's settings and the document view; never the main window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from shiny_review.ui.document_view import DocumentView
    from shiny_review.ui.settings import WindowSettings

STEP = 1.0  # points per Ctrl+plus or Ctrl+minus


class ZoomController(QObject):
    def __init__(self, settings: WindowSettings, view: DocumentView) -> None:
        super().__init__(view)
        self.settings = settings
        self.view = view
        remembered = settings.text_size()
        if remembered is not None:
            view.set_text_size(remembered)

    def action_handlers(self) -> dict[str, Callable[[], object]]:
        return {"zoom_in": self.zoom_in, "zoom_out": self.zoom_out, "zoom_reset": self.reset}

    def zoom_in(self) -> None:
        self._set(self.view.text_size() + STEP)

    def zoom_out(self) -> None:
        self._set(self.view.text_size() - STEP)

    def reset(self) -> None:
        self.view.set_text_size(self.view.default_text_size)
        self.settings.set_text_size(None)

    def _set(self, points: float) -> None:
        self.settings.set_text_size(self.view.set_text_size(points))
