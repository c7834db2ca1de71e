"""The page view's storage: imported files' bytes, word boxes, highlight rectangles.

A PDF imported since issue 16's round 9 keeps its file but not yet its word boxes: they are
made on first need (``services.pages``) and stored here with its highlights placed on them.
"""

from __future__ import annotations

from sqlalchemy import delete, func, inspect, select, text

from shiny_review.domain.geometry import (
    PageRect,
    WordBoxes,
    decoded_words,
    rects_from_json,
    rects_json,
)
from shiny_review.domain.structure import IngestedDocument, PageWords
from shiny_review.storage.repository.base import RepositoryBase
from shiny_review.storage.schema import BlobRow, DocumentRow, DocumentWordsRow


class PageQueries(RepositoryBase):
    def _pages_ready(self) -> bool:
        """Whether the workspace has migration 0005's tables (a test may write an old one)."""
        # Kept with the database connection, which outlives the unit of work (each
        # highlight asked SQLite for the table again); a migration opens fresh connections.
        info = self._s.connection().info
        ready = info.get("page_tables")
        if ready is None:
            ready = info["page_tables"] = inspect(self._s.connection()).has_table("document_words")
        return bool(ready)

    def keep_original(self, document_id: int, ingested: IngestedDocument) -> None:
        """Store the file's bytes (once per hash) and its word boxes beside the document."""
        if not self._pages_ready():
            return
        if ingested.original is not None:
            self.store_blob(ingested.source_hash, ingested.original)
        words = ingested.extracted.words
        row = self._s.get(DocumentWordsRow, document_id)
        if words is None:
            if row is not None:
                self._s.delete(row)
            return
        data = words.to_bytes()
        if row is None:
            self._s.add(DocumentWordsRow(document_id=document_id, data=data))
        else:
            row.data = data
        self._s.flush()

    def store_blob(self, digest: str, data: bytes) -> bool:
        """Keep ``data`` under its hash; False when it was already kept (same file twice)."""
        if self._s.scalar(select(BlobRow.hash).where(BlobRow.hash == digest)) is not None:
            return False
        self._s.add(BlobRow(hash=digest, size=len(data), data=data))
        self._s.flush()
        return True

    def original(self, document_id: int) -> bytes | None:
        """The document's file as imported, or None (text documents, older imports)."""
        digest = self._s.scalar(
            select(DocumentRow.source_hash).where(DocumentRow.id == document_id)
        )
        if digest is None:
            return None
        data = self._s.scalar(select(BlobRow.data).where(BlobRow.hash == digest))
        return bytes(data) if data is not None else None

    def blob_bytes(self) -> tuple[int, int]:
        """How many files are kept and their total size in bytes."""
        count, size = self._s.execute(select(func.count(), func.sum(BlobRow.size))).one()
        return int(count or 0), int(size or 0)

    def drop_unused_blobs(self) -> None:
        used = select(DocumentRow.source_hash)
        self._s.execute(delete(BlobRow).where(BlobRow.hash.not_in(used)))

    def word_boxes(self, document_id: int) -> WordBoxes | None:
        data = self._s.scalar(
            select(DocumentWordsRow.data).where(DocumentWordsRow.document_id == document_id)
        )
        return decoded_words(bytes(data)) if data is not None else None

    def words_pending(self, document_id: int) -> bool:
        """Whether the document is a PDF whose file is kept and whose word boxes are not made
        yet (the import leaves them until first needed)."""
        if not self._pages_ready():
            return False
        query = text(
            "SELECT 1 FROM documents d JOIN blobs b ON b.hash = d.source_hash "
            "WHERE d.id = :doc AND NOT EXISTS "
            "(SELECT 1 FROM document_words w WHERE w.document_id = d.id)"
        )
        return self._s.execute(query, {"doc": document_id}).first() is not None

    def store_word_boxes(self, document_id: int, made: PageWords) -> bool:
        """Keep word boxes made after the import and place the document's highlights on them;
        False (nothing written) when they were made from another text than the document's
        (a file imported by a version of the app that read it differently)."""
        # The document's row locked first (on a team's server; SQLite's writer holds the
        # file): a highlight added meanwhile waits on it (its key check), so it is placed
        # by one side or the other, never by neither.
        content_hash = self._s.scalar(
            select(DocumentRow.content_hash).where(DocumentRow.id == document_id).with_for_update()
        )
        if content_hash != made.content_hash:
            return False
        # An upsert: two windows on a team's server may make the same boxes at once.
        self._s.execute(
            text(
                "INSERT INTO document_words (document_id, data) VALUES (:doc, :data) "
                "ON CONFLICT (document_id) DO UPDATE SET data = excluded.data"
            ),
            {"doc": document_id, "data": made.words.to_bytes()},
        )
        self.place_annotations(document_id)
        return True

    def place_annotations(self, document_id: int, annotation_ids: list[int] | None = None) -> None:
        """(Re)compute the page rectangles of a document's annotations from its word boxes."""
        if not self._pages_ready():
            return
        # On a team's server, boxes stored by another officer meanwhile (``store_word_boxes``
        # holds the document's row) are waited for, then read; nothing on SQLite.
        if self._s.get_bind().dialect.name == "postgresql":
            self._s.execute(
                select(DocumentRow.id)
                .where(DocumentRow.id == document_id)
                .with_for_update(read=True)
            )
        # Read with the driver: each highlight places itself (one key press, one row).
        driver = self._driver()
        found = driver.execute(
            "SELECT data FROM document_words WHERE document_id = ?", (document_id,)
        ).fetchone()
        words = decoded_words(bytes(found[0])) if found is not None else None
        sql = 'SELECT id, start, "end" FROM annotations WHERE document_id = ?'
        params: tuple[int, ...] = (document_id,)
        wanted = None if annotation_ids is None else set(annotation_ids)
        if wanted is not None and len(wanted) <= 500:  # under SQLite's variable limit
            sql += f" AND id IN ({','.join('?' * len(wanted))})"
            params += tuple(sorted(wanted))
        placed, gone = [], []
        for ann, start, end in driver.execute(sql, params).fetchall():
            if wanted is not None and ann not in wanted:
                continue
            rects = words.rects_for(start, end) if words else []
            if rects:
                placed.append({"id": ann, "rects": rects_json(rects)})
            else:
                gone.append({"id": ann})
        if placed:
            self._s.execute(
                text(
                    "INSERT INTO annotation_rects (annotation_id, rects) VALUES (:id, :rects) "
                    "ON CONFLICT (annotation_id) DO UPDATE SET rects = excluded.rects"
                ),
                placed,
            )
        if gone:
            self._s.execute(text("DELETE FROM annotation_rects WHERE annotation_id = :id"), gone)

    def page_highlights(
        self, document_id: int
    ) -> list[tuple[int, str | None, tuple[PageRect, ...]]]:
        """(id, stance, rectangles) of the live annotations placed on pages, in text order:
        one light query (no notes, quotes or links), as the page view draws them."""
        query = text(
            "SELECT a.id, a.stance, r.rects FROM annotations a JOIN annotation_rects r "
            "ON r.annotation_id = a.id WHERE a.document_id = :doc AND a.deleted = FALSE "
            "ORDER BY a.start, a.id"
        )
        rows = self._s.execute(query, {"doc": document_id})
        return [(ann, stance, rects_from_json(rects)) for ann, stance, rects in rows]

    def annotation_rects(self, document_id: int) -> dict[int, tuple[PageRect, ...]]:
        """The live annotations' rectangles, by annotation id."""
        query = text(
            "SELECT a.id, r.rects FROM annotations a JOIN annotation_rects r "
            "ON r.annotation_id = a.id WHERE a.document_id = :doc AND a.deleted = FALSE"
        )
        rows = self._s.execute(query, {"doc": document_id})
        return {ann: rects_from_json(rects) for ann, rects in rows}
