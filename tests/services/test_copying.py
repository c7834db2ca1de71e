"""``copy`` (issue 17): a workspace copied onto a new one and back holds every row, the history
as it was and the original files, checked table by table; the evidence log exported from the
copy is the original's byte for byte. It refuses the source itself and a target with data,
and keeps nothing of a copy that does not match."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from shiny_review.domain.errors import ValidationError, WorkspaceError
from shiny_review.services.copying import copy_workspace
from shiny_review.services.export.exporting import ExportFormat, export
from shiny_review.services.review import ReviewService
from shiny_review.storage import copying as storage_copying
from shiny_review.storage.workspace import Workspace
from tests.conftest import CORPUS

AUTHORS = ("Ada Given", "Bea Other")


def build_corpus_workspace(path: Path) -> None:
    """The Ofsted corpus imported, two highlights per letter (linked to its first
    recommendations) by two officers, a note edited, one highlight in the bin, an action."""
    with Workspace(path, AUTHORS[0]) as ws:
        service = ReviewService(ws)
        for n, pdf in enumerate(sorted(CORPUS.glob("*.pdf"))):
            service.author = AUTHORS[n % 2]
            doc = service.documents.import_file(pdf).value.document
            text = service.documents.text(doc.id).text
            recs = [r.id for r in service.recommendations.all(doc.id)][:2]
            for k in range(2):
                start = text.index(" ", 200 + 400 * k) + 1
                ann = service.annotations.add(
                    doc.id, start, start + 80, note=f"note {n}.{k} = +1", recommendation_ids=recs
                ).value
                service.annotations.set_note(
                    ann.id, f"edited {n}.{k}", expected_version=ann.version
                )
            if n == 0:
                service.annotations.delete(ann.id)
            if recs and n == 1:
                service.action_plan.add_action(
                    recs[0], text="Audit plans", owner="Cy", due_date=dt.date(2027, 3, 1)
                )


@pytest.fixture(scope="module")
def corpus_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.sqlite"
    build_corpus_workspace(path)
    return path


def csv_log(path: Path, out: Path) -> bytes:
    with Workspace(path, "reader", read_only=True) as ws:
        export(ReviewService(ws), ExportFormat.CSV, out)
    return out.read_bytes()


def history(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT id, author, action, entity, entity_id FROM history").fetchall()


def test_copy_there_and_back_keeps_every_row_and_the_exports(
    corpus_workspace: Path, tmp_path: Path
) -> None:
    there, back = tmp_path / "there.sqlite", tmp_path / "back.sqlite"
    report = copy_workspace(corpus_workspace, there, "Copier")
    assert report.ok
    by_table = {t.table: t for t in report.tables}
    assert by_table["documents"].target_rows == 12
    assert by_table["blobs"].target_rows == 12  # the original files
    assert by_table["history"].source_rows > 48
    assert copy_workspace(there, back, "Copier").ok
    assert csv_log(back, tmp_path / "b.csv") == csv_log(corpus_workspace, tmp_path / "a.csv")
    assert history(back) == history(corpus_workspace)  # ids and authors as they were
    assert {row[1] for row in history(back)} == set(AUTHORS)
    with Workspace(back, "Next") as ws:  # the copy is a working workspace: ids follow on
        service = ReviewService(ws)
        doc = service.documents.all()[0].id
        added = service.annotations.add_quote(doc, service.documents.text(doc).text[300:340])
        assert added.value.id > max(a.id for a in service.annotations.all() if a != added.value)
        assert service.search.find("inspection")  # the full-text index came with the rows


def test_refuses_the_source_itself_and_a_target_with_data(
    corpus_workspace: Path, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match="onto itself"):
        copy_workspace(corpus_workspace, corpus_workspace, "Copier")
    taken = tmp_path / "taken.sqlite"
    taken.write_bytes(b"anything")
    before = hashlib.sha256(taken.read_bytes()).hexdigest()
    with pytest.raises(WorkspaceError, match="refusing to copy onto"):
        copy_workspace(corpus_workspace, taken, "Copier")
    assert hashlib.sha256(taken.read_bytes()).hexdigest() == before


def test_a_copy_that_does_not_match_leaves_nothing(
    corpus_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = storage_copying.copy_rows

    def lossy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
        real(source, target)  # type: ignore[arg-type]
        target.execute(storage_copying.text("DELETE FROM links WHERE id = 1"))  # type: ignore[attr-defined]

    monkeypatch.setattr(storage_copying, "copy_rows", lossy)
    target = tmp_path / "bad.sqlite"
    report = copy_workspace(corpus_workspace, target, "Copier")
    assert not report.ok
    assert [t.table for t in report.tables if not t.ok] == ["links"]
    assert not target.exists() and not list(tmp_path.glob("bad.sqlite*"))


def test_copy_to_the_server_and_back_gives_identical_exports(
    corpus_workspace: Path, tmp_path: Path, pg_server: Any
) -> None:
    """Acceptance (issue 17): the SQLite corpus workspace -> PostgreSQL -> SQLite; the
    evidence log (CSV) is the same byte for byte, the history the same ids and authors."""
    name = pg_server.new_database()
    try:
        server = pg_server.spec(name, "Test Officer")
        there = copy_workspace(corpus_workspace, server, None)
        assert there.ok, "\n".join(there.lines())
        back = tmp_path / "back.sqlite"
        assert copy_workspace(server, back, "Copier").ok
        with pytest.raises(WorkspaceError, match="holds data"):
            copy_workspace(corpus_workspace, server, None)  # not onto a server with data
    finally:
        pg_server.drop_database(name)
    assert csv_log(back, tmp_path / "b.csv") == csv_log(corpus_workspace, tmp_path / "a.csv")
    assert history(back) == history(corpus_workspace)
