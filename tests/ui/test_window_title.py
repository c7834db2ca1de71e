"""The window's title names the document, the workspace and the app, each once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from shiny_review.ui.window_title import window_title


def test_title_names_document_workspace_and_app_once(qapp, make_window, letter) -> None:
    old = QApplication.applicationDisplayName()
    QApplication.setApplicationDisplayName("Shiny Review")  # as launch sets it
    try:
        window = make_window()
        assert window.windowTitle() == "workspace.sqlite (test) – Shiny Review"
        window.open_document(letter.id)
        title = window.windowTitle()
        assert title == f"{letter.title} – workspace.sqlite (test) – Shiny Review"
        assert title.count("Shiny Review") == 1
        # The platform appends the display name only to a title not already ending with it.
        assert title.endswith(QApplication.applicationDisplayName())
    finally:
        QApplication.setApplicationDisplayName(old)


def test_window_title_parts() -> None:
    path = Path("/tmp/x/workspace.sqlite")
    assert window_title("Halton 2024", path) == "Halton 2024 – workspace.sqlite – Shiny Review"
    assert window_title(None, None) == "Shiny Review"
    assert window_title(None, None, "demo workspace") == "demo workspace – Shiny Review"
    assert window_title("A", path, "demo") == "A – workspace.sqlite (demo) – Shiny Review"
