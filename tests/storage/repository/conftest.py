"""A real workspace file for the repository's tests, with one hand-built letter in it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shiny_review.storage.workspace import Workspace
from tests.factories import make_ingested


@pytest.fixture
def workspace(workspace_path: Path) -> Iterator[Workspace]:
    with Workspace(workspace_path, "Officer") as ws:
        yield ws


@pytest.fixture
def doc_id(workspace: Workspace) -> int:
    with workspace.write() as repo:
        return repo.add_document(make_ingested())
