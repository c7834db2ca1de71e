"""The acceptance flow of issue 4, driven through the real main window and keyboard."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from shiny_review.domain.entities import Stance
from shiny_review.services.changes import Changed
from shiny_review.ui.dialogs.export import ExportDialog, ExportRequest
from shiny_review.ui.main_window import SAVED
from tests.ui.conftest import DATA

VOLATILE = ("created_at", "updated_at")


def _import(qtbot, window, path: Path) -> int:
    with qtbot.waitSignal(window.importFinished, timeout=120_000) as blocker:
        window.import_files([path])
    ids = blocker.args[0]
    assert window.import_failures == []
    assert len(ids) == 1
    return ids[0]


def _key(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(widget, key, modifier)


def _masked(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        for column in VOLATILE:
            row[column] = "<masked>" if row[column] else ""
    return rows


def test_keyboard_flow_on_a_corpus_pdf(qtbot, make_window, service, corpus, tmp_path) -> None:
    window = make_window()
    doc_id = _import(qtbot, window, corpus / "halton-2024-july-12.pdf")
    view = window.view
    assert window.state.document is not None and window.state.document.id == doc_id
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    recs = service.recommendations.all(doc_id)
    assert recs, "the import found the report's recommendations"

    # Select a passage with the keyboard and press 1.
    text = service.documents.text(doc_id).text
    start = text.index("Leaders")
    cursor = view.textCursor()
    cursor.setPosition(start)
    view.setTextCursor(cursor)
    _key(qtbot, view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier, times=30)
    assert view.selection() == (start, start + 30)
    _key(qtbot, view, Qt.Key.Key_1)
    (ann,) = service.annotations.all(doc_id)
    assert ann.recommendation_ids == (recs[0].id,)
    assert ann.anchor.exact == text[start : start + 30].strip()
    assert window.statusBar().currentMessage() == SAVED
    assert window.state.selected_annotation == ann.id

    # Undo removes it, redo restores it.
    _key(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert service.annotations.all(doc_id) == []
    assert view.highlighter.span(ann.id) is None
    _key(
        qtbot,
        view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    (again,) = service.annotations.all(doc_id)
    assert again.id == ann.id and again.recommendation_ids == (recs[0].id,)
    assert view.highlighter.span(ann.id) is not None

    # Ctrl+F finds a phrase and selects it; H highlights it.
    _key(qtbot, view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    assert QApplication.focusWidget() is window.find_bar.edit
    phrase = "care leavers"
    qtbot.keyClicks(window.find_bar.edit, phrase)
    _key(qtbot, window.find_bar.edit, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is view
    found = view.selection()
    assert found is not None and text[found[0] : found[1]].lower() == phrase
    _key(qtbot, view, Qt.Key.Key_F3)
    second = view.selection()
    assert second is not None and second[0] > found[0]
    _key(qtbot, view, Qt.Key.Key_H)
    highlighted = [a for a in service.annotations.all(doc_id) if a.anchor.start == second[0]]
    assert len(highlighted) == 1
    assert highlighted[0].anchor.exact.lower() == phrase
    assert highlighted[0].recommendation_ids == ()
    target = highlighted[0].id
    assert window.state.selected_annotation == target

    # Edit stance (keyboard on the combo box) and note (setText, then Save).
    details = window.annotations_panel.details
    # the side panels follow the text in the next turn of the event loop
    qtbot.waitUntil(lambda: details._annotation is not None and details._annotation.id == target)
    details.stance.setFocus()
    _key(qtbot, details.stance, Qt.Key.Key_Down, times=2)
    assert service.annotations.get(target).stance == Stance.SHOWS_CONCERN
    details.note.setPlainText("Évidence for the board – reviewed")
    qtbot.mouseClick(details.save_note, Qt.MouseButton.LeftButton)
    assert service.annotations.get(target).note == "Évidence for the board – reviewed"

    # Link the selected highlight to recommendation 2 with the key 2.
    view.setFocus()
    view.clear_selection()
    window.select_annotation(target)
    _key(qtbot, view, Qt.Key.Key_2)
    assert service.annotations.get(target).recommendation_ids == (recs[1].id,)

    # Delete and undo.
    _key(qtbot, view, Qt.Key.Key_Delete)
    assert target not in {a.id for a in service.annotations.all(doc_id)}
    assert window.annotations_panel.model.row_of(target) == -1
    _key(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    restored = service.annotations.get(target)
    assert not restored.deleted and restored.note.startswith("Évidence")
    assert window.annotations_panel.model.row_of(target) >= 0

    # Export CSV and compare with the reference file (timestamps masked).
    target_csv = tmp_path / "evidence.csv"
    gaps = len(service.recommendations.without_evidence())  # one row each (issue 13)
    assert window.exporting.export_to(ExportRequest("csv", None, target_csv)) == 2 + gaps
    assert _masked(target_csv) == _masked(DATA / "expected_export.csv")
    assert window.settings.export_folder() == tmp_path


def test_import_reports_failures_in_plain_words(qtbot, make_window, tmp_path) -> None:
    window = make_window()
    bad = tmp_path / "letter.pdf"
    bad.write_bytes(b"this is not a pdf at all")
    missing = tmp_path / "gone.pdf"
    with qtbot.waitSignal(window.importFinished, timeout=120_000) as blocker:
        window.import_files([bad, missing])
    assert blocker.args[0] == []
    assert len(window.import_failures) == 2
    assert all("could not import" in m or "not" in m for m in window.import_failures)
    assert "gone.pdf" in " ".join(window.import_failures)


def test_export_dialog_entry_point(qtbot, make_window, service, monkeypatch, tmp_path) -> None:
    from tests.factories import make_ingested

    doc = service.documents.add_ingested(make_ingested()).value.document
    service.annotations.add_quote(doc.id, "Supervision is regular")
    window = make_window()
    window.open_document(doc.id)
    seen = {}

    def ask(parent, current, folder, name, workspace=None):
        seen["current"], seen["folder"] = current, folder
        return ExportRequest("json", doc.id, tmp_path / "log.json")

    monkeypatch.setattr(ExportDialog, "ask", classmethod(lambda cls, *a, **kw: ask(*a, **kw)))
    with qtbot.waitSignal(window.exporting.exported, timeout=30_000):  # off the GUI thread
        window.actions["export"].trigger()
    assert seen["current"] == (doc.id, doc.title)
    assert (tmp_path / "log.json").exists()
    dialog = ExportDialog(window, (doc.id, doc.title), tmp_path)
    qtbot.addWidget(dialog)
    dialog.format_box.setCurrentIndex(1)
    dialog.scope_box.setCurrentIndex(1)
    request = dialog.request()
    assert request == ExportRequest("xlsx", doc.id, tmp_path / "evidence-log.xlsx")


def test_recommendations_by_hand_and_evidence(qtbot, make_window, service, monkeypatch) -> None:
    from shiny_review.ui.dialogs.recommendation import RecommendationDialog
    from tests.factories import make_ingested

    first = service.documents.add_ingested(make_ingested()).value.document
    other = service.documents.add_ingested(make_ingested(source="b.txt", salt="b")).value.document
    window = make_window()
    window.open_document(first.id)
    answers = iter([("Improve the recording of visits.", "3"), ("Better recording.", "3")])
    monkeypatch.setattr(RecommendationDialog, "ask", classmethod(lambda cls, *a: next(answers)))
    window.actions["add_recommendation"].trigger()
    recs = service.recommendations.all(first.id)
    assert [r.text for r in recs][-1] == "Improve the recording of visits."
    table = window.recommendations_panel.table
    table.selectRow(2)
    window.actions["edit_recommendation"].trigger()
    assert service.recommendations.get(recs[2].id).text == "Better recording."
    window.actions["move_up"].trigger()
    assert [r.id for r in service.recommendations.all(first.id)][1] == recs[2].id
    window.state.undo_stack.undo()
    assert [r.id for r in service.recommendations.all(first.id)] == [r.id for r in recs]
    assert window.recommendations_panel.model.data(
        window.recommendations_panel.model.index(0, 3)
    ).startswith("⚠")

    # Evidence from two documents for recommendation 1 of the first document.
    rec = recs[0]
    a1 = service.annotations.add_quote(first.id, "Supervision is regular").value
    window.editing.link_dropped([a1.id], rec.id)  # as a drop of an annotation on the row does
    a2 = service.annotations.add_quote(
        other.id, "leaders know it", recommendation_ids=[rec.id]
    ).value
    table.selectRow(0)
    window.state.apply(Changed(recommendations=frozenset({rec.id})))  # as a service call reports
    evidence = window.evidence_panel.model
    assert evidence.rowCount() == 2
    assert "2 passages in 2 documents" in window.evidence_panel.title.text()
    row = next(r for r in range(2) if evidence.item_at(r).document_id == other.id)
    window.evidence_panel.table.activated.emit(evidence.index(row, 0))
    assert window.state.document.id == other.id
    assert window.state.selected_annotation == a2.id
    window.open_document(first.id)
    window.recommendations_panel.table.selectRow(0)
    window.actions["delete_recommendation"].trigger()
    assert rec.id not in {r.id for r in service.recommendations.all(first.id)}
    window.state.undo_stack.undo()
    assert rec.id in {r.id for r in service.recommendations.all(first.id)}


def test_author_preferences_and_layout_are_remembered(
    qtbot, make_window, service, window_settings
) -> None:
    window = make_window()
    window.preferences.set_author("Sam Reviewer")
    assert service.author == "Sam Reviewer"
    assert window_settings.author() == "Sam Reviewer"
    window.resize(760, 560)  # fits the offscreen screen, so restoreGeometry keeps it
    window.main_splitter.setSizes([150, 400, 200])
    sizes = window.main_splitter.sizes()
    size = window.size()
    window.close()
    again = make_window()
    assert again.size() == size
    assert again.main_splitter.sizes() == sizes


def test_every_action_is_named_and_listed(qtbot, make_window) -> None:
    from shiny_review.ui.dialogs.shortcuts import ShortcutsDialog, shortcut_rows

    window = make_window()
    for name, action in window.actions.items():
        assert action.text().replace("&", "").strip(), name
        assert action.toolTip(), name
        assert action.shortcuts(), name
    keys = " ".join(k for k, _ in shortcut_rows())
    for expected in (
        "Ctrl+Z",
        "Ctrl+Shift+Z",
        "Ctrl+F",
        "F3",
        "Ctrl+Shift+F",
        "Ctrl+E",
        "Ctrl+Q",
        "H",
        "1",
        "9",
        "Delete",
    ):
        assert expected in keys
    dialog = ShortcutsDialog.show_for(window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(shortcut_rows())
