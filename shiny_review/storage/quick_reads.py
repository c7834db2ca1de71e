"""The window's start reads of a workspace file, on the plain ``sqlite3`` driver (issue 16).

Importing SQLAlchemy, its ORM and the schema costs about half a second and 27 MB. What a
window shows at start (the documents list, the shown document's text and highlight spans,
its recommendations and labels, the self-check marks, the change feed's point) is read here
with the driver instead; a reviewer's everyday writes use the driver too (``quick_writes.py``),
so SQLAlchemy loads only for a rare write or a read the driver does not make.

``QuickReads`` answers the same calls, with the same rows, as the ORM ``Repository`` methods
of the same names (``tests/storage/test_quick_reads.py`` compares them): services read through
``Workspace.light_read()``, which gives this on a workspace file and the ``Repository`` on a
PostgreSQL server. Every read of one ``light_read()`` block sees one snapshot (one
transaction). Nothing here writes.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import weakref
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from shiny_review.domain.entities import (
    Anchor,
    AnchorStatus,
    Annotation,
    Document,
    HighlightSpan,
    NFTag,
    Recommendation,
    Stance,
    recommendation_label,
)
from shiny_review.domain.errors import NotFoundError
from shiny_review.domain.structure import ExtractedText, Paragraph
from shiny_review.storage.document_listing import AUTHORITIES_SQL, LIST_SQL, documents_sql

# re-exported: the text view's spans, read the same way by the window's first read
from shiny_review.storage.first_read import HIGHLIGHT_SPANS_SQL as HIGHLIGHT_SPANS_SQL

# As ``repository.rows`` (which imports SQLAlchemy): the documents in the bin.
REMOVED_DOCUMENTS = "(SELECT id FROM documents WHERE deleted_at IS NOT NULL)"
ANNOTATION_SQL = (
    'SELECT "id", "document_id", "exact", "prefix", "suffix", "start", "end", "page", '
    '"paragraph", "content_hash", "stance", "note", "colour", "author", "created_at", '
    '"updated_at", "deleted", "anchor_status", "section", "version" FROM annotations'
)


_STANCES: dict[str | None, Stance | None] = {None: None, "": None}
_STANCES.update((s.value, s) for s in Stance)


def spans_of(rows: Iterable[Sequence[Any]]) -> list[HighlightSpan]:
    """HighlightSpans of HIGHLIGHT_SPANS_SQL's rows."""
    make = tuple.__new__  # the NamedTuple without its Python __new__: 10,000 rows
    return [make(HighlightSpan, (i, s, e, _STANCES[t])) for i, s, e, t in rows]


class LightReads(Protocol):
    """What ``Workspace.light_read()`` gives: ``QuickReads`` on a file, the ORM
    ``Repository`` on a server (both answer these with the same rows)."""

    def list_documents(self, ids: Collection[int] | None = None) -> list[Document]: ...
    def document_authorities(self) -> list[tuple[int, str | None]]: ...
    def get_document(self, document_id: int) -> Document: ...
    def find_document_by_hash(self, source_hash: str) -> Document | None: ...
    def document_text(self, document_id: int) -> ExtractedText: ...
    def highlight_counts(self, ids: Iterable[int]) -> dict[int, int]: ...
    def highlight_spans(self, document_id: int) -> list[HighlightSpan]: ...
    def annotations_by_ids(self, annotation_ids: Sequence[int]) -> list[Annotation]: ...
    def recommendations(
        self,
        document_id: int | None = None,
        *,
        include_deleted: bool = False,
        of_documents: Collection[int] | None = None,
    ) -> list[Recommendation]: ...
    def recommendation_labels(self) -> dict[int, str]: ...
    def live_document_checks(self, document_id: int) -> list[str]: ...
    def checks_by_document(self) -> dict[int, list[str]]: ...
    def _driver(self, *, flush: bool = True) -> Any: ...


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _in_the_bin(document_id: int) -> str:
    return f"document {document_id} is in the bin: restore it from the bin first"


