"""Opening a workspace inspects the file once, without reading every page (issue 16)."""

from __future__ import annotations

import sqlite3
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


def test_the_page_check_still_finds_damage_when_asked(workspace_path: Path) -> None:
    Workspace(workspace_path, "a").close()
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
    assert inspect_file(workspace_path).exists  # the cheap open checks pass
    with pytest.raises(WorkspaceError, match="damaged"):
        inspect_file(workspace_path, integrity=True)
