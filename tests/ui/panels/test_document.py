"""DocumentPanel bound to a WindowState: the text, its header, highlights and selection."""

from __future__ import annotations

from shiny_review.ui.panels.document import NO_DOCUMENT, DocumentPanel


def test_the_open_document_and_its_highlights(qtbot, state, service, letter) -> None:
    panel = DocumentPanel()
    qtbot.addWidget(panel)
    panel.bind(state)
    assert panel.header.text() == NO_DOCUMENT and not panel.find_bar.isVisibleTo(panel)
    ann = service.annotations.add_quote(letter.id, "Supervision is regular").value
    state.open_document(letter.id)
    assert panel.view.text == service.documents.text(letter.id).text
    assert panel.header.text().startswith(f"<b>{letter.title}</b>")
    assert panel.view.highlighter.span(ann.id) is not None
    deleted = service.annotations.delete(ann.id)
    state.apply(deleted.changed)
    assert panel.view.highlighter.span(ann.id) is None
    restored = service.annotations.restore(ann.id)
    state.apply(restored.changed)
    with qtbot.waitSignal(state.annotationSelected) as blocker:
        panel.view.annotationClicked.emit(ann.id)
    assert blocker.args == [ann.id, False] and state.selected_annotation == ann.id
