"""Opening workspaces: pragmas, application id, migrations, refusing files that are not ours."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from shiny_review.domain.errors import WorkspaceError
from shiny_review.storage.database import APPLICATION_ID, head_revision
from shiny_review.storage.workspace import Workspace


def test_new_workspace_is_wal_full_stamped_and_migrated(workspace_path: Path) -> None:
    with Workspace(workspace_path, "a") as ws, ws.write() as repo:
        conn = repo._s.connection()
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    raw = sqlite3.connect(workspace_path)
    assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert raw.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    raw.close()


def test_reopen_keeps_data(workspace_path: Path) -> None:
    from tests.factories import make_ingested

    with Workspace(workspace_path, "a") as ws, ws.write() as repo:
        repo.add_document(make_ingested())
    with Workspace(workspace_path, "a") as ws, ws.read() as repo:
        assert len(repo.list_documents()) == 1


def _refused(path: Path, match: str) -> None:
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match=match):
        Workspace(path, "a")
    assert path.read_bytes() == before


def test_random_bytes_are_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "noise.sqlite"
    path.write_bytes(bytes(range(256)) * 8)
    _refused(path, "not a SQLite database")


def test_other_application_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.commit()
    conn.close()
    _refused(path, "another application")


def test_newer_version_is_refused_untouched(workspace_path: Path) -> None:
    Workspace(workspace_path, "a").close()
    conn = sqlite3.connect(workspace_path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    conn.commit()
    conn.close()
    _refused(workspace_path, "newer version")


def test_truncated_workspace_is_refused_untouched(workspace_path: Path) -> None:
    from tests.factories import make_ingested

    with Workspace(workspace_path, "a") as ws, ws.write() as repo:
        repo.add_document(make_ingested())
    data = workspace_path.read_bytes()
    workspace_path.write_bytes(data[: len(data) // 3])
    for extra in ("-wal", "-shm"):
        Path(str(workspace_path) + extra).unlink(missing_ok=True)
    _refused(workspace_path, "damaged|truncated")


def test_history_is_append_only(workspace_path: Path) -> None:
    from tests.factories import make_ingested

    with Workspace(workspace_path, "a") as ws, ws.write() as repo:
        repo.add_document(make_ingested())
    conn = sqlite3.connect(workspace_path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM history")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE history SET author = 'x'")
    conn.close()
