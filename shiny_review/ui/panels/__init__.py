"""The window's panels: plain widgets with models.

A panel is built without arguments (or with the actions its buttons trigger) and then
``bind(state)``: it connects the ``WindowState`` signals it cares about to its own slots and
refreshes itself from them (``changed(Changed)`` after each operation, ``documentChanged``,
``recommendationsChanged``, ``annotationSelected``...). What a person asks of a panel that
is not the panel's own business it emits as a signal (``documentChosen``, ``passageChosen``),
which the main window connects to a controller in ``MainWindow._wire``. Each panel also lists
its controls in the order Tab visits them (``tab_chain``); the window chains the panels'.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from shiny_review.ui.window_state import WindowState


class Panel(Protocol):
    """What the window asks of each panel: to bind to the state, and its Tab order."""

    def bind(self, state: WindowState) -> None: ...

    def tab_chain(self) -> list[QWidget]:
        """The panel's controls in the order Tab visits them (MainWindow.tab_chain)."""
        ...
