"""A workspace on a real PostgreSQL server (issue 17): rights, logins, a killed client, the
same export and search results as a workspace file. Each test names its engine itself."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from shiny_review.domain.entities import Stance
from shiny_review.domain.errors import WorkspaceError
from shiny_review.services.export.exporting import ExportFormat, export
from shiny_review.services.review import ReviewService
from shiny_review.storage.server_setup import EDITOR, READER
from shiny_review.storage.server_workspace import open_workspace
from tests.conftest import REPO, as_login
from tests.factories import make_ingested


@pytest.fixture
def engine_name() -> str:
    return "postgresql"


def _service(target: Any, author: str | None = None) -> ReviewService:
    return ReviewService(open_workspace(target, author))


def _seed(target: Any) -> tuple[int, int]:
    service = _service(target)
    try:
        doc = service.documents.add_ingested(make_ingested()).value.document.id
        ann = service.annotations.add(doc, 0, 12, note="first").value.id
    finally:
        service.close()
    return doc, ann


def test_a_reader_sees_and_exports_but_cannot_write(
    workspace_target: Any, pg_server: Any, tmp_path: Path
) -> None:
    doc, ann = _seed(workspace_target)
    reader = pg_server.add_login("Reader One", READER)
    service = _service(as_login(workspace_target, reader))
    try:
        assert [a.id for a in service.annotations.all(doc)] == [ann]
        assert export(service, ExportFormat.CSV, tmp_path / "log.csv") >= 1
        for write in (
            lambda: service.annotations.add(doc, 0, 5),
            lambda: service.annotations.set_note(ann, "changed"),
            lambda: service.documents.add_ingested(make_ingested(salt="r")),
        ):
            with pytest.raises(
                WorkspaceError, match=r"^you have read-only access to this workspace$"
            ):
                write()
        assert service.annotations.get(ann).note == "first"
        assert len(service.annotations.all(doc)) == 1
    finally:
        service.close()


def test_a_login_without_a_role_sees_nothing(workspace_target: Any, pg_server: Any) -> None:
    _seed(workspace_target)
    nobody = pg_server.add_login("No Role")
    with pytest.raises(
        WorkspaceError, match=r"has no access .* shiny_review_reader or shiny_review_editor"
    ):
        _service(as_login(workspace_target, nobody))


def test_the_history_names_the_login_and_author_cannot_impersonate(
    workspace_target: Any, pg_server: Any
) -> None:
    _, ann = _seed(workspace_target)  # by "Test Officer"
    other = pg_server.add_login("Second Officer", EDITOR)
    service = _service(as_login(workspace_target, other), "Second Officer")
    try:
        assert service.author == "Second Officer"
        service.annotations.set_note(ann, "by the second officer")
        with pytest.raises(WorkspaceError, match="database login"):
            service.author = "Test Officer"
        authors = [(h.author, h.action) for h in service.history.entries()]
        assert authors[-1][0] == "Second Officer"
        assert {a for a, _ in authors[:-1]} == {"Test Officer"}
    finally:
        service.close()
    with pytest.raises(
        WorkspaceError,
        match=r"login \(Test Officer\); --author Someone Else cannot change it$",
    ):
        _service(workspace_target, "Someone Else")


def test_history_is_append_only_on_the_server(workspace_target: Any, pg_server: Any) -> None:
    import psycopg

    _seed(workspace_target)
    with pg_server.connect(workspace_target.database) as conn:
        for sql in ("UPDATE history SET author = 'x'", "DELETE FROM history", "TRUNCATE history"):
            with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                conn.execute(sql)
        assert conn.execute("SELECT count(*) FROM history").fetchone()[0] >= 2


CHILD = """
import sys
from shiny_review.domain.workspace_spec import parse_url
from shiny_review.services.review import ReviewService
from shiny_review.storage.server_workspace import open_workspace

service = ReviewService(open_workspace(parse_url(sys.argv[1]), None))
doc = int(sys.argv[2])
for i in range(100000):
    ann = service.annotations.add(doc, i % 40, i % 40 + 10, note=f"note {i}").value
    print(ann.id, flush=True)
