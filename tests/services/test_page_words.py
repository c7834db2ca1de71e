"""Word boxes made on first need (issue 16): the import leaves them, the page view's child or
the annotated PDF makes them, boxes made from another text are refused, and a read-only
window places its highlights from boxes it could not store."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from shiny_review.domain.errors import ImportCancelled, InputFileError, ValidationError
from shiny_review.domain.structure import PageWords
from shiny_review.ingest import page_words
from shiny_review.ingest.pdf_text import extract_pdf
from shiny_review.services.review import ReviewService
from shiny_review.services.word_maker import make_in_child
from shiny_review.storage.workspace import Workspace
from tests.conftest import CORPUS
from tests.services.test_pages import REPORT, quote_on_page


@pytest.fixture
def report(tmp_path: Path, shared_dir: Path) -> Path:
    copy = tmp_path / REPORT
    shutil.copy(CORPUS / REPORT, copy)
    return copy


def test_the_boxes_made_later_are_those_an_import_with_words_made(report: Path) -> None:
    data = report.read_bytes()
    with_words = extract_pdf(data, report.name, words=True)
    without = extract_pdf(data, report.name)
    assert without.words is None and with_words.words is not None
    assert without == with_words  # the same text, maps and paragraphs
    made = page_words(data, report.name)
    assert made.words == with_words.words
    assert make_in_child(data, report.name) == made


def test_boxes_made_from_another_text_are_refused_and_nothing_is_stored(
    service: ReviewService, report: Path
) -> None:
    doc = service.documents.import_file(report).value.document.id
    made = page_words(report.read_bytes(), report.name)
    stale = PageWords("0" * 64, made.words)  # as an older reading of the file gave
    with pytest.raises(ValidationError) as err:
        service.pages.keep_word_boxes(doc, stale)
    assert "\n" not in str(err.value) and "new version" in str(err.value)
    assert service.pages.words_pending(doc) and service.pages.word_boxes(doc) is None
    assert service.pages.keep_word_boxes(doc, made) is made.words
    assert not service.pages.words_pending(doc)


def test_a_read_only_window_places_highlights_from_boxes_it_cannot_store(
    workspace_path: Path, report: Path
) -> None:
    with Workspace(workspace_path, "Officer") as writer:
        service = ReviewService(writer)
        doc = service.documents.import_file(report).value.document.id
        start, end = quote_on_page(service, doc, 4)
        ann = service.annotations.add(doc, start, end).value
        with Workspace(workspace_path, "Reader", read_only=True) as reader:
            pages = ReviewService(reader).pages
            assert pages.words_pending(doc)
            assert pages.make_word_boxes(doc) is not None
            placed = pages.highlights(doc)
            assert [h.annotation_id for h in placed] == [ann.id]
            assert placed[0].rects and {r.page for r in placed[0].rects} == {4}
        assert service.pages.words_pending(doc)  # the reader wrote nothing
        service.pages.make_word_boxes(doc)
        assert service.pages.highlights(doc)[0].rects == placed[0].rects


def test_the_child_says_in_one_line_when_the_file_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as err:
        make_in_child(b"%PDF-1.7 not really a PDF", "broken.pdf")
    assert "\n" not in str(err.value) and "broken.pdf" in str(err.value)


def test_a_cancelled_wait_ends_the_child(report: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ImportCancelled):
        make_in_child(report.read_bytes(), report.name, cancel=cancel)


def test_another_window_making_the_boxes_is_seen_and_a_new_version_refreshes_them(
    workspace_path: Path, report: Path, tmp_path: Path
) -> None:
    with Workspace(workspace_path, "Officer") as writer:
        service = ReviewService(writer)
        doc = service.documents.import_file(report).value.document.id
        with Workspace(workspace_path, "Reader", read_only=True) as reader:
            pages = ReviewService(reader).pages
            assert pages.word_boxes(doc) is None and pages.has_pages(doc)
            service.pages.make_word_boxes(doc)  # the other window shows the pages
            assert pages.word_boxes(doc) is not None and not pages.words_pending(doc)
            # another window imports a new version: the boxes are to make again
            other = tmp_path / "v2.pdf"
            shutil.copy(CORPUS / "halton-2024-july-12.pdf", other)
            service.versions.import_file(doc, other)
            content_hash = service.documents.get(doc).content_hash
            pages.refresh(doc, content_hash)  # as the page view does when it opens it
            assert pages.word_boxes(doc) is None and pages.words_pending(doc)


def test_on_a_server_a_highlight_made_while_the_boxes_are_stored_is_placed(
    pg_server: Any, report: Path
) -> None:
    """Officer B's highlight is not committed yet when officer A stores the boxes: A's
    store waits for it (``store_word_boxes`` locks the document's row first), then places it
    with the others, so it is never left without rectangles."""
    from shiny_review.storage.server_workspace import open_workspace
    from tests.pg_server import EDITORS

    name = pg_server.new_database()
    first = open_workspace(pg_server.spec(name, EDITORS[0]), None)
    second = open_workspace(pg_server.spec(name, EDITORS[1]), None)
    try:
        a = ReviewService(first)
        doc = a.documents.import_file(report).value.document.id
        start, end = quote_on_page(a, doc, 4)
        anchor = a.annotations.add(doc, start, end).value.anchor
        made = page_words(report.read_bytes(), report.name)
        kept: list[object] = []
        storing = threading.Thread(target=lambda: kept.append(a.pages.keep_word_boxes(doc, made)))
        with second.write() as repo:
            late = repo.add_annotation(
                doc, anchor, section=None, stance=None, note="B's", colour=None
            )
            storing.start()
            _wait_for_a_lock_wait(pg_server, name)
        storing.join(30)
        assert kept and not storing.is_alive()
        placed = {h.annotation_id: h.rects for h in a.pages.highlights(doc)}
        assert len(placed) == 2 and placed.get(late)
    finally:
        first.close()
        second.close()
        pg_server.drop_database(name)


def _wait_for_a_lock_wait(pg_server: Any, database: str) -> None:
    """Until a session of ``database`` waits on a lock (B on A's row)."""
    import time

    deadline = time.monotonic() + 15
    conn = pg_server.connect(database)
    try:
        while time.monotonic() < deadline:
            with conn.cursor() as cur:
                cur.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = %s AND wait_event_type = 'Lock'",
                    (database,),
                )
                if cur.fetchone()[0]:
                    return
        raise AssertionError("the other officer's highlight never waited on the lock")
    finally:
        conn.close()
