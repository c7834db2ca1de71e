"""Floors written independently of the app: the least work the same job needs.

The export floor does not use the app's query (a bad plan in it would cancel out): it is its
own SQL over the same tables, written the obvious way (live links joined to their live
recommendations first, then left-joined to the live annotations), with the same columns
and order, and the csv module (or raw XlsxWriter in constant-memory mode) writing the rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

FLOOR_EVIDENCE_SQL = """
    SELECT a.id, d.title, d.kind, ifnull(d.authority, ''), ifnull(d.date, ''),
           a.page, a.paragraph, ifnull(a.section, ''), a.exact,
           ifnull(lr.number, CAST(lr.position + 1 AS TEXT)), ifnull(lr.text, ''),
           ifnull(a.stance, ''), ifnull(a.note, ''), a.author,
           substr(a.created_at, 1, 10) || 'T' || substr(a.created_at, 12, 8) || 'Z',
           substr(a.updated_at, 1, 10) || 'T' || substr(a.updated_at, 12, 8) || 'Z',
           a.anchor_status, ifnull(d.inspection_start, ''), ifnull(d.inspection_end, ''),
           lr.document_id
    FROM documents d
    JOIN annotations a ON a.document_id = d.id AND a.deleted = 0
    LEFT JOIN (links l JOIN recommendations rec ON rec.id = l.recommendation_id
                                                AND rec.deleted = 0) AS lr
        ON l.annotation_id = a.id
    ORDER BY d.id, a.start, a.id, lr.position
"""
# A live recommendation with no live passage: one row, the passage's columns empty.
FLOOR_GAP_SQL = """
    SELECT NULL, d.title, d.kind, ifnull(d.authority, ''), ifnull(d.date, ''), NULL, NULL, '', '',
           ifnull(r.number, CAST(r.position + 1 AS TEXT)), r.text, '', '', '', '', '',
           'no evidence', ifnull(d.inspection_start, ''), ifnull(d.inspection_end, ''), d.id
    FROM documents d JOIN recommendations r ON r.document_id = d.id AND r.deleted = 0
    WHERE r.id NOT IN (SELECT l.recommendation_id FROM links l
                       JOIN annotations a ON a.id = l.annotation_id AND a.deleted = 0)
    ORDER BY d.id, r.position
"""
# SQLite names the nested join's columns by their tables, not by the alias: spell them out.
FLOOR_EVIDENCE_SQL = (
    FLOOR_EVIDENCE_SQL.replace("lr.number", "rec.number")
    .replace("lr.position", "rec.position")
    .replace("lr.text", "rec.text")
    .replace("lr.document_id", "rec.document_id")
    .replace(") AS lr", ")")
)

HEADER = (
    "annotation_id", "document", "document_kind", "authority", "document_date", "page",
    "paragraph", "section", "quote", "recommendation_number", "recommendation_text", "stance",
    "note", "author", "created_at", "updated_at", "anchor_status", "inspection_start",
    "inspection_end", "recommendation_document", "recommendation_document_date",
    "thread_first_raised", "thread_latest_letter",
)  # fmt: skip


def _letter(kind: str, doc_id: int, *days: str | None) -> str:
    """'full inspection, May 2024': the letter a recommendation is in (the benchmark makes
    no accepted lineage, so each recommendation's thread is its own letter)."""
    day = next((d for d in days if d), None)
    if day is None:
        return f"{kind}, undated ({doc_id})"
    return f"{kind}, {dt.date.fromisoformat(day[:10]):%B %Y}"


def evidence_rows(workspace: Path) -> Iterator[tuple[object, ...]]:
    conn = sqlite3.connect(f"{workspace.resolve().as_uri()}?mode=ro", uri=True)
    try:
        letters = {
            doc_id: (title, date or "", _letter(kind, doc_id, end, date, start))
            for doc_id, title, kind, date, start, end in conn.execute(
                "SELECT id, title, kind, date, inspection_start, inspection_end FROM documents"
            )
        }
        none = ("", "", "")
        for sql in (FLOOR_EVIDENCE_SQL, FLOOR_GAP_SQL):
            for row in conn.execute(sql):
                title, date, letter = letters[row[19]] if row[19] is not None else none
                yield (*row[:19], title, date, letter, letter)
    finally:
        conn.close()


def export_csv(workspace: Path, target: Path) -> int:
    count = 0
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(HEADER)
        for row in evidence_rows(workspace):
            writer.writerow(row)
            count += 1
    return count


def export_xlsx(workspace: Path, target: Path) -> int:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    sheet = book.add_worksheet("Evidence log")
    sheet.write_row(0, 0, HEADER)
    count = 0
    for count, row in enumerate(evidence_rows(workspace), start=1):
        sheet.write_row(count, 0, row)
    book.close()
    return count


def list_documents(workspace: Path, out: object) -> int:
    """`documents`: id, kind, date and title of every document, one line each."""
    conn = sqlite3.connect(f"{workspace.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT id, kind, ifnull(date, ''), title FROM documents ORDER BY id")
        write = out.write  # type: ignore[attr-defined]
        count = 0
        for doc_id, kind, date, title in rows:
            write(f"{doc_id}\t{kind}\t{date}\t{title}\n")
            count += 1
        return count
    finally:
        conn.close()
