"""Which files are our workspaces, and at which schema: the application id and the migration
revisions, without the modules that open or migrate a file (the window's first read checks
them before anything else is loaded, issue 16)."""

from __future__ import annotations

APPLICATION_ID = 0x53525657  # "SRVW"
# The revisions in migrations/versions, oldest first (tests/storage/test_migrations.py checks
# this against Alembic). Kept here so that opening a workspace does not load Alembic (about a
# second on a slow laptop) unless there is a migration to run.
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0011")


def head_revision() -> str:
    return REVISIONS[-1]
