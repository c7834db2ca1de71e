"""Ctrl+plus, Ctrl+minus and Ctrl+0 change the document's text size, remembered per user."""

from __future__ import annotations

from PySide6.QtCore import Qt

CTRL = Qt.KeyboardModifier.ControlModifier


def test_ctrl_plus_minus_zero_zoom_and_are_remembered(
    qtbot, make_window, letter, window_settings
) -> None:
    window = make_window()
    window.open_document(letter.id)
    view = window.view
    normal = view.text_size()
    margin = view.margin_width()
    qtbot.waitUntil(window.isActiveWindow)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Plus, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_Equal, CTRL)  # Ctrl+= too: "+" without Shift
    assert view.text_size() == normal + 2
    assert view.document().defaultFont().pointSizeF() == normal + 2
    assert view.margin_width() > margin
    qtbot.keyClick(view, Qt.Key.Key_Minus, CTRL)
    assert view.text_size() == normal + 1
    assert window_settings.text_size() == normal + 1
    window.close()

    again = make_window()  # the next window (same user settings) shows the chosen size
    assert again.view.text_size() == normal + 1
    qtbot.waitUntil(again.isActiveWindow)
    again.view.setFocus()
    qtbot.keyClick(again.view, Qt.Key.Key_0, CTRL)
    assert again.view.text_size() == normal
    assert window_settings.text_size() is None


def test_text_size_stays_readable(qtbot, make_window) -> None:
    window = make_window()
    for _ in range(60):
        window.zoom.zoom_out()
    assert window.view.text_size() == 6.0
    for _ in range(60):
        window.zoom.zoom_in()
    assert window.view.text_size() == 40.0
