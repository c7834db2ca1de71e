"""Preferences: the author name recorded on every change (File > Preferences).

Built with the window state, the window's settings and a parent widget for the dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from shiny_review.domain.errors import ShinyReviewError

if TYPE_CHECKING:
    from shiny_review.ui.settings import WindowSettings
    from shiny_review.ui.window_state import WindowState


class PreferencesController(QObject):
    def __init__(self, state: WindowState, settings: WindowSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = state
        self.settings = settings
        self.parent_widget = parent

    def action_handlers(self) -> dict[str, Callable[[], object]]:
        return {"preferences": self.edit_preferences}

    def edit_preferences(self) -> None:
        from shiny_review.ui.dialogs.preferences import PreferencesDialog

        name = PreferencesDialog.ask(self.parent_widget, self.state.service.author)
        if name is not None:
            self.set_author(name)

    def set_author(self, name: str) -> None:
        state = self.state
        try:
            state.service.author = name
        except ShinyReviewError as exc:
            state.show_error(str(exc))
            return
        self.settings.set_author(state.service.author)
        state.show_status(f"Changes will be recorded as {state.service.author}.")
