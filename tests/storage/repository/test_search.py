"""The FTS5 index of migration 0003: kept in sync on add, new version and delete; search rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from shiny_review.services.session import close_service, open_service
from shiny_review.storage.repository import fts_query
from shiny_review.storage.workspace import Workspace
from tests.conftest import as_login
from tests.factories import LETTER_BLOCKS, make_ingested


def _indexed(path: Path, word: str) -> list[int]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid", (word,)
        )
        return [r[0] for r in rows]
    finally:
        conn.close()


def test_fts_query_is_one_phrase_with_a_prefix_end() -> None:
    assert fts_query("needs   to improve") == '"needs to improve"*'
    assert fts_query('say "no"') == '"say ""no"""*'
    assert fts_query("  ") is None
    assert fts_query("- ?") is None


def test_index_follows_add_replace_and_delete(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    with Workspace(path, "Officer") as ws:
        with ws.write() as repo:
            first = repo.add_document(make_ingested())
            second = repo.add_document(make_ingested(salt="2"))
        assert _indexed(path, "supervision") == [first, second]
        with ws.read() as repo:
            rows = repo.search("supervision")
            assert [r.document_id for r in rows] == [first, second]
            assert "supervision" in rows[0].snippet.lower()
            assert [r.document_id for r in repo.search("supervis")] == [first, second]
            assert repo.search("pervision") == []  # a word start, not any substring
        changed = (*LETTER_BLOCKS[:-1], "2. Caseloads are high.")
        with ws.write() as repo:
            repo.replace_document(second, make_ingested(changed, salt="3"))
        assert _indexed(path, "caseloads") == [second]
        assert _indexed(path, "drift") == [first]
        conn = sqlite3.connect(path)
        with conn:
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("DELETE FROM documents WHERE id = ?", (first,))
        conn.close()
        assert _indexed(path, "drift") == []
        assert _indexed(path, "supervision") == [second]


def test_workspace_search_uses_the_index_and_keeps_exact_offsets(workspace_target: Any) -> None:
    service = open_service(as_login(workspace_target, "Officer"), "Officer")
    try:
        a = service.documents.add_ingested(make_ingested()).value.document.id
        b = service.documents.add_ingested(make_ingested(salt="2")).value.document.id
        hits = service.search.find("children’s  “voice”")
        assert [h.document_id for h in hits] == [a, b]
        for hit in hits:
            text = service.documents.text(hit.document_id).text
            assert text[hit.start : hit.end] == "Children’s “voice”"
        assert service.search.find("hildren") == []  # across the workspace: word starts only
        assert len(service.search.find("hildren", a)) == 3  # in one document: anywhere
        assert [h.document_id for h in service.search.find("supervision", limit=3)] == [a, a, b]
    finally:
        close_service(service)
