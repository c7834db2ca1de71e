"""A small workspace that exercises every corner of the evidence query, and its reference exports.

Deleted recommendations, deleted annotations, annotations with no link, one link, several
links (in an order that differs from the recommendations' positions), a link only to a deleted
recommendation, two annotations at the same start, a recommendation with no printed number,
formula triggers and non-ASCII text. Written with raw SQL and fixed times, so the exports are
the same bytes on every run.

The reference files under ``data/`` were written by the code before the export query was
rewritten (issue 16), and written again when the log gained its trailing columns and its "no
evidence" rows (issues 11 and 13; the first 17 columns of every passage row were checked equal
to the earlier files): ``python -m tests.storage.export_reference`` regenerates them, which
should only ever be needed if the export's format changes on purpose.
"""

from __future__ import annotations

import sqlite3
import sys
import zipfile
from pathlib import Path

DATA = Path(__file__).with_name("data")
CSV_ALL = DATA / "export_reference_all.csv"
CSV_DOC = DATA / "export_reference_doc2.csv"
XLSX_ALL = DATA / "export_reference_all.xlsx"
STAMP = "2026-01-05 09:30:00.000000"
LATER = "2026-02-11 17:45:12.500000"

TEXTS = (
    "Inspection of Westmarsh children’s services. Supervision is regular but weak. "
    "Leaders know it. =SUM(A1) is not a formula here. Children’s “voice” – é £ 😀 is heard.",
    "Second report. Plans are timely. Drift is challenged. Caseloads are high in the front "
    "door. Agency staff are many.",
    "Third report, with no recommendations at all. Just one quote.",
)


def build(path: Path) -> Path:
    """A migrated workspace at ``path`` filled by raw SQL."""
    from shiny_review.storage.workspace import Workspace

    Workspace(path, "Reference").close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("BEGIN")
    docs = []
    for i, text in enumerate(TEXTS):
        cur = conn.execute(
            "INSERT INTO documents (title, kind, framework, authority, date, pages, "
            "source_name, source_hash, content_hash, text, page_starts, paragraphs, "
            "imported_at) VALUES (?, ?, 'ILACS', ?, ?, 1, ?, ?, ?, ?, '[0]', '[]', ?)",
            (
                f"Report {i + 1} – Westmarsh",
                "full inspection" if i != 1 else "focused visit",
                None if i == 2 else "Westmarsh",
                None if i == 2 else f"2025-0{i + 3}-1{i}",
                f"r{i}.pdf",
                f"{i:064d}",
                f"{i + 10:064d}",
                text,
                STAMP,
            ),
        )
        docs.append(int(cur.lastrowid or 0))
    recs: dict[tuple[int, int], int] = {}
    # (document index, position, number, text, deleted)
    rec_rows = [
        (0, 0, "1", "Improve supervision.", 0),
        (0, 1, "2", '=HYPERLINK("x") improve audit.', 0),
        (0, 2, None, "Manual recommendation with no number.", 0),
        (0, 3, "4", "A deleted recommendation.", 1),
        (1, 0, "1", "Reduce caseloads.", 0),
        (1, 1, "2", "Recruit permanent staff.", 0),
        (1, 2, "3", "Deleted too.", 1),
    ]
    for d, position, number, text, deleted in rec_rows:
        cur = conn.execute(
            "INSERT INTO recommendations (document_id, position, grp, number, text, nf_kind, "
            "nf_number, page, heading, manual, deleted) "
            "VALUES (?, ?, 'local authority', ?, ?, NULL, NULL, 1, NULL, ?, ?)",
            (docs[d], position, number, text, int(number is None), deleted),
        )
        recs[(d, position)] = int(cur.lastrowid or 0)

    def annotate(
        d: int,
        quote: str,
        nth: int = 0,
        *,
        stance: str | None = None,
        note: str = "",
        deleted: int = 0,
        links: tuple[tuple[int, int], ...] = (),
        updated: str = STAMP,
        status: str = "exact",
        offset: int = 0,
    ) -> int:
        text = TEXTS[d]
        start = -1
        for _ in range(nth + 1):
            start = text.index(quote, start + 1)
        start += offset
        end = start + len(quote) - offset
        cur = conn.execute(
            "INSERT INTO annotations (document_id, exact, prefix, suffix, start, end, page, "
            "paragraph, section, content_hash, stance, colour, note, author, created_at, "
            "updated_at, deleted, deleted_at, anchor_status) "
            "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, 'h', ?, NULL, ?, ?, ?, ?, ?, ?, ?)",
            (
                docs[d],
                text[start:end],
                text[max(0, start - 8) : start],
                text[end : end + 8],
                start,
                end,
                1 + d if d != 2 else None,
                "Main findings" if d == 0 else None,
                stance,
                note,
                "Officer – Ann",
                STAMP,
                updated,
                deleted,
                LATER if deleted else None,
                status,
            ),
        )
        aid = int(cur.lastrowid or 0)
        for rec in links:
            conn.execute(
                "INSERT INTO links (annotation_id, recommendation_id, created_at) VALUES (?, ?, ?)",
                (aid, recs[rec], STAMP),
            )
        return aid

    # Inserted out of text order, so ORDER BY start differs from id order.
    annotate(
        0, "Leaders know it", stance="shows concern", note="+1 cell", links=((0, 2), (0, 0), (0, 1))
    )
    annotate(
        0,
        "Supervision is regular",
        stance="supports progress",
        note="Children’s 😀",
        links=((0, 1), (0, 0)),
        updated=LATER,
    )
    annotate(0, "Supervision", note="same start as the one before", links=((0, 3),))
    annotate(0, "weak", deleted=1, links=((0, 0),))
    annotate(0, "=SUM(A1)", note="@cmd", links=((0, 0), (0, 3), (0, 2)), status="fuzzy")
    annotate(0, "Inspection", stance="context")
    annotate(0, "voice", note="\tx\r\ny", links=((1, 0),))  # a link to another document's
    annotate(1, "Caseloads are high", stance="shows concern", links=((1, 1), (1, 0)))
    annotate(1, "Plans are timely", links=((1, 2),))
    annotate(1, "Drift is challenged", deleted=1)
    annotate(1, "Agency staff", note="-1", links=((1, 0), (1, 1), (1, 2)), status="orphaned")
    annotate(1, "report", links=((1, 1),))
    annotate(2, "one quote", note="the last document")
    conn.execute("COMMIT")
    conn.close()
    return path


def xlsx_parts(path: Path) -> dict[str, bytes]:
    """The workbook's parts without docProps (which hold the time it was written)."""
    with zipfile.ZipFile(path) as book:
        return {
            name: book.read(name) for name in book.namelist() if not name.startswith("docProps/")
        }


def write_references(folder: Path) -> None:
    from shiny_review.services.export.exporting import ExportFormat, export
    from shiny_review.services.session import close_service, open_service

    workspace = build(folder / "reference.sqlite")
    service = open_service(workspace, "Reference")
    try:
        DATA.mkdir(exist_ok=True)
        export(service, ExportFormat.CSV, CSV_ALL)
        export(service, ExportFormat.CSV, CSV_DOC, document_id=2)
        export(service, ExportFormat.XLSX, XLSX_ALL)
    finally:
        close_service(service)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        write_references(Path(tmp))
    print(f"written to {DATA}", file=sys.stderr)
