"""The window's start reads on the plain driver (``storage/quick_reads.py``, issue 16) give
the same rows as the ORM repository's methods of the same names, on a workspace holding every
case they filter: documents in the bin, deleted highlights and recommendations, links to
deleted recommendations, highlights with and without a stance, self-check marks. And a file
workspace opens without its ORM engines: a reviewer's everyday writes (the driver's,
``quick_writes.py``) never load them nor import SQLAlchemy; a rare write (a recommendation
typed in) loads them."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from shiny_review.domain.entities import Stance
from shiny_review.domain.errors import NotFoundError
from shiny_review.services.review import ReviewService
from shiny_review.services.session import close_service, open_service
from shiny_review.storage.change_log import changes_since, latest
from shiny_review.storage.workspace import Workspace
from tests.conftest import REPO
from tests.factories import LETTER_BLOCKS, make_ingested


def _fill(path: Path) -> tuple[list[int], list[int]]:
    """Three documents (the third then in the bin), highlights, links, checks, deletions."""
    service = open_service(path, "Tester")
    try:
        docs = []
        for n in range(3):
            blocks = (f"Letter {n} to Westmarsh Borough Council", *LETTER_BLOCKS[1:])
            outcome = service.documents.add_ingested(make_ingested(blocks, source=f"l{n}.txt"))
            docs.append(outcome.value.document.id)
        annotations = []
        for doc in docs:
            recs = service.recommendations.all(doc)
            text = service.documents.text(doc).text
            for i, (start, stance) in enumerate(
                [(5, Stance.SUPPORTS_PROGRESS), (40, None), (90, Stance.CONTEXT)]
            ):
                ann = service.annotations.add(
                    doc,
                    start,
                    start + 12,
                    stance=stance,
                    note=f"note {i}",
                    recommendation_ids=[r.id for r in recs[: i + 1]],
                ).value
                annotations.append(ann.id)
            assert text
            service.annotations.delete(annotations[-1])
            service.recommendations.delete(recs[-1].id)
        service.documents.remove(docs[2])
    finally:
        close_service(service)
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO document_checks (document_id, position, reason) VALUES (?, ?, ?)",
            [(docs[0], 0, "no recommendations found"), (docs[0], 1, "short text")],
        )
    conn.close()
    return docs, annotations


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[tuple[Workspace, list[int], list[int]]]:
    path = tmp_path / "quick.sqlite"
    docs, annotations = _fill(path)
    workspace = Workspace(path, "Tester")
    yield workspace, docs, annotations
    workspace.close()


def test_a_file_workspace_opens_without_its_orm_and_loads_it_for_a_write(
    tmp_path: Path,
) -> None:
    path = tmp_path / "lazy.sqlite"
    docs, annotations = _fill(path)
    service = open_service(path, "Tester")
    try:
        workspace = service._workspace
        assert workspace._database is None  # type: ignore[attr-defined]
        assert [d.id for d in service.documents.all()] == docs[:2]
        assert service.annotations.highlight_spans(docs[0])
        _everyday_writes(service, docs[1])  # the driver's (quick_writes.py)
        assert workspace._database is None  # type: ignore[attr-defined]
        service.recommendations.add(docs[1], "A recommendation typed in.")  # a rare write
        assert workspace._database is not None  # type: ignore[attr-defined]
        assert service.documents.highlight_counts([docs[1]]) == {docs[1]: 3}
    finally:
        close_service(service)
    assert annotations


def _everyday_writes(service: ReviewService, doc: int) -> None:
    """A reviewer's everyday writes, one of each (quick_writes.py makes them all)."""
    with service._workspace.light_read() as reads:  # as the window reads them
        recs = [r.id for r in reads.recommendations(doc)]
    notes = service.annotations
    ann = notes.add(doc, 0, 6, stance=Stance.CONTEXT, recommendation_ids=recs).value.id
    notes.set_note(ann, "a note")
    notes.set_stance(ann, Stance.SUPPORTS_PROGRESS)
    notes.update(ann, colour="#00ff00")
    notes.unlink(ann, recs[0])
    notes.link(ann, recs[0])
    notes.delete(ann)
    notes.restore(ann)


CHILD = """
import sys
from shiny_review.services.session import close_service, open_service
from tests.storage.test_quick_reads import _everyday_writes

service = open_service(sys.argv[1], "Tester")
doc = int(sys.argv[2])
_everyday_writes(service, doc)
print("everyday", "sqlalchemy" in sys.modules)
service.recommendations.add(doc, "A recommendation typed in.")
print("rare", "sqlalchemy" in sys.modules)
close_service(service)
"""


def test_everyday_writes_never_import_sqlalchemy(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite"
    docs, _ = _fill(path)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(docs[1])],
        capture_output=True, text=True, cwd=REPO, timeout=120, check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert done.stdout.split() == ["everyday", "False", "rare", "True"], done.stderr[-3000:]
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT entity, action FROM history ORDER BY id DESC LIMIT 2")
        assert rows.fetchall() == [("recommendation", "create"), ("annotation", "restore")]


def test_the_quick_reads_give_the_repository_rows(
    filled: tuple[Workspace, list[int], list[int]],
) -> None:
    workspace, docs, annotations = filled
    every = [*docs, 999]
    with workspace.read() as orm, workspace.light_read() as quick:
        assert quick.list_documents() == orm.list_documents()
        for ids in ([docs[1]], every, [], [docs[2]]):  # a subset, with a binned and a missing id
            assert quick.list_documents(ids) == orm.list_documents(ids)
        assert [d.id for d in quick.list_documents(every)] == docs[:2]
        assert quick.document_authorities() == orm.document_authorities()
        assert quick.checks_by_document() == orm.checks_by_document()
        assert quick.recommendation_labels() == orm.recommendation_labels()
        assert quick.highlight_counts(every) == orm.highlight_counts(every)
        assert quick.annotations_by_ids([*annotations, 999]) == orm.annotations_by_ids(
            [*annotations, 999]
        )
        assert quick.recommendations() == orm.recommendations()
        assert quick.recommendations(include_deleted=True) == orm.recommendations(
            include_deleted=True
        )
        assert quick.recommendations(of_documents=docs) == orm.recommendations(of_documents=docs)
        assert quick.recommendations(of_documents=[]) == orm.recommendations(of_documents=[])
        for doc in every:
            for name in (
                "get_document",
                "document_text",
                "highlight_spans",
                "recommendations",
                "live_document_checks",
            ):
                assert _answer(getattr(quick, name), doc) == _answer(getattr(orm, name), doc)
        assert latest(quick) == latest(orm)
        for point in (0, 3, latest(orm).cursor):
            assert changes_since(quick, point) == changes_since(orm, point)


def _answer(call: object, document_id: int) -> object:
    """The method's rows, or the refusal it raises (unknown, or in the bin)."""
    try:
        return call(document_id)  # type: ignore[operator]
    except NotFoundError as exc:
        return ("refused", str(exc))


def test_each_light_read_is_one_snapshot_and_nested_reads_share_it(
    filled: tuple[Workspace, list[int], list[int]],
) -> None:
    workspace, docs, _ = filled
    with workspace.light_read() as outer:
        before = outer.highlight_counts(docs)
        writer = sqlite3.connect(workspace.path)  # another connection commits meanwhile
        with writer:
            writer.execute("UPDATE annotations SET deleted = 1 WHERE document_id = ?", (docs[0],))
        writer.close()
        with workspace.light_read() as inner:
            assert inner.highlight_counts(docs) == before
        assert outer.highlight_counts(docs) == before
    with workspace.light_read() as after:
        assert after.highlight_counts(docs)[docs[0]] == 0
