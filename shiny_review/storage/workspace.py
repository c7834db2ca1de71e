"""The workspace: an open database plus the unit-of-work entry points services use."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from shiny_review.storage.database import Database, backup_file
from shiny_review.storage.repository import Repository


class Workspace:
    """One open workspace file. ``write()`` is one user action: one transaction."""

    def __init__(self, path: Path, author: str) -> None:
        self.path = Path(path)
        self.author = author
        self._db = Database(self.path)

    @property
    def migration_backup(self) -> Path | None:
        return self._db.last_backup

    @contextlib.contextmanager
    def write(self) -> Iterator[Repository]:
        with self._db.write() as session:
            yield Repository(session, self.author)

    @contextlib.contextmanager
    def read(self) -> Iterator[Repository]:
        with self._db.read() as session:
            yield Repository(session, self.author)

    def backup_to(self, target: Path) -> Path:
        return backup_file(self.path, target)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
