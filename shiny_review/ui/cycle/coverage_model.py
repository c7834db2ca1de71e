"""The coverage matrix as a read-only table model: recommendations (rows, by thread) against
the authority's documents (columns, by date); a cell is its count of linked passages."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from shiny_review.services.cycle import CoverageMatrix, CoverageRow, letter_label, rec_label

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
Role = Qt.ItemDataRole
FIXED = ("Thread", "Letter", "No.", "Recommendation")
CELL_ROLE = int(Role.UserRole) + 1  # (recommendation id, document id) of a count cell
GAP_ROLE = int(Role.UserRole) + 2  # True on a row with no evidence
GAP_BRUSH = QBrush(QColor("#fde2e1"))
SHORT = {"supports progress": "+", "shows concern": "−", "context": "○", "": "·"}


class CoverageModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._matrix: CoverageMatrix | None = None

    def set_matrix(self, matrix: CoverageMatrix | None) -> None:
        self.beginResetModel()
        self._matrix = matrix
        self.endResetModel()

    @property
    def matrix(self) -> CoverageMatrix | None:
        return self._matrix

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        if parent.isValid() or self._matrix is None:
            return 0
        return len(self._matrix.rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        if parent.isValid() or self._matrix is None:
            return 0
        return len(FIXED) + len(self._matrix.columns) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or self._matrix is None:
            return None
        if not 0 <= section < self.columnCount():
            return None
        docs = self._matrix.columns
        if role == Role.DisplayRole:
            if section < len(FIXED):
                return FIXED[section]
            if section - len(FIXED) < len(docs):
                return letter_label(docs[section - len(FIXED)]).replace(", ", "\n")
            return "Total"
        if role == Role.ToolTipRole and len(FIXED) <= section < len(FIXED) + len(docs):
            return docs[section - len(FIXED)].title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def row_at(self, row: int) -> CoverageRow | None:
        if self._matrix is None or not 0 <= row < len(self._matrix.rows):
            return None
        return self._matrix.rows[row]

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or self._matrix is None:
            return None
        col = index.column()
        cell_col = col - len(FIXED)
        n_docs = len(self._matrix.columns)
        if role == GAP_ROLE:
            return row.gap
        if role == Role.BackgroundRole:
            return GAP_BRUSH if row.gap else None
        if role == CELL_ROLE:
            if 0 <= cell_col < n_docs:
                return (row.recommendation.id, self._matrix.columns[cell_col].id)
            return None
        if role in (Role.DisplayRole, Role.AccessibleTextRole, Role.ToolTipRole):
            if col == 0:
                short = row.thread_label.split(":", 1)[0]
                return row.thread_label if role == Role.ToolTipRole else short
            if col == 1:
                return letter_label(row.document)
            if col == 2:
                return rec_label(row.recommendation)
            if col == 3:
                text = row.recommendation.text
                return f"⚠ gap: {text}" if row.gap and role == Role.DisplayRole else text
            if cell_col < n_docs:
                cell = row.cells[cell_col]
                if role == Role.DisplayRole:
                    marks = " ".join(f"{n}{SHORT.get(s, '·')}" for s, n in cell.stances)
                    return f"{cell.count}  {marks}" if cell.count else ""
                return cell.mix() or "no passages"
            return "gap: no evidence" if row.gap else str(row.total)
        if role == Role.TextAlignmentRole and col >= len(FIXED):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
