"""The export dialog, filled in without running it modally (its entry point is ``ask``), and
its refusal of the workspace, its WAL, its lock and its backups (issue 11)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from shiny_review.ui.dialogs.export import ExportDialog, ExportRequest
from tests.factories import make_ingested


def test_request_from_the_fields(qtbot, tmp_path: Path) -> None:
    dialog = ExportDialog(None, (7, "Letter"), tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.request() == ExportRequest("csv", None, tmp_path / "evidence-log.csv")
    dialog.format_box.setCurrentIndex(2)
    dialog.scope_box.setCurrentIndex(1)
    assert dialog.request() == ExportRequest("json", 7, tmp_path / "evidence-log.json")
    dialog.path_edit.setText("  ")
    assert dialog.request() is None


def test_whole_workspace_only_without_a_document(qtbot, tmp_path: Path) -> None:
    dialog = ExportDialog(None, None, tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.scope_box.count() == 1


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("target", ["workspace", "wal", "lock", "backup"])
def test_export_dialog_refuses_the_workspace_files(
    qtbot, make_window, service, workspace_path: Path, target: str
) -> None:
    doc = service.documents.add_ingested(make_ingested()).value.document
    service.annotations.add_quote(doc.id, "Supervision is regular")
    backup = service.backups.now("manual")
    window = make_window()
    # A reader keeps the WAL from being checkpointed away, as a second connection would.
    reader = sqlite3.connect(workspace_path)
    reader.execute("PRAGMA wal_autocheckpoint=0")
    paths = {
        "workspace": workspace_path,
        "wal": workspace_path.with_name(workspace_path.name + "-wal"),
        "lock": workspace_path.with_name(workspace_path.name + ".lock"),
        "backup": backup,
    }
    assert paths[target].exists()
    before = _snapshot(workspace_path.parent)

    dialog = ExportDialog(
        window, (doc.id, doc.title), workspace_path.parent, workspace=workspace_path
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.path_edit.setText(str(paths[target]))
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.refusal_label.isVisible()
    assert dialog.refusal_label.text().startswith("Refusing to write to")
    # Even a request that bypasses the dialog is refused by the export use case itself.
    assert window.exporting.export_to(ExportRequest("csv", None, paths[target])) is None
    assert "refusing" in window.statusBar().currentMessage()
    assert _snapshot(workspace_path.parent) == before
    reader.close()

    # Another file name is accepted.
    dialog.path_edit.setText(str(workspace_path.with_name("log.csv")))
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
