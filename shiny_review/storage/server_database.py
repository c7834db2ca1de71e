"""Opening a workspace on a PostgreSQL server: connect, check the login's rights, migrate.

The same Alembic migrations as a workspace file; they run when the login may run them (IT's
``server-setup``, or the database's owner), in one transaction under an advisory lock so two
officers opening at once do not both migrate. An officer's login (``shiny_review_editor`` or
``shiny_review_reader``) never changes the schema: an older schema is refused with a line
saying IT upgrades it. There is no file lock, WAL or backup file here: each user action is one
transaction, and backups are IT's ``pg_dump``.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from shiny_review.domain.errors import WorkspaceError
from shiny_review.domain.workspace_spec import ServerSpec
from shiny_review.storage.change_listener import ChangeListener
from shiny_review.storage.database import REVISIONS, _alembic_config, head_revision
from shiny_review.storage.engines.postgresql import (
    READ_ONLY_MESSAGE,
    AskPassword,
    _connect,
    explain_connect_error,
    make_engine,
    resolve_password,
)
from shiny_review.storage.search_index import fill_search_terms

_RIGHTS = text(
    "SELECT current_user, "
    "to_regclass('public.alembic_version') IS NOT NULL, "
    "to_regclass('public.documents') IS NOT NULL, "
    "has_schema_privilege('public', 'CREATE')"
)
_TABLE_RIGHTS = text(
    "SELECT has_table_privilege('public.documents', 'SELECT'), "
    "has_table_privilege('public.annotations', 'INSERT')"
)


@dataclass(frozen=True, slots=True)
class Rights:
    login: str
    has_schema: bool
    revision: str | None
    can_read: bool
    can_write: bool
    can_migrate: bool


def no_access_message(spec: ServerSpec, login: str) -> str:
    return (
        f"the login {login} has no access to the Shiny Review workspace in database "
        f"{spec.database} on {spec.host}: ask IT to grant it shiny_review_reader or "
        "shiny_review_editor"
    )


def is_permission_error(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", exc)
    return getattr(orig, "sqlstate", None) == "42501"  # insufficient_privilege


class ServerDatabase:
    """An open server workspace: one pooled engine, one session per user action."""

    def __init__(
        self, spec: ServerSpec, *, ask: AskPassword | None = None, read_only: bool = False
    ) -> None:
        self.spec = spec
        password = resolve_password(spec, ask)
        self._password = password
        self.engine = make_engine(spec, password)
        # the change listener's own connection (issue 17): the same server, login and password
        self._listen = functools.partial(_connect, spec, password, autocommit=True)
        self.write_engine = self.read_engine = self.engine
        try:
            rights = self._rights()
            if rights.revision != head_revision() and not read_only:
                self._migrate(rights)
                rights = self._rights()
            self._check(rights)
        except BaseException:
            self.engine.dispose()
            raise
        self.login = rights.login
        self.can_write = rights.can_write and not read_only
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if self.can_write:
            with self.engine.begin() as conn:
                fill_search_terms(conn)  # rows a copy inserted without them

    def same_password(self) -> AskPassword:
        """Answers another session's question for this server's password (a worker thread's
        own session) with the one this session connected with, typed or stored, never asking
        a person again; kept in memory only."""
        spec, password = self.spec, self._password

        def answer(asked: ServerSpec) -> str | None:
            return password if asked == spec else None

        return answer

    def _rights(self) -> Rights:
        try:
            with self.engine.connect() as conn:
                login, has_version, has_schema, can_create = conn.execute(_RIGHTS).one()
                revision, can_read, can_write = None, False, False
                if has_schema:
                    can_read, can_write = conn.execute(_TABLE_RIGHTS).one()
                if has_version and can_read:
                    revision = conn.execute(
                        text("SELECT version_num FROM alembic_version")
                    ).scalar()
                conn.rollback()
        except OperationalError as exc:
            raise WorkspaceError(explain_connect_error(self.spec, exc)) from exc
        return Rights(str(login), bool(has_schema), revision, bool(can_read), bool(can_write),
                      bool(can_create))  # fmt: skip

    def _migrate(self, rights: Rights) -> None:
        if rights.has_schema and not rights.can_read:
            raise WorkspaceError(no_access_message(self.spec, rights.login))
        if rights.revision is not None and rights.revision not in REVISIONS:
            return  # _check says it
        if not rights.can_migrate:
            return  # _check says what is missing
        from alembic import command

        try:
            command.upgrade(_alembic_config(self.engine), "head")
        except (ProgrammingError, DBAPIError) as exc:
            if is_permission_error(exc):
                return  # _check explains
            raise

    def _check(self, rights: Rights) -> None:
        where = f"database {self.spec.database} on {self.spec.host}"
        if rights.has_schema and not rights.can_read:
            raise WorkspaceError(no_access_message(self.spec, rights.login))
        if rights.revision is None:
            raise WorkspaceError(
                f"{where} holds no Shiny Review workspace yet: IT creates it with "
                "shiny-review server-setup"
            )
        if rights.revision not in REVISIONS:
            raise WorkspaceError(
                f"{where} was made by a newer version of Shiny Review; update the app to open it"
            )
        if rights.revision != head_revision():
            raise WorkspaceError(
                f"{where} was made by an older version of Shiny Review: IT upgrades it with "
                "shiny-review server-setup --run"
            )

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One user action: one transaction, committed or rolled back."""
        if not self.can_write:
            raise WorkspaceError(READ_ONLY_MESSAGE)
        try:
            with self._sessions() as session, session.begin():
                yield session
        except DBAPIError as exc:
            if is_permission_error(exc):
                raise WorkspaceError(READ_ONLY_MESSAGE) from exc
            raise

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    def settings(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            rows = conn.execute(text("SELECT key, value FROM settings")).all()
            conn.rollback()
        return {str(k): str(v) for k, v in rows}

    def change_listener(self) -> ChangeListener:
        """A listener for other sessions' commits (run it on a worker thread)."""
        return ChangeListener(self._listen)

    def close(self) -> None:
        self.engine.dispose()
