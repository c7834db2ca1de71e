"""A read-only table model over a tuple of immutable rows, its columns declared once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()  # an invalid index: the root, never mutated
Role = Qt.ItemDataRole

# The roles a column may answer besides DisplayRole, by the Column field that answers them.
_OPTIONAL_ROLES = {
    int(Role.ToolTipRole): "tooltip",
    int(Role.DecorationRole): "decoration",
    int(Role.ForegroundRole): "foreground",
    int(Role.FontRole): "font",
}


@dataclass(frozen=True, slots=True)
class Column(Generic[R]):
    """A header and, per role, how a row gives its cell; a role without a function is None.

    AccessibleTextRole falls back to the display text when ``accessible`` is not given.
    """

    header: str
    display: Callable[[R], str]
    accessible: Callable[[R], str] | None = None
    tooltip: Callable[[R], str | None] | None = None
    decoration: Callable[[R], Any] | None = None
    foreground: Callable[[R], Any] | None = None
    font: Callable[[R], Any] | None = None

    def value(self, row: R, role: int) -> Any:
        if role == Role.DisplayRole:
            return self.display(row)
        if role == Role.AccessibleTextRole:
            return (self.accessible or self.display)(row)
        name = _OPTIONAL_ROLES.get(role)
        get = getattr(self, name) if name else None
        return None if get is None else get(row)


def header_data(
    columns: Sequence[Column[Any]], section: int, orientation: Qt.Orientation, role: int
) -> str | None:
    """The horizontal header text of a column (no vertical header, no other role)."""
    if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
        return columns[section].header
    return None


class RowsTableModel(QAbstractTableModel, Generic[R]):
    """Flat rows, replaced wholesale by ``set_rows``; enabled and selectable cells.

    Subclasses declare ``COLUMNS``, and ``ID_ROLE`` with ``row_id`` to give a row's id on
    every column.
    """

    COLUMNS: ClassVar[Sequence[Column[Any]]] = ()
    ID_ROLE: ClassVar[int | None] = None

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[R, ...] = ()

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_id(self, row: R) -> Any:
        raise NotImplementedError

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        return header_data(self.COLUMNS, section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if self.ID_ROLE is not None and role == self.ID_ROLE:
            return self.row_id(row)
        return self.COLUMNS[index.column()].value(row, role)
