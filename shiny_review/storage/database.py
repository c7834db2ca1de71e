"""Opening a workspace file safely: checks, pragmas, migrations with a backup first.

(A workspace on a PostgreSQL server opens through ``server_database.py`` instead.)

A workspace is one SQLite file in WAL mode with synchronous=FULL and foreign keys on,
stamped with our application id. Files that are not ours, or that a newer version wrote,
are refused before anything is written to them.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from shiny_review.domain.errors import WorkspaceError
from shiny_review.storage.backups import BackupPolicy, copy_database, make_backup
from shiny_review.storage.io_errors import explain_os_error, explain_storage_failure
from shiny_review.storage.revisions import APPLICATION_ID as APPLICATION_ID
from shiny_review.storage.revisions import REVISIONS as REVISIONS
from shiny_review.storage.revisions import head_revision as head_revision

SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS = Path(__file__).with_name("migrations")

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session


def _alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def _make_engine(path: Path, *, immediate: bool) -> Engine:
    """``engines.sqlite.make_engine``, imported (with SQLAlchemy) only when an engine is made."""
    from shiny_review.storage.engines.sqlite import make_engine

    return make_engine(path, immediate=immediate)


def alembic_revisions() -> list[str]:
    """The revisions Alembic finds in migrations/versions, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return [s.revision for s in reversed(list(script.walk_revisions()))]


@dataclass(frozen=True, slots=True)
class FileState:
    """What a workspace file holds before we touch it."""

    exists: bool
    revision: str | None


def _truncated(header: bytes, size: int) -> bool:
    """The file is shorter than the page count its header gives (when that count is valid)."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]  # the count is valid for this change counter
    return valid and pages > 0 and size < pages * page_size


def inspect_file(path: Path, *, integrity: bool = False) -> FileState:
    """Check that ``path`` is absent, empty, or one of our workspaces; never writes to it.

    The checks are cheap (header, truncation, application id, schema, revision) so that
    opening a workspace costs the same at any size. ``integrity=True`` adds SQLite's
    ``quick_check``, which reads every page: restores ask for it, and every backup runs it
    on its copy (``backups.copy_database``), so a workspace is checked whole at each
    backup instead of on each open (issue 16).
    """
    if not path.exists() or path.stat().st_size == 0:
        return FileState(exists=False, revision=None)
    if path.is_dir():
        raise WorkspaceError(f"{path} is a folder, not a workspace file")
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_MAGIC):
        raise WorkspaceError(f"{path} is not a Shiny Review workspace (not a SQLite database)")
    if len(header) < 100 or _truncated(header, path.stat().st_size):
        raise WorkspaceError(f"{path} is damaged: the file is truncated")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        cause = explain_storage_failure(str(exc), path)
        raise WorkspaceError(cause or f"{path} cannot be opened: {exc}") from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables):
            raise WorkspaceError(
                f"{path} is a SQLite database of another application, not a Shiny Review workspace"
            )
        if integrity:
            quick = conn.execute("PRAGMA quick_check").fetchone()[0]
            if quick != "ok":
                raise WorkspaceError(f"{path} is damaged ({quick}); restore it from a backup")
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        # A full disk or a read-only folder is not damage: say what it is (io_errors.py).
        cause = explain_storage_failure(str(exc), path)
        if cause is not None:
            raise WorkspaceError(cause) from exc
        raise WorkspaceError(f"{path} is damaged ({exc}); restore it from a backup") from exc
    finally:
        conn.close()
    if revision is not None and revision not in REVISIONS:
        raise WorkspaceError(
            f"{path} was made by a newer version of Shiny Review; update the app to open it"
        )
    return FileState(exists=True, revision=revision)


def backup_file(source: Path, target: Path) -> Path:
    """Copy a live workspace consistently with the SQLite backup API."""
    return copy_database(source, target)


class Database:
    """An open workspace: a write engine (BEGIN IMMEDIATE) and a read engine.

    ``read_only`` opens never write to the file: no migration, no stamping. They are used
    while another process holds the writer lock.
    """

    def __init__(
        self,
        path: Path,
        *,
        read_only: bool = False,
        backups: BackupPolicy | None = None,
        state: FileState | None = None,
    ) -> None:
        self.path = path
        self.last_backup: Path | None = None
        # ``state``: what the caller's inspect_file found (the workspace inspects the file
        # once, before taking its lock, and passes it on).
        state = state if state is not None else inspect_file(path)
        if read_only:
            if not state.exists:
                raise WorkspaceError(f"there is no workspace at {path} yet")
            if state.revision != head_revision():
                raise WorkspaceError(
                    f"{path} was made by an older version of Shiny Review and needs an "
                    "upgrade: open it in the app (or run a command that changes it) to upgrade "
                    "it; reading it does not"
                )
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WorkspaceError(explain_os_error(exc)) from exc
        # SQLAlchemy loads here: a window reads its start with the driver (``quick_reads``)
        # and opens this only for its first write, or just after its first document shows.
        from sqlalchemy.orm import sessionmaker

        self.write_engine = _make_engine(path, immediate=True)
        self.read_engine = _make_engine(path, immediate=False)
        if not read_only:
            with self._disk_errors():
                if state.exists and state.revision != head_revision():
                    self.last_backup = make_backup(path, "before-migration", backups)
                self._migrate()
        self._writer = sessionmaker(self.write_engine, expire_on_commit=False)
        self._reader = sessionmaker(self.read_engine, expire_on_commit=False)

    def _migrate(self) -> None:
        with self.write_engine.connect() as conn:
            has_version = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).first()
            row = (
                conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
                if has_version
                else None
            )
            current = row[0] if row else None
            conn.rollback()
        if current != head_revision():
            from alembic import command

            # All pending revisions run in one transaction (see migrations/env.py) with
            # foreign keys off, so a table rebuild cannot cascade deletes; a kill leaves
            # the old schema or the new one, with every row.
            command.upgrade(_alembic_config(self.write_engine), "head")
            self.write_engine.dispose()  # fresh connections get foreign_keys=ON again
        with self.write_engine.connect() as conn:
            if conn.exec_driver_sql("PRAGMA application_id").scalar() != APPLICATION_ID:
                conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            conn.commit()

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One user action: a single BEGIN IMMEDIATE transaction, committed or rolled back."""
        with self._disk_errors(), self._writer() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self._disk_errors(), self._reader() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def _disk_errors(self) -> Iterator[None]:
        """A full disk or a read-only file becomes one line naming it (io_errors.py)."""
        from sqlalchemy.exc import OperationalError

        try:
            yield
        except (OperationalError, sqlite3.OperationalError) as exc:
            cause = explain_storage_failure(str(getattr(exc, "orig", None) or exc), self.path)
            if cause is None:
                raise
            raise WorkspaceError(cause) from exc

    def settings(self) -> dict[str, str]:
        """The workspace's key/value settings (empty before migration 0002)."""
        with self.read_engine.connect() as conn:
            has = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='settings'"
            ).first()
            if not has:
                return {}
            rows = conn.exec_driver_sql("SELECT key, value FROM settings").all()
            conn.rollback()
        return {str(k): str(v) for k, v in rows}

    def set_setting(self, key: str, value: str) -> None:
        with self.write_engine.connect() as conn:
            conn.exec_driver_sql(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
            conn.commit()

    def close(self) -> None:
        self.write_engine.dispose()
        self.read_engine.dispose()
