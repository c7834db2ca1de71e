"""AnnotationsPanel bound to a WindowState: the list, its rows, the selection both ways."""

from __future__ import annotations

from shiny_review.domain.entities import Stance
from shiny_review.ui.panels.annotations import AnnotationsPanel


def test_the_highlights_follow_the_state(qtbot, state, service, letter) -> None:
    first = service.annotations.add_quote(letter.id, "Supervision is regular").value
    panel = AnnotationsPanel()
    qtbot.addWidget(panel)
    panel.bind(state)
    state.open_document(letter.id)
    assert panel.model.rowCount() == 1
    assert panel.rec_filter.count() == 1 + len(state.recommendations)
    second = service.annotations.add_quote(letter.id, "leaders know it").value
    state.apply(service.annotations.set_stance(second.id, Stance.CONTEXT).changed)
    assert panel.model.row_of(second.id) >= 0
    state.select_annotation(first.id)
    assert panel.selected_id() == first.id
    assert panel.details.annotation.id == first.id
    panel.table.selectRow(panel.proxy.mapFromSource(panel.model.index(0, 0)).row())
    assert state.selected_annotation == panel.selected_id()
    state.select_annotation(first.id)
    state.apply(service.annotations.delete(first.id).changed)
    assert panel.model.row_of(first.id) == -1
    # The table moves its selection to the next row, and with it the state's (as before).
    assert state.selected_annotation == second.id == panel.details.annotation.id
    state.apply(service.annotations.delete(second.id).changed)
    assert state.selected_annotation is None and panel.details.annotation is None


def test_a_new_highlight_inserts_its_row_and_keeps_the_labels(
    qtbot, state, service, letter, monkeypatch
) -> None:
    first = service.annotations.add_quote(letter.id, "Supervision is regular").value
    panel = AnnotationsPanel()
    qtbot.addWidget(panel)
    panel.bind(state)
    state.open_document(letter.id)
    state.select_annotation(first.id)
    shown = panel.details.annotation
    # Neither the labels (every recommendation) nor the selected highlight is read again.
    monkeypatch.setattr(state, "labels", _refuse)
    monkeypatch.setattr(service.annotations, "get", _refuse)
    inserted: list[int] = []
    panel.model.rowsInserted.connect(lambda _parent, row, _last: inserted.append(row))
    second = service.annotations.add_quote(letter.id, "leaders know it")
    state.apply(second.changed, quiet=True)
    assert inserted == [panel.model.row_of(second.value.id)] and panel.model.rowCount() == 2
    assert panel.details.annotation is shown  # the selection was not touched


def _refuse(*_args: object) -> object:
    raise AssertionError("a per-row notice read a list or the selection again")
