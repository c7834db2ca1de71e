"""Helpers for the wide corpus: import many PDFs in a pool of two child processes."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from shiny_review.domain.structure import IngestedDocument
from shiny_review.ingest import ingest_file


def ingest_all(paths: list[Path]) -> dict[str, IngestedDocument]:
    """{file name: imported document}; the imports run in two spawned processes."""
    context = multiprocessing.get_context("spawn")  # never fork a process that may hold Qt
    with context.Pool(2) as pool:
        docs = pool.map(ingest_file, paths, chunksize=4)
    return {path.name: doc for path, doc in zip(paths, docs, strict=True)}
