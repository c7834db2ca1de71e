"""Opening a workspace inspects the file once, without reading every page (issue 16); the
window's open backup, which checks every page of its copy, runs on the backup thread."""

from __future__ import annotations

import queue
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from shiny_review.domain.errors import WorkspaceError
from shiny_review.storage import database, workspace
from shiny_review.storage.backups import BackupPolicy
from shiny_review.storage.database import inspect_file
from shiny_review.storage.workspace import Workspace


def test_open_inspects_the_file_once_and_skips_the_page_check(
    workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Workspace(workspace_path, "a").close()
    calls: list[bool] = []

    def counting(path: Path, *, integrity: bool = False) -> database.FileState:
        calls.append(integrity)
        return inspect_file(path, integrity=integrity)

    monkeypatch.setattr(database, "inspect_file", counting)
    monkeypatch.setattr(workspace, "inspect_file", counting)
    statements: list[str] = []
    real_connect = sqlite3.connect

    def traced(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(database.sqlite3, "connect", traced)
    Workspace(workspace_path, "a", backups=BackupPolicy(on_open=False)).close()
    assert calls == [False]
    assert not any("quick_check" in s or "integrity_check" in s for s in statements)


def _damage(workspace_path: Path) -> None:
    """Overwrite the root page of a table: the cheap open checks still pass."""
    conn = sqlite3.connect(workspace_path)
    conn.execute("CREATE TABLE filler (x)")
    conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 900,) for _ in range(200)])
    conn.commit()
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'filler'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(workspace_path.read_bytes())
    offset = (root - 1) * page_size
    data[offset : offset + page_size] = b"\xff" * page_size  # the table's root page
    workspace_path.write_bytes(bytes(data))


def test_the_page_check_still_finds_damage_when_asked(workspace_path: Path) -> None:
    Workspace(workspace_path, "a").close()
    _damage(workspace_path)
    assert inspect_file(workspace_path).exists  # the cheap open checks pass
    with pytest.raises(WorkspaceError, match="damaged"):
        inspect_file(workspace_path, integrity=True)


def _traced(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every SQL statement run from now on, with the name of the thread that ran it."""
    statements: list[tuple[str, str]] = []
    real_connect = sqlite3.connect

    def traced(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        conn.set_trace_callback(
            lambda sql: statements.append((threading.current_thread().name, sql))
        )
        return conn

    monkeypatch.setattr(sqlite3, "connect", traced)
    return statements


def test_the_windows_open_backup_and_its_check_run_off_the_open_path(
    workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the backup timer (the window), opening runs no page check on the opening
    thread; the open backup, checked with quick_check, is made on the backup thread."""
    Workspace(workspace_path, "a").close()
    statements = _traced(monkeypatch)
    opener = threading.current_thread().name
    with Workspace(workspace_path, "a", backup_timer=True) as ws:
        on_open = list(statements)
        deadline = time.monotonic() + 30
        while not ws.backups() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert [b.reason for b in ws.backups()] == ["open"]
    checks = [(t, s) for t, s in statements if "quick_check" in s or "integrity_check" in s]
    assert not any("check" in s and "PRAGMA" in s for _t, s in on_open)
    assert checks and all(t == "shiny-review-backups" for t, _s in checks)
    assert opener != "shiny-review-backups"


def test_a_command_still_backs_up_before_it_works(
    workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the timer (a one-shot command) the open backup is made while opening."""
    Workspace(workspace_path, "a").close()
    with Workspace(workspace_path, "a") as ws:
        assert [b.reason for b in ws.backups()] == ["open"]


def test_a_damaged_workspace_found_by_the_open_backup_is_reported(workspace_path: Path) -> None:
    Workspace(workspace_path, "a").close()
    _damage(workspace_path)
    reports: queue.Queue[str] = queue.Queue()
    with Workspace(workspace_path, "a", backup_timer=True) as ws:
        ws.watch_backups(reports.put)  # after the open: a report already made is passed on
        message = reports.get(timeout=30)
        assert ws.backups() == []  # no damaged copy is kept as a backup
    assert "damaged" in message and workspace_path.name in message
    assert "restore it from an earlier backup" in message
