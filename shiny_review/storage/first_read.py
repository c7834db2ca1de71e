"""The window's first read (issue 16): the remembered document of a workspace file, its text
and highlight spans, as plain tuples, with ``sqlite3`` alone.

The window shows this document before it opens its workspace (the lock, the backup thread,
the review service): the person reads and moves in it at once, and the rest of the window
follows in the next turns of the event loop (``ui/progressive_start.py``). The read never
writes and never creates the file; anything unusual (no file, another application's file, a
schema that needs a migration, a document in the bin, any SQLite error) gives None, and the
window opens the usual way, which reports what is wrong.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import NamedTuple

from shiny_review.storage.revisions import APPLICATION_ID, head_revision

# What the text view paints; served by the covering index of migration 0011 (one range, no
# table lookups, no sort: tests/storage/repository/test_highlight_spans_plan.py). The quick
# reads and the ORM repository run the same text.
HIGHLIGHT_SPANS_SQL = (
    'SELECT id, start, "end", stance FROM annotations'
    " WHERE document_id = ? AND deleted = FALSE ORDER BY start, id"
)
DOCUMENT_SQL = (
    "SELECT title, kind, authority, date, pages, text, page_starts, paragraphs"
    " FROM documents WHERE id = ? AND deleted_at IS NULL"
)


class FirstDocument(NamedTuple):
    """What the text view and its header show of one document. ``paragraphs`` are (start,
    printed number or None, is a heading); ``spans`` (annotation id, start, end, stance value
    or None), in text order, as ``HIGHLIGHT_SPANS_SQL`` gives them."""

    id: int
    title: str
    kind: str
    authority: str | None
    date: str | None  # ISO date
    pages: int
    text: str
    page_starts: list[int]
    paragraphs: list[tuple[int, int | None, bool]]
    spans: list[tuple[int, int, int, str | None]]


def read_first_document(path: Path, document_id: int) -> FirstDocument | None:
    """The document ``document_id`` of the workspace file at ``path``, read in one snapshot;
    None unless the file is an up-to-date workspace holding it outside the bin."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        conn.execute("BEGIN")
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return None
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or revision[0] != head_revision():
            return None
        row = conn.execute(DOCUMENT_SQL, (document_id,)).fetchone()
        if row is None:
            return None
        spans = conn.execute(HIGHLIGHT_SPANS_SQL, (document_id,)).fetchall()
        conn.execute("ROLLBACK")
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    title, kind, authority, day, pages, text, page_starts, paragraphs = row
    return FirstDocument(
        id=document_id,
        title=title,
        kind=kind,
        authority=authority,
        date=day,
        pages=pages,
        text=text,
        page_starts=json.loads(page_starts),
        paragraphs=[(p[0], p[3], bool(p[5])) for p in json.loads(paragraphs)],
        spans=spans,
    )
