"""The repository's shared core: its session, its author, the history it appends to, and
look-ups of one row by id that every part uses."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session

from shiny_review.domain.entities import HistoryEntry
from shiny_review.domain.errors import NotFoundError
from shiny_review.domain.structure import IngestedDocument
from shiny_review.storage import clock
from shiny_review.storage.engines import POSTGRESQL, dialect_of
from shiny_review.storage.repository.rows import (
    dump_json,
)
from shiny_review.storage.schema import (
    AnnotationRow,
    DocumentRow,
    HistoryRow,
    RecommendationRow,
)


class Cursor(Protocol):
    arraysize: int

    def execute(self, sql: str, params: Any = ..., /) -> Any: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Any: ...
    def close(self) -> None: ...


class Driver(Protocol):
    """What the repository uses of a driver connection (sqlite3's, or ``PgDriver``)."""

    def execute(self, sql: str, params: Any = ..., /) -> Any: ...
    def cursor(self) -> Any: ...


def _utc_seconds(stored: str) -> str:
    """A stored DateTime ("2026-12-05 08:00:00.000000", as SQLAlchemy writes it and
    ``PgDriver`` gives it) as ISO 8601 UTC to the second: "2026-12-05T08:00:00Z"."""
    if len(stored) >= 19 and stored[10] == " " and stored[13] == ":" and stored[16] == ":":
        return f"{stored[:10]}T{stored[11:19]}Z"
    return datetime.fromisoformat(stored).isoformat(timespec="seconds") + "Z"


def in_the_bin(document_id: int) -> str:
    return f"document {document_id} is in the bin: restore it from the bin first"


class RepositoryBase:
    """Session, author and history for one unit of work."""

    def __init__(self, session: Session, author: str) -> None:
        self._s = session
        self.author = author

    def _history(
        self,
        action: str,
        entity: str,
        entity_id: int,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        self._s.add(
            HistoryRow(
                at=clock.now(),
                author=self.author,
                action=action,
                entity=entity,
                entity_id=entity_id,
                before=dump_json(before),
                after=dump_json(after),
            )
        )

    def history(self, limit: int | None = None) -> list[HistoryEntry]:
        """The changes in the order they were made, read with the driver's cursor (the log
        holds a row for every change ever made: ORM objects cost more than the rest)."""
        return list(self.history_entries(limit))

    def history_entries(self, limit: int | None = None) -> Iterator[HistoryEntry]:
        """The entries of ``history`` one at a time, as the cursor gives them: a writer that
        takes them so holds none (a list of 100,000 kept the collector walking it)."""
        sql = (
            "SELECT id, at, author, action, entity, entity_id, before, after"
            " FROM history ORDER BY id"
        )
        params: tuple[int, ...] = ()
        if limit is not None:
            sql, params = sql + " LIMIT ?", (limit,)
        at = _utc_seconds
        for r in self._driver().execute(sql, params):
            yield HistoryEntry(r[0], at(r[1]), r[2], r[3], r[4], r[5], r[6], r[7])

    # Page view (issue 15): implemented by PageQueries (pages.py), used by the other parts.
    def keep_original(self, document_id: int, ingested: IngestedDocument) -> None:
        raise NotImplementedError

    def place_annotations(self, document_id: int, annotation_ids: list[int] | None = None) -> None:
        raise NotImplementedError

    def _document_row(self, document_id: int, *, in_bin: bool = False) -> DocumentRow:
        """The document's row; a document in the bin only with ``in_bin`` (restoring it):
        nothing is read from or done to a removed document until it is restored."""
        row = self._s.get(DocumentRow, document_id)
        if row is None:
            raise NotFoundError(f"no document with id {document_id}")
        if row.deleted_at is not None and not in_bin:
            raise NotFoundError(in_the_bin(document_id))
        return row

    def _recommendation_row(self, recommendation_id: int) -> RecommendationRow:
        row = self._s.get(RecommendationRow, recommendation_id)
        if row is None:
            raise NotFoundError(f"no recommendation with id {recommendation_id}")
        return row

    def _annotation_row(self, annotation_id: int) -> AnnotationRow:
        row = self._s.get(AnnotationRow, annotation_id)
        if row is None:
            raise NotFoundError(f"no annotation with id {annotation_id}")
        return row

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return dialect_of(self._s)

    def _driver(self, *, flush: bool = True) -> Driver:
        """The driver connection under this unit of work, for reads too large for ORM objects:
        SQL with ``?`` markers, rows of plain values, on either engine (on PostgreSQL through
        ``engines.postgresql.PgDriver``).

        ``flush`` first writes the session's pending changes, which the driver does not see.
        """
        if flush:
            self._s.flush()
        driver = self._s.connection().connection.driver_connection
        assert driver is not None
        if self.dialect == POSTGRESQL:
            from shiny_review.storage.engines.postgresql import PgDriver

            return PgDriver(driver)
        return driver  # type: ignore[no-any-return]

    def _index_words(self, document_id: int, text: str) -> None:
        """PostgreSQL's search index of a document's text (on SQLite, FTS5's triggers)."""
        if self.dialect == POSTGRESQL:
            from shiny_review.storage.search_index import index_document

            index_document(self._s, document_id, text)

    def _require_document(self, document_id: int) -> None:
        """NotFoundError unless the document exists (without loading its text)."""
        found = (
            self._driver(flush=False)
            .execute("SELECT 1 FROM documents WHERE id = ?", (document_id,))
            .fetchone()
        )
        if found is None:
            raise NotFoundError(f"no document with id {document_id}")
