"""The repository's core: the history it appends to, the driver cursor, look-ups by id."""

from __future__ import annotations

import json

import pytest

from shiny_review.domain.entities import HistoryEntry
from shiny_review.domain.errors import NotFoundError
from shiny_review.storage.workspace import Workspace


def test_history_is_typed_and_ordered(workspace: Workspace, doc_id: int) -> None:
    with workspace.write() as repo:
        repo.add_recommendation(
            doc_id, "Publish the plan.", number="7", group="manual", nf_tag=None, position=None
        )
    with workspace.read() as repo:
        entries = repo.history()
        first = repo.history(limit=1)
    assert all(isinstance(e, HistoryEntry) for e in entries)
    assert [(e.action, e.entity) for e in entries] == [
        ("create", "document"),
        ("create", "recommendation"),
    ]
    assert first == entries[:1]
    made = entries[1]
    assert made.author == "Officer" and made.at.endswith("Z") and made.before is None
    assert json.loads(made.after or "{}")["number"] == "7"
    assert made.as_dict()["entity_id"] == made.entity_id


def test_driver_sees_pending_changes_of_the_unit_of_work(workspace: Workspace, doc_id: int) -> None:
    with workspace.write() as repo:
        repo.add_recommendation(
            doc_id, "Not yet flushed.", number=None, group="manual", nf_tag=None, position=None
        )
        count = repo._driver().execute("SELECT count(*) FROM recommendations").fetchone()[0]
    assert count == 3  # the letter's two and the pending one


def test_missing_rows_raise_not_found(workspace: Workspace) -> None:
    with workspace.read() as repo:
        with pytest.raises(NotFoundError, match="no document with id 9"):
            repo._require_document(9)
        with pytest.raises(NotFoundError, match="no recommendation with id 9"):
            repo.get_recommendation(9)
        with pytest.raises(NotFoundError, match="no annotation with id 9"):
            repo.get_annotation(9)
