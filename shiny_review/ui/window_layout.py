"""Layout memory: the window's geometry and toolbars, and its splitters' sizes, in settings."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QMainWindow, QSplitter

from shiny_review.ui.settings import WindowSettings


def restore_window(window: QMainWindow, settings: WindowSettings) -> None:
    geometry = settings.bytes("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    state = settings.bytes("window/state")
    if state is not None:
        window.restoreState(state)


def restore_splitters(splitters: Iterable[QSplitter], settings: WindowSettings) -> None:
    for splitter in splitters:
        saved = settings.bytes(f"window/{splitter.objectName()}")
        if saved is not None:
            splitter.restoreState(saved)


def save(window: QMainWindow, splitters: Iterable[QSplitter], settings: WindowSettings) -> None:
    """Save the window's layout; ``splitters`` only once they hold their panels."""
    settings.set_bytes("window/geometry", window.saveGeometry())
    settings.set_bytes("window/state", window.saveState())
    for splitter in splitters:
        settings.set_bytes(f"window/{splitter.objectName()}", splitter.saveState())
    settings.sync()
