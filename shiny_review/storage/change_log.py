"""What changed since a point of the history (issue 17's live refresh), for a change feed.

The history is append-only and its ids only grow, so "the history rows after id N" is every
change made since a reader saw N: by this window, another window on the same SQLite file, or
another officer on the server. One indexed range read; the highlights' documents come with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from shiny_review.storage.repository import Repository
from shiny_review.storage.schema import AnnotationRow, HistoryRow

LIMIT = 5000  # changes read per poll; the rest come with the next


@dataclass(frozen=True, slots=True)
class ChangeSet:
    cursor: int  # the last history id read
    documents: frozenset[int]
    recommendations: frozenset[int]
    annotations: frozenset[int]


def latest(repo: Repository) -> int:
    return int(repo._s.scalar(select(func.max(HistoryRow.id))) or 0)


def changes_since(repo: Repository, cursor: int) -> ChangeSet:
    s = repo._s
    rows = s.execute(
        select(HistoryRow.id, HistoryRow.entity, HistoryRow.entity_id)
        .where(HistoryRow.id > cursor)
        .order_by(HistoryRow.id)
        .limit(LIMIT)
    ).all()
    ids: dict[str, set[int]] = {}
    for _, entity, entity_id in rows:
        ids.setdefault(entity, set()).add(int(entity_id))
    annotations = ids.get("annotation", set())
    documents = set(ids.get("document", set()))
    if annotations:
        documents |= set(
            s.scalars(
                select(AnnotationRow.document_id).where(AnnotationRow.id.in_(sorted(annotations)))
            )
        )
    return ChangeSet(
        cursor=int(rows[-1][0]) if rows else cursor,
        documents=frozenset(documents),
        recommendations=frozenset(ids.get("recommendation", set())),
        annotations=frozenset(annotations),
    )
