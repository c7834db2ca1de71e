"""A real workspace (a file, or a PostgreSQL database) for the repository's tests, with one
hand-built letter in it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shiny_review.storage.server_workspace import open_workspace
from shiny_review.storage.workspace import Workspace
from tests.conftest import as_login
from tests.factories import make_ingested


@pytest.fixture
def workspace(workspace_target: Path | Any) -> Iterator[Workspace]:
    with open_workspace(as_login(workspace_target, "Officer"), "Officer") as ws:
        yield ws


@pytest.fixture
def doc_id(workspace: Workspace) -> int:
    with workspace.write() as repo:
        return repo.add_document(make_ingested())
