"""The history of changes (who, when, what, before and after) as CSV or JSON.

CSV follows the evidence log's rules: UTF-8 with BOM, CRLF, every field quoted and formula
triggers neutralised. JSON keeps the before/after values as structured data.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from shiny_review.domain.cell_safety import neutralise
from shiny_review.domain.entities import HistoryEntry
from shiny_review.runtime.atomic_file import atomic_writer

HISTORY_COLUMNS = ("id", "at", "author", "action", "entity", "entity_id", "before", "after")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _json_value(raw: Any) -> Any:
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except (TypeError, ValueError):
        return raw


def write_history(entries: Iterable[HistoryEntry], target: Path) -> int:
    """Write the history to ``target`` (``.json`` gives JSON, anything else CSV)."""
    target = Path(target)
    items = [e.as_dict() for e in entries]
    if target.suffix.lower() == ".json":
        data = [
            {
                **{k: _text(r[k]) if k == "at" else r[k] for k in HISTORY_COLUMNS[:6]},
                "before": _json_value(r["before"]),
                "after": _json_value(r["after"]),
            }
            for r in items
        ]
        with atomic_writer(target, "w", encoding="utf-8", newline="\n") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
        return len(items)
    with atomic_writer(target, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(HISTORY_COLUMNS)
        for r in items:
            writer.writerow([neutralise(_text(r[k])) for k in HISTORY_COLUMNS])
    return len(items)
