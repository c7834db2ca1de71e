"""A reviewer's everyday writes on a workspace file, on the plain ``sqlite3`` driver (issue 16).

Making a highlight (key H, with its links for keys 1-9), deleting and restoring it (its undo
and redo), changing its stance, note or colour, linking and unlinking it: the writes a person
makes all the time go through here on a workspace file, so a reviewing session never loads
SQLAlchemy and its ORM (about 25 MB and half a second). Rare writes (imports, recommendation
edits, the action plan, the bin) keep the ORM ``Repository`` and load it on first use; a
PostgreSQL workspace uses the ORM for everything.

``QuickWrites`` writes the same rows as the ORM repository's methods of the same names
(``tests/storage/test_quick_writes.py`` compares them whole): the annotation, its links, its
page rectangles, the history rows, the edit versions (issue 17), timestamps in SQLAlchemy's
SQLite format. Its connection has the write engine's pragmas (WAL, synchronous=FULL, foreign
keys, a 5 s busy timeout) and each ``QuickWriter.write()`` is one ``BEGIN IMMEDIATE``
transaction: one user action, committed whole or rolled back.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from shiny_review.domain.conflicts import ConflictDetails, EditConflict
from shiny_review.domain.entities import (
    Anchor,
    AnchorStatus,
    Annotation,
    Document,
    Recommendation,
    Stance,
    recommendation_label,
)
from shiny_review.domain.errors import NotFoundError
from shiny_review.domain.geometry import rects_json
from shiny_review.storage import clock, word_records
from shiny_review.storage.quick_reads import QuickReads


def stored(moment: datetime) -> str:
    """A timestamp as SQLAlchemy's ``DateTime`` stores it in SQLite."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(type(value))


def dump_json(values: dict[str, Any] | None) -> str | None:
    """A history row's before/after (the ORM repository's too)."""
    if values is None:
        return None
    return json.dumps(values, default=_json_default, ensure_ascii=False, sort_keys=True)


# What the history keeps of an annotation (``repository.rows.annotation_state``).
_STATE: tuple[str, ...] = ("document_id", "exact", "start", "end", "page", "paragraph", "stance")
_STATE += ("note", "colour", "deleted")
_STATE_SQL = "SELECT " + ", ".join(f'"{c}"' for c in _STATE) + " FROM annotations"
_EDITABLE = frozenset({"stance", "note", "colour", "deleted"})
_STAMPS = frozenset({"created_at", "updated_at", "deleted_at"})


class LightWrites(Protocol):
    """What ``Workspace.light_write()`` gives: ``QuickWrites`` on a file, the ORM
    ``Repository`` on a server (both write the same rows)."""

    def add_annotation(
        self,
        document_id: int,
        anchor: Anchor,
        *,
        section: str | None,
        stance: Stance | None,
        note: str,
        colour: str | None,
    ) -> int: ...
    def update_annotation(
        self, annotation_id: int, *, expected_version: int | None = None, **changes: Any
    ) -> None: ...
    def link(
        self, annotation_id: int, recommendation_id: int, *, expected_version: int | None = None
    ) -> bool: ...
    def unlink(
        self, annotation_id: int, recommendation_id: int, *, expected_version: int | None = None
    ) -> bool: ...
    def get_annotation(self, annotation_id: int) -> Annotation: ...
    def get_document(self, document_id: int) -> Document: ...
    def get_recommendation(self, recommendation_id: int) -> Recommendation: ...
    def annotation_documents(self, annotation_ids: Sequence[int]) -> dict[int, int]: ...


