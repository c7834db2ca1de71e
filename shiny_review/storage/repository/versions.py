"""Edit versions (issue 17): each change of an editable row raises its ``version`` with
``UPDATE ... SET version = version + 1 WHERE id = ? AND version = ?``; no row updated means
someone else changed it since that version, and the change is refused with ``EditConflict``
naming who and when (the last history row of the item) and what it holds now.

The conditional update is the first write of the unit of work on that row, so on a server
(PostgreSQL, read committed) the second of two simultaneous writers waits for the first to
commit, re-reads the row and finds the version moved: exactly one of them wins, the other is
told. On SQLite the writer lock serialises them the same way.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, select, update
from sqlalchemy.orm import DeclarativeBase, Session
from sqlalchemy.orm.util import identity_key

from shiny_review.domain.conflicts import ConflictDetails, EditConflict
from shiny_review.domain.errors import NotFoundError
from shiny_review.storage.schema import HistoryRow


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, int | float | str) else str(value)


def claim_version(
    session: Session,
    row_class: type[DeclarativeBase],
    entity: str,
    entity_id: int,
    expected: int | None,
    attempted: dict[str, Any] | None = None,
) -> int:
    """Raise the row's version (checking it is still ``expected`` unless None) and return
    the new one; ``EditConflict`` when it moved on, ``NotFoundError`` when it is gone."""
    table: Table = row_class.__table__  # type: ignore[assignment]
    session.flush()  # the session's pending changes go first, as they were made
    stmt = update(table).where(table.c.id == entity_id)
    if expected is not None:
        stmt = stmt.where(table.c.version == expected)
    result = session.execute(stmt.values(version=table.c.version + 1))
    current = session.execute(select(table).where(table.c.id == entity_id)).mappings().first()
    if current is None:
        raise NotFoundError(f"no {entity} with id {entity_id}")
    held = session.identity_map.get(identity_key(row_class, entity_id))
    if held is not None:
        session.expire(held, ["version"])  # the ORM copy must not write its old one back
    if getattr(result, "rowcount", 0) == 1:
        return int(current["version"])
    last = session.execute(
        select(HistoryRow.author, HistoryRow.at)
        .where(HistoryRow.entity == entity, HistoryRow.entity_id == entity_id)
        .order_by(HistoryRow.id.desc())
        .limit(1)
    ).first()
    raise EditConflict(
        ConflictDetails(
            entity=entity,
            entity_id=entity_id,
            expected_version=int(expected or 0),
            current_version=int(current["version"]),
            changed_by=last[0] if last else None,
            changed_at=last[1].isoformat(timespec="seconds") + "Z" if last else None,
            current={k: _plain(v) for k, v in current.items()},
            attempted=dict(attempted or {}),
        )
    )
