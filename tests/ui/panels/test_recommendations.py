"""RecommendationsPanel bound to a WindowState: reloaded with the state, its row selected."""

from __future__ import annotations

from shiny_review.ui.actions import build_actions
from shiny_review.ui.panels.recommendations import RecommendationsPanel


def test_rows_follow_the_state_and_select_it(qtbot, state, service, parent, letter) -> None:
    panel = RecommendationsPanel(build_actions(parent))
    qtbot.addWidget(panel)
    panel.bind(state)
    state.recommendationsChanged.emit()
    assert panel.summary.text() == "Open a document to see its recommendations."
    state.open_document(letter.id)
    recs = state.recommendations
    assert panel.model.rowCount() == len(recs)
    assert panel.summary.text().startswith(f"{len(recs)} recommendations")
    panel.table.selectRow(1)
    assert state.selected_recommendation == recs[1].id
    ann = service.annotations.add_quote(letter.id, "Supervision is regular").value
    state.apply(service.annotations.link(ann.id, recs[1].id).changed)
    assert panel.selected() == state.recommendation(recs[1].id)  # the row stays selected
    assert panel.selected().evidence_count == 1


def test_the_checks_banner_is_read_for_a_mark_not_a_highlight(
    qtbot, state, service, parent, letter, monkeypatch
) -> None:
    panel = RecommendationsPanel(build_actions(parent))
    qtbot.addWidget(panel)
    panel.bind(state)
    state.open_document(letter.id)
    asked: list[int] = []
    of = service.checks.of
    monkeypatch.setattr(service.checks, "of", lambda i: asked.append(i) or of(i))
    state.apply(service.annotations.add_quote(letter.id, "Supervision is regular").changed)
    assert asked == []  # a highlight changes the document's count, never its mark
    state.apply(service.checks.confirm(letter.id).changed)
    assert asked == [letter.id]
