"""Export: the evidence log of 100,000 links to CSV (and XLSX) against raw sqlite3 plus the
csv module writing the same rows."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from benchmarks.common import (
    Config,
    Result,
    connect,
    insert_annotations,
    insert_document,
    insert_recommendations,
    interleaved,
    median,
    new_workspace,
    report_text,
    spans_over,
    timed,
)


def floor_sql() -> str:
    """The app's own query (so the floor reads exactly the rows the export writes)."""
    from shiny_review.storage.repository import EVIDENCE_SQL

    return EVIDENCE_SQL.format(where="")


def build(path: Path, links: int, documents: int = 10) -> Path:
    """A workspace with ``links`` links: two per annotation, ten recommendations a document."""
    new_workspace(path)
    conn = connect(path)
    per_document = max(1, links // 2 // documents)
    for d in range(documents):
        text = report_text(max(20_000, per_document * 12), seed=100 + d)
        doc = insert_document(conn, text, title=f"Synthetic report {d + 1}", key=str(d))
        recs = insert_recommendations(conn, doc, 10)
        insert_annotations(
            conn, doc, text, spans_over(text, per_document), recommendation_ids=recs, links_each=2
        )
    conn.close()
    return path


def floor_csv(workspace: Path, target: Path) -> int:
    from shiny_review.storage.repository import register_sql_functions

    conn = sqlite3.connect(f"{workspace.resolve().as_uri()}?mode=ro", uri=True)
    register_sql_functions(conn)
    count = 0
    try:
        with target.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
            for row in conn.execute(floor_sql()):
                writer.writerow(row)
                count += 1
    finally:
        conn.close()
    return count


def run(cfg: Config) -> list[Result]:
    from shiny_review.services.export.exporting import ExportFormat, export
    from shiny_review.services.session import close_service, open_service

    links = cfg.size(100_000, 400)
    workspace = build(cfg.tmp / "export.sqlite", links)
    service = open_service(workspace, "Benchmark")
    try:
        target = cfg.tmp / "evidence.csv"
        floor_target = cfg.tmp / "floor.csv"
        rows = export(service, ExportFormat.CSV, target)
        assert rows == floor_csv(workspace, floor_target) >= 0.95 * links
        repeats = cfg.size(5, 1)
        samples = interleaved(
            {
                "floor": lambda: floor_csv(workspace, floor_target),
                "csv": lambda: export(service, ExportFormat.CSV, target),
            },
            repeats,
        )
        floor = median(samples["floor"])
        xlsx = [
            timed(lambda: export(service, ExportFormat.XLSX, cfg.tmp / "evidence.xlsx"))
            for _ in range(cfg.size(2, 1))
        ]
    finally:
        close_service(service)
    return [
        Result(
            f"Export: evidence log of {rows:,} links to CSV",
            "sqlite3 + csv module, same query and rows",
            floor,
            median(samples["csv"]),
            budget=1.3,
            note=f"median of {repeats}",
        ),
        Result(
            f"Export: the same {rows:,} links to XLSX",
            "sqlite3 + csv module, same query and rows",
            floor,
            median(xlsx),
            note="recorded, no budget (XlsxWriter builds the workbook XML)",
        ),
    ]
