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
from typing import Any, Protocol


class Reads(Protocol):
    """The ORM ``Repository`` or the driver-only ``QuickReads``: both give their driver
    connection (``?`` markers, plain rows), so the window's poll loads no SQLAlchemy."""

    def _driver(self, *, flush: bool = True) -> Any: ...


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


def _marks(ids: Iterable[int]) -> tuple[str, tuple[int, ...]]:
    values = tuple(ids)
    return ",".join("?" * len(values)), values


def latest(repo: Reads) -> Point:
    """The current point: the newest id, and the ids just below it not committed yet."""
    driver = repo._driver(flush=False)
    newest = int(driver.execute("SELECT max(id) FROM history").fetchone()[0] or 0)
    low = max(0, newest - START_WINDOW)
    seen = {int(r[0]) for r in driver.execute("SELECT id FROM history WHERE id > ?", (low,))}
    return Point(newest, _gaps((), low, newest, seen))


def changes_since(repo: Reads, point: Point | int) -> ChangeSet:
    """The changes after ``point`` (or after an id): its gaps now committed and newer rows."""
    driver = repo._driver()
    if isinstance(point, int):
        point = Point(point)
    columns = "SELECT id, entity, entity_id FROM history"
    late: list[Any] = []
    if point.gaps:
        marks, gaps = _marks(point.gaps)
        late = driver.execute(f"{columns} WHERE id IN ({marks})", gaps).fetchall()
    rows = driver.execute(
        f"{columns} WHERE id > ? ORDER BY id LIMIT {LIMIT}", (point.cursor,)
    ).fetchall()
    high = int(rows[-1][0]) if rows else point.cursor
    seen = {int(row[0]) for row in (*late, *rows)}
    ids: dict[str, set[int]] = {}
    for _, entity, entity_id in (*late, *rows):
        ids.setdefault(entity, set()).add(int(entity_id))
    annotations = ids.get("annotation", set())
    documents = set(ids.get("document", set()))
    if annotations:
        marks, ids_in = _marks(sorted(annotations))
        sql = f"SELECT document_id FROM annotations WHERE id IN ({marks})"
        documents |= {int(r[0]) for r in driver.execute(sql, ids_in)}
    return ChangeSet(
        point=Point(high, _gaps(point.gaps, point.cursor, high, seen)),
        documents=frozenset(documents),
        recommendations=frozenset(ids.get("recommendation", set())),
        annotations=frozenset(annotations),
    )
