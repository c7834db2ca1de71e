"""Notes are saved as they are typed and never lost (issue 11): switching document, selecting
another highlight, closing the panel or the window; Ctrl+Z in the field uses the window's
undo stack; the status bar never says "All changes saved" while a save is pending."""

from __future__ import annotations

from PySide6.QtCore import Qt

from shiny_review.ui.controllers.notes import SAVING
from shiny_review.ui.wording import SAVED
from tests.factories import make_ingested


def _window_with_highlights(qtbot, make_window, service, letter):  # type: ignore[no-untyped-def]
    other = service.documents.add_ingested(make_ingested(source="b.txt", salt="b")).value
    first = service.annotations.add(letter.id, 0, 20).value.id
    second = service.annotations.add(letter.id, 30, 60).value.id
    window = make_window()
    window.open_document(letter.id)
    window.select_annotation(first)
    note = window.annotations_panel.details.note
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    return window, note, first, second, other.document.id


def _type(qtbot, note, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(note, text)


def test_typing_says_saving_then_saves_after_a_pause(qtbot, make_window, service, letter):  # type: ignore[no-untyped-def]
    window, note, first, _s, _o = _window_with_highlights(qtbot, make_window, service, letter)
    _type(qtbot, note, "abc")
    assert window.statusBar().currentMessage() == SAVING
    assert window.notes.pending
    qtbot.waitUntil(lambda: service.annotations.get(first).note == "abc")
    assert window.statusBar().currentMessage() == SAVED
    assert not window.notes.pending


def test_switching_document_saves_the_note(qtbot, make_window, service, letter):  # type: ignore[no-untyped-def]
    window, note, first, _s, other = _window_with_highlights(qtbot, make_window, service, letter)
    _type(qtbot, note, "before switching")
    window.open_document(other)  # no pause: the save must not wait for the timer
    assert service.annotations.get(first).note == "before switching"
    assert window.state.document is not None and window.state.document.id == other


def test_selecting_another_highlight_saves_the_note(qtbot, make_window, service, letter):  # type: ignore[no-untyped-def]
    window, note, first, second, _o = _window_with_highlights(qtbot, make_window, service, letter)
    _type(qtbot, note, "first's note")
    window.annotations_panel.table.setFocus()
    window.select_annotation(second)
    assert service.annotations.get(first).note == "first's note"
    assert service.annotations.get(second).note == ""
    assert note.toPlainText() == ""


def test_selection_change_without_focus_change_saves(qtbot, make_window, service, letter):  # type: ignore[no-untyped-def]
    window, note, first, second, _o = _window_with_highlights(qtbot, make_window, service, letter)
    _type(qtbot, note, "typed")
    window.state.select_annotation(second)  # the focus stays in the note field
    assert service.annotations.get(first).note == "typed"


def test_closing_the_panel_saves_the_note(qtbot, make_window, service, letter):  # type: ignore[no-untyped-def]
    window, note, first, _s, _o = _window_with_highlights(qtbot, make_window, service, letter)
    _type(qtbot, note, "panel closed")
    window.annotations_panel.hide()
    assert service.annotations.get(first).note == "panel closed"


def test_quitting_saves_the_note(qtbot, make_window, service, letter):  # type: ignore[no-untyped-def]
    window, note, first, _s, _o = _window_with_highlights(qtbot, make_window, service, letter)
    _type(qtbot, note, "quit now")
    window.actions["quit"].trigger()
    assert service.annotations.get(first).note == "quit now"


def test_one_burst_is_one_undo_step_and_ctrl_z_in_the_field_undoes_it(  # type: ignore[no-untyped-def]
    qtbot, make_window, service, letter
):
    window, note, first, _s, _o = _window_with_highlights(qtbot, make_window, service, letter)
    stack = window.state.undo_stack
    before = stack.count()
    _type(qtbot, note, "one")
    window.notes.flush()  # a pause in typing
    _type(qtbot, note, " two")
    window.notes.flush()  # another pause, same burst
    assert service.annotations.get(first).note == "one two"
    assert stack.count() == before + 1
    assert stack.undoText() == "Edit note"
    _type(qtbot, note, " three")  # pending when Ctrl+Z is pressed: saved, then undone
    qtbot.keyClick(note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert service.annotations.get(first).note == ""
    assert note.toPlainText() == ""
    assert not note.isUndoRedoEnabled()
    qtbot.keyClick(
        note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert service.annotations.get(first).note == "one two three"
    assert note.toPlainText() == "one two three"


def test_a_new_burst_after_leaving_the_field_is_its_own_step(  # type: ignore[no-untyped-def]
    qtbot, make_window, service, letter
):
    window, note, first, _s, _o = _window_with_highlights(qtbot, make_window, service, letter)
    _type(qtbot, note, "a")
    window.view.setFocus()  # focus out: the burst ends and is saved
    qtbot.waitUntil(window.view.hasFocus)
    assert service.annotations.get(first).note == "a"
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    note.moveCursor(note.textCursor().MoveOperation.End)
    _type(qtbot, note, "b")
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    assert service.annotations.get(first).note == "ab"
    window.actions["undo"].trigger()
    assert service.annotations.get(first).note == "a"