class QuickReads:
    """Reads inside one transaction of a plain ``sqlite3`` connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._conn = connection

    def _driver(self, *, flush: bool = True) -> sqlite3.Connection:
        """The connection (``flush`` is the ORM repository's; nothing is pending here)."""
        del flush
        return self._conn

    def _live_document(self, document_id: int) -> None:
        row = self._conn.execute(
            "SELECT deleted_at FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id {document_id}")
        if row[0] is not None:
            raise NotFoundError(_in_the_bin(document_id))

    def _require_document(self, document_id: int) -> None:
        if self._conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone():
            return
        raise NotFoundError(f"no document with id {document_id}")

    # -- documents ------------------------------------------------------------------------

    def _annotation_counts(self, ids: Sequence[int] | None = None) -> dict[int, int]:
        sql = "SELECT document_id, count(*) FROM annotations WHERE deleted = 0"
        params: tuple[int, ...] = ()
        if ids is not None:
            params = tuple(ids)
            sql += f" AND document_id IN ({','.join('?' * len(params)) or 'NULL'})"
        return dict(self._conn.execute(sql + " GROUP BY document_id", params).fetchall())

    def _document(self, r: Sequence[Any], count: int) -> Document:
        return Document(
            id=r[0],
            title=r[1],
            kind=r[2],
            authority=r[3],
            date=_day(r[4]),
            inspection_start=_day(r[5]),
            inspection_end=_day(r[6]),
            lead_inspector=r[7],
            pages=r[8],
            overall=r[9],
            source_name=r[10],
            source_hash=r[11],
            content_hash=r[12],
            imported_at=datetime.fromisoformat(r[13]),
            framework=r[14],
            annotation_count=count,
        )

    def list_documents(self, ids: Collection[int] | None = None) -> list[Document]:
        """Every document in use in id order, or those of ``ids`` that are in use."""
        sql, wanted = documents_sql(ids)
        counts = self._annotation_counts(wanted)
        return [
            self._document(r, counts.get(r[0], 0)) for r in self._conn.execute(sql, wanted or ())
        ]

    def document_authorities(self) -> list[tuple[int, str | None]]:
        """(id, authority) of every document in use, in id order."""
        return [(int(i), a) for i, a in self._conn.execute(AUTHORITIES_SQL)]

    def find_document_by_hash(self, source_hash: str) -> Document | None:
        """The document made from this file, in use or in the bin (``removed_at``)."""
        sql = LIST_SQL.replace(" FROM", ", deleted_at FROM", 1)
        sql = sql.replace("WHERE deleted_at IS NULL ORDER BY id", "WHERE source_hash = ?")
        row = self._conn.execute(sql, (source_hash,)).fetchone()
        if row is None:
            return None
        removed = datetime.fromisoformat(row[15]) if row[15] else None
        return replace(self._document(row, 0), removed_at=removed)

    def get_document(self, document_id: int) -> Document:
        self._live_document(document_id)
        sql = LIST_SQL.replace("WHERE deleted_at IS NULL ORDER BY id", "WHERE id = ?")
        row = self._conn.execute(sql, (document_id,)).fetchone()
        return self._document(row, self._annotation_counts([document_id]).get(document_id, 0))

    def document_text(self, document_id: int) -> ExtractedText:
        self._live_document(document_id)
        text, page_starts, paragraphs, pages = self._conn.execute(
            "SELECT text, page_starts, paragraphs, pages FROM documents WHERE id = ?",
            (document_id,),
        ).fetchone()
        return ExtractedText(
            text=text,
            page_starts=tuple(json.loads(page_starts)),
            paragraphs=tuple(
                Paragraph(
                    start=p[0], end=p[1], page=p[2], number=p[3], section=p[4], is_heading=p[5]
                )
                for p in json.loads(paragraphs)
            ),
            page_count=pages,
        )

    def highlight_counts(self, ids: Iterable[int]) -> dict[int, int]:
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        found = self._annotation_counts(wanted)
        return {i: int(found.get(i, 0)) for i in wanted}

    # -- annotations ----------------------------------------------------------------------

    def highlight_spans(self, document_id: int) -> list[HighlightSpan]:
        self._require_document(document_id)
        return spans_of(self._conn.execute(HIGHLIGHT_SPANS_SQL, (document_id,)))

    def annotations_by_ids(self, annotation_ids: Sequence[int]) -> list[Annotation]:
        ids = list(dict.fromkeys(annotation_ids))[:900]  # under SQLite's variable limit
        if not ids:
            return []
        where = f"id IN ({','.join('?' * len(ids))}) AND document_id NOT IN {REMOVED_DOCUMENTS}"
        return self._annotations(where, tuple(ids))

    def _annotations(self, where: str, params: tuple[int, ...]) -> list[Annotation]:
        """Annotations in text order, as the ORM repository's ``_read_annotations``."""
        sql = f"{ANNOTATION_SQL} WHERE {where} ORDER BY start, id"
        rows = self._conn.execute(sql, params).fetchall()
        links = self._links_of([r[0] for r in rows])
        stances = {s.value: s for s in Stance}
        statuses = {s.value: s for s in AnchorStatus}
        parse = datetime.fromisoformat
        return [
            Annotation(
                id=r[0],
                document_id=r[1],
                anchor=Anchor(r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]),
                stance=stances[r[10]] if r[10] else None,
                note=r[11],
                colour=r[12],
                author=r[13],
                created_at=parse(r[14]),
                updated_at=parse(r[15]),
                deleted=bool(r[16]),
                anchor_status=statuses[r[17]],
                section=r[18],
                recommendation_ids=tuple(links.get(r[0], ())),
                version=r[19],
            )
            for r in rows
        ]

    def _links_of(self, annotation_ids: Sequence[int]) -> dict[int, list[int]]:
        links: dict[int, list[int]] = {}
        if not annotation_ids:
            return links
        sql = (
            "SELECT l.annotation_id, l.recommendation_id FROM links l"
            " JOIN recommendations r ON r.id = l.recommendation_id"
            f" WHERE r.deleted = 0 AND r.document_id NOT IN {REMOVED_DOCUMENTS}"
            f" AND l.annotation_id IN ({','.join('?' * len(annotation_ids))}) ORDER BY l.id"
        )
        for ann, rec in self._conn.execute(sql, tuple(annotation_ids)):
            links.setdefault(ann, []).append(rec)
        return links

    # -- recommendations ------------------------------------------------------------------

    def recommendations(
        self,
        document_id: int | None = None,
        *,
        include_deleted: bool = False,
        of_documents: Collection[int] | None = None,
    ) -> list[Recommendation]:
        where: list[str] = []
        params: tuple[int, ...] = ()
        if document_id is not None:
            self._require_document(document_id)
            where.append("r.document_id = ?")
            params = (document_id,)
        else:
            where.append(f"r.document_id NOT IN {REMOVED_DOCUMENTS}")
            if of_documents is not None:
                params = tuple(of_documents)
                where.append(f"r.document_id IN ({', '.join('?' * len(params)) or 'NULL'})")
        if not include_deleted:
            where.append("r.deleted = 0")
        rows = self._conn.execute(
            "SELECT r.id, r.document_id, r.position, r.grp, r.number, r.text, r.nf_kind, "
            "r.nf_number, r.page, r.heading, r.manual, "
            "(SELECT count(*) FROM links l JOIN annotations a ON a.id = l.annotation_id "
            " WHERE l.recommendation_id = r.id AND a.deleted = 0"
            f" AND a.document_id NOT IN {REMOVED_DOCUMENTS}) "
            "FROM recommendations r WHERE " + " AND ".join(where) + " ORDER BY r.document_id, "
            "r.position",
            params,
        ).fetchall()
        return [
            Recommendation(
                id=r[0],
                document_id=r[1],
                position=r[2],
                group=r[3],
                number=r[4],
                text=r[5],
                nf_tag=NFTag(r[6], r[7]) if r[6] and r[7] else None,
                page=r[8],
                heading=r[9],
                manual=bool(r[10]),
                evidence_count=r[11],
            )
            for r in rows
        ]

    def recommendation_labels(self) -> dict[int, str]:
        rows = self._conn.execute(
            "SELECT id, number, position FROM recommendations "
            f"WHERE deleted = 0 AND document_id NOT IN {REMOVED_DOCUMENTS}"
        ).fetchall()
        return {r[0]: recommendation_label(r[1], r[2]) for r in rows}

    # -- the import's self-checks ---------------------------------------------------------

    def live_document_checks(self, document_id: int) -> list[str]:
        self._live_document(document_id)
        rows = self._conn.execute(
            "SELECT reason FROM document_checks WHERE document_id = ? ORDER BY position",
            (document_id,),
        ).fetchall()
        return [r[0] for r in rows]

    def checks_by_document(self) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        rows = self._conn.execute(
            "SELECT document_id, reason FROM document_checks ORDER BY document_id, position"
        )
        for document_id, reason in rows:
            out.setdefault(document_id, []).append(reason)
        return out


