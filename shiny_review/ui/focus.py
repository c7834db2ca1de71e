"""Give the keyboard focus back after a dialog closes (issue 18).

A dialog takes the focus; when it closes, the window it came from must have it again, on the
widget that had it, or the next shortcut (Ctrl+E after the export dialog) goes nowhere until
the person clicks the window. ``return_focus_on_close(dialog)`` remembers where the focus is
when it is called (just before the dialog is shown) and puts it back when the dialog
finishes (accepted, rejected or closed, modal or not); ``focus_kept()`` does the same
around a call that runs its own dialog (``QFileDialog.getOpenFileNames``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

Place = tuple[QWidget | None, QWidget | None]  # the focused widget, its window


def _give_back(widget: QWidget | None, window: QWidget | None) -> None:
    if window is not None and isValid(window) and window.isVisible():
        window.activateWindow()
    if widget is not None and isValid(widget) and widget.isVisible() and widget.isEnabled():
        widget.setFocus(Qt.FocusReason.ActiveWindowFocusReason)


def _where_focus_is(fallback: QWidget | None) -> Place:
    focus = QApplication.focusWidget() or fallback
    return focus, (focus.window() if focus is not None else None)


def return_focus_on_close(dialog: QDialog) -> QDialog:
    """Put the focus back where it is now once ``dialog`` finishes; ``dialog``. Called again
    for a dialog shown again (the search dialog), it remembers the new place."""
    place = _where_focus_is(dialog.parentWidget())
    first = not hasattr(dialog, "_focus_return")
    dialog._focus_return = place  # type: ignore[attr-defined]
    if first:

        def finished(_result: int = 0) -> None:
            widget, window = dialog._focus_return  # type: ignore[attr-defined]
            # After the dialog has gone (and the platform moved the activation): next turn.
            QTimer.singleShot(0, lambda: _give_back(widget, window))

        dialog.finished.connect(finished)
    return dialog


@contextmanager
def focus_kept(fallback: QWidget | None = None) -> Iterator[None]:
    """Around a call that shows its own modal dialog: the focus comes back after it."""
    widget, window = _where_focus_is(fallback)
    try:
        yield
    finally:
        _give_back(widget, window)
        QTimer.singleShot(0, lambda: _give_back(widget, window))


def warn(parent: QWidget, message: str) -> None:
    """A warning box (window-modal, not blocking) that gives the focus back when closed."""
    from PySide6.QtWidgets import QMessageBox  # its class costs ~2 ms of the start to make

    box = QMessageBox(
        QMessageBox.Icon.Warning, "Shiny Review", message, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("errorBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return_focus_on_close(box).open()
