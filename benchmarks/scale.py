"""Workspaces at a team's scale, made fast with raw sqlite3 in the app's real schema.

``build_scale(path, documents, annotations)`` makes a migrated workspace (the app's own
``Workspace`` creates and migrates the file) and then fills it in one transaction with
executemany: ``documents`` reports of a few kilobytes each, ten recommendations a document
(every tenth one deleted), ``annotations`` spread evenly over the documents (every twentieth
deleted) and ``links_each`` links per annotation to its document's recommendations. A million
annotations take a few tens of seconds; 100,000 a few seconds.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import STAMP, new_workspace, report_text

RECOMMENDATIONS_EACH = 10
TEXT_CHARS = 4_000


@dataclass(frozen=True)
class ScaleWorkspace:
    path: Path
    documents: int
    annotations: int
    links: int
    live_links: int  # links of live annotations to live recommendations
    changes: int = 0  # rows of the change log (``history=True``)
    actions: int = 0  # action-plan actions (``actions=True``)


def build_scale(
    path: Path,
    documents: int,
    annotations: int,
    links_each: int = 2,
    seed: int = 5,
    *,
    history: bool = False,
    actions: bool = False,
) -> ScaleWorkspace:
    """The workspace; ``history`` adds the change log the app would have written (a create
    for every annotation and a delete for each deleted one), ``actions`` an action for every
    document (on its first recommendation: for the scale suite's ``history``, ``actions`` and
    ``report`` rows)."""
    new_workspace(path)
    rng = random.Random(seed)
    texts = [report_text(TEXT_CHARS, seed=seed * 1000 + i % 50) for i in range(min(documents, 50))]
    # quotes start at a word (a quote that starts with a line break would be neutralised)
    words = [[m.start() for m in re.finditer(r"\w+", t)][:-12] for t in texts]
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA foreign_keys=OFF")  # every id below is made to exist
    conn.execute("BEGIN")
    doc_rows = []
    for d in range(1, documents + 1):
        text = texts[d % len(texts)]
        digest = hashlib.sha256(f"{d}".encode()).hexdigest()
        doc_rows.append(
            (
                d,
                f"Synthetic report {d:05d}",
                "full inspection" if d % 3 else "focused visit",
                "ILACS",
                f"Authority {d % 153}",
                f"20{15 + d % 11}-0{1 + d % 9}-1{d % 10}",
                1 + len(text) // 3000,
                f"report-{d}.pdf",
                digest,
                hashlib.sha256(text.encode()).hexdigest(),
                text,
                json.dumps([0]),
                "[]",
                STAMP,
            )
        )
    conn.executemany(
        "INSERT INTO documents (id, title, kind, framework, authority, date, pages, source_name, "
        "source_hash, content_hash, text, page_starts, paragraphs, imported_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        doc_rows,
    )
    rec_rows = [
        (
            (d - 1) * RECOMMENDATIONS_EACH + p + 1,
            d,
            p,
            None if p == 7 else str(p + 1),
            f"Recommendation {p + 1} of report {d}: improve the quality of practice.",
            int(p == 9),
        )
        for d in range(1, documents + 1)
        for p in range(RECOMMENDATIONS_EACH)
    ]
    conn.executemany(
        "INSERT INTO recommendations (id, document_id, position, grp, number, text, nf_kind, "
        "nf_number, page, heading, manual, deleted) "
        "VALUES (?, ?, ?, 'local authority', ?, ?, NULL, NULL, 1, NULL, 0, ?)",
        rec_rows,
    )
    stances = ("supports progress", "shows concern", "context", None)

    def annotation_rows():  # type: ignore[no-untyped-def]
        for a in range(1, annotations + 1):
            d = 1 + (a - 1) * documents // annotations
            text = texts[d % len(texts)]
            starts = words[d % len(texts)]
            start = starts[rng.randrange(len(starts))]
            end = start + 12 + a % 25
            yield (
                a,
                d,
                text[start:end],
                text[max(0, start - 32) : start],
                text[end : end + 32],
                start,
                end,
                1,
                1 + start // 400,
                "Main findings" if a % 2 else None,
                "h",
                stances[a % 4],
                f"note {a}" if a % 3 == 0 else "",
                "Benchmark",
                STAMP,
                STAMP,
                int(a % 20 == 0),
                STAMP if a % 20 == 0 else None,
            )

    conn.executemany(
        "INSERT INTO annotations (id, document_id, exact, prefix, suffix, start, end, page, "
        "paragraph, section, content_hash, stance, colour, note, author, created_at, "
        "updated_at, deleted, deleted_at, anchor_status) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, 'exact')",
        annotation_rows(),
    )
    live = 0

    def link_rows():  # type: ignore[no-untyped-def]
        nonlocal live
        for a in range(1, annotations + 1):
            d = 1 + (a - 1) * documents // annotations
            for k in range(links_each):
                p = (a + 3 * k) % RECOMMENDATIONS_EACH
                if a % 20 and p != 9:
                    live += 1
                yield (a, (d - 1) * RECOMMENDATIONS_EACH + p + 1, STAMP)

    conn.executemany(
        "INSERT INTO links (annotation_id, recommendation_id, created_at) VALUES (?, ?, ?)",
        link_rows(),
    )
    changes = _add_history(conn, annotations) if history else 0
    action_count = _add_actions(conn, documents) if actions else 0
    conn.execute("COMMIT")
    conn.close()
    return ScaleWorkspace(
        path, documents, annotations, annotations * links_each, live, changes, action_count
    )


def _add_history(conn: sqlite3.Connection, annotations: int) -> int:
    def rows():  # type: ignore[no-untyped-def]
        live = json.dumps({"stance": "context", "note": "", "deleted": False})
        gone = json.dumps({"stance": "context", "note": "", "deleted": True})
        for a in range(1, annotations + 1):
            yield (STAMP, "Benchmark", "create", "annotation", a, None, live)
            if a % 20 == 0:  # the deleted ones (build_scale deletes every twentieth)
                yield (STAMP, "Benchmark", "delete", "annotation", a, live, gone)

    conn.executemany(
        "INSERT INTO history (at, author, action, entity, entity_id, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows(),
    )
    return annotations + annotations // 20


def _add_actions(conn: sqlite3.Connection, documents: int) -> int:
    statuses = ("not started", "on track", "at risk", "off track", "done")
    conn.executemany(
        "INSERT INTO actions (recommendation_id, text, owner, start_date, due_date, status, "
        "author, created_at, updated_at, deleted) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, 0)",
        (
            (
                r,
                f"Action for recommendation {r}: audit a sample of cases.",
                f"Owner {r % 40}",
                f"2026-0{1 + r % 9}-1{r % 10}",
                statuses[r % len(statuses)],
                "Benchmark",
                STAMP,
                STAMP,
            )
            for r in range(1, documents * RECOMMENDATIONS_EACH + 1, RECOMMENDATIONS_EACH)
        ),
    )
    return documents
