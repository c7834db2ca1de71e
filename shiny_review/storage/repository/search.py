"""Full-text search over documents (the documents_fts index of migration 0003)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from shiny_review.storage.repository.base import RepositoryBase
from shiny_review.storage.repository.rows import (
    REMOVED_DOCUMENTS,
    SearchRow,
    SearchText,
)

_TOKEN_CHAR = re.compile(r"[^\W_]")


def fts_query(query: str) -> str | None:
    """The FTS5 expression for a search: the query's words as one phrase, the last word as a
    prefix. It finds every document where the words occur in order, each starting a word (a
    superset of the exact, case-insensitive matches). None when the query has no word.
    """
    words = query.split()
    if not any(_TOKEN_CHAR.search(w) for w in words):
        return None
    phrase = " ".join(words).replace('"', '""')
    return f'"{phrase}"*'


class SearchQueries(RepositoryBase):
    def search(self, query: str, limit: int = 100) -> list[SearchRow]:
        """Documents whose words match ``query`` (see ``fts_query``), by id, with snippets."""
        match = fts_query(query)
        if match is None:
            return []
        rows = self._s.connection().exec_driver_sql(
            "SELECT d.id, d.title, snippet(documents_fts, 0, '', '', ' … ', 12) "
            "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
            "WHERE documents_fts MATCH ? AND d.deleted_at IS NULL "
            "ORDER BY documents_fts.rowid LIMIT ?",
            (match, limit),
        )
        return [SearchRow(int(r[0]), str(r[1]), str(r[2])) for r in rows]

    def search_texts(
        self, query: str | None, document_id: int | None = None
    ) -> Iterator[SearchText]:
        """Candidate documents for an exact search, by id, streamed one at a time.

        With a query, only documents the full-text index matches (see ``fts_query``); with
        None, every document. ``document_id`` limits the search to one document.
        """
        match = None if query is None else fts_query(query)
        if query is not None and match is None:
            return
        if document_id is not None:
            self._require_document(document_id)
        conn = self._s.connection()
        if match is None:
            ids: list[int] = [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT id FROM documents WHERE (? IS NULL OR id = ?) "
                    f"AND id NOT IN {REMOVED_DOCUMENTS} ORDER BY id",
                    (document_id, document_id),
                )
            ]
        else:
            # Ids first, texts one by one: sorting joined rows would copy every text.
            ids = [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? "
                    "AND (? IS NULL OR rowid = ?) "
                    f"AND rowid NOT IN {REMOVED_DOCUMENTS} ORDER BY rowid",
                    (match, document_id, document_id),
                )
            ]
        for doc_id in ids:
            row = conn.exec_driver_sql(
                "SELECT id, title, text, page_starts FROM documents WHERE id = ?", (doc_id,)
            ).one()
            yield SearchText(int(row[0]), str(row[1]), str(row[2]), tuple(json.loads(row[3])))
