"""PostgreSQL's search index: each document's words (``domain.search_words``) as a tsvector in
``documents.search_terms`` (migration 0003 adds it with a GIN index).

SQLite's FTS5 triggers keep its index; on PostgreSQL the words are found in Python, so that
both engines split and fold text the same way. The repository calls ``index_document`` in the
same transaction as every insert of a document or change of its text;
``fill_search_terms`` writes those of rows inserted some other way (a copy).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from shiny_review.domain.search_words import terms

_UPDATE = text("UPDATE documents SET search_terms = CAST(:terms AS tsvector) WHERE id = :id")


def terms_literal(document_text: str) -> str:
    """The tsvector literal of a text's words (letters and digits only: nothing to escape)."""
    return " ".join(f"'{t}'" for t in sorted(terms(document_text)))


def index_document(session: Session, document_id: int, document_text: str) -> None:
    session.execute(_UPDATE, {"id": document_id, "terms": terms_literal(document_text)})


def fill_search_terms(connection: Any) -> int:
    """Write the terms of every document that has none yet; how many."""
    ids = [
        r[0]
        for r in connection.execute(text("SELECT id FROM documents WHERE search_terms IS NULL"))
    ]
    for doc_id in ids:
        body = connection.execute(
            text("SELECT text FROM documents WHERE id = :id"), {"id": doc_id}
        ).scalar_one()
        connection.execute(_UPDATE, {"id": doc_id, "terms": terms_literal(body)})
    return len(ids)
