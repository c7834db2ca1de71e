"""A change feed: what other sessions changed in the workspace since the last look (issue 17).

``poll()`` returns the ``Changed`` (documents, recommendations, highlights) of every change
recorded in the history since the previous poll, so a window refreshes only those, as it does
after its own operations. The first poll only takes the current point and returns nothing.

How a change is noticed is the storage's business: here, the history's newest id, one cheap
indexed read, which works on both engines and for a second window on the same SQLite file. On
a PostgreSQL server a listener (LISTEN/NOTIFY) can wake the poll sooner; it never replaces
this read, which is what says exactly which rows changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shiny_review.services.changes import Changed

if TYPE_CHECKING:
    from shiny_review.storage.workspace import Workspace


class ChangeFeed:
    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self.cursor: int | None = None

    def poll(self) -> Changed:
        from shiny_review.storage.change_log import changes_since, latest

        with self._workspace.read() as repo:
            if self.cursor is None:
                self.cursor = latest(repo)
                return Changed()
            found = changes_since(repo, self.cursor)
        self.cursor = found.cursor
        return Changed(found.documents, found.recommendations, found.annotations)
