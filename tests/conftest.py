"""Shared test set-up: offscreen Qt, the shared corpus beside the checkout, workspace factories.

Workspaces on both engines: ``workspace_target`` is a SQLite file or, on PostgreSQL, a fresh
database of the tests' server (``pg_server``: SHINY_TEST_PG_URL's, or a cluster started here
from the PostgreSQL binaries; neither is a failure saying how to get PostgreSQL).
``engine_name`` is "sqlite" here; tests/services and tests/storage parametrise it over both.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# CI runs the same examples every time (a red run must be reproducible); locally, explore.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "ofsted"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout: CI always has it, so its absence is a failure."""
    if not CORPUS.is_dir():
        pytest.fail(f"the shared corpus is missing: expected it at {CORPUS}")
    return SHARED


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    return tmp_path / "workspace.sqlite"


ENGINES = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The tests' PostgreSQL server (see tests/pg_server.py)."""
    from tests.pg_cluster import HOW_TO_GET_IT, find_bin, start, stop
    from tests.pg_server import PgServer

    url = os.environ.get("SHINY_TEST_PG_URL")
    cluster: Path | None = None
    if not url:
        if find_bin("initdb") is None or find_bin("pg_ctl") is None:
            pytest.fail(HOW_TO_GET_IT, pytrace=False)
        cluster = Path(tempfile.mkdtemp(prefix="shiny-review-pg-"))
        url = start(cluster)
    try:
        server = PgServer(url, tmp_path_factory.mktemp("pg"))
        server.prepare()
        yield server
        server.close()
    finally:
        if cluster is not None:
            stop(cluster)


@pytest.fixture
def engine_name() -> str:
    return "sqlite"


@pytest.fixture
def workspace_target(
    engine_name: str, workspace_path: Path, request: pytest.FixtureRequest
) -> Iterator[Path | Any]:
    """Where a test's workspace lives: ``workspace_path``, or a new database on the server
    (connecting as the login "Test Officer", an editor)."""
    if engine_name == "sqlite":
        yield workspace_path
        return
    server = request.getfixturevalue("pg_server")
    name = server.new_database()
    yield server.spec(name, "Test Officer")
    server.drop_database(name)


def as_login(target: Path | Any, login: str) -> Path | Any:
    """The same workspace, opened by another login (a server's) or author (a file's)."""
    return target if isinstance(target, Path) else dataclasses.replace(target, user=login)


@pytest.fixture
def service(workspace_target: Path | Any) -> Iterator[object]:
    from shiny_review.services.review import ReviewService
    from shiny_review.storage.server_workspace import open_workspace

    workspace = open_workspace(workspace_target, "Test Officer")
    try:
        yield ReviewService(workspace)
    finally:
        workspace.close()