class QuickWrites(QuickReads):
    """Writes (and reads) inside one write transaction of a plain ``sqlite3`` connection."""

    def __init__(self, connection: sqlite3.Connection, author: str) -> None:
        super().__init__(connection)
        self.author = author

    def _history(
        self,
        action: str,
        entity_id: int,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        at = stored(clock.now())
        self._conn.execute(
            "INSERT INTO history (at, author, action, entity, entity_id, before, after) "
            "VALUES (?, ?, ?, 'annotation', ?, ?, ?)",
            (at, self.author, action, entity_id, dump_json(before), dump_json(after)),
        )

    def _state(self, annotation_id: int) -> dict[str, Any]:
        row = self._conn.execute(_STATE_SQL + " WHERE id = ?", (annotation_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no annotation with id {annotation_id}")
        state = dict(zip(_STATE, row, strict=True))
        state["deleted"] = bool(state["deleted"])
        return state

    def _claim(self, annotation_id: int, expected: int | None, attempted: dict[str, Any]) -> int:
        """``repository.versions.claim_version`` for an annotation."""
        sql, params = "UPDATE annotations SET version = version + 1 WHERE id = ?", [annotation_id]
        if expected is not None:
            sql, params = sql + " AND version = ?", [annotation_id, expected]
        claimed = self._conn.execute(sql, params).rowcount
        cursor = self._conn.execute("SELECT * FROM annotations WHERE id = ?", (annotation_id,))
        row = cursor.fetchone()
        if row is None:
            raise NotFoundError(f"no annotation with id {annotation_id}")
        current = dict(zip([d[0] for d in cursor.description], row, strict=True))
        if claimed == 1:
            return int(current["version"])
        last = self._conn.execute(
            "SELECT author, at FROM history WHERE entity = 'annotation' AND entity_id = ? "
            "ORDER BY id DESC LIMIT 1",
            (annotation_id,),
        ).fetchone()
        for key in _STAMPS:  # as the ORM's typed values print
            current[key] = str(datetime.fromisoformat(current[key])) if current[key] else None
        current["deleted"] = bool(current["deleted"])
        changed_at = datetime.fromisoformat(last[1]).isoformat(timespec="seconds") if last else ""
        raise EditConflict(
            ConflictDetails(
                entity="annotation",
                entity_id=annotation_id,
                expected_version=int(expected or 0),
                current_version=int(current["version"]),
                changed_by=last[0] if last else None,
                changed_at=changed_at + "Z" if last else None,
                current=current,
                attempted=dict(attempted),
            )
        )

    def _place(self, document_id: int, annotation_id: int) -> None:
        """``PageQueries.place_annotations`` for one annotation: its page rectangles."""
        conn = self._conn
        if not conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'document_words'"
        ).fetchone():
            return  # a workspace older than migration 0005
        start, end = conn.execute(
            'SELECT start, "end" FROM annotations WHERE id = ?', (annotation_id,)
        ).fetchone()
        rects = word_records.rects_for(conn, document_id, start, end)
        if rects:
            conn.execute(
                "INSERT INTO annotation_rects (annotation_id, rects) VALUES (?, ?) "
                "ON CONFLICT (annotation_id) DO UPDATE SET rects = excluded.rects",
                (annotation_id, rects_json(rects)),
            )
        else:
            conn.execute("DELETE FROM annotation_rects WHERE annotation_id = ?", (annotation_id,))

    # -- the writes -----------------------------------------------------------------------

    def add_annotation(
        self,
        document_id: int,
        anchor: Anchor,
        *,
        section: str | None,
        stance: Stance | None,
        note: str,
        colour: str | None,
    ) -> int:
        self._require_document(document_id)
        stamp = stored(clock.now())
        cursor = self._conn.execute(
            'INSERT INTO annotations (document_id, exact, prefix, suffix, start, "end", page, '
            "paragraph, section, content_hash, stance, colour, note, author, created_at, "
            "updated_at, deleted, anchor_status) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
            (
                document_id,
                anchor.exact,
                anchor.prefix,
                anchor.suffix,
                anchor.start,
                anchor.end,
                anchor.page,
                anchor.paragraph,
                section,
                anchor.content_hash,
                stance.value if stance else None,
                colour,
                note,
                self.author,
                stamp,
                stamp,
                AnchorStatus.EXACT.value,
            ),
        )
        ann_id = int(cursor.lastrowid or 0)
        self._place(document_id, ann_id)  # page view (issue 15)
        self._history("create", ann_id, None, self._state(ann_id))
        return ann_id

    def update_annotation(
        self, annotation_id: int, *, expected_version: int | None = None, **changes: Any
    ) -> None:
        """Change its stance, note, colour or ``deleted`` (the ORM repository takes others)."""
        unknown = set(changes) - _EDITABLE
        if unknown:
            raise ValueError(f"not an everyday change of a highlight: {sorted(unknown)}")
        values = {k: getattr(v, "value", v) for k, v in changes.items()}
        self._claim(annotation_id, expected_version, values)
        before = self._state(annotation_id)
        stamp = stored(clock.now())
        values["updated_at"] = stamp
        action = "edit"
        if "deleted" in changes:
            action = "delete" if changes["deleted"] else "restore"
            values["deleted"] = bool(changes["deleted"])
            values["deleted_at"] = stamp if changes["deleted"] else None
        columns = ", ".join(f'"{k}" = ?' for k in values)
        self._conn.execute(
            f"UPDATE annotations SET {columns} WHERE id = ?", (*values.values(), annotation_id)
        )
        self._history(action, annotation_id, before, self._state(annotation_id))

    def _link_id(self, annotation_id: int, recommendation_id: int) -> int | None:
        found = self._conn.execute(
            "SELECT id FROM links WHERE annotation_id = ? AND recommendation_id = ?",
            (annotation_id, recommendation_id),
        ).fetchone()
        return None if found is None else int(found[0])

    def link(
        self, annotation_id: int, recommendation_id: int, *, expected_version: int | None = None
    ) -> bool:
        self.annotation_documents([annotation_id])  # NotFoundError if gone
        self._recommendation_document(recommendation_id)
        if self._link_id(annotation_id, recommendation_id) is not None:
            return False
        self._claim(annotation_id, expected_version, {"link": recommendation_id})
        stamp = stored(clock.now())
        self._conn.execute(
            "INSERT INTO links (annotation_id, recommendation_id, created_at) VALUES (?, ?, ?)",
            (annotation_id, recommendation_id, stamp),
        )
        self._touch(annotation_id)
        self._history("link", annotation_id, None, {"recommendation_id": recommendation_id})
        return True

    def unlink(
        self, annotation_id: int, recommendation_id: int, *, expected_version: int | None = None
    ) -> bool:
        self.annotation_documents([annotation_id])  # NotFoundError if gone
        link_id = self._link_id(annotation_id, recommendation_id)
        if link_id is None:
            return False
        self._claim(annotation_id, expected_version, {"unlink": recommendation_id})
        self._conn.execute("DELETE FROM links WHERE id = ?", (link_id,))
        self._touch(annotation_id)
        self._history("unlink", annotation_id, {"recommendation_id": recommendation_id}, None)
        return True

    def _touch(self, annotation_id: int) -> None:
        self._conn.execute(
            "UPDATE annotations SET updated_at = ? WHERE id = ?",
            (stored(clock.now()), annotation_id),
        )

    # -- the reads the writes need --------------------------------------------------------

    def get_annotation(self, annotation_id: int) -> Annotation:
        found = self._annotations("id = ?", (annotation_id,))
        if not found:
            raise NotFoundError(f"no annotation with id {annotation_id}")
        return found[0]

    def _recommendation_document(self, recommendation_id: int) -> int:
        found = self._conn.execute(
            "SELECT document_id FROM recommendations WHERE id = ?", (recommendation_id,)
        ).fetchone()
        if found is None:
            raise NotFoundError(f"no recommendation with id {recommendation_id}")
        return int(found[0])

    def get_recommendation(self, recommendation_id: int) -> Recommendation:
        document_id = self._recommendation_document(recommendation_id)
        mine = self.recommendations(document_id, include_deleted=True)
        return next(r for r in mine if r.id == recommendation_id)

    def annotation_documents(self, annotation_ids: Sequence[int]) -> dict[int, int]:
        found: dict[int, int] = {}
        for ann_id in annotation_ids:
            row = self._conn.execute(
                "SELECT document_id FROM annotations WHERE id = ?", (ann_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"no annotation with id {ann_id}")
            found[ann_id] = int(row[0])
        return found


def prepare_connection(conn: sqlite3.Connection) -> None:
    """The write engine's pragmas (``engines.sqlite``): WAL, synchronous=FULL, foreign keys,
    a 5 s busy timeout; and its SQL function."""
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute("PRAGMA busy_timeout=5000")
    conn.create_function("recommendation_label", 2, recommendation_label, deterministic=True)


class QuickWriter:
    """The workspace file's driver connection for writes: one, opened at the first write,
    with the write engine's pragmas; its writes queue on a lock (as on SQLite's own)."""

    def __init__(self, path: Path, author: Callable[[], str]) -> None:
        self._path = path
        self._author = author  # called for the workspace's current author
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._depth = 0

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            conn = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
            prepare_connection(conn)
            self._conn = conn
        return self._conn

    @contextmanager
    def write(self) -> Iterator[QuickWrites]:
        """One user action: one ``BEGIN IMMEDIATE`` transaction, committed or rolled back."""
        with self.transaction() as conn:
            yield QuickWrites(conn, self._author())

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """The connection inside one ``BEGIN IMMEDIATE`` transaction (an import's too)."""
        with self._lock:
            conn = self._connection()
            outer = self._depth == 0
            if outer:
                conn.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield conn
            except BaseException:
                self._depth -= 1
                if outer and conn.in_transaction:  # (a full disk has rolled it back)
                    conn.execute("ROLLBACK")
                raise
            self._depth -= 1
            if outer:
                try:
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
