"""Edit conflicts in the window (issue 17): the window's edits are made on the version it
showed; another officer's change made since opens the conflict dialog, "Keep theirs" writes
nothing and shows theirs, "Overwrite with mine" writes mine (in the history under this
window's author); undoing and redoing one's own edits never conflicts with itself.

On SQLite one file has one writer, so "another officer" is the same workspace writing under
another author (the version check is engine-neutral); the last test uses two logins on
PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from shiny_review.domain.conflicts import EditConflict
from shiny_review.domain.entities import Stance
from shiny_review.services.action_plan import ActionChanges
from shiny_review.services.review import ReviewService
from shiny_review.storage.server_workspace import open_workspace
from shiny_review.ui.dialogs.edit_conflict import EditConflictDialog
from shiny_review.ui.main_window import MainWindow
from shiny_review.ui.settings import WindowSettings
from tests.factories import make_ingested


def _as_other(service: ReviewService, change: Callable[[], object]) -> None:
    """Another officer (asmith) makes ``change`` on the same workspace."""
    mine = service.author
    service.author = "asmith"
    try:
        change()
    finally:
        service.author = mine


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The conflicts the dialog was asked about; answer by appending True/False to it."""
    seen: list[Any] = []
    answers: list[bool] = []

    def ask(cls: object, _parent: object, conflict: EditConflict) -> bool:
        seen.append(conflict)
        return answers.pop(0) if answers else False

    monkeypatch.setattr(EditConflictDialog, "ask", classmethod(ask))
    seen_and_answers: list[Any] = [seen, answers]
    return seen_and_answers


def _open(make_window: Callable[[], MainWindow], service: ReviewService) -> tuple[Any, int]:
    window = make_window()
    window.live.timer.stop()  # the test says when the window rereads
    doc = service.documents.add_ingested(make_ingested()).value.document.id
    ann = service.annotations.add_quote(doc, "Supervision is regular", note="first").value
    window.navigation.open_document(doc)
    window.state.select_annotation(ann.id, reveal=False)
    assert window.state.selected() is not None  # shown at its version
    return window, ann.id


def _mine(service: ReviewService, ann: int) -> list[Any]:
    return [
        e
        for e in service.history.entries()
        if e.entity == "annotation" and e.entity_id == ann and e.author == service.author
    ]


def test_keep_theirs_writes_nothing_and_shows_theirs(
    make_window: Callable[[], MainWindow], service: ReviewService, asked: list[Any]
) -> None:
    window, ann = _open(make_window, service)
    mine_before = len(_mine(service, ann))
    _as_other(service, lambda: service.annotations.set_note(ann, "Alice's note"))

    window.editing.set_note("my note")  # on the version the window showed

    (conflict,) = asked[0]
    assert conflict.details.changed_by == "asmith"
    assert conflict.details.attempted == {"note": "my note"}
    assert service.annotations.get(ann).note == "Alice's note"
    assert len(_mine(service, ann)) == mine_before  # nothing from this window
    assert window.state.undo_stack.count() == 0  # the refused edit is not on the stack
    assert window.annotations_panel.details.note.toPlainText() == "Alice's note"
    # the window now holds their version: a new edit goes through without a dialog
    window.editing.set_stance(Stance.CONTEXT)
    assert len(asked[0]) == 1
    assert service.annotations.get(ann).stance == Stance.CONTEXT


def test_overwrite_with_mine_writes_it_in_the_history(
    make_window: Callable[[], MainWindow], service: ReviewService, asked: list[Any]
) -> None:
    window, ann = _open(make_window, service)
    _as_other(service, lambda: service.annotations.set_note(ann, "Alice's note"))
    asked[1].append(True)

    window.editing.set_note("my note")

    assert len(asked[0]) == 1
    assert service.annotations.get(ann).note == "my note"
    entries = [e for e in service.history.entries() if e.entity_id == ann]
    assert "my note" in (entries[-1].after or "") and entries[-1].author == "Test Officer"
    assert window.state.undo_stack.count() == 1  # mine, applied, undoable
    window.state.undo()  # back to what the command started from, on my own version
    assert len(asked[0]) == 1
    window.state.redo()
    assert service.annotations.get(ann).note == "my note" and len(asked[0]) == 1


