"""The window's first read (``storage/first_read.py``, issue 16): the remembered document of a
workspace file with the driver alone gives what the review service gives of it (its text,
paragraphs and highlight spans, its header's fields), and None, without writing, for anything
the usual open must handle (no file, another application's database, a schema to migrate, a
document in the bin or missing)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from shiny_review.domain.entities import Stance
from shiny_review.services.first_document import first_document
from shiny_review.services.session import close_service, open_service
from shiny_review.storage.first_read import read_first_document
from tests.factories import LETTER_BLOCKS, make_ingested


def _workspace(path: Path) -> tuple[int, int]:
    """Two letters, highlights on the first (one with a stance, one deleted); the second in
    the bin."""
    service = open_service(path, "Tester")
    try:
        docs = []
        for n in range(2):
            blocks = (f"Letter {n} to Westmarsh Borough Council", *LETTER_BLOCKS[1:])
            outcome = service.documents.add_ingested(make_ingested(blocks, source=f"l{n}.txt"))
            docs.append(outcome.value.document.id)
        service.annotations.add(docs[0], 40, 52, stance=Stance.SHOWS_CONCERN)
        service.annotations.add(docs[0], 5, 17)
        gone = service.annotations.add(docs[0], 90, 102).value
        service.annotations.delete(gone.id)
        service.documents.remove(docs[1])
    finally:
        close_service(service)
    return docs[0], docs[1]


def test_the_first_read_gives_what_the_service_shows(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    shown, _binned = _workspace(path)
    first = first_document(path, shown)
    service = open_service(path, "Tester")
    try:
        doc = service.documents.get(shown)
        text = service.documents.text(shown)
        spans = service.annotations.highlight_spans(shown)
    finally:
        close_service(service)
    assert first is not None
    assert (first.id, first.title, first.kind, first.authority, first.pages) == (
        doc.id,
        doc.title,
        doc.kind,
        doc.authority,
        doc.pages,
    )
    assert first.date == (doc.date.isoformat() if doc.date else None)
    assert first.text == text.text
    assert tuple(first.page_starts) == text.page_starts
    assert first.paragraphs == [(p.start, p.number, p.is_heading) for p in text.paragraphs]
    assert len(first.spans) == 2
    assert [(i, s, e, Stance(t) if t else None) for i, s, e, t in first.spans] == [
        tuple(span) for span in spans
    ]


def test_a_document_in_the_bin_or_missing_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    _shown, binned = _workspace(path)
    assert read_first_document(path, binned) is None
    assert read_first_document(path, 9999) is None


def test_no_file_is_made_and_none_is_read(tmp_path: Path) -> None:
    path = tmp_path / "none.sqlite"
    assert read_first_document(path, 1) is None
    assert not path.exists()
    assert read_first_document(tmp_path, 1) is None  # a folder


@pytest.mark.parametrize("case", ["not sqlite", "another application", "older schema"])
def test_a_file_the_usual_open_must_handle_is_left_to_it(tmp_path: Path, case: str) -> None:
    path = tmp_path / "w.sqlite"
    if case == "not sqlite":
        path.write_bytes(b"this is not a database, " * 100)
    elif case == "another application":
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, text TEXT)")
            conn.execute("INSERT INTO documents VALUES (1, 'theirs')")
        conn.close()
    else:
        shown, _binned = _workspace(path)
        assert read_first_document(path, shown) is not None
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '0010'")
        conn.close()
    before = path.read_bytes()
    assert read_first_document(path, 1) is None
    assert path.read_bytes() == before  # never written
