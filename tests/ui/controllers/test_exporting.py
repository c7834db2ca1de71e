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
    qtbot, state, parent, letter, window_settings, tmp_path, monkeypatch
) -> None:
    state.open_document(letter.id)
    exporting = ExportController(state, window_settings, parent)
    folder = window_settings.export_folder()
    asked = []

    def ask(cls, parent_widget, current, folder, *, name, workspace):
        asked.append((parent_widget, current, folder, workspace))
        return ExportRequest("csv", letter.id, tmp_path / "log.csv")

    monkeypatch.setattr(ExportDialog, "ask", classmethod(ask))
    with qtbot.waitSignal(exporting.exported, timeout=30_000):  # written off the GUI thread
        exporting.action_handlers()["export"]()
    # The dialog gets the workspace, so that its Save refuses the workspace's own files.
    assert asked == [(parent, (letter.id, letter.title), folder, state.service.workspace_path)]
    assert (tmp_path / "log.csv").exists()


def test_export_runs_off_the_gui_thread_with_progress(
    qtbot, state, service, parent, letter, window_settings, tmp_path, monkeypatch
) -> None:
    import threading

    from shiny_review.services.export import exporting as export_module

    for i in range(450):  # a large workspace: 450 rows, progress every 200
        service.annotations.add_quote(letter.id, "Supervision is regular", note=f"n{i}")
    seen: dict[str, object] = {}
    real_export = export_module.export

    def spy(*args, progress=None, **kwargs):
        seen["thread"] = threading.current_thread()
        seen["service"] = args[0]
        return real_export(*args, progress=progress, **kwargs)

    monkeypatch.setattr(export_module, "export", spy)
    exporting = ExportController(state, window_settings, parent)
    progressed: list[int] = []
    target = tmp_path / "log.csv"
    exporting.progressed.connect(progressed.append)
    with qtbot.waitSignal(exporting.exported, timeout=60_000) as blocker:
        exporting.start_export(ExportRequest("csv", None, target))
        assert exporting.running
    assert blocker.args == [452]  # and a row for each of 2 recommendations with no evidence
    assert seen["thread"] is not threading.main_thread()
    assert seen["service"] is not service  # its own read-only service, in its thread
    assert progressed == [200, 400, 452]  # delivered before the worker's finished
    assert not exporting.running and exporting.progress is None
    assert len(target.read_text(encoding="utf-8-sig").splitlines()) == 453
    assert window_settings.export_folder() == tmp_path


def test_a_failed_background_export_is_shown(qtbot, state, parent, window_settings, tmp_path):
    exporting = ExportController(state, window_settings, parent)
    errors: list[str] = []
    state.error.connect(errors.append)
    target = tmp_path / "missing" / "log.csv"
    with qtbot.waitSignal(exporting.exported, timeout=60_000) as blocker:
        exporting.start_export(ExportRequest("csv", None, target))
    assert blocker.args == [None]
    assert errors == [f"the folder {target.parent} does not exist"]


def test_dialog_opens_on_the_last_folder_with_authority_and_date(
    qtbot, state, service, parent, letter, window_settings, tmp_path, monkeypatch
) -> None:
    from datetime import date

    from PySide6.QtWidgets import QDialog

    from shiny_review.ui.controllers.exporting import suggested_name

    assert suggested_name("St. Helens", date(2026, 12, 4)) == "evidence-log-st-helens-2026-12-04"
    assert suggested_name(None, date(2026, 12, 4)) == "evidence-log-2026-12-04"
    state.open_document(letter.id)
    exporting = ExportController(state, window_settings, parent)
    last = tmp_path / "exports"
    last.mkdir()
    # no passage yet: a "no evidence" row for each of the letter's 2 recommendations
    assert exporting.export_to(ExportRequest("csv", None, last / "first.csv")) == 2
    shown: list[str] = []

    def exec_(dialog) -> int:
        shown.append(dialog.path_edit.text())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ExportDialog, "exec", exec_)
    exporting.export_interactively()
    name = suggested_name(letter.authority, date.today())
    assert letter.authority and letter.authority.split()[0].lower() in name
    assert shown == [str(last / f"{name}.csv")]


def test_a_team_workspace_exports_with_the_password_typed_in_the_window(
    qtbot, parent, window_settings, tmp_path, pg_server
) -> None:
    """The background export opens its own session of the server: with a password that the
    window's dialog was given (in no .pgpass, not in the credential store), it must not fail
    asking for it again, nor ask the person twice."""
    from shiny_review.services.session import close_service, open_service
    from shiny_review.storage.server_setup import EDITOR
    from shiny_review.ui.window_state import WindowState

    name = pg_server.new_database()
    login = f"typed_{pg_server.tag}"
    with pg_server.connect() as conn:
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone()
        verb = "ALTER" if exists else "CREATE"
        conn.execute(f"{verb} ROLE {login} LOGIN PASSWORD 'typed-at-the-window'")
        conn.execute(f"GRANT {EDITOR} TO {login}")
    asked: list[str] = []

    def typed(spec):
        asked.append(spec.user)
        return "typed-at-the-window"

    service = open_service(pg_server.spec(name, login), None, ask_password=typed)
    try:
        state = WindowState(service)
        exporting = ExportController(state, window_settings, parent)
        errors: list[str] = []
        state.error.connect(errors.append)
        target = tmp_path / "team-log.csv"
        with qtbot.waitSignal(exporting.exported, timeout=60_000) as blocker:
            exporting.start_export(ExportRequest("csv", None, target))
        assert errors == []
        assert blocker.args == [0]
        assert target.read_text(encoding="utf-8-sig").startswith('"annotation_id","document"')
        assert asked == [login]  # asked once, by the window
    finally:
        close_service(service)
        pg_server.drop_database(name)
