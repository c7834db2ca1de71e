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


# The XLSX floor's evidence rows: the same SQL with every cell as text (an empty string for a
# missing one: XlsxWriter leaves an empty string's cell out, as the app's empty cells are).
FLOOR_TEXT_EVIDENCE_SQL = (
    FLOOR_EVIDENCE_SQL.replace("SELECT a.id,", "SELECT CAST(a.id AS TEXT),")
    .replace(
        "a.page, a.paragraph,",
        "ifnull(CAST(a.page AS TEXT), ''), ifnull(CAST(a.paragraph AS TEXT), ''),",
    )
    .replace(
        "ifnull(rec.number, CAST(rec.position + 1 AS TEXT))",
        "ifnull(rec.number, ifnull(CAST(rec.position + 1 AS TEXT), ''))",
    )
)
assert FLOOR_TEXT_EVIDENCE_SQL.count("ifnull(CAST(") == 3
FLOOR_TEXT_GAP_SQL = FLOOR_GAP_SQL.replace("SELECT NULL, ", "SELECT '', ").replace(
    "NULL, NULL, '', '',", "'', '', '', '',"
)
XLSX_WIDTHS = {"quote": 60, "recommendation_text": 50, "note": 40, "document": 30, "section": 24}
STANCES = ("supports progress", "shows concern", "context", "")  # a coverage cell's order


def _coverage_sheets(conn: sqlite3.Connection) -> list[tuple[str, list[list[str]]]]:
    """The coverage matrix of each authority as the XLSX export's sheets: for each
    authority (in order of its first document) its letters as columns (oldest first), and for
    each of its live recommendations (the benchmark makes no accepted lineage, so each is a
    thread of its own, in its letter's order) the live passages of each letter by stance, the
    total and the gap. Read with three statements; the benchmark spells each authority one
    way, so its documents are grouped by the name as written."""
    docs = conn.execute(
        "SELECT id, kind, authority, date, inspection_start, inspection_end FROM documents "
        "WHERE deleted_at IS NULL AND authority IS NOT NULL ORDER BY id"
    ).fetchall()
    recs: dict[int, list[tuple[int, int, str, str]]] = {}
    for rec_id, doc_id, position, label, text in conn.execute(
        "SELECT id, document_id, position, ifnull(number, CAST(position + 1 AS TEXT)), text "
        "FROM recommendations WHERE deleted = 0 ORDER BY document_id, position"
    ):
        recs.setdefault(doc_id, []).append((rec_id, position, label, text))
    counts: dict[tuple[int, int], dict[str, int]] = {}
    for rec_id, doc_id, stance, n in conn.execute(
        "SELECT l.recommendation_id, a.document_id, ifnull(a.stance, ''), count(*) "
        "FROM links l JOIN annotations a ON a.id = l.annotation_id AND a.deleted = 0 "
        "GROUP BY 1, 2, 3"
    ):
        counts.setdefault((rec_id, doc_id), {})[stance] = n
    by_authority: dict[str, list[tuple[tuple[int, str, int], int, str]]] = {}
    for doc_id, kind, authority, date, start, end in docs:
        day = end or date or start
        order = (0 if day else 1, (day or "")[:10], doc_id)
        by_authority.setdefault(authority, []).append(
            (order, doc_id, _letter(kind, doc_id, end, date, start))
        )
    sheets = []
    for authority, letters in by_authority.items():
        letters.sort()
        header = ["thread", "letter", "recommendation", "text"]
        lines = [[*header, *(letter for _, _, letter in letters), "total", "gap"]]
        for _, doc_id, letter in letters:
            for rec_id, _, label, text in recs.get(doc_id, ()):
                line = [f"T{rec_id}: {letter}", letter, label, text]
                total = 0
                for _, column, _ in letters:
                    by_stance = counts.get((rec_id, column), {})
                    mix = [(by_stance[s], s) for s in STANCES if by_stance.get(s)]
                    cell = sum(n for n, _ in mix)
                    total += cell
                    parts = ", ".join(f"{n} {s or 'no stance'}" for n, s in mix)
                    line.append(f"{cell} ({parts})" if cell else "")
                lines.append([*line, str(total), "" if total else "gap: no evidence"])
        name = "Coverage" if len(by_authority) == 1 else f"Coverage {authority}"
        sheets.append((name[:31], lines))
    return sheets


def export_xlsx(workspace: Path, target: Path) -> int:
    """The same workbook as the app's XLSX export: the evidence log (every cell as text, the
    header bold), the (empty) long cells sheet and a coverage sheet per authority."""
    import xlsxwriter

    conn = sqlite3.connect(f"{workspace.resolve().as_uri()}?mode=ro", uri=True)
    try:
        letters = {
            doc_id: (title, date or "", _letter(kind, doc_id, end, date, start))
            for doc_id, title, kind, date, start, end in conn.execute(
                "SELECT id, title, kind, date, inspection_start, inspection_end FROM documents"
            )
        }
        book = xlsxwriter.Workbook(str(target), {"constant_memory": True})
        sheet = book.add_worksheet("Evidence log")
        book.add_worksheet("Long cells").write_row(
            0, 0, ["annotation_id", "column", "part", "text"]
        )
        bold = book.add_format({"bold": True})
        # the same look: columns wrapped, top-aligned, these widths; the header frozen
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        for col, name in enumerate(HEADER):
            sheet.set_column(col, col, XLSX_WIDTHS.get(name, 14), wrap)
        sheet.write_row(0, 0, HEADER, bold)
        sheet.freeze_panes(1, 0)
        count = 0
        none = ("", "", "")
        write = sheet.write_string
        for sql in (FLOOR_TEXT_EVIDENCE_SQL, FLOOR_TEXT_GAP_SQL):
            for row in conn.execute(sql):
                count += 1
                title, date, letter = letters[row[19]] if row[19] is not None else none
                for col, cell in enumerate((*row[:19], title, date, letter, letter)):
                    write(count, col, cell)
        sheet.autofilter(0, 0, max(count, 1), len(HEADER) - 1)
        for name, lines in _coverage_sheets(conn):
            extra = book.add_worksheet(name)
            extra.write_row(0, 0, lines[0], bold)
            for r, line in enumerate(lines[1:], start=1):
                for col, cell in enumerate(line):
                    extra.write_string(r, col, cell)
            extra.freeze_panes(1, 4)
        book.close()
    finally:
        conn.close()
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
