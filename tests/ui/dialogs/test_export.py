"""The export dialog refuses the workspace, its WAL, its lock and its backups (issue 11)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from shiny_review.ui.dialogs.export import ExportDialog, ExportRequest
from tests.factories import make_ingested


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
    doc = service.add_ingested(make_ingested()).value.document
    service.annotate_quote(doc.id, "Supervision is regular")
    backup = service.workspace.backup_now("manual")
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

    dialog = ExportDialog(window, (doc.id, doc.title), workspace_path.parent, workspace_path)
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
    assert window.export_to(ExportRequest("csv", None, paths[target])) is None
    assert "refusing" in window.statusBar().currentMessage()
    assert _snapshot(workspace_path.parent) == before
    reader.close()

    # Another file name is accepted.
    dialog.path_edit.setText(str(workspace_path.with_name("log.csv")))
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
