"""The change log's points (issue 17): a change committed late with a lower history id than
one already read is still reported, once, on a server where two transactions are open at
once; a rolled-back id stays a gap without being reported."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shiny_review.services.change_feed import ChangeFeed
from shiny_review.services.review import ReviewService
from shiny_review.storage.server_workspace import open_workspace
from shiny_review.storage.workspace import Workspace
from tests.factories import make_ingested

INSERT = (
    "INSERT INTO history (at, author, action, entity, entity_id) "
    "VALUES (now(), 'Officer', 'create', 'recommendation', %s) RETURNING id"
)


@pytest.fixture
def database(pg_server: Any) -> Iterator[str]:
    name = pg_server.new_database()
    yield name
    pg_server.drop_database(name)


def test_a_late_commit_with_a_lower_id_is_still_reported(pg_server: Any, database: str) -> None:
    workspace = open_workspace(pg_server.spec(database, "Test Officer"), None)
    feed = ChangeFeed(workspace)
    try:
        assert feed.poll().empty  # the starting point
        with pg_server.connect(database) as slow, pg_server.connect(database) as quick:
            slow.autocommit = quick.autocommit = False
            low = slow.execute(INSERT, (101,)).fetchone()[0]  # held open
            high = quick.execute(INSERT, (102,)).fetchone()[0]
            quick.commit()
            assert low < high
            assert feed.poll().recommendations == {102}
            assert feed.cursor == high
            slow.commit()
            assert feed.poll().recommendations == {101}  # late, below the cursor
            assert feed.poll().empty  # reported once
            undone = slow.execute(INSERT, (103,)).fetchone()[0]
            slow.rollback()
            after = quick.execute(INSERT, (104,)).fetchone()[0]
            quick.commit()
            assert feed.poll().recommendations == {104}
            assert undone in feed.point.gaps and after > undone  # watched, never reported
            assert feed.poll().empty
    finally:
        workspace.close()


def test_a_files_feed_reports_each_change_once(tmp_path: Path) -> None:
    path = tmp_path / "team.sqlite"
    with Workspace(path, "Bea") as writer, Workspace(path, "Ada", read_only=True) as reader:
        bea, feed = ReviewService(writer), ChangeFeed(reader)
        assert feed.poll().empty
        doc = bea.documents.add_ingested(make_ingested()).value.document.id
        first = bea.annotations.add_quote(doc, "Supervision is regular").value.id
        changed = feed.poll()
        assert first in changed.annotations and doc in changed.documents
        assert feed.point is not None and feed.point.gaps == ()
        assert feed.poll().empty
