"""ExportController built with a WindowState and no MainWindow."""

from __future__ import annotations

import json

from shiny_review.ui.controllers.exporting import ExportController
from shiny_review.ui.dialogs.export import ExportDialog, ExportRequest


def test_export_to_a_file(state, service, parent, letter, window_settings, tmp_path) -> None:
    service.annotations.add_quote(letter.id, "Supervision is regular")
    exporting = ExportController(state, window_settings, parent)
    statuses: list[str] = []
    state.status.connect(statuses.append)
    target = tmp_path / "out" / "log.json"
    target.parent.mkdir()
    assert exporting.export_to(ExportRequest("json", None, target)) == 1
    assert json.loads(target.read_text(encoding="utf-8"))
    assert statuses == [f"Exported 1 row to {target}"]
    assert window_settings.export_folder() == target.parent


def test_a_failed_export_is_shown(state, parent, window_settings, tmp_path) -> None:
    exporting = ExportController(state, window_settings, parent)
    errors: list[str] = []
    state.error.connect(errors.append)
    target = tmp_path / "missing" / "log.csv"
    assert exporting.export_to(ExportRequest("csv", None, target)) is None
    assert errors == [f"the folder {target.parent} does not exist"]
    assert window_settings.export_folder() != target.parent


def test_the_dialog_is_asked_with_the_open_document(
    state, parent, letter, window_settings, tmp_path, monkeypatch
) -> None:
    state.open_document(letter.id)
    exporting = ExportController(state, window_settings, parent)
    folder = window_settings.export_folder()
    asked = []

    def ask(cls, parent_widget, current, folder, workspace):
        asked.append((parent_widget, current, folder, workspace))
        return ExportRequest("csv", letter.id, tmp_path / "log.csv")

    monkeypatch.setattr(ExportDialog, "ask", classmethod(ask))
    exporting.action_handlers()["export"]()
    # The dialog gets the workspace, so that its Save refuses the workspace's own files.
    assert asked == [(parent, (letter.id, letter.title), folder, state.service.workspace_path)]
    assert (tmp_path / "log.csv").exists()
