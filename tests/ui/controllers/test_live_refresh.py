"""Live refresh (issue 17): another session's new highlight appears in an open window within
seconds, and the reader keeps their scroll position and selection."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from shiny_review.services.review import ReviewService
from shiny_review.storage.server_workspace import open_workspace
from shiny_review.storage.workspace import Workspace
from shiny_review.ui.controllers.live_refresh import INTERVAL_MS, SERVER_INTERVAL_MS
from shiny_review.ui.main_window import MainWindow
from shiny_review.ui.settings import WindowSettings
from tests.factories import make_ingested


@pytest.fixture
def two_sessions(tmp_path: Path) -> Iterator[tuple[ReviewService, ReviewService]]:
    """Bea's writing session and Ada's window session on the same workspace file (a second
    window on a SQLite workspace reads while the first one writes)."""
    path = tmp_path / "team.sqlite"
    with Workspace(path, "Bea") as writer, Workspace(path, "Ada", read_only=True) as reader:
        yield ReviewService(writer), ReviewService(reader)


def test_another_sessions_highlight_appears_keeping_place_and_selection(
    qtbot: QtBot,
    two_sessions: tuple[ReviewService, ReviewService],
    window_settings: WindowSettings,
) -> None:
    bea, ada = two_sessions
    doc = bea.documents.add_ingested(make_ingested()).value.document.id
    first = bea.annotations.add_quote(doc, "Supervision is regular").value
    window = MainWindow(ada, window_settings, "test")
    qtbot.addWidget(window)
    window.resize(500, 300)
    window.show()
    qtbot.waitExposed(window)
    window.navigation.open_document(doc)
    window.state.select_annotation(first.id, reveal=False)
    assert window.live.listener is None and window.live.timer.interval() == INTERVAL_MS
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    place = bar.value()

    new = bea.annotations.add_quote(doc, "Main findings", note="Bea's").value

    qtbot.waitUntil(lambda: window.view.highlighter.span(new.id) is not None, timeout=5000)
    assert bar.value() == place
    assert window.state.selected_annotation == first.id
    assert window.state.document is not None and window.state.document.id == doc
    window.close()
    # A closed window polls no more (its workspace may be closed or gone after it).
    assert not window.live.timer.isActive()


def test_a_window_on_a_server_shows_another_officers_highlight(
    qtbot: QtBot, pg_server: Any, window_settings: WindowSettings
) -> None:
    """Acceptance (issue 17): two sessions (two logins) on a PostgreSQL workspace; the one
    with the window sees the other's new highlight within 5 seconds."""
    name = pg_server.new_database()
    try:
        bea = ReviewService(open_workspace(pg_server.spec(name, "Officer"), None))
        ada = ReviewService(open_workspace(pg_server.spec(name, "Test Officer"), None))
        doc = bea.documents.add_ingested(make_ingested()).value.document.id
        window = MainWindow(ada, window_settings, "test")
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.navigation.open_document(doc)
        live = window.live
        assert live.timer.interval() == SERVER_INTERVAL_MS  # a slow safety net on a server
        live.timer.setInterval(600_000)  # only the server's notification can be in time
        live.timer.start()
        listener = live.listener
        assert listener is not None and listener.isRunning()
        qtbot.waitUntil(lambda: listener.listener.listening.is_set(), timeout=10_000)
        new = bea.annotations.add_quote(doc, "Main findings").value
        qtbot.waitUntil(lambda: window.view.highlighter.span(new.id) is not None, timeout=5000)
        assert window.state.service.annotations.get(new.id).author == "Officer"
        window.close()  # stops the listener thread
        assert listener.isFinished() and live.listener is None
        bea.close()
        ada.close()
    finally:
        pg_server.drop_database(name)
