"""ChecksController built with a WindowState and no MainWindow: Confirm clears the open
document's "check the recommendations" mark as one undoable command, recorded in the
history; with no mark there is nothing to push."""

from __future__ import annotations

from pathlib import Path

from shiny_review.services.changes import Changed
from shiny_review.ui.controllers.checks import ChecksController
from tests.ingest.tripping import CLEAN, TRIPS


def _import(service, tmp_path: Path, name: str, text: str) -> int:
    path = tmp_path / f"{name}.txt"
    path.write_text(text, "utf-8")
    return int(service.documents.import_file(path).value.document.id)


def test_confirm_is_undoable_and_recorded(state, service, parent, tmp_path) -> None:
    name, text, words = TRIPS[0]
    doc = _import(service, tmp_path, "jump", text)
    checks = ChecksController(state, parent)
    changes: list[Changed] = []
    state.changed.connect(changes.append)
    assert state.open_document(doc)
    reasons = service.checks.of(doc)
    assert any(words in r for r in reasons), name
    checks.action_handlers()["confirm_checks"]()
    assert service.checks.of(doc) == []
    assert state.undo_stack.count() == 1
    assert changes[-1].documents == frozenset({doc})
    entry = [h for h in service.history.entries() if h.action == "confirm"][-1]
    assert (entry.entity_id, entry.author) == (doc, "Test Officer")
    state.undo_stack.undo()
    assert service.checks.of(doc) == reasons
    state.undo_stack.redo()
    assert service.checks.of(doc) == []


def test_nothing_to_confirm(state, service, parent, tmp_path) -> None:
    doc = _import(service, tmp_path, "clean", CLEAN)
    checks = ChecksController(state, parent)
    statuses: list[str] = []
    state.status.connect(statuses.append)
    checks.confirm()  # no document open
    assert state.open_document(doc)
    checks.confirm()
    assert state.undo_stack.count() == 0
    assert statuses == ["Nothing to confirm: the import's checks all passed."]
