"""Shared test set-up: offscreen Qt, the shared corpus beside the checkout, workspace factories."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

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


@pytest.fixture
def service(workspace_path: Path) -> Iterator[object]:
    from shiny_review.services.review import ReviewService
    from shiny_review.storage.workspace import Workspace

    workspace = Workspace(workspace_path, "Test Officer")
    try:
        yield ReviewService(workspace)
    finally:
        workspace.close()
