"""The SQL that lists documents, shared by the driver's reads (``quick_reads.py``) and the ORM
repository (``repository/documents.py``), so both give the same rows."""

from __future__ import annotations

from collections.abc import Collection

LIST_SQL = (
    "SELECT id, title, kind, authority, date, inspection_start, inspection_end, "
    "lead_inspector, pages, overall, source_name, source_hash, content_hash, imported_at, "
    "framework FROM documents WHERE deleted_at IS NULL ORDER BY id"
)
# The documents in use and their authorities, in id order (the inspection cycle's reads).
AUTHORITIES_SQL = "SELECT id, authority FROM documents WHERE deleted_at IS NULL ORDER BY id"


def documents_sql(ids: Collection[int] | None) -> tuple[str, tuple[int, ...] | None]:
    """LIST_SQL, narrowed to ``ids`` when given, and its parameters."""
    if ids is None:
        return LIST_SQL, None
    wanted = tuple(ids)
    narrowed = f"AND id IN ({','.join('?' * len(wanted)) or 'NULL'}) ORDER BY"
    return LIST_SQL.replace("ORDER BY", narrowed, 1), wanted
