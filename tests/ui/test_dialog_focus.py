"""After a dialog closes, the keyboard focus is back where it was: the next shortcut works
without a click (issue 18: Ctrl+E did nothing after the export dialog closed)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier

# Each dialog: the action that opens it and the keys that do.
DIALOGS = {
    "export": (Qt.Key.Key_E, CTRL),
    "preferences": (Qt.Key.Key_Comma, CTRL),
    "add_recommendation": (Qt.Key.Key_N, CTRL | SHIFT),
    "edit_recommendation": (Qt.Key.Key_F2, NONE),
    "search_all": (Qt.Key.Key_F, CTRL | SHIFT),
    "shortcuts": (Qt.Key.Key_F1, NONE),
}


def _close_when_shown(qtbot, closed: list[str]) -> None:
    """Close the dialog the key opens, as Escape does, once it is on screen (a modal one
    runs its own event loop: this runs inside it)."""

    def close() -> None:
        dialog = QApplication.activeModalWidget() or QApplication.activeWindow()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            closed.append(dialog.objectName())
            qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
        else:
            QTimer.singleShot(10, close)

    QTimer.singleShot(0, close)


@pytest.mark.parametrize("name", list(DIALOGS))
def test_focus_returns_after_each_dialog(qtbot, make_window, letter, name) -> None:
    window = make_window()
    window.open_document(letter.id)
    window.recommendations_panel.table.selectRow(0)
    qtbot.waitUntil(window.isActiveWindow)
    view = window.view
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    closed: list[str] = []
    _close_when_shown(qtbot, closed)
    key, modifiers = DIALOGS[name]
    qtbot.keyClick(view, key, modifiers)
    qtbot.waitUntil(lambda: bool(closed))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    assert window.isActiveWindow()
    # A shortcut now reaches the window with no click: Ctrl+2 moves to the document list.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, CTRL)
    assert QApplication.focusWidget() is window.documents_panel.tree


def test_focus_returns_after_an_error_box(qtbot, make_window, letter) -> None:
    window = make_window()
    window.open_document(letter.id)
    qtbot.waitUntil(window.isActiveWindow)
    view = window.view
    view.setFocus()
    closed: list[str] = []
    _close_when_shown(qtbot, closed)
    window.state.show_error("could not write the file")
    qtbot.waitUntil(lambda: closed == ["errorBox"])
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, CTRL)
    assert QApplication.focusWidget() is window.documents_panel.tree
