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
        rows = list(conn.execute("EXPLAIN QUERY PLAN " + EVIDENCE_SQL.format(where=where)))
    finally:
        conn.close()
    plan = [row[3] for row in rows]
    text = "\n".join(plan)
    # the old plan: for every annotation, a LIST SUBQUERY over every live recommendation.
    # The only lists now are the bin's (issue 11), read once from two covering indexes: the
    # removed documents (ix_documents_deleted_at) and their recommendations.
    lists = {row[0] for row in rows if row[3].startswith("LIST SUBQUERY")}
    assert len(lists) <= 2, text
    inside = [row[3] for row in rows if row[1] in lists and row[0] not in lists]
    assert inside and all("USING COVERING INDEX ix_" in step for step in inside), text
    assert any("ix_documents_deleted_at" in step for step in inside), text
    assert not any(step.startswith("CORRELATED LIST") for step in plan), text
    assert not any(step.startswith(("SCAN r", "SCAN l", "SCAN recommendations")) for step in plan)
    assert any(step.startswith("SEARCH l") and "(annotation_id=?)" in step for step in plan), text
    assert any("recommendations" in step or step.startswith("SEARCH r") for step in plan), text
    assert sum("PRIMARY KEY" in step for step in plan) >= 2, text
