"""The workspace: an open database plus the unit-of-work entry points services use.

A writing open takes the workspace's writer lock (``lock.py``) before anything else touches
the file, backs the workspace up (``backups.py``) and migrates it if it is older. A read-only
open (``read_only=True``) takes no lock, makes no backup and runs no migration: it works while
another process writes, and never writes itself (a workspace from an older version is refused
with a line saying the app upgrades it).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shiny_review.domain.errors import WorkspaceError, WorkspaceLockedError
from shiny_review.storage.backups import (
    BackupInfo,
    BackupPolicy,
    list_backups,
    make_backup,
    newest_backup_age_s,
)
from shiny_review.storage.database import Database, FileState, head_revision, inspect_file
from shiny_review.storage.io_errors import explain_storage_failure
from shiny_review.storage.lock import WorkspaceLock
from shiny_review.storage.quick_reads import QuickConnections
from shiny_review.storage.quick_writes import QuickWriter

if TYPE_CHECKING:  # SQLAlchemy loads with the first write, not with the window (issue 16)
    from shiny_review.storage.change_listener import ChangeListener
    from shiny_review.storage.quick_imports import LightImports
    from shiny_review.storage.quick_reads import LightReads
    from shiny_review.storage.quick_writes import LightWrites
    from shiny_review.storage.repository import Repository

log = logging.getLogger(__name__)

SETTING_KEEP = "backups_keep"
SETTING_INTERVAL = "backup_interval_minutes"


class Workspace:
    """One open workspace file. ``write()`` is one user action: one transaction.

    An up-to-date file opens without SQLAlchemy: the checks, the lock and the backup policy
    use the driver, ``light_read()`` reads with it (``quick_reads.py``), ``light_write()``
    makes a reviewer's everyday writes with it (``quick_writes.py``), and the ORM and its
    engines (``Database``) load at the first ``read()`` or ``write()`` (a rare write).
    A new file, or one that needs a migration, opens them at once (backup first).
    """

    def __init__(
        self,
        path: Path,
        author: str,
        *,
        read_only: bool = False,
        backups: BackupPolicy | None = None,
        backup_timer: bool = False,
        purpose: str = "",
    ) -> None:
        self.path = Path(path)
        self.author = author
        self.read_only = read_only
        self._timer: _BackupTimer | None = None
        self._lock: WorkspaceLock | None = None
        self.last_backup: Path | None = None
        state = inspect_file(self.path)  # refuses files that are not ours, untouched
        existed = state.exists
        if not read_only:
            self._lock = WorkspaceLock(self.path, purpose).acquire()
        writer = self._lock is not None
        self.writable = writer
        self._database: Database | None = None
        self._database_lock = threading.Lock()
        self._open_args: tuple[BackupPolicy | None, FileState] = (backups, state)
        self._quick: QuickConnections | None = None
        self._writer = QuickWriter(self.path, lambda: self.author)
        try:
            if not existed or state.revision != head_revision():
                self._open_database()  # created, or migrated with a backup first
            if self._lock is not None:
                self._lock.cover_database()  # a new workspace exists only now
            self._quick = QuickConnections(self.path)
        except BaseException:
            self._release()
            raise
        self.policy = self._policy(backups)
        self._problems = _BackupProblems()
        due = False
        if writer and existed and self.migration_backup is None and self.policy.on_open:
            age = newest_backup_age_s(self.path, self.policy)
            due = age is None or age >= self.policy.interval_s
        if backup_timer and writer:
            # The window: the open backup, which reads every page and checks the copy
            # (``quick_check``), runs first on the timer's thread, off the open path; a
            # failure (a damaged workspace) goes to ``watch_backups`` (issue 16).
            self._timer = _BackupTimer(self, open_backup=due)
            self._timer.start()
        elif due:
            self.backup_now("open")

    def _open_database(self) -> Database:
        """The engines and the ORM (SQLAlchemy), opened once, on first need."""
        with self._database_lock:
            if self._database is None:
                backups, state = self._open_args
                self._database = Database(
                    self.path, read_only=not self.writable, backups=backups, state=state
                )
            return self._database

    @property
    def _db(self) -> Database:
        return self._database if self._database is not None else self._open_database()

    def _settings(self) -> dict[str, str]:
        if self._database is not None:
            return self._database.settings()
        assert self._quick is not None
        with self._quick.read() as reads:
            conn = reads._driver()
            has = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='settings'"
            ).fetchone()
            rows = conn.execute("SELECT key, value FROM settings").fetchall() if has else []
        return {str(k): str(v) for k, v in rows}

    def _policy(self, given: BackupPolicy | None) -> BackupPolicy:
        if given is not None:
            return given
        base = BackupPolicy()
        stored = self._settings()
        keep, interval = base.keep, base.interval_s
        with contextlib.suppress(ValueError, KeyError):
            keep = max(1, int(stored[SETTING_KEEP]))
        with contextlib.suppress(ValueError, KeyError):
            interval = max(1.0, float(stored[SETTING_INTERVAL]) * 60)
        return BackupPolicy(keep=keep, interval_s=interval, on_open=base.on_open)

    @property
    def migration_backup(self) -> Path | None:
        return None if self._database is None else self._database.last_backup

    def _require_writer(self) -> None:
        if not self.writable:
            raise WorkspaceLockedError(
                f"{self.path} is open read-only here: another Shiny Review window or "
                "command is writing to it"
            )

    @contextlib.contextmanager
    def write(self) -> Iterator[Repository]:
        from shiny_review.storage.repository import Repository

        self._require_writer()
        with self._db.write() as session:
            yield Repository(session, self.author)

    @contextlib.contextmanager
    def read(self) -> Iterator[Repository]:
        from shiny_review.storage.repository import Repository

        with self._db.read() as session:
            yield Repository(session, self.author)

    @contextlib.contextmanager
    def light_write(self) -> Iterator[LightWrites]:
        """One everyday write of a reviewer (a highlight, its undo, a link, a stance or a
        note: ``quick_writes.LightWrites``), one transaction, with the driver: no SQLAlchemy
        loaded for it."""
        self._require_writer()
        with self._explained(), self._writer.write() as writes:
            yield writes

    @contextlib.contextmanager
    def light_import(self) -> Iterator[LightImports]:
        """An import's store (a batch of files: ``quick_imports.QuickImports``), one
        transaction, with the driver: the ORM's rows without SQLAlchemy's cost."""
        from shiny_review.storage.quick_imports import QuickImports

        self._require_writer()
        with self._explained(), self._writer.transaction() as conn:
            yield QuickImports(conn, self.author)

    @contextlib.contextmanager
    def _explained(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.OperationalError as exc:  # a full disk, a file gone read-only
            cause = explain_storage_failure(str(exc), self.path)
            if cause is None:
                raise
            raise WorkspaceError(cause) from exc

    @contextlib.contextmanager
    def light_read(self) -> Iterator[LightReads]:
        """The reads a window needs at start (``quick_reads.LightReads``), in one snapshot,
        with the driver: no SQLAlchemy loaded for them."""
        assert self._quick is not None
        try:
            with self._quick.read() as reads:
                yield reads
        except sqlite3.OperationalError as exc:  # a full disk, a file gone read-only
            cause = explain_storage_failure(str(exc), self.path)
            if cause is None:
                raise
            raise WorkspaceError(cause) from exc

    # -- backups --------------------------------------------------------------------------

    def backup_now(self, reason: str = "manual") -> Path:
        """A rotating backup of the workspace now (SQLite backup API)."""
        self.last_backup = make_backup(self.path, reason, self.policy)
        return self.last_backup

    def backups(self) -> list[BackupInfo]:
        return list_backups(self.path, self.policy)

    def watch_backups(self, report: Callable[[str], None]) -> None:
        """``report(message)``, from the backup thread, when a background backup fails (the
        open backup's check finding the workspace damaged, a full disk); a failure seen
        before the call is reported at once."""
        self._problems.watch(report)

    def set_backup_policy(
        self, keep: int | None = None, interval_minutes: float | None = None
    ) -> None:
        self._require_writer()
        if keep is not None:
            if keep < 1:
                raise WorkspaceError("keep at least one backup")
            self._db.set_setting(SETTING_KEEP, str(keep))
        if interval_minutes is not None:
            if interval_minutes <= 0:
                raise WorkspaceError("the backup interval must be more than zero minutes")
            self._db.set_setting(SETTING_INTERVAL, f"{interval_minutes:g}")
        self.policy = self._policy(None)

    # -- closing --------------------------------------------------------------------------

    def change_listener(self) -> ChangeListener | None:
        """None: a workspace file has no notifications; its readers poll (issue 17)."""
        return None

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def close(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        quick, database = getattr(self, "_quick", None), getattr(self, "_database", None)
        if quick is not None:
            quick.close()
        writer = getattr(self, "_writer", None)
        if writer is not None:
            writer.close()
        if database is not None:
            database.close()
        self._release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _BackupProblems:
    """Failed background backups, kept until someone watches them, then passed on."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: list[str] = []
        self._report: Callable[[str], None] | None = None

    def add(self, message: str) -> None:
        with self._lock:
            report = self._report
            if report is None:
                self._seen.append(message)
        if report is not None:
            report(message)

    def watch(self, report: Callable[[str], None]) -> None:
        with self._lock:
            self._report = report
            seen, self._seen = self._seen, []
        for message in seen:
            report(message)


class _BackupTimer(threading.Thread):
    """Backs the workspace up on open (``open_backup``), then every ``policy.interval_s``
    while it changes."""

    def __init__(self, workspace: Workspace, *, open_backup: bool = False) -> None:
        super().__init__(name="shiny-review-backups", daemon=True)
        self._workspace = workspace
        self._open_backup = open_backup
        self._halt = threading.Event()
        self._seen = self._fingerprint()

    def _fingerprint(self) -> tuple[int, ...]:
        path = self._workspace.path
        out: list[int] = []
        for p in (path, path.with_name(path.name + "-wal")):
            try:
                st = p.stat()
                out += [st.st_size, st.st_mtime_ns]
            except OSError:
                out += [0, 0]
        return tuple(out)

    def run(self) -> None:
        if self._open_backup:
            self._back_up("open")
        while not self._halt.wait(self._workspace.policy.interval_s):
            now = self._fingerprint()
            if now != self._seen and self._back_up("timer"):
                self._seen = now

    def _back_up(self, reason: str) -> bool:
        try:
            self._workspace.backup_now(reason)
        except WorkspaceError as exc:  # damage or a full disk: the person must know
            log.error("the %s backup of %s failed: %s", reason, self._workspace.path, exc)
            self._workspace._problems.add(str(exc))
            return False
        except Exception:  # a failed backup must never stop the work; it is logged
            log.exception("the %s backup of %s failed", reason, self._workspace.path)
            return False
        return True

    def stop(self) -> None:
        self._halt.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout=30)


def open_file_workspace(path: Path, author: str | None, **options: Any) -> Workspace:
    """A workspace file for ``author`` (a file needs one; a server's is its login)."""
    if author is None:
        raise WorkspaceError("a workspace file needs an author name")
    return Workspace(Path(path), author, **options)
