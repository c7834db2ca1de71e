"""Each undoable command on a real QUndoStack: one service call to do, its inverse to undo."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from shiny_review.domain.entities import Stance
from shiny_review.services.changes import Changed
from shiny_review.ui import commands
from tests.factories import make_ingested


class _Window:
    """What a command reports to: the window's ``apply`` and ``refused``."""

    def __init__(self) -> None:
        self.changed: list[Changed] = []
        self.refused: list[Exception] = []

    def push(self, stack: QUndoStack, make: type, service, *args, **kw) -> commands.ServiceCommand:
        command = make(service, self.changed.append, self.refused.append, *args, **kw)
        stack.push(command)
        return command


def _state(service, annotation_id):
    ann = service.annotations.get(annotation_id)
    return ann.stance, ann.note, ann.recommendation_ids, ann.deleted


def _setup(service):
    doc = service.documents.add_ingested(make_ingested()).value.document
    recs = service.recommendations.all(doc.id)
    ann = service.annotations.add_quote(doc.id, "Supervision is regular").value
    return doc, recs, ann, QUndoStack(), _Window()


def test_highlight_undo_redo_keeps_the_same_annotation(service) -> None:
    doc, recs, _ann, stack, window = _setup(service)
    command = window.push(
        stack, commands.Highlight, service, doc.id, 0, 7, recommendation_ids=[recs[0].id], label="1"
    )
    assert command.text() == "Highlight and link to 1"
    created = command.annotation_id
    assert created is not None
    assert service.annotations.get(created).recommendation_ids == (recs[0].id,)
    assert created in window.changed[-1].annotations
    stack.undo()
    assert service.annotations.get(created).deleted
    stack.redo()
    assert command.annotation_id == created and not service.annotations.get(created).deleted
    assert len(window.changed) == 3 and not window.refused
    assert window.push(stack, commands.Highlight, service, doc.id, 8, 12).text() == "Highlight"


def test_annotation_commands(service) -> None:
    _doc, recs, ann, stack, window = _setup(service)
    rec = recs[0]
    steps = [
        (commands.SetStance, (ann.id, None, Stance.CONTEXT), "Change stance"),
        (commands.SetNote, (ann.id, "", "a note"), "Edit note"),
        (commands.Link, (ann.id, rec.id, "1"), "Link to recommendation 1"),
        (commands.Unlink, (ann.id, rec.id, "1"), "Unlink from recommendation 1"),
        (commands.DeleteAnnotation, (ann.id,), "Delete highlight"),
    ]
    states = [_state(service, ann.id)]
    for make, args, text in steps:
        assert window.push(stack, make, service, *args).text() == text
        states.append(_state(service, ann.id))
    assert states == [
        (None, "", (), False),
        (Stance.CONTEXT, "", (), False),
        (Stance.CONTEXT, "a note", (), False),
        (Stance.CONTEXT, "a note", (rec.id,), False),
        (Stance.CONTEXT, "a note", (), False),
        (Stance.CONTEXT, "a note", (), True),
    ]
    for expected in reversed(states[:-1]):
        stack.undo()
        assert _state(service, ann.id) == expected
    for expected in states[1:]:
        stack.redo()
        assert _state(service, ann.id) == expected
    assert all(ann.id in c.annotations for c in window.changed)
    assert not window.refused


def test_recommendation_commands(service) -> None:
    doc, recs, _ann, stack, window = _setup(service)

    def ids():
        return [r.id for r in service.recommendations.all(doc.id)]

    add = window.push(stack, commands.AddRecommendation, service, doc.id, "Do better.", "3")
    assert add.text() == "Add recommendation"
    new = add.recommendation_id
    assert ids() == [*(r.id for r in recs), new]
    edit = window.push(
        stack, commands.EditRecommendation, service, new, ("Do better.", "3"), ("Best.", None)
    )
    assert edit.text() == "Edit recommendation"
    assert (service.recommendations.get(new).text, service.recommendations.get(new).number) == (
        "Best.",
        None,
    )
    window.push(stack, commands.MoveRecommendation, service, new, 2, 0)
    assert ids()[0] == new
    window.push(stack, commands.DeleteRecommendation, service, new)
    assert new not in ids()
    stack.undo()
    assert ids()[0] == new
    stack.undo()
    assert ids()[-1] == new
    stack.undo()
    assert service.recommendations.get(new).number == "3"
    stack.undo()
    assert new not in ids()
    stack.redo()
    assert add.recommendation_id == new and ids()[-1] == new
    assert not window.refused


def test_a_refused_call_is_reported_and_the_command_dropped(service) -> None:
    _doc, _recs, _ann, stack, window = _setup(service)
    window.push(stack, commands.SetNote, service, 99_999, "", "note")
    assert len(window.refused) == 1 and not window.changed
    assert stack.count() == 0  # marked obsolete, so the stack dropped it
