"""``run_window``: the window paints before the workspace opens, then gets it; a workspace
that cannot be opened is shown in a dialog and the app exits with 1."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from shiny_review.ui import launch
from shiny_review.ui.main_window import MainWindow


@pytest.fixture
def quiet_launch(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(launch, "user_settings", lambda: settings)
    monkeypatch.setattr(launch, "install_error_dialog", lambda app: None)


def test_window_paints_first_then_attaches_the_workspace(
    qapp: QApplication, quiet_launch: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: dict[str, object] = {}
    attach = MainWindow.attach

    def spy(window: MainWindow, service: object) -> None:
        seen["painted"] = window._painted
        seen["status_before"] = window.statusBar().currentMessage()
        seen["import_enabled_before"] = window.actions["import"].isEnabled()
        attach(window, service)  # type: ignore[arg-type]
        seen["import_enabled_after"] = window.actions["import"].isEnabled()
        QTimer.singleShot(0, window.close)

    monkeypatch.setattr(MainWindow, "attach", spy)
    code = launch.run_window(["--workspace", str(tmp_path / "w.sqlite"), "--author", "A"])
    assert code == 0
    assert seen == {
        "painted": True,
        "status_before": "Opening workspace…",
        "import_enabled_before": False,
        "import_enabled_after": True,
    }


def test_a_workspace_that_cannot_be_opened_is_shown_and_exits_1(
    qapp: QApplication, quiet_launch: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    not_ours = tmp_path / "notes.sqlite"
    not_ours.write_bytes(b"this is not a database, " * 100)
    shown: list[str] = []
    from PySide6.QtWidgets import QMessageBox  # launch imports it when it needs it

    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(sys, "stderr", None)  # as in a windowed build
    code = launch.run_window(["--workspace", str(not_ours), "--author", "A"])
    assert code == 1
    assert len(shown) == 1 and "notes.sqlite" in shown[0]
    for widget in qapp.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.close()


def test_the_window_opens_a_team_workspace_asking_the_password(
    qapp: QApplication,
    quiet_launch: None,
    monkeypatch: pytest.MonkeyPatch,
    pg_server: Any,
) -> None:
    """Issue 17: ``shiny-review --workspace postgresql://...`` opens the window on the server;
    a password neither .pgpass nor the credential store has is asked in a dialog, and the
    author is the login."""
    from shiny_review.storage.server_setup import EDITOR

    name = pg_server.new_database()
    login = f"dialog_{pg_server.tag}"
    with pg_server.connect() as conn:  # a login whose password is in no .pgpass
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone()
        verb = "ALTER" if exists else "CREATE"
        conn.execute(f"{verb} ROLE {login} LOGIN PASSWORD 'typed-secret'")
        conn.execute(f"GRANT {EDITOR} TO {login}")
    asked: list[str] = []

    def typed(parent: object, title: str, label: str, mode: object) -> tuple[str, bool]:
        asked.append(label)
        return "typed-secret", True

    monkeypatch.setattr("shiny_review.ui.dialogs.password.QInputDialog.getText", typed)
    seen: dict[str, object] = {}
    attach = MainWindow.attach

    def spy(window: MainWindow, service: Any) -> None:
        attach(window, service)
        seen["on_server"] = service.on_server
        seen["author"] = service.author
        QTimer.singleShot(0, window.close)

    monkeypatch.setattr(MainWindow, "attach", spy)
    try:
        url = pg_server.spec(name, login).label
        code = launch.run_window(["--workspace", url, "--author", "Someone Else"])
        assert code == 0
        assert seen == {"on_server": True, "author": login}
        assert len(asked) == 1 and login in asked[0]
    finally:
        pg_server.drop_database(name)


def test_the_collector_is_on_again_once_the_workspace_is_shown(
    qapp: QApplication, quiet_launch: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``app.main`` turns the cyclic collector off for the window's start (issue 16); the
    launch turns it on again once the workspace is attached and its document opened."""
    import gc

    seen: list[bool] = []
    attach = MainWindow.attach

    def spy(window: MainWindow, service: object) -> None:
        attach(window, service)  # type: ignore[arg-type]
        seen.append(gc.isenabled())
        QTimer.singleShot(0, window.close)

    monkeypatch.setattr(MainWindow, "attach", spy)
    gc.disable()
    try:
        code = launch.run_window(["--workspace", str(tmp_path / "w.sqlite"), "--author", "A"])
        enabled = gc.isenabled()
    finally:
        gc.enable()
    assert code == 0 and seen == [False] and enabled


def test_a_damaged_workspace_is_shown_once_the_window_is_up(
    qapp: QApplication, quiet_launch: None, tmp_path: Path
) -> None:
    """Issue 16 moved the open backup's check off the open path: the window opens a workspace
    with one damaged page, and the backup thread's finding reaches the person in a warning
    that leads to the Backups dialog."""
    import sqlite3

    from PySide6.QtWidgets import QMessageBox, QPushButton

    from shiny_review.storage.workspace import Workspace

    path = tmp_path / "w.sqlite"
    Workspace(path, "A").close()
    with sqlite3.connect(path) as conn:  # the action plan's evidence: not read at start
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'update_evidence'"
        ).fetchone()[0]
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * size)
        handle.write(b"\x07")  # not a b-tree page type
    seen: dict[str, object] = {}

    def look() -> None:
        boxes = [
            w
            for w in qapp.topLevelWidgets()
            if w.objectName() == "backupFailedBox" and w.isVisible()
        ]
        if not boxes:
            QTimer.singleShot(20, look)
            return
        box = boxes[0]
        assert isinstance(box, QMessageBox)
        seen["text"] = box.text()
        seen["button"] = box.findChild(QPushButton, "showBackups") is not None
        window = box.parentWidget()  # the window the warning is about
        assert isinstance(window, MainWindow)
        seen["status"] = window.statusBar().currentMessage()
        box.close()
        window.close()

    def give_up() -> None:  # no warning within a minute: fail, not hang
        for widget in qapp.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.close()

    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(give_up)
    guard.start(60_000)
    QTimer.singleShot(0, look)
    try:
        assert launch.run_window(["--workspace", str(path), "--author", "A"]) == 0
    finally:
        guard.stop()
    assert "text" in seen, "no warning was shown"
    assert "is damaged" in str(seen["text"]) and "restore it" in str(seen["text"])
    assert seen["button"] is True
    assert seen["status"] == seen["text"]
