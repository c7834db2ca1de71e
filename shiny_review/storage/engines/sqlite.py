"""The SQLite engine of a workspace file: WAL, synchronous=FULL, foreign keys, BEGIN IMMEDIATE.

Nothing here reaches a PostgreSQL workspace (``postgresql.py`` configures that engine).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from shiny_review.domain.entities import recommendation_label


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (see make_engine).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
    register_sql_functions(dbapi_connection)


def register_sql_functions(connection: sqlite3.Connection) -> None:
    """The SQL functions the export's queries call (PostgreSQL has recommendation_label from
    migration 0003, and the thread columns from a parameter)."""
    connection.create_function("recommendation_label", 2, recommendation_label, deterministic=True)
    set_thread_labels(connection)


def _no_thread(_recommendation_id: int) -> None:
    return None


def set_thread_labels(
    connection: sqlite3.Connection,
    first: Callable[[int], str | None] = _no_thread,
    latest: Callable[[int], str | None] = _no_thread,
) -> None:
    """``thread_first(id)`` and ``thread_latest(id)``, a recommendation's thread columns in the
    evidence log, answered by ``first`` and ``latest`` (an export sets them for its
    statements, then back to None for every id)."""
    connection.create_function("thread_first", 1, first, deterministic=True)
    connection.create_function("thread_latest", 1, latest, deterministic=True)


def make_engine(path: Path, *, immediate: bool) -> Engine:
    """An engine on the workspace file; ``immediate`` makes each transaction take the write
    lock at once (``BEGIN IMMEDIATE``), so two writers queue instead of failing mid-way."""
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)

    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    event.listen(engine, "begin", _begin)
    return engine


def prepare_migration(connection: Any) -> None:
    """Before Alembic's transaction: foreign keys off (a batch table rebuild would otherwise
    cascade deletes into child tables). The pragma is a no-op inside a transaction."""
    connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")


def check_migration(connection: Any) -> None:
    """Inside Alembic's transaction, before the commit: every reference still holds."""
    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise RuntimeError(f"the upgrade would break {len(problems)} references; undone")
