"""What changed since a point of the history (issue 17's live refresh), for a change feed.

History ids come from a counter at insert time, but on a busy PostgreSQL server transactions
commit in another order: a change with a lower id may become visible after one with a higher
id has been read. So a point of the history is the highest id read *and* the ids below it not
seen yet (``gaps``: a transaction still open, or one rolled back, whose id never comes). Each
read takes the rows after the highest id plus those gaps that have since committed, so a late
commit is still reported, once. The gaps kept are the newest ``MAX_GAPS`` (a rolled-back id
stays a gap until newer ones push it out). SQLite writes one transaction at a time, so its ids
commit in order and it has no gaps; the same code serves both engines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select

from shiny_review.storage.repository import Repository
from shiny_review.storage.schema import AnnotationRow, HistoryRow

LIMIT = 5000  # changes read per poll; the rest come with the next
MAX_GAPS = 1000  # unseen ids below the cursor still watched for a late commit
START_WINDOW = 200  # ids below the newest at the start checked for transactions still open


@dataclass(frozen=True, slots=True)
class Point:
    """A reader's point of the history: the highest id read and the unseen ids below it."""

    cursor: int
    gaps: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ChangeSet:
    point: Point  # where the next read starts
    documents: frozenset[int]
    recommendations: frozenset[int]
    annotations: frozenset[int]

    @property
    def cursor(self) -> int:
        return self.point.cursor


def _gaps(old: Iterable[int], low: int, high: int, seen: set[int]) -> tuple[int, ...]:
    missing = [i for i in old if i not in seen]
    missing.extend(i for i in range(max(low + 1, high - MAX_GAPS), high) if i not in seen)
    return tuple(sorted(set(missing))[-MAX_GAPS:])


def latest(repo: Repository) -> Point:
    """The current point: the newest id, and the ids just below it not committed yet."""
    s = repo._s
    newest = int(s.scalar(select(func.max(HistoryRow.id))) or 0)
    low = max(0, newest - START_WINDOW)
    seen = set(s.scalars(select(HistoryRow.id).where(HistoryRow.id > low)))
    return Point(newest, _gaps((), low, newest, seen))


def changes_since(repo: Repository, point: Point | int) -> ChangeSet:
    """The changes after ``point`` (or after an id): its gaps now committed and newer rows."""
    s = repo._s
    if isinstance(point, int):
        point = Point(point)
    columns = (HistoryRow.id, HistoryRow.entity, HistoryRow.entity_id)
    late = (
        s.execute(select(*columns).where(HistoryRow.id.in_(point.gaps))).all() if point.gaps else []
    )
    rows = s.execute(
        select(*columns).where(HistoryRow.id > point.cursor).order_by(HistoryRow.id).limit(LIMIT)
    ).all()
    high = int(rows[-1][0]) if rows else point.cursor
    seen = {int(row[0]) for row in (*late, *rows)}
    ids: dict[str, set[int]] = {}
    for _, entity, entity_id in (*late, *rows):
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
        point=Point(high, _gaps(point.gaps, point.cursor, high, seen)),
        documents=frozenset(documents),
        recommendations=frozenset(ids.get("recommendation", set())),
        annotations=frozenset(annotations),
    )
