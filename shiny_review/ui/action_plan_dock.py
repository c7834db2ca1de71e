"""The Action plan's dock, whose panel and controller are built the first time they are needed.

The dock is hidden at most starts (View > Action plan shows it), so the window's start does not
wait for the panel, its model, the controller and the modules they import (issue 16).
``ActionPlanDock`` makes the empty dock at once, where the window's saved state puts it, and
builds the panel and the controller (``build``) when the dock is shown (restored shown, View >
Action plan, the window's dock menu), when one of the controller's actions is triggered
(``action_handlers``: File > Board report…, View > Action plan) or when asked for
(``MainWindow.action_plan``). Built after the window, the panel binds itself to the window
state and ``built`` is called (the window puts the panel's controls in its Tab order).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

if TYPE_CHECKING:
    from shiny_review.ui.controllers.action_plan import ActionPlanController
    from shiny_review.ui.panels.action_plan import ActionPlanPanel
    from shiny_review.ui.settings import WindowSettings
    from shiny_review.ui.window_state import WindowState


def add_dock(window: QMainWindow, panel: QWidget, view: QAction) -> QDockWidget:
    """Put ``panel`` in a dock on the right of ``window`` (beside the evidence), hidden unless
    the window's saved state showed it; ``view`` (View > Action plan) is checked while the
    dock is shown."""
    dock = QDockWidget("Action plan", window)
    dock.setWidget(panel)
    _place(dock, window, view)
    return dock


def _place(dock: QDockWidget, window: QMainWindow, view: QAction) -> None:
    dock.setObjectName("actionPlanDock")
    dock.setAllowedAreas(
        Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.BottomDockWidgetArea
    )
    if not window.restoreDockWidget(dock):  # as the window's saved state left it, else hidden
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()
    dock.toggleViewAction().toggled.connect(view.setChecked)
    view.setChecked(not dock.isHidden())


class ActionPlanDock(QDockWidget):
    """The dock, with its panel and controller once built (``panel``, ``controller``, else
    None)."""

    def __init__(
        self,
        window: QMainWindow,
        state: WindowState,
        settings: WindowSettings,
        actions: Mapping[str, QAction],
        built: Callable[[], object],
    ) -> None:
        super().__init__("Action plan", window)
        self._window = window
        self._state = state
        self._settings = settings
        self._actions = actions
        self._built = built
        self._later = False  # built with the window: the window binds it and orders Tab
        self.panel: ActionPlanPanel | None = None
        self.controller: ActionPlanController | None = None
        _place(self, window, actions["view_action_plan"])
        self.visibilityChanged.connect(self._visibility_changed)
        if not self.isHidden():  # the window's saved state showed it
            self.build()
        self._later = True

    def _visibility_changed(self, visible: bool) -> None:
        if visible:
            self.build()

    def build(self) -> ActionPlanController:
        """The controller (and the panel in the dock, bound to the state), built once."""
        if self.controller is None:
            from shiny_review.ui.controllers.action_plan import ActionPlanController
            from shiny_review.ui.panels.action_plan import ActionPlanPanel

            self.panel = panel = ActionPlanPanel(self._actions)
            self.setWidget(panel)
            self.controller = ActionPlanController(
                self._state, panel, self, self._settings, self._window
            )
            if self._later:
                panel.bind(self._state)
                self._built()
        return self.controller

    def action_handlers(self) -> dict[str, Callable[[], object]]:
        """The controller's slots (``ActionPlanController.action_handlers``), building it."""
        return {
            "board_report": lambda: self.build().report_interactively(),
            "view_action_plan": lambda: self.build().toggle_view(),
        }

    def shut_down(self) -> None:
        if self.controller is not None:
            self.controller.shut_down()
