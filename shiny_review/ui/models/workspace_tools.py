"""Read-only tables of what only the command line showed before: the bin of deleted
highlights, the history of changes and the workspace's backups."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import Qt

from shiny_review.domain.entities import Annotation, HistoryEntry
from shiny_review.ui.models.table import Column, RowsTableModel


class BackupInfo(Protocol):
    """What a backup row shows (``services.backups.Backups.all`` gives these)."""

    path: Path
    made_at: dt.datetime
    reason: str
    size: int


ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 7


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class BinModel(RowsTableModel[tuple[str, Annotation]]):
    """Deleted highlights, each with its document's title."""

    COLUMNS = (
        Column("Document", lambda r: r[0]),
        Column("Passage", lambda r: _short(r[1].anchor.exact), tooltip=lambda r: r[1].anchor.exact),
        Column("Note", lambda r: _short(r[1].note, 60)),
        Column("Deleted", lambda r: r[1].updated_at.strftime("%Y-%m-%d %H:%M")),
    )
    ID_ROLE = ROW_ID_ROLE

    def row_id(self, row: tuple[str, Annotation]) -> Any:
        return row[1].id


class HistoryModel(RowsTableModel[HistoryEntry]):
    """Every change: when, who, what (newest first as given)."""

    COLUMNS = (
        Column("When (UTC)", lambda e: e.at.replace("T", " ").rstrip("Z")[:19]),
        Column("Who", lambda e: e.author),
        Column("Change", lambda e: e.action),
        Column("Item", lambda e: f"{e.entity} {e.entity_id}"),
        Column("Before", lambda e: _short(e.before or "", 80), tooltip=lambda e: e.before),
        Column("After", lambda e: _short(e.after or "", 80), tooltip=lambda e: e.after),
    )
    ID_ROLE = ROW_ID_ROLE

    def row_id(self, row: HistoryEntry) -> Any:
        return row.id


class BackupsModel(RowsTableModel[BackupInfo]):
    COLUMNS = (
        Column("Made", lambda b: b.made_at.strftime("%Y-%m-%d %H:%M:%S")),
        Column("Why", lambda b: b.reason),
        Column("Size", lambda b: f"{b.size / 1024:,.0f} KB"),
        Column("File", lambda b: b.path.name, tooltip=lambda b: str(b.path)),
    )
    ID_ROLE = ROW_ID_ROLE

    def row_id(self, row: BackupInfo) -> Any:
        return str(row.path)
