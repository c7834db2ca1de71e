"""Reads and writes of one unit of work, in domain terms.

Services get a Repository from ``Workspace.read()`` or ``Workspace.write()``; every write
also appends a row to the history with its author, time, and before/after values. The
Repository is assembled from one part per kind of thing it stores.
"""

from __future__ import annotations

from shiny_review.storage.repository.actions import ActionQueries  # issue 14: action plan
from shiny_review.storage.repository.annotations import AnnotationQueries
from shiny_review.storage.repository.checks import CheckQueries
from shiny_review.storage.repository.document_bin import DocumentBinQueries  # issue 11
from shiny_review.storage.repository.documents import DocumentQueries
from shiny_review.storage.repository.export import (
    EVIDENCE_SQL,
    ExportQueries,
    register_sql_functions,
)
from shiny_review.storage.repository.lineage import LineageQueries  # cycle (issue 13)
from shiny_review.storage.repository.pages import PageQueries  # page view (issue 15)
from shiny_review.storage.repository.recommendations import RecommendationQueries
from shiny_review.storage.repository.rows import SearchRow, SearchText
from shiny_review.storage.repository.search import SearchQueries, fts_query

__all__ = [
    "EVIDENCE_SQL",
    "Repository",
    "SearchRow",
    "SearchText",
    "fts_query",
    "register_sql_functions",
]


class Repository(
    DocumentQueries,
    DocumentBinQueries,  # issue 11: removing a document to the bin
    RecommendationQueries,
    AnnotationQueries,
    SearchQueries,
    ExportQueries,
    ActionQueries,  # issue 14: action plan
    LineageQueries,  # cycle (issue 13)
    CheckQueries,
    PageQueries,
):
    """Domain-level access to a workspace inside one transaction."""
