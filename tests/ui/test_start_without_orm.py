"""Issue 16: the window starts on an up-to-date workspace file without SQLAlchemy. Its start
reads (documents, the document's text and highlights, recommendations, labels, checks, the
change feed's point) go through the driver; the remembered document is shown first, before the
review service, the repository, the entities and the other panels are loaded at all
(``ui/progressive_start.py``) (``storage/quick_reads.py``), and so do the
everyday writes (``storage/quick_writes.py``): the ORM is not loaded after the first document
is shown either. Nor are the hidden Action plan's modules, the dialogs and workers loaded
before they are used, nor strptime's. A fresh process, as a person starts it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from shiny_review.services.session import close_service, open_service
from tests.factories import LETTER_BLOCKS, make_ingested

CHILD = """
import os, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from shiny_review.ui.controllers.navigation import NavigationController
from shiny_review.ui.progressive_start import ProgressiveStart
from shiny_review.ui.settings import WindowSettings, user_settings

remember = WindowSettings(user_settings())
remember.set_last_document(Path(sys.argv[1]), int(sys.argv[2]))
remember.sync()
first_stage = ProgressiveStart.show_first_document

def show_first_document(self):
    shown = first_stage(self)
    view = self.window.document_panel.view
    view.viewport().repaint()
    QApplication.processEvents()
    later = (
        "sqlalchemy",
        "shiny_review.services.review",
        "shiny_review.storage.workspace",
        "shiny_review.storage.quick_reads",
        "shiny_review.domain.entities",
        "shiny_review.ui.panels.documents",
        "_hashlib",  # the settings key's digest is the builtin _sha1's
        "configparser",  # only for a team workspace's connection file
    )
    print(f"first {shown} {bool(view.text)} {[m for m in later if m in sys.modules]}", flush=True)
    return shown

ProgressiveStart.show_first_document = show_first_document

original = NavigationController.open_document

def open_document(self, document_id, **kwargs):
    original(self, document_id, **kwargs)
    self.view.viewport().repaint()
    QApplication.processEvents()
    shown = self.state.document.id if self.state.document else None
    spans = len(self.state.spans)
    print(f"painted {shown} {spans} sqlalchemy={'sqlalchemy' in sys.modules}", flush=True)
    deferred = (
        "shiny_review.ui.panels.action_plan",
        "shiny_review.ui.controllers.action_plan",
        "shiny_review.ui.dialogs.recommendation",
        "shiny_review.ui.dialogs.import_progress",
        "shiny_review.ui.dialogs.password",
        "shiny_review.ui.import_worker",
        "shiny_review.ui.service_worker",
        "_strptime",
    )
    print(f"loaded {[name for name in deferred if name in sys.modules]}", flush=True)
    service = self.state.service

    def later():
        print(f"later sqlalchemy={'sqlalchemy' in sys.modules}", flush=True)
        service.annotations.add(shown, 0, 5)  # a write works
        print("written", flush=True)
        os._exit(0)

    QTimer.singleShot(1500, later)

NavigationController.open_document = open_document
from shiny_review.app import main
main(["--workspace", sys.argv[1], "--author", "Tester"])
"""


def test_the_window_shows_its_first_document_before_loading_sqlalchemy(tmp_path: Path) -> None:
    path = tmp_path / "start.sqlite"
    service = open_service(path, "Tester")  # made and migrated here: the child's is up to date
    try:
        doc = service.documents.add_ingested(make_ingested(LETTER_BLOCKS)).value.document
        service.annotations.add(doc.id, 10, 20)
        service.annotations.add(doc.id, 30, 40)
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
        [sys.executable, "-c", CHILD, str(path), str(doc.id)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line]
    assert lines == [
        "first True True []",  # the document shown before any of them is loaded
        f"painted {doc.id} 2 sqlalchemy=False",
        "loaded []",  # issue 16: none of them before the document is shown
        "later sqlalchemy=False",  # not loaded after the paint either (issue 16)
        "written",
    ], done.stderr[-3000:]
