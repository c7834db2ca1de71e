"""A reviewer's everyday writes on the plain driver (``storage/quick_writes.py``, issue 16)
leave the same rows as the ORM repository's: the same use cases run on two copies of one
workspace, one through the driver and one through the ORM, and every row of the annotations,
links, history and page rectangles compares equal (timestamps too: both paths read one clock,
``storage.clock``, fixed here), as do their answers, their edit conflicts and their refusals."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import sqlite3
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from shiny_review.domain.conflicts import EditConflict
from shiny_review.domain.entities import Stance
from shiny_review.domain.errors import NotFoundError, ValidationError
from shiny_review.domain.geometry import WordBoxes, rects_json
from shiny_review.services.review import ReviewService
from shiny_review.services.session import close_service, open_service
from shiny_review.storage.workspace import Workspace
from tests.factories import LETTER_BLOCKS, make_ingested

STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.000000$")
TABLES = ("annotations", "links", "history", "annotation_rects")


def _with_words(blocks: tuple[str, ...], source: str) -> Any:
    """A letter whose words have boxes on its pages (as a PDF's do)."""
    ingested = make_ingested(blocks, source=source)
    extracted = ingested.extracted
    words = WordBoxes()
    for m in re.finditer(r"\S+", extracted.text):
        page = extracted.page_at(m.start())
        words.add(m.start(), m.end(), page, (10.0 + m.start() % 50, 20.0, 60.0, 30.0))
    return dataclasses.replace(ingested, extracted=dataclasses.replace(extracted, words=words))


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[Path, list[int], list[int]]:
    """A workspace with two documents of one authority (one with word boxes) and a
    highlight made before, closed."""
    path = tmp_path / "seed.sqlite"
    service = open_service(path, "Seeder")
    try:
        docs, recs = [], []
        for n, make in enumerate((_with_words, make_ingested)):
            blocks = (f"Letter {n} to Westmarsh Borough Council", *LETTER_BLOCKS[1:])
            doc = service.documents.add_ingested(make(blocks, source=f"l{n}.txt")).value
            docs.append(doc.document.id)
            service.cycle.set_authority(doc.document.id, "Westmarsh Borough Council")
            recs += [r.id for r in service.recommendations.all(doc.document.id)]
        service.annotations.add(docs[0], 5, 15)
    finally:
        close_service(service)
    return path, docs, recs


def _session(path: Path, *, orm: bool) -> ReviewService:
    workspace = Workspace(path, "Reviewer")
    if orm:  # the ORM repository for the everyday writes too, as before issue 16
        workspace.light_write = workspace.write  # type: ignore[method-assign]
    return ReviewService(workspace)


def _outcome(call: Callable[[], Any]) -> Any:
    """What a use case answers (timestamps left out), or the error it raises."""
    try:
        value = call().value
    except EditConflict as exc:
        details = dataclasses.asdict(exc.details)
        for key in ("created_at", "updated_at", "deleted_at"):
            details["current"][key] = "stamp" if details["current"][key] else None
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", details["changed_at"])
        return ("conflict", {**details, "changed_at": "stamp"})
    except (NotFoundError, ValidationError) as exc:
        return (type(exc).__name__, str(exc))
    return dataclasses.replace(value, created_at=None, updated_at=None)


def _actions(service: ReviewService, docs: list[int], recs: list[int]) -> list[Any]:
    notes = service.annotations
    first = notes.add(docs[0], 40, 70, stance=Stance.CONTEXT, note="n", recommendation_ids=recs[:2])
    a = first.value.id
    b = notes.add(docs[1], 3, 30, colour="#ffcc00", recommendation_ids=[recs[3]]).value.id
    plain = notes.add(docs[0], 80, 95).value.id  # no links, no stance
    v = first.value.version
    calls: list[Callable[[], Any]] = [
        lambda: notes.set_stance(a, Stance.SUPPORTS_PROGRESS, expected_version=v),
        lambda: notes.set_note(a, "a longer note – é £", expected_version=v + 1),
        lambda: notes.set_note(a, "stale", expected_version=v),  # someone changed it since
        lambda: notes.set_stance(a, None),
        lambda: notes.update(b, colour="#00ff00"),
        lambda: notes.unlink(a, recs[1]),
        lambda: notes.unlink(a, recs[1]),  # not linked any more: nothing written
        lambda: notes.link(a, recs[2]),  # the other letter's, same authority
        lambda: notes.link(a, recs[2]),  # already linked
        lambda: notes.delete(plain),
        lambda: notes.restore(plain),
        lambda: notes.delete(plain),
        lambda: notes.delete(b, expected_version=1),  # moved on: a conflict
        lambda: notes.delete(9999),
        lambda: notes.link(a, 9999),
        lambda: notes.add(9999, 0, 5),
    ]
    return [_outcome(lambda: first), *(_outcome(c) for c in calls)]


def _rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    try:
        found = {}
        for table in TABLES:
            rows = conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            columns = [d[0] for d in conn.execute(f"SELECT * FROM {table}").description]
            stamps = {"at", "created_at", "updated_at", "deleted_at"}
            for row in rows:
                for column, value in zip(columns, row, strict=True):
                    if column in stamps:
                        assert value is None or STAMP.match(value), (table, column, value)
            found[table] = rows
        return found
    finally:
        conn.close()


def test_the_driver_writes_the_same_rows_as_the_orm(
    seeded: tuple[Path, list[int], list[int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shiny_review.storage import clock

    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 12, 4, 9, 30, 15))
    path, docs, recs = seeded
    answers, rows = {}, {}
    for orm in (True, False):
        copy = tmp_path / f"{'orm' if orm else 'driver'}.sqlite"
        shutil.copy(path, copy)
        service = _session(copy, orm=orm)
        try:
            answers[orm] = _actions(service, docs, recs)
            assert service._workspace._database is None or orm  # the driver needed no ORM
        finally:
            close_service(service)
        rows[orm] = _rows(copy)
    assert answers[False] == answers[True]
    for table in TABLES:
        assert rows[False][table] == rows[True][table], table
    assert rows[False]["annotation_rects"]  # the first letter's highlights have rectangles
    conflicts = [a for a in answers[False] if isinstance(a, tuple) and a[0] == "conflict"]
    assert len(conflicts) == 2


def test_a_failed_write_leaves_nothing(seeded: tuple[Path, list[int], list[int]]) -> None:
    path, docs, recs = seeded
    before = _rows(path)
    service = _session(path, orm=False)
    try:
        with pytest.raises(NotFoundError):  # the link fails after the highlight is written
            service.annotations.add(docs[0], 40, 70, recommendation_ids=[recs[0], 9999])
        connection = sqlite3.connect(path)  # another connection may write: no lock is left
        connection.execute("PRAGMA busy_timeout=0")
        connection.execute("BEGIN IMMEDIATE")
        connection.rollback()
        connection.close()
        mode = service._workspace._writer._connection().execute("PRAGMA synchronous")
        assert mode.fetchone()[0] == 2  # FULL
    finally:
        close_service(service)
    assert _rows(path) == before


def test_a_highlight_is_placed_on_the_documents_words_as_stored_now(
    seeded: tuple[Path, list[int], list[int]],
) -> None:
    """The words kept around the last highlight (``storage/word_records.py``) are not used
    once the document's record is replaced (a new version of its file)."""
    path, docs, _ = seeded
    service = _session(path, orm=False)
    try:
        stored = []
        for shift in (0.0, 100.0):
            conn = sqlite3.connect(path)
            with conn:
                (data,) = conn.execute(
                    "SELECT data FROM document_words WHERE document_id = ?", (docs[0],)
                ).fetchone()
                words = WordBoxes.from_bytes(data)
                moved = WordBoxes(
                    words.starts,
                    words.ends,
                    words.pages,
                    array("d", (b + shift for b in words.boxes)),
                )
                conn.execute(
                    "UPDATE document_words SET data = ? WHERE document_id = ?",
                    (moved.to_bytes(), docs[0]),
                )  # as a new version of the file (``replace_document``) changes its hash
                conn.execute(
                    "UPDATE documents SET source_hash = ? WHERE id = ?", (f"v{shift}", docs[0])
                )
            conn.close()
            ann = service.annotations.add(docs[0], 40 + int(shift) // 50, 70).value
            anchor = ann.anchor
            expected = WordBoxes.from_bytes(moved.to_bytes()).rects_for(anchor.start, anchor.end)
            stored.append(_rects_of(path, ann.id))
            assert stored[-1] == rects_json(expected)
        assert stored[0] != stored[1]
    finally:
        close_service(service)


def _rects_of(path: Path, annotation_id: int) -> str:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute(
            "SELECT rects FROM annotation_rects WHERE annotation_id = ?", (annotation_id,)
        ).fetchone()
        return str(row[0])
    finally:
        conn.close()
