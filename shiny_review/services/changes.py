"""What a service call changed, so each view refreshes from that alone (as Anki does).

The three sets name what changed; an operation that knows more says so, row by row, so a
view updates those rows alone instead of reading them (or its list) again:

- ``counts``: of ``documents``, those of which only the number of highlights changed (a
  highlight added, deleted, restored or edited): the documents list rereads that one count.
- ``checks``: of ``documents``, those of which only the import's self-check mark changed.
- ``added`` / ``removed``: of ``annotations``, those now live that were not (new, restored)
  and those deleted.
- ``fresh``: annotations of ``annotations`` as the operation left them (read in its own
  transaction), so the window need not read them again.
- ``exact``: ``recommendations`` names every recommendation whose evidence changed. A
  notice that is not exact (another writer's change read from the history, an import) may
  have changed any recommendation's evidence along with its annotations: views reread them.

A document in ``documents`` and in neither ``counts`` nor ``checks`` changed otherwise (its
title, authority, version, the bin): its row is read again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from shiny_review.domain.entities import Annotation

T = TypeVar("T")
NONE: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Changed:
    documents: frozenset[int] = NONE
    recommendations: frozenset[int] = NONE
    annotations: frozenset[int] = NONE
    counts: frozenset[int] = NONE
    checks: frozenset[int] = NONE
    added: frozenset[int] = NONE
    removed: frozenset[int] = NONE
    exact: bool = False
    fresh: tuple[Annotation, ...] = ()

    def __or__(self, other: Changed) -> Changed:
        # A document only one side saw as "its count" or "its checks" may have changed
        # otherwise on the other side: it keeps the finer word only if both agree or the
        # other side did not touch it.
        return Changed(
            self.documents | other.documents,
            self.recommendations | other.recommendations,
            self.annotations | other.annotations,
            counts=_finer(self.counts, self.documents, other.counts, other.documents),
            checks=_finer(self.checks, self.documents, other.checks, other.documents),
            added=(self.added - other.removed) | other.added,
            removed=(self.removed - other.added) | other.removed,
            exact=(self.exact or self.empty) and (other.exact or other.empty),
            fresh=_newest(self.fresh, other.fresh),
        )

    @property
    def empty(self) -> bool:
        return not (self.documents or self.recommendations or self.annotations)

    def row_changed(self, document_id: int) -> bool:
        """True when the document's row (title, authority...) may have changed, not only
        its count of highlights or its self-check mark."""
        return (
            document_id in self.documents
            and document_id not in self.counts
            and document_id not in self.checks
        )


def _finer(
    mine: frozenset[int],
    my_docs: frozenset[int],
    theirs: frozenset[int],
    their_docs: frozenset[int],
) -> frozenset[int]:
    return (mine - (their_docs - theirs)) | (theirs - (my_docs - mine))


def _newest(mine: tuple[Annotation, ...], theirs: tuple[Annotation, ...]) -> tuple[Annotation, ...]:
    if not mine or not theirs:
        return mine or theirs
    by_id = {a.id: a for a in mine}
    by_id.update((a.id, a) for a in theirs)  # the later operation's read wins
    return tuple(by_id.values())


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """The value a call produced and what it changed."""

    value: T
    changed: Changed
