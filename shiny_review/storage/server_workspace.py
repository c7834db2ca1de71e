"""A workspace on a PostgreSQL server, used exactly as a workspace file is (``Workspace``).

The differences are the server's: no file lock (many officers write at once, each action one
transaction); the author of every change is the database login, which ``--author`` cannot
change; what a login may do is what IT granted (a reader's write is refused with one line,
nothing changed); backups are IT's ``pg_dump`` job, not files the app writes.

``open_workspace(target, author)`` opens either kind: a ``Path`` (a SQLite file) or a
``ServerSpec`` (``runtime/workspace_spec.py``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from shiny_review.domain.errors import WorkspaceError
from shiny_review.domain.workspace_spec import ServerSpec, WorkspaceTarget
from shiny_review.storage.backups import BackupInfo, BackupPolicy
from shiny_review.storage.change_listener import ChangeListener
from shiny_review.storage.engines.postgresql import READ_ONLY_MESSAGE, AskPassword
from shiny_review.storage.repository import Repository
from shiny_review.storage.server_database import ServerDatabase
from shiny_review.storage.workspace import Workspace, open_file_workspace

BACKUPS_ARE_IT = (
    "this workspace is on a PostgreSQL server: its backups are IT's pg_dump job "
    "(see docs/team-server.md), not files the app writes"
)


def impersonation_message(login: str, author: str) -> str:
    return (
        f"on a server workspace the author of every change is your database login ({login}); "
        f"--author {author} cannot change it"
    )


class ServerWorkspace(Workspace):
    """One open server workspace. ``write()`` is one user action: one transaction."""

    def __init__(
        self,
        spec: ServerSpec,
        author: str | None = None,
        *,
        read_only: bool = False,
        ask_password: AskPassword | None = None,
        **_ignored: Any,  # a file's options (backups, timer, purpose) mean nothing here
    ) -> None:
        self.spec = spec
        self.path = spec.source or Path(spec.label)
        self.read_only = read_only
        self._timer = None
        self._lock = None
        self.last_backup = None
        self._server = ServerDatabase(spec, ask=ask_password, read_only=read_only)
        self._login = self._server.login
        if author is not None and author.strip() and author.strip() != self._login:
            self._server.close()
            raise WorkspaceError(impersonation_message(self._login, author.strip()))
        self.writable = self._server.can_write
        self.policy = BackupPolicy(on_open=False)

    @property
    def author(self) -> str:
        return self._login

    @author.setter
    def author(self, name: str) -> None:
        if name.strip() != self._login:
            raise WorkspaceError(impersonation_message(self._login, name.strip()))

    def same_password(self) -> AskPassword:
        """What a worker's own session of this workspace is told when it asks the password."""
        return self._server.same_password()

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def migration_backup(self) -> Path | None:
        return None

    def _require_writer(self) -> None:
        if not self.writable:
            raise WorkspaceError(READ_ONLY_MESSAGE)

    @contextlib.contextmanager
    def write(self) -> Iterator[Repository]:
        self._require_writer()
        with self._server.write() as session:
            yield Repository(session, self._login)

    @contextlib.contextmanager
    def read(self) -> Iterator[Repository]:
        with self._server.read() as session:
            yield Repository(session, self._login)

    @contextlib.contextmanager
    def light_read(self) -> Iterator[Repository]:
        """The ORM repository: a server workspace has no driver-only reader."""
        with self.read() as repo:
            yield repo

    @contextlib.contextmanager
    def light_write(self) -> Iterator[Repository]:
        """The ORM repository: a server workspace has no driver-only writer."""
        with self.write() as repo:
            yield repo

    @contextlib.contextmanager
    def light_import(self) -> Iterator[Repository]:
        """The ORM repository: a server workspace imports with it."""
        with self.write() as repo:
            yield repo

    def backup_now(self, reason: str = "manual") -> Path:
        raise WorkspaceError(BACKUPS_ARE_IT)

    def backups(self) -> list[BackupInfo]:
        return []

    def watch_backups(self, report: Callable[[str], None]) -> None:
        """Nothing to watch: the app makes no backups of a server workspace."""

    def set_backup_policy(
        self, keep: int | None = None, interval_minutes: float | None = None
    ) -> None:
        raise WorkspaceError(BACKUPS_ARE_IT)

    def change_listener(self) -> ChangeListener:
        """Wakes on other sessions' commits (LISTEN/NOTIFY); run it on a worker thread."""
        return self._server.change_listener()

    def close(self) -> None:
        self._server.close()


def open_workspace(
    target: WorkspaceTarget,
    author: str | None,
    *,
    read_only: bool = False,
    ask_password: AskPassword | None = None,
    **options: Any,
) -> Workspace:
    """A workspace file (``Path``) or a server workspace (``ServerSpec``)."""
    if isinstance(target, ServerSpec):
        return ServerWorkspace(target, author, read_only=read_only, ask_password=ask_password)
    return open_file_workspace(Path(target), author, read_only=read_only, **options)
