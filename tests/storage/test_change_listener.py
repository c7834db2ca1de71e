"""The server's change notifications (issue 17): every committed write of the history notifies
``shiny_review``, a rolled-back one does not, and the listener wakes on another session's
commit and stops when asked."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from shiny_review.services.review import ReviewService
from shiny_review.storage.change_listener import CHANNEL
from shiny_review.storage.server_workspace import open_workspace
from tests.factories import make_ingested

INSERT = (
    "INSERT INTO history (at, author, action, entity, entity_id) "
    "VALUES (now(), 'Officer', 'create', 'recommendation', %s)"
)


@pytest.fixture
def database(pg_server: Any) -> Iterator[str]:
    name = pg_server.new_database()
    yield name
    pg_server.drop_database(name)


def test_a_commit_notifies_and_a_rollback_does_not(pg_server: Any, database: str) -> None:
    with (
        pg_server.connect(database) as listening,
        pg_server.connect(database) as undone,
        pg_server.connect(database) as kept,
    ):
        listening.execute(f"LISTEN {CHANNEL}")
        undoing_pid, keeping_pid = undone.info.backend_pid, kept.info.backend_pid
        with undone.transaction(force_rollback=True):  # the action failed
            undone.execute(INSERT, (1,))
        with kept.transaction():
            kept.execute(INSERT, (2,))
            kept.execute(INSERT, (3,))  # one action: one notification
        # Delivered in commit order: a notification of the rollback would come first.
        got = [n for n in listening.notifies(timeout=5, stop_after=1)]
        assert [(n.channel, n.pid) for n in got] == [(CHANNEL, keeping_pid)]
        assert got[0].pid != undoing_pid
        assert list(listening.notifies(timeout=0.2)) == []  # the two inserts: one notification


def test_the_listener_wakes_on_another_sessions_commit_and_stops(
    pg_server: Any, database: str
) -> None:
    ada = open_workspace(pg_server.spec(database, "Test Officer"), None)
    bea = ReviewService(open_workspace(pg_server.spec(database, "Officer"), None))
    try:
        listener = ada.change_listener()
        assert listener is not None
        wakes: queue.Queue[bool] = queue.Queue()
        thread = threading.Thread(target=listener.run, args=(lambda: wakes.put(True),))
        thread.start()
        assert listener.listening.wait(10)
        bea.documents.add_ingested(make_ingested())
        assert wakes.get(timeout=5)
        listener.stop()
        thread.join(timeout=5)
        assert not thread.is_alive()
    finally:
        bea.close()
        ada.close()


def test_a_workspace_file_has_no_listener(workspace_path: Any) -> None:
    workspace = open_workspace(workspace_path, "Ada")
    try:
        assert workspace.change_listener() is None
    finally:
        workspace.close()
