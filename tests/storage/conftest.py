"""The storage tests run on both engines (a workspace file and a PostgreSQL database) where
they open a workspace through the shared fixtures; tests of a file's own machinery (its lock,
WAL, backups, restore, migrations of an older file) open files themselves and stay SQLite."""

from __future__ import annotations

import pytest

from tests.conftest import ENGINES


@pytest.fixture(params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    return str(request.param)