class _Connection(sqlite3.Connection):
    """A driver connection that can be referred to weakly (the C type cannot)."""


class QuickConnections:
    """One ``sqlite3`` connection a thread on a workspace file (``query_only``), each read a
    transaction (one snapshot); all closed with the workspace."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        # weakly: a finished thread's connection closes with its thread-local storage
        self._all: weakref.WeakSet[_Connection] = weakref.WeakSet()
        self._closed = False
        self._generation = 0  # one more at each close: a thread's connection is then new

    def _connection(self) -> sqlite3.Connection:
        conn: _Connection | None = getattr(self._local, "conn", None)
        if conn is None or self._local.generation != self._generation:
            with self._lock:
                conn = sqlite3.connect(
                    self._path, isolation_level=None, check_same_thread=False, factory=_Connection
                )
                conn.execute("PRAGMA busy_timeout=5000")
                conn.execute("PRAGMA query_only=ON")
                self._all.add(conn)
                self._local.generation = self._generation
            self._local.conn = conn
            self._local.depth = 0
        return conn

    @contextmanager
    def read(self) -> Iterator[QuickReads]:
        conn = self._connection()
        outer = self._local.depth == 0
        if outer:
            conn.execute("BEGIN")
        self._local.depth += 1
        try:
            yield QuickReads(conn)
        finally:
            self._local.depth -= 1
            if outer:
                conn.execute("ROLLBACK")  # nothing was written: ends the snapshot

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Close every connection. As the ORM engine's ``dispose()``, a read after it (a
        dialog of a window being closed) opens a new one."""
        with self._lock:
            self._closed = True
            self._generation += 1
            connections, self._all = list(self._all), weakref.WeakSet()
        for conn in connections:
            conn.close()
