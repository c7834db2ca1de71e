"""The CSV evidence log: UTF-8 with BOM, CRLF, every field quoted, formulas neutralised."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from shiny_review.domain.export_rows import EVIDENCE_COLUMNS, EvidenceRow
from shiny_review.services.export.csv_writer import write_csv


def test_csv_bytes_and_cells(rows: list[EvidenceRow], tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    assert write_csv(rows, target) == 2
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    read = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert read[0] == list(EVIDENCE_COLUMNS)
    first = dict(zip(EVIDENCE_COLUMNS, read[1], strict=True))
    assert first["quote"] == "'=SUM(A1)" and first["note"] == "note\nline"
    second = dict(zip(EVIDENCE_COLUMNS, read[2], strict=True))
    assert (second["page"], second["recommendation_number"], second["quote"]) == (
        "",
        "",
        "quote 🙂",
    )
