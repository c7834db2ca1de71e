"""The find bar: named controls for screen readers, a label bound to the edit."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from shiny_review.ui.panels.find_bar import FindBar


def test_named_controls(qtbot) -> None:
    bar = FindBar()
    qtbot.addWidget(bar)
    for widget in (bar.edit, bar.next_button, bar.close_button):
        assert widget.accessibleName()
    (label,) = [w for w in bar.findChildren(QLabel) if w.buddy() is bar.edit]
    assert label.text() == "Find:"
