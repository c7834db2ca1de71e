"""EditController built with a WindowState and no MainWindow: one undoable command per edit."""

from __future__ import annotations

from shiny_review.domain.entities import Stance
from shiny_review.ui.controllers.editing import EditController
from shiny_review.ui.dialogs.recommendation import RecommendationDialog


class _Selection:
    """The document view as editing sees it: a selected range, or none."""

    def __init__(self) -> None:
        self.range: tuple[int, int] | None = None

    def selection(self) -> tuple[int, int] | None:
        return self.range

    def clear_selection(self) -> None:
        self.range = None


def _editing(state, parent, letter) -> tuple[EditController, _Selection]:
    view = _Selection()
    state.open_document(letter.id)
    return EditController(state, view, parent), view


def test_highlight_and_link_with_undo(state, service, parent, letter) -> None:
    editing, view = _editing(state, parent, letter)
    statuses: list[str] = []
    state.status.connect(statuses.append)
    assert not editing.highlight_selection()
    assert statuses[-1].startswith("Select some text first")
    view.range = (0, 7)
    editing.link_to(1)  # highlight the selection and link it to recommendation 1
    (ann,) = service.annotations.all(letter.id)
    assert ann.recommendation_ids == (state.recommendations[0].id,)
    assert state.selected_annotation == ann.id and view.range is None
    editing.link_to(2)  # the selected highlight, linked to 2 as well
    assert len(service.annotations.get(ann.id).recommendation_ids) == 2
    editing.link_to(9)
    assert statuses[-1] == "This document has no recommendation 9."
    state.undo_stack.undo()
    state.undo_stack.undo()
    assert service.annotations.get(ann.id).deleted and state.selected_annotation is None


def test_stance_note_links_and_delete(state, service, parent, letter) -> None:
    editing, _view = _editing(state, parent, letter)
    ann = service.annotations.add_quote(letter.id, "Supervision is regular").value
    state.select_annotation(ann.id)
    editing.set_stance(Stance.CONTEXT)
    editing.set_note("A note – é")
    rec = state.recommendations[1]
    editing.toggle_link(rec.id, True)
    after = service.annotations.get(ann.id)
    assert (after.stance, after.note, after.recommendation_ids) == (
        Stance.CONTEXT,
        "A note – é",
        (rec.id,),
    )
    editing.delete_selected_annotation()
    assert service.annotations.get(ann.id).deleted
    assert state.undo_stack.count() == 4
    other = service.annotations.add_quote(letter.id, "leaders know it").value
    editing.link_dropped([other.id], rec.id)
    assert service.annotations.get(other.id).recommendation_ids == (rec.id,)


def test_recommendations_by_hand(state, service, parent, letter, monkeypatch) -> None:
    editing, _view = _editing(state, parent, letter)
    answers = iter([("Record visits.", "3"), ("Record every visit.", None)])
    monkeypatch.setattr(RecommendationDialog, "ask", classmethod(lambda cls, *a: next(answers)))
    editing.add_recommendation()
    added = state.recommendations[-1]
    assert (added.text, added.number) == ("Record visits.", "3")
    state.select_recommendation(added.id)
    editing.edit_recommendation()
    assert service.recommendations.get(added.id).text == "Record every visit."
    editing.move_recommendation(-1)
    assert [r.id for r in state.recommendations][-2] == added.id
    editing.delete_recommendation()
    assert added.id not in {r.id for r in service.recommendations.all(letter.id)}
    state.undo_stack.undo()
    assert added.id in {r.id for r in state.recommendations}


def test_every_handler_is_an_edit_action(state, parent, letter) -> None:
    from shiny_review.ui.actions import SPECS

    editing, _view = _editing(state, parent, letter)
    assert set(editing.action_handlers()) == {s.name for s in SPECS if s.owner == "editing"}
