"""Issue 16: a reviewing session on an up-to-date workspace file never loads SQLAlchemy. In a
fresh process, as a person starts it: the window shows its document, a selection is
highlighted with the window's H action, undone and redone through its undo stack, and the
ORM is still not imported; the rows are in the file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from shiny_review.services.session import close_service, open_service
from tests.factories import LETTER_BLOCKS, make_ingested

CHILD = """
import os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from shiny_review.ui.controllers.navigation import NavigationController

original = NavigationController.open_document
steps = []

def open_document(self, document_id, **kwargs):
    original(self, document_id, **kwargs)
    self.view.viewport().repaint()
    QApplication.processEvents()
    window, state = self.view.window(), self.state
    live = lambda: len(state.service.annotations.highlight_spans(document_id))
    print(f"painted {live()} sqlalchemy={'sqlalchemy' in sys.modules}", flush=True)

    def highlight():
        self.view.select_range(50, 60)
        window.actions["highlight"].trigger()
        QApplication.processEvents()
        print(f"highlighted {live()} sqlalchemy={'sqlalchemy' in sys.modules}")

    def undo():
        window.actions["undo"].trigger()
        QApplication.processEvents()
        print(f"undone {live()} sqlalchemy={'sqlalchemy' in sys.modules}")

    def redo():
        window.actions["redo"].trigger()
        QApplication.processEvents()
        print(f"redone {live()} sqlalchemy={'sqlalchemy' in sys.modules}", flush=True)
        os._exit(0)

    steps.extend([highlight, undo, redo])
    def next_step():
        steps.pop(0)()
        sys.stdout.flush()
        QTimer.singleShot(300, next_step)  # the panels hear of each change in between
    QTimer.singleShot(300, next_step)

NavigationController.open_document = open_document
from shiny_review.app import main
main(["--workspace", sys.argv[1], "--author", "Tester"])
"""


def test_highlighting_undo_and_redo_in_the_window_never_load_sqlalchemy(tmp_path: Path) -> None:
    path = tmp_path / "review.sqlite"
    service = open_service(path, "Tester")  # made and migrated here: the child's is up to date
    try:
        doc = service.documents.add_ingested(make_ingested(LETTER_BLOCKS)).value.document
        service.annotations.add(doc.id, 10, 20)
    finally:
        close_service(service)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line]
    assert lines == [
        "painted 1 sqlalchemy=False",
        "highlighted 2 sqlalchemy=False",
        "undone 1 sqlalchemy=False",
        "redone 2 sqlalchemy=False",
    ], done.stderr[-3000:]
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT start, deleted, author FROM annotations ORDER BY id").fetchall()
        actions = [r[0] for r in conn.execute("SELECT action FROM history ORDER BY id")]
    assert rows[-1] == (50, 0, "Tester")
    assert actions[-3:] == ["create", "delete", "restore"]
