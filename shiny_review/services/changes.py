"""What a service call changed, so each view refreshes from that alone (as Anki does)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Changed:
    documents: frozenset[int] = frozenset()
    recommendations: frozenset[int] = frozenset()
    annotations: frozenset[int] = frozenset()

    def __or__(self, other: Changed) -> Changed:
        return Changed(
            self.documents | other.documents,
            self.recommendations | other.recommendations,
            self.annotations | other.annotations,
        )

    @property
    def empty(self) -> bool:
        return not (self.documents or self.recommendations or self.annotations)


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """The value a call produced and what it changed."""

    value: T
    changed: Changed
