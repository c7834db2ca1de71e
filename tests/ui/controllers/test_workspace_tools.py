"""The bin, the history of changes and backups in the window (issue 11), through the window:
its File menu actions, the dialogs they open, and what those do to the workspace."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from shiny_review.ui.controllers.workspace_tools import WorkspaceToolsController


def _file_menu_names(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [a.objectName() for a in window.menuBar().actions()[0].menu().actions()]


def test_bin_restores_a_deleted_highlight_undoably(qtbot, make_window, service, letter):  # type: ignore[no-untyped-def]
    ann = service.annotations.add(letter.id, 0, 20).value.id
    window = make_window()
    window.open_document(letter.id)
    window.select_annotation(ann)
    window.actions["delete"].trigger()
    assert service.annotations.get(ann).deleted
    assert "action_bin" in _file_menu_names(window)
    window.actions["bin"].trigger()
    dialog = window.tools.bin_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.rowCount() == 1
    assert dialog.selected_id() == ann
    assert letter.title in dialog.model.index(0, 0).data()
    dialog.restore_button.click()
    assert not service.annotations.get(ann).deleted
    assert window.annotations_panel.model.row_of(ann) >= 0
    assert dialog.model.rowCount() == 0 and not dialog.restore_button.isEnabled()
    assert window.state.undo_stack.undoText() == "Restore highlight from the bin"
    window.actions["undo"].trigger()
    assert service.annotations.get(ann).deleted
    assert dialog.model.rowCount() == 1


def test_bin_model(qtmodeltester, qtbot, make_window, service, letter) -> None:  # type: ignore[no-untyped-def]
    ann = service.annotations.add(letter.id, 0, 20).value.id
    service.annotations.delete(ann)
    window = make_window()
    dialog = window.tools.show_bin()
    qtmodeltester.check(dialog.model)


def test_history_shows_filters_and_exports(  # type: ignore[no-untyped-def]
    qtbot, qtmodeltester, make_window, service, letter, tmp_path
):
    service.author = "Alex Reviewer"
    ann = service.annotations.add(letter.id, 0, 20).value.id
    service.annotations.set_note(ann, "=HYPERLINK(bad)")
    window = make_window()
    window.actions["history"].trigger()
    dialog = window.tools.history_dialog
    assert dialog is not None and dialog.isVisible()
    qtmodeltester.check(dialog.model)
    total = len(service.history.entries())
    assert dialog.proxy.rowCount() == total >= 3
    qtbot.keyClicks(dialog.filter, "alex")
    shown = dialog.proxy.rowCount()
    assert 2 <= shown < total
    assert f"{shown} of {total}" in dialog.message.text()
    target = tmp_path / "history.csv"
    window.tools.ask_path = lambda _parent: target
    dialog.export_button.click()
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["When (UTC)", "Who", "Change"]
    assert len(rows) == shown + 1
    assert {r[1] for r in rows[1:]} == {"Alex Reviewer"}
    assert all(not cell.startswith(("=", "+", "@")) for r in rows for cell in r)


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_history_export_never_writes_onto_the_workspace(  # type: ignore[no-untyped-def]
    qtbot, make_window, service, letter, suffix
):
    window = make_window()
    dialog = window.tools.show_history()
    workspace = service.workspace_path
    target = workspace.with_name(workspace.name + suffix)
    before = target.read_bytes() if target.exists() else None
    window.tools.ask_path = lambda _parent: target
    errors: list[str] = []
    window.state.error.connect(errors.append)
    dialog.export_button.click()
    assert errors and "Not exported" in errors[0]
    assert (target.read_bytes() if target.exists() else None) == before


def test_history_export_never_writes_onto_a_backup(qtbot, make_window, service, letter):  # type: ignore[no-untyped-def]
    backup = service.backups.now("manual")
    before = backup.read_bytes()
    window = make_window()
    dialog = window.tools.show_history()
    window.tools.ask_path = lambda _parent: backup
    errors: list[str] = []
    window.state.error.connect(errors.append)
    dialog.export_button.click()
    assert errors and backup.read_bytes() == before


def test_backups_make_one_and_restore_it_in_the_window(  # type: ignore[no-untyped-def]
    qtbot, qtmodeltester, make_window, service, letter
):
    window = make_window()
    window.open_document(letter.id)
    tools: WorkspaceToolsController = window.tools
    window.actions["backups"].trigger()
    dialog = tools.backups_dialog
    assert dialog is not None and dialog.isVisible()
    count = dialog.model.rowCount()
    dialog.now_button.click()
    assert dialog.model.rowCount() == count + 1
    qtmodeltester.check(dialog.model)
    newest = Path(dialog.selected_id())
    assert newest.is_file()
    later = service.annotations.add(letter.id, 0, 20).value.id  # after the backup
    assert later in {a.id for a in service.annotations.all(letter.id)}

    asked: list[Path] = []
    tools.confirm = lambda _parent, path: asked.append(path) or False
    dialog.restore_button.click()
    assert asked == [newest]
    assert window.state.service is service  # cancelled: nothing replaced

    tools.confirm = lambda _parent, _path: True
    dialog.select_row(0)
    dialog.restore_button.click()
    try:
        restored = window.state.service
        assert restored is not service
        assert restored.workspace_path == service.workspace_path
        assert later not in {a.id for a in restored.annotations.all(letter.id)}
        assert window.state.document is not None and window.state.document.id == letter.id
        assert window.state.undo_stack.count() == 0
        assert "Restored" in window.statusBar().currentMessage()
        assert window.documents_panel.model.all_documents()
    finally:
        tools.shut_down()
