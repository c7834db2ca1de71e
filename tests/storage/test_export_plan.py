"""The evidence query's plan is linear: no scan of the recommendations per annotation."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from shiny_review.storage.repository import EVIDENCE_SQL, register_sql_functions
from tests.storage import export_reference as ref


@pytest.mark.parametrize("where", ["", "AND a.document_id = 2"])
def test_links_and_recommendations_are_index_lookups(tmp_path: Path, where: str) -> None:
    conn = sqlite3.connect(ref.build(tmp_path / "plan.sqlite"))
    try:
        register_sql_functions(conn)
        conn.execute("ANALYZE")
        plan = [
            row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + EVIDENCE_SQL.format(where=where))
        ]
    finally:
        conn.close()
    text = "\n".join(plan)
    # the old plan: for every annotation, a LIST SUBQUERY over every live recommendation
    assert "LIST SUBQUERY" not in text, text
    assert not any(step.startswith(("SCAN r", "SCAN l", "SCAN recommendations")) for step in plan)
    assert any(step.startswith("SEARCH l") and "(annotation_id=?)" in step for step in plan), text
    assert any("recommendations" in step or step.startswith("SEARCH r") for step in plan), text
    assert sum("PRIMARY KEY" in step for step in plan) >= 2, text
