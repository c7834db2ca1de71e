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
from shiny_review.runtime.json_stream import dump_array

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
    """Write the history to ``target`` (``.json`` gives JSON, anything else CSV), an entry at
    a time (none kept: the log may hold a million)."""
    target = Path(target)
    if target.suffix.lower() == ".json":
        with atomic_writer(target, "w", encoding="utf-8", newline="\n") as handle:
            count = dump_array(map(_json_item, entries), handle)
            handle.write("\n")
        return count
    count = 0
    with atomic_writer(target, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(HISTORY_COLUMNS)
        for entry in entries:
            r = entry.as_dict()
            writer.writerow([neutralise(_text(r[k])) for k in HISTORY_COLUMNS])
            count += 1
    return count


def _json_item(entry: HistoryEntry) -> dict[str, Any]:
    r = entry.as_dict()
    return {
        **{k: _text(r[k]) if k == "at" else r[k] for k in HISTORY_COLUMNS[:6]},
        "before": _json_value(r["before"]),
        "after": _json_value(r["after"]),
    }
