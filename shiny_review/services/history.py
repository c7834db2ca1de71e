"""History: every change, who made it, when, and the values before and after."""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING

from shiny_review.domain.entities import HistoryEntry

if TYPE_CHECKING:
    from shiny_review.storage.workspace import Workspace


class History:
    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    def entries(self, limit: int | None = None) -> list[HistoryEntry]:
        """The changes in the order they were made (the first ``limit`` of them)."""
        with self._workspace.read() as repo:
            return repo.history(limit)

    def stream(self) -> Generator[HistoryEntry, None, None]:
        """The changes in order, one at a time, for a writer that keeps none of them (the
        CLI's listing and the history export): 100,000 entries in a list cost more than linear
        time, the collector walking them while the rest are made."""
        with self._workspace.read() as repo:
            yield from repo.history_entries()
