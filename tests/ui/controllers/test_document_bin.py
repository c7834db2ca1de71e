"""Removing a document to the bin from the window, undoing it, restoring it from the bin
dialog and by importing its file again (issue 11), through the window."""

from __future__ import annotations

from pathlib import Path

import pytest

from shiny_review.ui.controllers.document_bin import confirmation, label_of
from tests.factories import LETTER_BLOCKS, make_ingested

LATER_BLOCKS = (
    "Monitoring visit to Westmarsh Borough Council children’s services",
    LETTER_BLOCKS[1],
    "The stability of placements for children in care.",
    "Main findings",
    "1. Children’s plans are reviewed on time, and drift is rare in this sample.",
)


@pytest.fixture
def two(service, letter):  # type: ignore[no-untyped-def]
    """The letter, with a highlight linked to its first recommendation, and a second letter."""
    rec = service.recommendations.all(letter.id)[0].id
    ann = service.annotations.add_quote(
        letter.id, "Supervision is regular", recommendation_ids=[rec]
    ).value.id
    later = service.documents.add_ingested(make_ingested(LATER_BLOCKS, source="later.txt"))
    return letter.id, later.value.document.id, ann, rec


def _listed(window) -> list[int]:  # type: ignore[no-untyped-def]
    return [d.id for d in window.documents_panel.model.all_documents()]


def _remove(window, asked: list[str] | None = None) -> None:  # type: ignore[no-untyped-def]
    def confirm(_parent, label: str) -> bool:  # type: ignore[no-untyped-def]
        if asked is not None:
            asked.append(label)
        return True

    window.tools.document_bin.confirm = confirm
    window.actions["remove_document"].trigger()


def test_remove_undo_redo_through_the_window(qtbot, make_window, service, two) -> None:  # type: ignore[no-untyped-def]
    a, b, ann, rec = two
    window = make_window()
    window.open_document(a)
    order = _listed(window)
    assert sorted(order) == sorted([a, b])
    assert window.actions["remove_document"].isEnabled()
    expected = label_of(service.documents.get(a))
    asked: list[str] = []
    _remove(window, asked)

    assert asked == [expected]  # the confirmation names the document by its label
    assert [d.id for d in service.documents.removed()] == [a]
    assert _listed(window) == [b]
    assert window.state.document is not None and window.state.document.id == b
    assert window.view.toPlainText().startswith(LATER_BLOCKS[0])
    assert window.annotations_panel.model.rowCount() == 0

    window.actions["undo"].trigger()  # Ctrl+Z: back, with its highlight, and open
    assert service.documents.removed() == []
    assert sorted(_listed(window)) == sorted([a, b])
    assert window.state.document is not None and window.state.document.id == a
    assert window.annotations_panel.model.row_of(ann) >= 0
    assert rec in service.annotations.get(ann).recommendation_ids
    assert service.recommendations.get(rec).evidence_count == 1

    window.actions["redo"].trigger()  # Ctrl+Shift+Z: removed again
    assert [d.id for d in service.documents.removed()] == [a]
    assert _listed(window) == [b]
    assert window.state.document is not None and window.state.document.id == b


def test_removing_the_last_document_leaves_a_clean_empty_window(  # type: ignore[no-untyped-def]
    qtbot, make_window, service, letter
):
    ann = service.annotations.add(letter.id, 0, 20).value.id
    window = make_window()
    window.open_document(letter.id)
    window.select_annotation(ann)
    _remove(window)

    state = window.state
    assert state.document is None and state.selected_annotation is None
    assert state.recommendations == [] and state.spans == []
    assert _listed(window) == []
    assert window.view.toPlainText() == ""
    assert "No document open" in window.document_panel.header.text()
    assert window.annotations_panel.model.rowCount() == 0
    assert window.recommendations_panel.model.rowCount() == 0
    assert window.evidence_panel.model.rowCount() == 0
    assert window.annotations_panel.details.annotation is None
    for name in ("remove_document", "highlight", "delete", "find", "go_to_page"):
        assert not window.actions[name].isEnabled(), name
    assert window.actions["undo"].isEnabled()

    window.actions["undo"].trigger()
    assert state.document is not None and state.document.id == letter.id
    assert window.annotations_panel.model.row_of(ann) >= 0
    assert window.actions["remove_document"].isEnabled()


def test_cancelled_confirmation_removes_nothing(qtbot, make_window, service, letter) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.open_document(letter.id)
    window.tools.document_bin.confirm = lambda _parent, _label: False
    window.actions["remove_document"].trigger()
    assert service.documents.removed() == []
    assert not window.state.undo_stack.canUndo()


def test_restore_from_the_bin_dialog(qtbot, qtmodeltester, make_window, service, two) -> None:  # type: ignore[no-untyped-def]
    a, b, ann, _rec = two
    window = make_window()
    window.open_document(b)
    service.documents.remove(a)  # removed earlier (by the command line, say)
    window.tools.show_bin()
    box = window.tools.document_bin.box
    assert box is not None and box.isVisible()
    qtmodeltester.check(box.model)
    assert box.model.rowCount() == 1 and box.selected_id() == a
    assert box.restore_button.isEnabled()

    box.restore_button.click()
    assert service.documents.removed() == []
    assert window.state.document is not None and window.state.document.id == a
    assert sorted(_listed(window)) == sorted([a, b])
    assert window.annotations_panel.model.row_of(ann) >= 0
    assert box.model.rowCount() == 0 and not box.restore_button.isEnabled()
    assert window.state.undo_stack.undoText().startswith("Restore document")

    window.actions["undo"].trigger()  # back in the bin; the dialog follows
    assert [d.id for d in service.documents.removed()] == [a]
    assert box.model.rowCount() == 1
    assert window.state.document is not None and window.state.document.id == b


def test_importing_a_removed_documents_file_restores_it(  # type: ignore[no-untyped-def]
    qtbot, make_window, service, tmp_path: Path
):
    path = tmp_path / "letter.txt"
    path.write_text("\n\n".join(LETTER_BLOCKS), encoding="utf-8")
    doc = service.documents.import_file(path).value.document
    ann = service.annotations.add(doc.id, 0, 20).value.id
    service.documents.remove(doc.id)
    window = make_window()
    assert window.state.document is None and _listed(window) == []
    messages: list[str] = []
    window.state.status.connect(messages.append)

    with qtbot.waitSignal(window.importing.finished):
        window.import_files([path])

    assert service.documents.removed() == []
    assert [d.id for d in service.documents.all()] == [doc.id]  # the same document, not a copy
    assert window.importing.restored == [doc.id]
    assert any("restored from the bin" in m for m in messages)
    assert "restored from the bin" in window.statusBar().currentMessage()
    assert window.state.document is not None and window.state.document.id == doc.id
    assert _listed(window) == [doc.id]
    assert window.annotations_panel.model.row_of(ann) >= 0


def test_the_confirmation_names_the_document() -> None:
    text = confirmation("Shropshire · full inspection · Feb 2022")
    assert text.startswith("Move 'Shropshire · full inspection · Feb 2022' to the bin?")
    assert "highlights and links are kept" in text
