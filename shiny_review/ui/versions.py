"""The versions one window saw and wrote (issue 17): its edits are made on them.

Each editable row (a highlight, an action) carries a ``version`` the service raises with every
change. ``VersionBook`` remembers, per item, the version this window last showed or wrote;
a ``Versioned`` call passes it as ``expected_version=`` and notes the new version the service
returns, so undoing and redoing one's own changes never conflicts with itself, while another
officer's change made since is refused with ``EditConflict``. ``resolve`` (set by the window:
the edit conflict dialog) says whether to overwrite theirs; ``Versioned.__call__`` with
``expected`` then writes again on the fresh version.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: the window's first stage does not load them
    from shiny_review.domain.conflicts import EditConflict
    from shiny_review.services.changes import Outcome

Key = tuple[str, int]  # ("annotation", id) or ("action", id)


class VersionBook:
    def __init__(self) -> None:
        self._versions: dict[Key, int] = {}
        self.resolve: Callable[[EditConflict], bool] = lambda _conflict: False

    def get(self, entity: str, item_id: int) -> int | None:
        return self._versions.get((entity, item_id))

    def note(self, entity: str, item_id: int, version: int) -> None:
        self._versions[(entity, item_id)] = version

    def note_new(self, entity: str, item_id: int, version: int) -> None:
        """The version an item was first shown at (kept if the window already saw one)."""
        self._versions.setdefault((entity, item_id), version)

    def note_rows(self, entity: str, rows: Iterable[Any]) -> None:
        for row in rows:
            self.note(entity, row.id, row.version)

    def clear(self) -> None:
        self._versions.clear()


class Versioned:
    """A service call on one item, made on the version the window holds of it."""

    def __init__(
        self,
        book: VersionBook | None,
        entity: str,
        item_id: int,
        call: Callable[..., Outcome[Any]],
    ) -> None:
        self.book, self.entity, self.item_id, self.call = book, entity, item_id, call

    def __call__(self, expected: int | None = None) -> Outcome[Any]:
        book = self.book
        if book is None:
            return self.call()
        version = expected if expected is not None else book.get(self.entity, self.item_id)
        outcome = self.call(expected_version=version)
        value = outcome.value
        if getattr(value, "id", None) == self.item_id and isinstance(
            getattr(value, "version", None), int
        ):
            book.note(self.entity, self.item_id, value.version)
        return outcome

    def with_call(self, call: Callable[..., Outcome[Any]]) -> Versioned:
        return Versioned(self.book, self.entity, self.item_id, call)
