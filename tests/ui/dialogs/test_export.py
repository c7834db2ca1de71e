"""The export dialog, filled in without running it modally (its entry point is ``ask``)."""

from __future__ import annotations

from pathlib import Path

from shiny_review.ui.dialogs.export import ExportDialog, ExportRequest


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
