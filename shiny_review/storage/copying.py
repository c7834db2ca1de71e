"""Copying a workspace's rows from one database to another, checked (issue 17).

``copy_rows`` copies every table of the schema (the ORM metadata: documents, their text and
original files, highlights, links, the action plan, the history with its ids and authors as
they are, the settings) from a source connection into an empty target at the same revision,
in the target's one transaction, in foreign-key order, keeping every id. ``table_digests``
counts and hashes each table's rows engine-neutrally (each value as SQLAlchemy reads it,
typed; the row hashes sorted, so row order and collation do not matter), which the caller
compares on both sides before it commits.

Written once for both engines: SQLAlchemy Core over the metadata; only the reset of
PostgreSQL's id sequences after rows were inserted with their ids asks the dialect.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, Table, func, inspect, select, text

from shiny_review.domain.errors import WorkspaceError
from shiny_review.storage import schema_actions  # noqa: F401  (its tables join the metadata)
from shiny_review.storage.schema import Base

if TYPE_CHECKING:
    from shiny_review.storage.workspace import Workspace

BATCH = 200  # rows per INSERT: blobs (original files) may be megabytes each
# Columns an engine derives from the others (PostgreSQL's search words, search_index.py):
# never copied, made again on the target.
DERIVED = {("documents", "search_terms")}
SETTINGS = "settings"  # a new workspace has its default settings: replaced, not "non-empty"


@dataclass(frozen=True, slots=True)
class TableDigest:
    table: str
    rows: int
    sha256: str


def tables() -> list[Table]:
    """The workspace's tables, parents before children."""
    return list(Base.metadata.sorted_tables)


def _canonical(value: Any) -> bytes:
    if value is None:
        return b"N"
    if isinstance(value, bool):
        return b"B1" if value else b"B0"
    if isinstance(value, int):
        return b"I" + str(value).encode()
    if isinstance(value, float):
        return b"F" + repr(value).encode()
    if isinstance(value, bytes | bytearray | memoryview):
        return b"X" + hashlib.sha256(bytes(value)).hexdigest().encode()
    if isinstance(value, dt.datetime | dt.date):
        return b"D" + value.isoformat().encode()
    return b"S" + str(value).encode("utf-8")


def _rows(conn: Connection, table: Table) -> Iterator[Any]:
    order = list(table.primary_key.columns)
    result = conn.execution_options(yield_per=BATCH).execute(select(table).order_by(*order))
    yield from result


def table_digest(conn: Connection, table: Table) -> TableDigest:
    row_hashes = sorted(
        hashlib.sha256(b"\x1f".join(_canonical(v) for v in row)).digest()
        for row in _rows(conn, table)
    )
    whole = hashlib.sha256(b"".join(row_hashes)).hexdigest()
    return TableDigest(table.name, len(row_hashes), whole)


def table_digests(conn: Connection) -> list[TableDigest]:
    return [table_digest(conn, t) for t in tables()]


def check_columns(conn: Connection) -> None:
    """Refuse a database with a table or column the schema does not know (it would be lost)."""
    found = inspect(conn)
    names = set(found.get_table_names())
    for table in tables():
        if table.name not in names:
            raise WorkspaceError(f"the workspace has no table {table.name}; cannot copy it")
        known = {c.name for c in table.columns}
        extra = {c["name"] for c in found.get_columns(table.name)} - known
        extra -= {column for name, column in DERIVED if name == table.name}
        if extra:
            raise WorkspaceError(
                f"the workspace's table {table.name} has columns this version does not know "
                f"({', '.join(sorted(extra))}); copy it with the version that made it"
            )


def non_empty_tables(conn: Connection) -> list[str]:
    """The tables holding rows, but the settings (every new workspace has its defaults)."""
    return [
        t.name
        for t in tables()
        if t.name != SETTINGS and conn.execute(select(func.count()).select_from(t)).scalar()
    ]


def copy_rows(source: Connection, target: Connection) -> None:
    """Every row of every table, ids kept; the target's own settings are replaced."""
    for table in tables():
        if table.name == SETTINGS:
            target.execute(table.delete())
        batch: list[dict[str, Any]] = []
        for row in _rows(source, table):
            batch.append(dict(row._mapping))
            if len(batch) >= BATCH:
                target.execute(table.insert(), batch)
                batch = []
        if batch:
            target.execute(table.insert(), batch)
    if target.dialect.name == "postgresql":
        from shiny_review.storage.search_index import fill_search_terms

        _reset_sequences(target)
        fill_search_terms(target)


def _reset_sequences(conn: Connection) -> None:
    """After inserting rows with their ids, the next id a server gives must follow them."""
    for table in tables():
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or pk[0].name != "id":
            continue
        conn.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:t, 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            ),
            {"t": table.name},
        )


@dataclass(frozen=True, slots=True)
class CopyCheck:
    """Each table's count and hash on both sides; ``ok`` when every one matched (committed)."""

    source: list[TableDigest]
    target: list[TableDigest]

    @property
    def ok(self) -> bool:
        return self.source == self.target


def copy_between(source: Engine, target: Engine) -> CopyCheck:
    """Copy every row from ``source`` into the empty ``target`` (both at the same revision) in
    one transaction of the target; commit only if every table's count and hash match, else
    roll it back (nothing of the copy stays). The source is read in one snapshot."""
    with source.connect() as src, target.connect() as dst:
        if src.dialect.name == "postgresql":
            src = src.execution_options(isolation_level="REPEATABLE READ")
        with src.begin():
            check_columns(src)
            check_columns(dst)
            dst.rollback()
            with dst.begin() as transaction:
                busy = non_empty_tables(dst)
                if busy:
                    raise WorkspaceError(
                        "refusing to copy onto a workspace that holds data "
                        f"(rows in {', '.join(busy)}): copy to a new, empty one"
                    )
                copy_rows(src, dst)
                check = CopyCheck(table_digests(src), table_digests(dst))
                if not check.ok:
                    transaction.rollback()
        return check


def engines(workspace: Workspace) -> tuple[Engine, Engine]:
    """The read and write engines of an open workspace (a file, or a server's one engine)."""
    db: Any = getattr(workspace, "_server", None) or workspace._db
    return db.read_engine, db.write_engine
