"""A document's stored word boxes read from a workspace file a piece at a time (issue 16).

Placing a highlight made with the driver (``quick_writes.py``) on the pages reads the
document's word box record (``document_words``) through ``sqlite3``'s blob API, 64 KiB at a
time, and keeps only the words around the last highlight (``domain.stored_words``): the
window never holds a document's words, decoded or not.

The words kept are known by what their record is made from (the file's hash and the text's,
both changed by a new version of the file), the record's length and its first bytes: all read
without reading the rest of the record (reading its end would walk its overflow pages, the
whole record, into SQLite's page cache).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from functools import partial

from shiny_review.domain.geometry import PageRect
from shiny_review.domain.stored_words import NearbyWords

_PIECE = 1 << 16
_HEAD = 64
_NEARBY = NearbyWords()  # the words around the last highlight placed, in this process


def _pieces(conn: sqlite3.Connection, rowid: int) -> Iterator[bytes]:
    with conn.blobopen("document_words", "data", rowid, readonly=True) as blob:
        yield from iter(partial(blob.read, _PIECE), b"")


def _head(conn: sqlite3.Connection, rowid: int) -> bytes:
    with conn.blobopen("document_words", "data", rowid, readonly=True) as blob:
        return blob.read(_HEAD)


def rects_for(conn: sqlite3.Connection, document_id: int, start: int, end: int) -> list[PageRect]:
    """The page rectangles of [start, end) in the document (none if it has no word boxes)."""
    found = conn.execute(
        "SELECT w.rowid, length(w.data), d.source_hash, d.content_hash FROM document_words w "
        "JOIN documents d ON d.id = w.document_id WHERE w.document_id = ?",
        (document_id,),
    ).fetchone()
    if found is None:
        return []
    rowid = int(found[0])
    key = (*found[1:], _head(conn, rowid))
    return _NEARBY.rects_for(key, partial(_pieces, conn, rowid), start, end)
