"""Full-text search over documents: FTS5 on SQLite (migration 0003's ``documents_fts``), the
``search_terms`` column on PostgreSQL (a GIN-indexed tsvector of the words
``domain.search_words`` finds, kept by ``search_index.py``). Both find the same documents for
the same words: the query's words as one phrase, the last a prefix."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date

from shiny_review.domain.search_words import find_phrase, query_words, snippet, word_spans
from shiny_review.storage.engines import POSTGRESQL
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


def ts_query(words: list[str]) -> str:
    """PostgreSQL's tsquery for documents holding every word, the last as a prefix (the
    phrase itself is checked on the text: ``find_phrase``). Words hold no quote or space."""
    *head, last = words
    return " & ".join([*(f"'{w}'" for w in dict.fromkeys(head)), f"'{last}':*"])


_PG_CANDIDATES = (
    "SELECT id FROM documents WHERE search_terms @@ CAST(? AS tsquery) "
    "AND (CAST(? AS INTEGER) IS NULL OR id = ?) "
    "AND deleted_at IS NULL ORDER BY id"
)

# A candidate's text and page map, with the columns of its label.
_TEXT_ROW = (
    "SELECT id, title, text, page_starts, kind, authority, "
    "CAST(inspection_start AS TEXT), CAST(inspection_end AS TEXT), CAST(date AS TEXT) "
    "FROM documents WHERE id = ?"
)


class SearchQueries(RepositoryBase):
    def search(self, query: str, limit: int = 100) -> list[SearchRow]:
        """Documents whose words match ``query`` (see ``fts_query``), by id, with snippets."""
        if self.dialect == POSTGRESQL:
            return self._search_server(query, limit)
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

    def _search_server(self, query: str, limit: int) -> list[SearchRow]:
        words = query_words(query)
        if not words:
            return []
        driver = self._driver()
        found: list[SearchRow] = []
        for (doc_id,) in driver.execute(_PG_CANDIDATES, (ts_query(words), None, None)).fetchall():
            title, text = driver.execute(
                "SELECT title, text FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
            spans = word_spans(text)
            at = find_phrase(spans, words)
            if at is not None:
                found.append(
                    SearchRow(int(doc_id), str(title), snippet(text, spans, at, len(words)))
                )
                if len(found) >= limit:
                    break
        return found

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
        driver = self._driver()
        if match is None:
            ids: list[int] = [
                r[0]
                for r in driver.execute(
                    "SELECT id FROM documents WHERE (CAST(? AS INTEGER) IS NULL OR id = ?) "
                    f"AND id NOT IN {REMOVED_DOCUMENTS} ORDER BY id",
                    (document_id, document_id),
                ).fetchall()
            ]
        elif self.dialect == POSTGRESQL:
            words = query_words(query or "")
            ids = [
                r[0]
                for r in driver.execute(
                    _PG_CANDIDATES, (ts_query(words), document_id, document_id)
                ).fetchall()
            ]
        else:
            # Ids first, texts one by one: sorting joined rows would copy every text.
            ids = [
                r[0]
                for r in driver.execute(
                    "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? "
                    "AND (? IS NULL OR rowid = ?) "
                    f"AND rowid NOT IN {REMOVED_DOCUMENTS} ORDER BY rowid",
                    (match, document_id, document_id),
                ).fetchall()
            ]
        for doc_id in ids:
            row = driver.execute(_TEXT_ROW, (doc_id,)).fetchone()
            start, end, day = (date.fromisoformat(v) if v else None for v in row[6:9])
            yield SearchText(
                int(row[0]),
                str(row[1]),
                str(row[2]),
                tuple(json.loads(row[3])),
                kind=row[4],
                authority=row[5],
                label_date=start or end or day,  # as ``domain.document_label.label_date``
            )
