"""The inspection cycle in plain rows: proposals that a later letter continues an earlier
recommendation, and the threads that accepted proposals make (standard library only)."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable
from dataclasses import dataclass


class ProposalStatus(enum.StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class ProposalBasis(enum.StrEnum):
    SIMILAR_TEXT = "similar text"  # a later item reads like the earlier recommendation
    NAMED_IN_LETTER = "named in the letter"  # the letter's own words name it as an earlier area


@dataclass(frozen=True, slots=True)
class LineageProposal:
    """That ``later_document_id`` (through one of its items, or its own words) continues the
    earlier recommendation. ``score`` is the similarity, 0-100."""

    id: int
    earlier_recommendation_id: int
    later_document_id: int
    later_recommendation_id: int | None
    basis: str
    score: int
    quote: str
    status: str
    decided_by: str | None = None
    decided_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class ThreadStep:
    """One letter's part in a thread: 'raised', 'still an area', 'repeated' or 'not repeated'."""

    document_id: int
    date: dt.date | None
    role: str
    recommendation_id: int | None


@dataclass(frozen=True, slots=True)
class Thread:
    """Recommendations joined by accepted proposals, and each later letter's part in it."""

    id: int  # the id of its first recommendation
    recommendation_ids: tuple[int, ...]
    steps: tuple[ThreadStep, ...]

    @property
    def first_raised(self) -> ThreadStep:
        return self.steps[0]

    @property
    def latest(self) -> ThreadStep:
        """The latest letter that still names it (raised, still an area or repeated)."""
        named = [s for s in self.steps if s.role != "not repeated"]
        return named[-1]


def components(nodes: Iterable[int], edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected groups of ``nodes`` joined by ``edges``, each sorted, in order of their first."""
    parent: dict[int, int] = {n: n for n in nodes}

    def find(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in edges:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for n in parent:
        groups.setdefault(find(n), []).append(n)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


@functools.lru_cache(maxsize=4096)  # a workspace names a few hundred authorities at most
def authority_key(name: str | None) -> str | None:
    """An authority's name reduced to what identifies it: 'Shropshire County Council' and
    'Shropshire' are the same authority."""
    if not name:
        return None
    words = name.lower().replace("’", "'").replace("'s", "").replace("&", " and ").split()
    noise = {
        "council",
        "county",
        "borough",
        "city",
        "metropolitan",
        "district",
        "of",
        "the",
        "local",
        "authority",
        "royal",
        "children",
        "services",
    }
    kept = [w.strip(".,;:()") for w in words if w.strip(".,;:()") not in noise]
    key = " ".join(w for w in kept if w)
    return key or None
