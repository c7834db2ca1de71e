"""Dialogs for what only the command line could do before: the bin (restore a deleted
highlight), the history of changes (filter, export) and backups (make one, restore one).

Each is a plain non-modal dialog over a table; what it asks of the workspace it emits as a
signal (``restoreRequested``, ``backupRequested``...) which ``controllers/workspace_tools``
turns into an undoable command or a service call, then refreshes the dialog with ``set_rows``.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shiny_review.domain.cell_safety import neutralise
from shiny_review.ui.models.table import RowsTableModel
from shiny_review.ui.models.workspace_tools import (
    ROW_ID_ROLE,
    BackupsModel,
    BinModel,
    HistoryModel,
)


class _TableDialog(QDialog):
    """A title, a table of rows (maybe filtered) and a row of buttons."""

    def __init__(
        self, parent: QWidget | None, title: str, name: str, model: RowsTableModel[Any]
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.model = model
        model.setParent(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(title)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        close = QPushButton("&Close")
        close.clicked.connect(self.close)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.table, 1)
        self.layout_.addWidget(self.message)
        self.layout_.addLayout(self.buttons)
        self.buttons.addWidget(close)
        self.resize(860, 480)

    def add_button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        self.buttons.insertWidget(self.buttons.count() - 2, button)
        return button

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):  # long passages do not push others out
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 340))
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def selected_id(self) -> Any:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.index(index.row(), 0).data(ROW_ID_ROLE)

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)


class BinDialog(_TableDialog):
    """Deleted highlights; Restore brings the selected one back (undoable)."""

    restoreRequested = Signal(int)

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent, "Bin: deleted highlights", "binDialog", BinModel())
        self.restore_button = self.add_button("&Restore highlight", "restoreButton")
        self.restore_button.clicked.connect(self.restore_selected)

    def set_rows(self, rows: Sequence[Any]) -> None:
        super().set_rows(rows)
        self.restore_button.setEnabled(bool(rows))
        self.message.setText(
            "No deleted highlights." if not rows else f"{len(rows)} deleted highlights."
        )

    def restore_selected(self) -> None:
        ann_id = self.selected_id()
        if ann_id is not None:
            self.restoreRequested.emit(int(ann_id))


class HistoryDialog(_TableDialog):
    """Every change, read-only: filter by any words, export what is shown to CSV."""

    exportRequested = Signal()

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent, "History of changes", "historyDialog", HistoryModel())
        self.filter = QLineEdit()
        self.filter.setObjectName("historyFilter")
        self.filter.setAccessibleName("Filter the history")
        self.filter.setPlaceholderText("Filter by who, what or any word…")
        self.filter.setClearButtonEnabled(True)
        self.layout_.insertWidget(0, self.filter)
        self.filter.textChanged.connect(self._filter)
        self.export_button = self.add_button("&Export shown…", "exportHistoryButton")
        self.export_button.clicked.connect(self.exportRequested)
        self.resize(1000, 560)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self.message.setText(f"{self.proxy.rowCount()} of {self.model.rowCount()} changes shown.")

    def set_rows(self, rows: Sequence[Any]) -> None:
        super().set_rows(rows)
        self._filter(self.filter.text())

    def shown_rows(self) -> list[list[str]]:
        """The cells of the rows the filter shows, as displayed, header first."""
        columns = range(self.proxy.columnCount())
        rows = [[str(self.model.headerData(c, Qt.Orientation.Horizontal, 0)) for c in columns]]
        for r in range(self.proxy.rowCount()):
            source = self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
            rows.append(
                [
                    str(source.at),
                    source.author,
                    source.action,
                    f"{source.entity} {source.entity_id}",
                    source.before or "",
                    source.after or "",
                ]
            )
        return rows

    def export_to(self, path: Path) -> int:
        """Write the shown changes to a CSV file (formulas neutralised); the rows written."""
        rows = self.shown_rows()
        part = path.with_name(path.name + ".part")
        with part.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            for row in rows:
                writer.writerow([neutralise(cell) for cell in row])
        part.replace(path)
        return len(rows) - 1


class BackupsDialog(_TableDialog):
    """The workspace's backups: make one now, restore the selected one (after asking)."""

    backupRequested = Signal()
    restoreRequested = Signal(str)

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent, "Backups", "backupsDialog", BackupsModel())
        self.now_button = self.add_button("&Back up now", "backupNowButton")
        self.restore_button = self.add_button("&Restore this backup…", "restoreBackupButton")
        self.now_button.clicked.connect(self.backupRequested)
        self.restore_button.clicked.connect(self._restore)
        self.resize(760, 400)

    def set_rows(self, rows: Sequence[Any]) -> None:
        super().set_rows(rows)
        self.restore_button.setEnabled(bool(rows))
        self.message.setText(
            "No backups yet." if not rows else f"{len(rows)} backups, newest first."
        )

    def _restore(self) -> None:
        path = self.selected_id()
        if path is not None:
            self.restoreRequested.emit(str(path))
