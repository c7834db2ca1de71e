"""The history export: CSV with neutralised cells, JSON with structured before/after."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from shiny_review.domain.entities import HistoryEntry
from shiny_review.services.export.history_writer import HISTORY_COLUMNS, write_history

ENTRIES = [
    HistoryEntry(1, "2024-09-01T10:00:00Z", "Officer", "create", "annotation", 4, None, '{"a": 1}'),
    HistoryEntry(2, "2024-09-01T10:01:00Z", "=cmd", "edit", "annotation", 4, '{"a": 1}', "{}"),
]


def test_history_as_json(tmp_path: Path) -> None:
    target = tmp_path / "h.json"
    assert write_history(ENTRIES, target) == 2
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data[0]["after"] == {"a": 1} and data[0]["before"] is None
    assert [d["author"] for d in data] == ["Officer", "=cmd"]


def test_history_as_csv(tmp_path: Path) -> None:
    target = tmp_path / "h.csv"
    assert write_history(ENTRIES, target) == 2
    with target.open(encoding="utf-8-sig", newline="") as handle:
        read = list(csv.reader(handle))
    assert read[0] == list(HISTORY_COLUMNS)
    assert read[2][2] == "'=cmd"
