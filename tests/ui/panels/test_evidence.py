"""EvidencePanel bound to a WindowState: the selected recommendation's passages."""

from __future__ import annotations

from shiny_review.ui.panels.evidence import NO_SELECTION, EvidencePanel


def test_evidence_of_the_selected_recommendation(qtbot, state, service, letter) -> None:
    panel = EvidencePanel()
    qtbot.addWidget(panel)
    panel.bind(state)
    state.open_document(letter.id)
    rec = state.recommendations[0]
    ann = service.annotations.add_quote(
        letter.id, "Supervision is regular", recommendation_ids=[rec.id]
    )
    state.select_recommendation(rec.id)
    assert panel.model.rowCount() == 1
    assert panel.title.text().endswith("1 passage in 1 document")
    with qtbot.waitSignal(panel.passageChosen) as blocker:
        panel.table.activated.emit(panel.model.index(0, 0))
    assert blocker.args == [letter.id, ann.value.id]
    state.select_recommendation(None)
    assert panel.model.rowCount() == 0 and panel.title.text() == NO_SELECTION
