"""NavigationController built with a WindowState and no MainWindow."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit

from shiny_review.ui.controllers.navigation import NavigationController
from tests.factories import make_ingested


def test_open_remember_and_reopen(qtbot, state, service, letter, window_settings) -> None:
    view = QPlainTextEdit()
    qtbot.addWidget(view)
    navigation = NavigationController(state, window_settings, view)
    other = service.documents.add_ingested(make_ingested(source="b.txt", salt="b")).value.document
    navigation.open_document(other.id, focus=False)
    assert state.document.id == other.id
    assert window_settings.last_document(service.workspace_path) == other.id
    navigation.open_document(letter.id)
    navigation.open_last_document([other.id, letter.id])
    assert state.document.id == letter.id
    ann = service.annotations.add_quote(other.id, "leaders know it").value
    navigation.go_to_annotation(other.id, ann.id)
    assert state.document.id == other.id and state.selected_annotation == ann.id
