"""ImportController built with a WindowState and no MainWindow: import, find again, failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from shiny_review.ingest import ingest_file
from shiny_review.ui.controllers.importing import ImportController
from tests.factories import LETTER_BLOCKS


def _ingest(path: Path, *, cancel: object = None) -> object:
    return ingest_file(path)  # a text file: no pymupdf in the worker thread


@pytest.fixture
def service(workspace_path: Path):
    """A workspace whose service reads files with ``_ingest`` (the import controller's one
    import path is ``service.documents.ingest``)."""
    from shiny_review.services.review import ReviewService
    from shiny_review.storage.workspace import Workspace

    workspace = Workspace(workspace_path, "Test Officer")
    try:
        yield ReviewService(workspace, ingester=_ingest)
    finally:
        workspace.close()


@pytest.fixture
def opened() -> list[int]:
    return []


@pytest.fixture
def importing(state, parent, opened) -> ImportController:
    return ImportController(state, parent, opened.append)


def _letter(tmp_path: Path) -> Path:
    path = tmp_path / "letter.txt"
    path.write_text("\n".join(LETTER_BLOCKS), encoding="utf-8")
    return path


def test_import_then_find_the_same_file(qtbot, importing, state, service, opened, tmp_path):
    changes = []
    state.changed.connect(changes.append)
    path = _letter(tmp_path)
    with qtbot.waitSignal(importing.finished, timeout=60_000) as blocker:
        importing.import_files([path])
    (doc_id,) = blocker.args[0]
    assert [d.id for d in service.documents.all()] == [doc_id]
    assert opened == [doc_id]
    assert doc_id in changes[0].documents
    with qtbot.waitSignal(importing.finished, timeout=10_000) as again:
        importing.import_files([path], show=False)
    assert again.args[0] == [doc_id] and opened == [doc_id]
    assert importing.failures == []


def test_failures_are_reported(qtbot, importing, state, tmp_path) -> None:
    errors: list[str] = []
    state.error.connect(errors.append)
    with qtbot.waitSignal(importing.finished, timeout=10_000) as blocker:
        importing.import_files([tmp_path / "gone.pdf"])
    assert blocker.args[0] == []
    assert len(importing.failures) == 1 and "gone.pdf" in importing.failures[0]
    assert errors and errors[0].startswith("Some files were not imported")


def test_the_import_action(importing) -> None:
    assert set(importing.action_handlers()) == {"import"}
