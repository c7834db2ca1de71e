"""Removing a document to the bin and restoring it (issue 11, migration 0008).

Removing only stamps ``documents.deleted_at``: the text, pages, original file,
recommendations, highlights, links, action plan and history stay as they are, and every
listing leaves the document out (``REMOVED_DOCUMENTS`` in rows.py). Restoring clears the
stamp, so the document comes back exactly as it was. Both are in the history.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from shiny_review.domain.entities import Document
from shiny_review.domain.errors import NotFoundError, ValidationError
from shiny_review.storage import clock
from shiny_review.storage.repository.base import RepositoryBase
from shiny_review.storage.repository.rows import BULKY_COLUMNS, document_from_row
from shiny_review.storage.schema import DocumentRow


def _state(row: DocumentRow) -> dict[str, Any]:
    return {
        "title": row.title,
        "source": row.source_name,
        "hash": row.source_hash,
        "deleted": row.deleted_at is not None,
        "deleted_at": row.deleted_at,
    }


class DocumentBinQueries(RepositoryBase):
    def removed_documents(self) -> list[Document]:
        """The documents in the bin, the last removed first."""
        rows = self._s.scalars(
            select(DocumentRow)
            .options(*BULKY_COLUMNS)
            .where(DocumentRow.deleted_at.is_not(None))
            .order_by(DocumentRow.deleted_at.desc(), DocumentRow.id.desc())
        )
        return [document_from_row(r) for r in rows]

    def set_document_removed(self, document_id: int, removed: bool) -> None:
        """Put the document in the bin, or take it out; recorded in the history."""
        row = self._s.get(DocumentRow, document_id, options=BULKY_COLUMNS)
        if row is None:
            raise NotFoundError(f"no document with id {document_id}")
        if removed and row.deleted_at is not None:
            raise ValidationError(f"document {document_id} is already in the bin")
        if not removed and row.deleted_at is None:
            raise NotFoundError(f"document {document_id} is not in the bin")
        before = _state(row)
        row.deleted_at = clock.now() if removed else None
        action = "delete" if removed else "restore"
        self._history(action, "document", document_id, before, _state(row))

    def recommendations_touched_by(self, document_id: int) -> frozenset[int]:
        """The recommendations whose evidence or listing changes when the document goes to
        the bin or comes back: its own, and those its highlights are linked to."""
        rows = (
            self._driver()
            .execute(
                "SELECT id FROM recommendations WHERE document_id = ? UNION "
                "SELECT l.recommendation_id FROM links l "
                "JOIN annotations a ON a.id = l.annotation_id WHERE a.document_id = ?",
                (document_id, document_id),
            )
            .fetchall()
        )
        return frozenset(int(r[0]) for r in rows)
