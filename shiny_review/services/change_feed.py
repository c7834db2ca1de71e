"""A change feed: what other sessions changed in the workspace since the last look (issue 17).

``poll()`` returns the ``Changed`` (documents, recommendations, highlights) of every change
recorded in the history since the previous poll, so a window refreshes only those, as it does
after its own operations. The first poll only takes the current point and returns nothing.

What is read is the storage's business (``storage/change_log.py``): the history rows after
the newest id seen, plus those with a lower id that were not committed yet at the last look (a
server commits transactions in another order than it hands out ids), each reported once.
``listener()`` is how a change is noticed soon on a PostgreSQL server (LISTEN/NOTIFY, run on a
worker thread: it wakes the poll, never replaces it); None on a workspace file, whose readers
poll on a timer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shiny_review.services.changes import Changed

if TYPE_CHECKING:
    from shiny_review.storage.change_listener import ChangeListener
    from shiny_review.storage.change_log import Point
    from shiny_review.storage.workspace import Workspace


class ChangeFeed:
    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self.point: Point | None = None

    @property
    def cursor(self) -> int | None:
        """The newest history id read (None before the first poll)."""
        return None if self.point is None else self.point.cursor

    def listener(self) -> ChangeListener | None:
        return self._workspace.change_listener()

    def poll(self) -> Changed:
        from shiny_review.storage.change_log import changes_since, latest

        with self._workspace.light_read() as repo:  # no SQLAlchemy for a workspace file
            if self.point is None:
                self.point = latest(repo)
                return Changed()
            found = changes_since(repo, self.point)
        self.point = found.point
        return Changed(found.documents, found.recommendations, found.annotations)
