"""The PostgreSQL engine of a team workspace: psycopg 3, TLS, the password's sources, the login.

The password is never written by the app: libpq reads its own ``.pgpass`` (or ``PGPASSFILE``);
failing that the OS credential store (``keyring``, imported only then) may hold it under
``KEYRING_SERVICE``; failing that ``ask`` (the command line's getpass, or the window's dialog)
asks the person. The app connects to the server the user named and nowhere else: the network
guard is told to let that one host through (``runtime/network_guard.allow_server``).
"""

from __future__ import annotations

import datetime as dt
import decimal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL

from shiny_review.domain.errors import WorkspaceError
from shiny_review.domain.workspace_spec import ServerSpec
from shiny_review.runtime.network_guard import allow_server

KEYRING_SERVICE = "shiny-review"
AskPassword = Callable[[ServerSpec], str | None]
READ_ONLY_MESSAGE = "you have read-only access to this workspace"


def conninfo(spec: ServerSpec) -> dict[str, Any]:
    """libpq's connection parameters for ``spec`` (no password)."""
    params: dict[str, Any] = {
        "host": spec.host,
        "port": spec.port,
        "dbname": spec.database,
        "user": spec.user,
        "sslmode": spec.sslmode,
        "application_name": "shiny-review",
        # ISO dates and times: the export formats them in SQL, the same on both engines.
        "options": "-c DateStyle=ISO,YMD -c TimeZone=UTC -c client_encoding=UTF8",
        "connect_timeout": 15,
    }
    if spec.sslrootcert:
        params["sslrootcert"] = spec.sslrootcert
    return params


def keyring_key(spec: ServerSpec) -> str:
    return f"{spec.user}@{spec.host}:{spec.port}"


def _keyring_password(spec: ServerSpec) -> str | None:
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, keyring_key(spec))
    except (KeyringError, RuntimeError, OSError):
        return None  # no usable credential store here: ask instead


def _needs_password(exc: Exception) -> bool:
    text = str(exc).lower()
    return "no password supplied" in text or "password authentication failed" in text


def _connect(spec: ServerSpec, password: str | None, *, autocommit: bool = False) -> Any:
    import psycopg

    params = conninfo(spec)
    if password is not None:
        params["password"] = password
    return psycopg.connect(**params, autocommit=autocommit)


def explain_connect_error(spec: ServerSpec, exc: Exception) -> str:
    """One line for a failed connection (the driver's first line, without the password)."""
    first = (str(exc).strip().splitlines() or ["no answer"])[0]
    first = first.removeprefix("connection failed: ")
    return f"cannot connect to {spec.label}: {first}"


def resolve_password(spec: ServerSpec, ask: AskPassword | None) -> str | None:
    """The password to connect with: None when libpq finds its own (.pgpass) or needs none,
    else the credential store's, else what ``ask`` returns. WorkspaceError when none works."""
    import psycopg

    allow_server(spec.host, spec.port)
    warning = spec.warning
    if warning:
        sys.stderr.write(f"shiny-review: {warning}\n")
    last: Exception | None = None
    sources: tuple[Callable[[], str | None], ...] = (
        lambda: None,
        lambda: _keyring_password(spec),  # asked only if .pgpass is not enough
    )
    for source in sources:
        password = source()
        if last is not None and not password:
            continue
        try:
            _connect(spec, password).close()
            return password
        except psycopg.OperationalError as exc:
            if not _needs_password(exc):
                raise WorkspaceError(explain_connect_error(spec, exc)) from exc
            last = exc
    if ask is not None:
        password = ask(spec)
        if password:
            try:
                _connect(spec, password).close()
                return password
            except psycopg.OperationalError as exc:
                raise WorkspaceError(explain_connect_error(spec, exc)) from exc
    assert last is not None
    raise WorkspaceError(
        f"{explain_connect_error(spec, last)} (keep the password in .pgpass or the system's "
        "credential store, or give it when asked)"
    )


def make_engine(spec: ServerSpec, password: str | None) -> Engine:
    """A pooled engine on the server; every transaction is one user action."""
    url = URL.create("postgresql+psycopg")
    params = conninfo(spec)
    if password is not None:
        params["password"] = password
    return create_engine(url, connect_args=params, pool_pre_ping=True, pool_size=2)


def current_login(connection: Any) -> str:
    return str(connection.exec_driver_sql("SELECT current_user").scalar())


# -- raw reads: the repository's few driver-level queries, written once with ? markers --------


def _plain(value: Any) -> Any:
    """A value as SQLite's driver returns it (the repository's readers expect those)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def to_pyformat(sql: str) -> str:
    """``?`` markers (SQLite's) as psycopg's ``%s``; a literal ``%`` doubled."""
    return sql.replace("%", "%%").replace("?", "%s")


class PgCursor:
    """A psycopg cursor that takes ``?`` markers and gives SQLite-like values."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor
        self.arraysize = 1000

    def execute(self, sql: str, params: Sequence[Any] = ()) -> PgCursor:
        self._cursor.execute(to_pyformat(sql), tuple(params))
        return self

    def fetchone(self) -> tuple[Any, ...] | None:
        row = self._cursor.fetchone()
        return None if row is None else tuple(_plain(v) for v in row)

    def fetchall(self) -> list[tuple[Any, ...]]:
        return [tuple(_plain(v) for v in row) for row in self._cursor.fetchall()]

    def fetchmany(self, size: int | None = None) -> list[tuple[Any, ...]]:
        rows = self._cursor.fetchmany(self.arraysize if size is None else size)
        return [tuple(_plain(v) for v in row) for row in rows]

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        while rows := self.fetchmany():
            yield from rows

    def close(self) -> None:
        self._cursor.close()


class PgDriver:
    """The psycopg connection under a unit of work, with sqlite3's ``execute``/``cursor``."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection

    def cursor(self) -> PgCursor:
        return PgCursor(self._connection.cursor())

    def execute(self, sql: str, params: Sequence[Any] = ()) -> PgCursor:
        return self.cursor().execute(sql, params)
