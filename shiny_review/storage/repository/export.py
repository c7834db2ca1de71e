"""The evidence log's rows, streamed straight from SQLite in column order."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from itertools import chain
from typing import Any, cast

from shiny_review.domain.export_rows import EvidenceRow
from shiny_review.storage.engines import POSTGRESQL, SQLITE
from shiny_review.storage.engines.sqlite import register_sql_functions, set_thread_labels
from shiny_review.storage.repository.base import RepositoryBase
from shiny_review.storage.repository.rows import REMOVED_DOCUMENTS, REMOVED_RECOMMENDATIONS

# The evidence log's rows in column order (EvidenceRow), formatted in SQL the same way on both
# engines (SQLite, and PostgreSQL with DateStyle ISO): ISO 8601 times, empty strings for
# missing text, and the recommendation's label as the one function that gives it
# (``recommendation_label``: registered with SQLite, see LABELS; a SQL function on
# PostgreSQL). {where} is empty or a filter on one document.
#
# The plan is linear in the rows (tests/storage/test_export_plan.py): documents, then each
# document's annotations by index, each annotation's links by the links' unique index
# (annotation_id first), and one primary-key look-up of the link's recommendation to drop
# deleted ones. A link to a deleted recommendation must not count, but an annotation whose
# only links are to deleted recommendations still gives one row with no recommendation, so
# the filter sits in the LEFT JOIN's ON. It was `l.recommendation_id IN (SELECT id FROM
# recommendations WHERE deleted = 0)`, which SQLite ran as one probe of the links index per
# annotation per live recommendation of the whole workspace: annotations x recommendations.
# Documents in the bin (issue 11) give no rows, and links to their recommendations count as
# deleted ones: the two lists of ids in the bin are read once per statement.
_EVIDENCE = (
    """
        {with_labels}SELECT a.id, d.title, d.kind, COALESCE(d.authority, ''),
               COALESCE(CAST(d.date AS TEXT), ''),
               a.page, a.paragraph, COALESCE(a.section, ''), a.exact,
               CASE WHEN r.id IS NULL THEN NULL ELSE {label} END,
               COALESCE(r.text, ''),
               COALESCE(a.stance, ''), COALESCE(a.note, ''), a.author,
               substr(CAST(a.created_at AS TEXT), 1, 10) || 'T'
                   || substr(CAST(a.created_at AS TEXT), 12, 8) || 'Z',
               substr(CAST(a.updated_at AS TEXT), 1, 10) || 'T'
                   || substr(CAST(a.updated_at AS TEXT), 12, 8) || 'Z',
               a.anchor_status,
               COALESCE(CAST(d.inspection_start AS TEXT), ''),
               COALESCE(CAST(d.inspection_end AS TEXT), ''),
               COALESCE(rd.title, ''), COALESCE(CAST(rd.date AS TEXT), ''),
               COALESCE({first}, ''), COALESCE({latest}, '')
        FROM annotations a
        JOIN documents d ON d.id = a.document_id
        LEFT JOIN links l ON l.annotation_id = a.id
            AND (SELECT deleted FROM recommendations WHERE id = l.recommendation_id) = FALSE
            AND l.recommendation_id NOT IN """
    + REMOVED_RECOMMENDATIONS
    + """
        LEFT JOIN recommendations r ON r.id = l.recommendation_id
        LEFT JOIN documents rd ON rd.id = r.document_id
        {join_labels}
        WHERE a.deleted = FALSE AND d.deleted_at IS NULL {where}
        ORDER BY d.id, a.start, a.id, r.position
    """
)

# A recommendation with no live passage linked: one row with the annotation columns empty.
_GAP = (
    """
        {with_labels}SELECT NULL, d.title, d.kind, COALESCE(d.authority, ''),
               COALESCE(CAST(d.date AS TEXT), ''),
               NULL, NULL, '', '',
               {label}, r.text,
               '', '', '', '', '', 'no evidence',
               COALESCE(CAST(d.inspection_start AS TEXT), ''),
               COALESCE(CAST(d.inspection_end AS TEXT), ''),
               d.title, COALESCE(CAST(d.date AS TEXT), ''),
               COALESCE({first}, ''), COALESCE({latest}, '')
        FROM recommendations r
        JOIN documents d ON d.id = r.document_id
        {join_labels}
        WHERE r.deleted = FALSE AND d.deleted_at IS NULL {where} AND NOT EXISTS (
            SELECT 1 FROM links l JOIN annotations a ON a.id = l.annotation_id
            WHERE l.recommendation_id = r.id AND a.deleted = FALSE AND a.document_id NOT IN """
    + REMOVED_DOCUMENTS
    + """)
        ORDER BY d.id, r.position
    """
)

# The thread columns (first raised, latest letter) of each live recommendation, made in Python
# (services/threads.py) and found in the query by the recommendation's id, so the rows come
# from the cursor as the writers take them (no Python per row). SQLite: two functions
# registered for the statement, each a dict's own ``get`` (no Python frame a call; at connect
# they answer None, see engines/sqlite.py). PostgreSQL: a JSON parameter materialised once and
# joined. (A materialised JSON table on SQLite too was as fast, but SQLite's planner scans it
# for every row when it expects few rows: a one-document export, or another shape of the
# links' join, 50 s at 2,000 documents.)
#
# The recommendation's label: on SQLite the Python function only where SQL cannot tell (a
# number that starts with a space or any character outside printable ASCII, or is empty): a
# number that starts with a printable ASCII character is its own label, a missing one the
# position (str(position + 1)), as ``recommendation_label`` says; a Python call a row was
# ~4% of the CSV export.
LABELS = {
    SQLITE: {
        "label": (
            "CASE WHEN r.number IS NULL THEN CAST(r.position + 1 AS TEXT)"
            " WHEN unicode(r.number) BETWEEN 33 AND 126 THEN r.number"
            " ELSE recommendation_label(r.number, r.position) END"
        ),
        "with_labels": "",
        "first": "thread_first(r.id)",
        "latest": "thread_latest(r.id)",
        "join_labels": "",
    },
    POSTGRESQL: {
        "label": "recommendation_label(r.number, r.position)",
        "with_labels": (
            "WITH rl AS MATERIALIZED (SELECT CAST(key AS INTEGER) AS id, "
            "value ->> 0 AS first, value ->> 1 AS latest FROM json_each(CAST(? AS json)))\n"
        ),
        "first": "rl.first",
        "latest": "rl.latest",
        "join_labels": "LEFT JOIN rl ON rl.id = r.id",
    },
}


def _statement(template: str, dialect: str) -> str:
    """The template for one engine, with {where} still to fill."""
    for slot, text in LABELS[dialect].items():
        template = template.replace("{" + slot + "}", text)
    return template


EVIDENCE_SQL = _statement(_EVIDENCE, SQLITE)  # SQLite's, {where} to fill
GAP_SQL = _statement(_GAP, SQLITE)

BATCH = 1024  # rows a batch of ``evidence_batches``

__all__ = ["EVIDENCE_SQL", "GAP_SQL", "ExportQueries", "register_sql_functions"]


class ExportQueries(RepositoryBase):
    def evidence_rows(
        self,
        document_id: int | None = None,
        threads: Mapping[int, tuple[str, str]] | None = None,
    ) -> Iterator[EvidenceRow]:
        """Rows of the evidence log, one per link (or one per unlinked annotation), streamed.

        Then one row per recommendation with no evidence (anchor_status "no evidence").
        ``threads`` gives a recommendation's (first raised, latest letter) columns.
        """
        return map(EvidenceRow._make, self.evidence_tuples(document_id, threads))

    def evidence_tuples(
        self,
        document_id: int | None = None,
        threads: Mapping[int, tuple[str, str]] | None = None,
    ) -> Iterator[tuple[Any, ...]]:
        """The rows of ``evidence_rows`` as the driver's plain tuples, in column order:
        read with the driver's cursor and formatted in SQL (ISO times, the labels, the thread
        columns), since an export may hold a million rows."""
        return chain.from_iterable(self.evidence_batches(document_id, threads))

    def evidence_batches(
        self,
        document_id: int | None = None,
        threads: Mapping[int, tuple[str, str]] | None = None,
        size: int = BATCH,
    ) -> Iterator[list[tuple[Any, ...]]]:
        """The rows of ``evidence_tuples`` in lists of up to ``size`` (the cursor's
        ``fetchmany``): a writer that takes a batch at a time pays no Python step a row."""
        params: tuple[int, ...] = ()
        where = gap_where = ""
        if document_id is not None:
            self._require_document(document_id)
            where, params = "AND a.document_id = ?", (document_id,)
            gap_where = "AND r.document_id = ?"
        labels = threads or {}
        driver = self._driver()
        cursor = driver.cursor()
        cursor.arraysize = size
        first: tuple[str, ...] = ()  # PostgreSQL's labels parameter, before the others
        if self.dialect == POSTGRESQL:
            dialect, first = POSTGRESQL, (json.dumps({k: list(v) for k, v in labels.items()}),)
        else:
            dialect = SQLITE
            firsts = {rec_id: pair[0] for rec_id, pair in labels.items()}
            latests = {rec_id: pair[1] for rec_id, pair in labels.items()}
            set_thread_labels(cast(sqlite3.Connection, driver), firsts.get, latests.get)
        try:
            for sql in (
                _statement(_EVIDENCE, dialect).format(where=where),
                _statement(_GAP, dialect).format(where=gap_where),
            ):
                cursor.execute(sql, (*first, *params))
                while batch := cursor.fetchmany():
                    yield batch
        finally:
            cursor.close()
            if dialect == SQLITE:
                set_thread_labels(cast(sqlite3.Connection, driver))
