"""Fixtures for the ingest tests: the shared corpus and a per-session import cache."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from shiny_review.domain.structure import IngestedDocument
from shiny_review.ingest import ingest_file

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "corpus" / "ofsted"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The reference corpus: CI always has it, so its absence fails rather than skips."""
    if not (CORPUS / "expected.json").is_file():
        pytest.fail(f"the shared corpus is missing: expected it at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"the shared seeds are missing: expected them at {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def expected(corpus_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((corpus_dir / "expected.json").read_text("utf-8"))
    return data


@pytest.fixture(scope="session")
def corpus_docs(corpus_dir: Path, expected: dict[str, Any]) -> dict[str, IngestedDocument]:
    """Every corpus report imported once per test session."""
    return {name: ingest_file(corpus_dir / name) for name in sorted(expected)}


WIDE = SHARED / "corpus" / "ofsted-wide"


@pytest.fixture(scope="session")
def wide_dir() -> Path:
    if not (WIDE / "manifest.json").is_file():
        pytest.fail(f"the wide corpus is missing: expected it at {WIDE}")
    return WIDE


@pytest.fixture(scope="session")
def wide_docs(wide_dir: Path) -> dict[str, IngestedDocument]:
    """Every wide-corpus report imported once per session, two at a time."""
    from tests.ingest.wide import ingest_all

    return ingest_all(sorted(wide_dir.glob("*.pdf")))