def test_undo_and_redo_of_own_edits_never_conflict(
    make_window: Callable[[], MainWindow], service: ReviewService, asked: list[Any]
) -> None:
    window, ann = _open(make_window, service)
    editing, state = window.editing, window.state
    rec = state.recommendations[0]
    editing.set_note("one")
    editing.set_stance(Stance.SUPPORTS_PROGRESS)
    editing.toggle_link(rec.id, True)
    editing.toggle_link(rec.id, False)
    editing.set_note("two")
    editing.delete_selected_annotation()
    for _ in range(2):
        while state.undo_stack.canUndo():
            state.undo()
        while state.undo_stack.canRedo():
            state.redo()
    assert asked[0] == []
    assert state.undo_stack.count() == 6
    assert service.annotations.get(ann).deleted


def test_a_link_conflict_asks_too(
    make_window: Callable[[], MainWindow], service: ReviewService, asked: list[Any]
) -> None:
    window, ann = _open(make_window, service)
    first, second = window.state.recommendations[:2]
    _as_other(service, lambda: service.annotations.link(ann, first.id))

    window.editing.toggle_link(second.id, True)  # Keep theirs

    assert [c.details.attempted for c in asked[0]] == [{"link": second.id}]
    assert service.annotations.get(ann).recommendation_ids == (first.id,)
    assert window.state.undo_stack.count() == 0


def test_the_note_editor_asks_on_a_conflict(
    make_window: Callable[[], MainWindow], service: ReviewService, asked: list[Any]
) -> None:
    window, ann = _open(make_window, service)
    details = window.annotations_panel.details
    _as_other(service, lambda: service.annotations.set_note(ann, "Alice's note"))
    asked[1].append(True)

    details.note.setPlainText("typed here – é")
    window.notes.flush()

    assert len(asked[0]) == 1
    assert service.annotations.get(ann).note == "typed here – é"
    assert window.state.undo_stack.count() == 1


def test_two_logins_on_a_server(
    qtbot: QtBot, pg_server: Any, window_settings: WindowSettings, monkeypatch: Any
) -> None:
    """Two officers on PostgreSQL: Ada's window edits a highlight Bea changed since."""
    answers = [True]
    monkeypatch.setattr(EditConflictDialog, "ask", classmethod(lambda c, p, x: answers.pop()))
    name = pg_server.new_database()
    try:
        bea = ReviewService(open_workspace(pg_server.spec(name, "Officer"), None))
        ada = ReviewService(open_workspace(pg_server.spec(name, "Test Officer"), None))
        doc = bea.documents.add_ingested(make_ingested()).value.document.id
        ann = bea.annotations.add_quote(doc, "Main findings").value.id
        window = MainWindow(ada, window_settings, "test")
        qtbot.addWidget(window)
        window.live.timer.stop()
        window.navigation.open_document(doc)
        window.state.select_annotation(ann, reveal=False)
        assert window.state.selected() is not None
        bea.annotations.set_note(ann, "Bea's")
        window.editing.set_stance(Stance.SHOWS_CONCERN)
        assert answers == []  # asked, and overwrote
        now = ada.annotations.get(ann)
        assert (now.note, now.stance) == ("Bea's", Stance.SHOWS_CONCERN)
        assert ada.history.entries()[-1].author == "Test Officer"
        window.close()
        bea.close()
        ada.close()
    finally:
        pg_server.drop_database(name)


def test_undoing_an_action_edit_after_another_change_asks(
    make_window: Callable[[], MainWindow], service: ReviewService, asked: list[Any]
) -> None:
    window = make_window()
    window.live.timer.stop()
    doc = service.documents.add_ingested(make_ingested()).value.document.id
    rec = service.recommendations.all(doc)[0]
    plan = service.action_plan
    action = plan.add_action(rec.id, text="Audit", owner="Zoë", due_date=dt.date(2027, 1, 8))
    window.action_plan.edit_action(action.value.id, ActionChanges(owner="Sam"))
    window.action_plan.edit_action(action.value.id, ActionChanges(owner="Kim"))
    window.state.undo()  # one's own: no dialog
    assert asked[0] == [] and plan.action(action.value.id).owner == "Sam"
    _as_other(service, lambda: plan.edit_action(action.value.id, ActionChanges(owner="Alice")))

    window.state.undo()  # would put "Zoë" over Alice's change: asks; Keep theirs

    assert [c.details.entity for c in asked[0]] == ["action"]
    assert plan.action(action.value.id).owner == "Alice"
    assert window.state.undo_stack.count() == 1  # the redo of "Kim" stays; "Sam" is gone
