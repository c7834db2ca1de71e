"""The text view's highlights are read from one covering index (migration 0011), in order."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from shiny_review.storage.quick_reads import HIGHLIGHT_SPANS_SQL
from shiny_review.storage.workspace import Workspace


def test_the_spans_are_one_range_of_a_covering_index_without_a_sort(tmp_path: Path) -> None:
    path = tmp_path / "plan.sqlite"
    with Workspace(path, "a"):
        pass
    conn = sqlite3.connect(path)
    try:
        plan = [r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + HIGHLIGHT_SPANS_SQL, (1,))]
        indexes = {r[1] for r in conn.execute("PRAGMA index_list(annotations)")}
    finally:
        conn.close()
    text = "\n".join(plan)
    assert "ix_annotations_spans" in indexes
    assert plan == [
        "SEARCH annotations USING COVERING INDEX ix_annotations_spans (document_id=? AND deleted=?)"
    ], text  # no table lookups, and no "USE TEMP B-TREE FOR ORDER BY"
