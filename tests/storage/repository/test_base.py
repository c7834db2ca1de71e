"""The repository's core: the history it appends to, the driver cursor, look-ups by id."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from shiny_review.domain.entities import Anchor, HistoryEntry
from shiny_review.domain.errors import NotFoundError
from shiny_review.storage.repository import Repository
from shiny_review.storage.schema import HistoryRow
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


def _history_through_the_orm(repo: Repository, limit: int | None = None) -> list[HistoryEntry]:
    """The read ``history`` made before it read with the driver (kept to compare with)."""
    query = select(HistoryRow).order_by(HistoryRow.id)
    if limit is not None:
        query = query.limit(limit)
    return [
        HistoryEntry(
            id=h.id,
            at=h.at.isoformat(timespec="seconds") + "Z",
            author=h.author,
            action=h.action,
            entity=h.entity,
            entity_id=h.entity_id,
            before=h.before,
            after=h.after,
        )
        for h in repo._s.scalars(query)
    ]


def test_history_read_with_the_driver_is_the_orm_read(workspace: Workspace, doc_id: int) -> None:
    with workspace.write() as repo:
        rec = repo.add_recommendation(
            doc_id,
            "Publish the plan – “now”.",
            number="7",
            group="manual",
            nf_tag=None,
            position=None,
        )
        anchor = Anchor("Main findings", "", "", 0, 13, 1, 1, "h")
        ann = repo.add_annotation(
            doc_id, anchor, section=None, stance=None, note="é £ 🙂", colour=None
        )
        repo.link(ann, rec)
        repo.update_annotation(ann, note="edited")
        repo.update_annotation(ann, deleted=True)
        repo._history("edit", "annotation", ann, {"a": 1}, None)
        repo._s.flush()
        repo._s.add(  # a time with microseconds (now() has none)
            HistoryRow(
                at=dt.datetime(2025, 12, 31, 23, 59, 59, 987654),
                author="Ana",
                action="edit",
                entity="annotation",
                entity_id=ann,
                before=None,
                after="{}",
            )
        )
        pending = repo.history()  # the unit of work's own changes, not yet committed
        assert pending == _history_through_the_orm(repo)
    with workspace.read() as repo:
        entries = repo.history()
        assert entries == _history_through_the_orm(repo)
        assert len(entries) == 8  # the letter, and the seven above
        assert entries[-1].at == "2025-12-31T23:59:59Z"
        for limit in (0, 1, 3, 100):
            assert repo.history(limit) == _history_through_the_orm(repo, limit) == entries[:limit]


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