"""


def test_kill_9_mid_action_loses_nothing_acknowledged(workspace_target: Any) -> None:
    doc, first = _seed(workspace_target)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, workspace_target.label, str(doc)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert child.stdout is not None
    acknowledged = [int(child.stdout.readline()) for _ in range(60)]
    os.kill(child.pid, signal.SIGKILL)
    rest, _ = child.communicate()
    acknowledged += [int(line) for line in rest.split()]
    service = _service(workspace_target)
    try:
        stored = {a.id for a in service.annotations.all(doc)}
        assert set(acknowledged) <= stored
        assert stored - set(acknowledged) <= {first, max(stored)}  # at most the one in flight
        history = {h.entity_id for h in service.history.entries() if h.entity == "annotation"}
        assert set(acknowledged) <= history
    finally:
        service.close()


def _same_actions(service: ReviewService, target: Path) -> bytes:
    one = service.documents.add_ingested(make_ingested()).value.document
    two = service.documents.add_ingested(make_ingested(salt="2")).value.document
    recs = service.recommendations.all(one.id)
    a = service.annotations.add(one.id, 0, 20, stance=Stance.SHOWS_CONCERN, note="=SUM(A1) ✓",
                                recommendation_ids=[recs[0].id]).value  # fmt: skip
    service.annotations.add(
        two.id, 5, 30, note="line\nbreak", recommendation_ids=[r.id for r in recs]
    )
    service.annotations.add(one.id, 40, 60)
    service.annotations.delete(service.annotations.add(one.id, 2, 9).value.id)
    service.annotations.set_note(a.id, "edited 🙂")
    export(service, ExportFormat.CSV, target)
    return target.read_bytes()


def test_exports_are_byte_identical_on_both_engines(
    workspace_target: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shiny_review.storage import clock

    fixed = dt.datetime(2026, 12, 4, 9, 30, 15, 123456)
    monkeypatch.setattr(clock, "now", lambda: fixed)  # every write path's clock
    outputs = []
    for target in (tmp_path / "w.sqlite", workspace_target):
        service = _service(target, None if target is workspace_target else "Test Officer")
        try:
            outputs.append(_same_actions(service, tmp_path / f"log-{len(outputs)}.csv"))
        finally:
            service.close()
    assert outputs[0].count(b"\r\n") > 4
    assert outputs[0] == outputs[1]


@pytest.fixture(scope="module")
def corpus_letters(shared_dir: Path) -> list[Any]:
    from shiny_review.ingest import ingest_file

    folder = shared_dir / "corpus" / "ofsted"
    names = ("bradford-2014-may-23.pdf", "halton-2024-july-12.pdf", "knowsley-2025-january-20.pdf")
    return [ingest_file(folder / name) for name in names]


def test_search_finds_the_same_documents_on_both_engines(
    workspace_target: Any, tmp_path: Path, corpus_letters: list[Any]
) -> None:
    from shiny_review.domain.search_words import word_spans

    words = [w for letter in corpus_letters for w, _, _ in word_spans(letter.extracted.text)]
    queries = sorted(set(words[::97]))[:60]  # single words from every part of the letters
    queries += [" ".join(words[i : i + 3]) for i in range(5, len(words), 1500)]  # phrases
    queries += ["Children’s serv", "SAFEGUARD", "cafe", "inspect", "improve?", "e-mail", "zzzq"]
    results = []
    for target in (tmp_path / "w.sqlite", workspace_target):
        service = _service(target, None if target is workspace_target else "Test Officer")
        try:
            for letter in corpus_letters:
                service.documents.add_ingested(letter)
            with service._workspace.read() as repo:  # the index, and the exact search on it
                found = [[r.document_id for r in repo.search(q)] for q in queries]
            hits = [[(h.document_id, h.start) for h in service.search.find(q)] for q in queries]
            results.append((found, hits))
        finally:
            service.close()
    assert results[0] == results[1]
    assert sum(1 for ids in results[0][0] if ids) > len(queries) // 2  # most words are found


def test_a_password_neither_pgpass_nor_the_store_has_is_asked_for(
    workspace_target: Any, pg_server: Any
) -> None:
    with pg_server.connect() as conn:
        conn.execute("DROP ROLE IF EXISTS asked_login")
        conn.execute(f"CREATE ROLE asked_login LOGIN PASSWORD 'right horse' IN ROLE {EDITOR}")
    spec = as_login(workspace_target, "asked_login")
    asked: list[str] = []

    def ask(which: Any) -> str:
        asked.append(which.user)
        return "right horse" if len(asked) == 1 else "wrong"

    workspace = open_workspace(spec, None, ask_password=ask)
    try:
        assert workspace.author == "asked_login"
    finally:
        workspace.close()
    with pytest.raises(WorkspaceError, match="password authentication failed") as caught:
        open_workspace(spec, None, ask_password=ask)
    assert asked == ["asked_login", "asked_login"]
    assert "wrong" not in str(caught.value)
    with pytest.raises(WorkspaceError, match="give it when asked"):
        open_workspace(spec, None)


def test_the_service_names_its_server(workspace_target: Any, workspace_path: Path) -> None:
    service = _service(workspace_target)
    try:
        assert service.on_server
        assert service.workspace_label == workspace_target.label
        assert "Test%20Officer@127.0.0.1" in service.workspace_label
    finally:
        service.close()
    service = _service(workspace_path, "Test Officer")
    try:
        assert not service.on_server and service.workspace_label == str(workspace_path)
    finally:
        service.close()
