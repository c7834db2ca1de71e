"""Moving a workspace: ``shiny-review copy FROM TO`` (issue 17).

Copies a workspace onto a new, empty one (a SQLite file onto the team's PostgreSQL server,
and back) with every row: documents with their original files, highlights, links, the action
plan, the history (ids and authors as they are) and the settings. The copy is one transaction
of the target, committed only when each table's row count and content hash match the
source's; otherwise nothing of it stays (a new SQLite file made for it is removed). It
refuses to copy a workspace onto itself or onto one that holds data.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from shiny_review.domain.errors import ValidationError, WorkspaceError
from shiny_review.domain.workspace_spec import ServerSpec

Target = Path | ServerSpec


@dataclass(frozen=True, slots=True)
class TableCheck:
    table: str
    source_rows: int
    target_rows: int
    source_sha256: str
    target_sha256: str

    @property
    def ok(self) -> bool:
        return (self.source_rows, self.source_sha256) == (self.target_rows, self.target_sha256)


@dataclass(frozen=True, slots=True)
class CopyReport:
    source: str
    target: str
    tables: tuple[TableCheck, ...]

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tables)

    def lines(self) -> list[str]:
        """One line per table (rows and hash on each side), then the verdict."""
        out = [
            f"{t.table}\t{t.source_rows}\t{t.target_rows}\t{t.source_sha256[:16]}\t"
            f"{t.target_sha256[:16]}\t{'ok' if t.ok else 'MISMATCH'}"
            for t in self.tables
        ]
        verdict = "copied and checked" if self.ok else "the copy did not match; nothing kept"
        return [
            "table\tsource rows\ttarget rows\tsource sha256\ttarget sha256\tcheck",
            *out,
            f"{verdict}: {self.source} -> {self.target}",
        ]


def _name(target: Target) -> str:
    return target.label if isinstance(target, ServerSpec) else str(target)


def _same(source: Target, target: Target) -> bool:
    if isinstance(source, ServerSpec) or isinstance(target, ServerSpec):
        if not (isinstance(source, ServerSpec) and isinstance(target, ServerSpec)):
            return False
        where = (source.host.lower(), source.port, source.database)
        return where == (target.host.lower(), target.port, target.database)
    with contextlib.suppress(OSError):
        if target.exists() and source.exists():
            return source.samefile(target)
    return source.resolve() == target.resolve()


def _remove_sqlite(path: Path) -> None:
    from shiny_review.storage.lock import lock_path

    for side in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        side.unlink(missing_ok=True)
    lock_path(path).unlink(missing_ok=True)


def copy_workspace(
    source: Target,
    target: Target,
    author: str | None,
    ask_password: Callable[[ServerSpec], str | None] | None = None,
) -> CopyReport:
    """Copy ``source`` onto the new workspace ``target`` (each a file or a server),
    checked; see the module's text. On a server the author is the login (None)."""
    from shiny_review.storage.copying import copy_between, engines
    from shiny_review.storage.server_workspace import open_workspace

    if _same(source, target):
        raise ValidationError(f"refusing to copy {_name(source)} onto itself")
    if isinstance(source, Path) and not source.exists():
        raise WorkspaceError(f"there is no workspace at {source}")
    if isinstance(target, Path) and target.exists() and target.stat().st_size > 0:
        raise WorkspaceError(
            f"refusing to copy onto {target}: it exists; copy to a new file (or an empty database)"
        )
    created = isinstance(target, Path) and not target.exists()
    kept = False

    def who(where: Target) -> str | None:
        return None if isinstance(where, ServerSpec) else (author or "copy")

    try:
        src = open_workspace(source, who(source), read_only=True, ask_password=ask_password)
        try:
            dst = open_workspace(target, who(target), ask_password=ask_password)
            try:
                check = copy_between(engines(src)[0], engines(dst)[1])
            finally:
                dst.close()
        finally:
            src.close()
        kept = check.ok
    finally:
        if created and not kept and isinstance(target, Path):
            _remove_sqlite(target)
    tables = tuple(
        TableCheck(s.table, s.rows, t.rows, s.sha256, t.sha256)
        for s, t in zip(check.source, check.target, strict=True)
    )
    return CopyReport(_name(source), _name(target), tables)
