"""DocumentsPanel bound to a WindowState: the list, its rows refreshed, the open row selected."""

from __future__ import annotations

from shiny_review.services.changes import Changed
from shiny_review.ui.panels.documents import DocumentsPanel
from shiny_review.ui.window_state import WindowState
from tests.factories import make_ingested


def test_the_list_follows_the_state(qtbot, service, letter) -> None:
    state = WindowState()
    panel = DocumentsPanel()
    qtbot.addWidget(panel)
    panel.bind(state)
    assert panel.model.all_documents() == []
    state.attach(service)  # the list is read when the workspace is attached
    assert [d.id for d in panel.model.all_documents()] == [letter.id]
    other = service.documents.add_ingested(make_ingested(source="b.txt", salt="b")).value.document
    state.apply(Changed(documents=frozenset({other.id})), quiet=True)  # a new row: reread
    assert {d.id for d in panel.model.all_documents()} == {letter.id, other.id}
    state.open_document(other.id)
    assert panel.model.document_at(panel.tree.currentIndex()).id == other.id
    chosen: list[int] = []
    panel.documentChosen.connect(chosen.append)
    panel.tree.setCurrentIndex(panel.model.index_of(letter.id))
    assert chosen == [letter.id]
