"""Documents grouped by authority: authority rows, each holding its documents."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from shiny_review.domain.entities import Document
from shiny_review.ui.models.table import NO_PARENT, Column, Index, header_data
from shiny_review.ui.wording import plural

NO_AUTHORITY = "Other documents"
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
# What ``data`` answers (COLUMNS give display, tooltip and the accessible text).
_ANSWERED_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ToolTipRole,
        DOCUMENT_ID_ROLE,
    )
)


def _tooltip(doc: Document) -> str:
    return (
        f"{doc.title}\n{doc.kind}, {plural(doc.pages, 'page')}\n{doc.source_name}\n"
        f"{plural(doc.annotation_count, 'highlight')}"
    )


COLUMNS: tuple[Column[Document], ...] = (  # of a document row; an authority row shows its name
    Column("Document", lambda doc: doc.title, tooltip=_tooltip),
    Column("Kind", lambda doc: doc.kind, tooltip=_tooltip),
    Column("Date", lambda doc: doc.date.strftime("%d %b %Y") if doc.date else "", tooltip=_tooltip),
    Column("Marks", lambda doc: str(doc.annotation_count), tooltip=_tooltip),
)
MARKS = 3  # the column of the count of highlights


class DocumentsModel(QAbstractItemModel):
    """Two levels: authorities (internal id 0) and their documents (internal id = group + 1)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._groups: list[tuple[str, list[Document]]] = []
        self.checks: dict[int, list[str]] = {}  # issue 12: failed self-checks per document

    def set_documents(self, documents: list[Document]) -> None:
        groups: dict[str, list[Document]] = {}
        for doc in documents:
            groups.setdefault(doc.authority or NO_AUTHORITY, []).append(doc)
        ordered = sorted(groups.items(), key=lambda kv: (kv[0] == NO_AUTHORITY, kv[0].lower()))
        new = [
            (name, sorted(docs, key=lambda d: (d.date is None, d.date), reverse=False))
            for name, docs in ordered
        ]
        if [(n, [d.id for d in ds]) for n, ds in new] == [
            (n, [d.id for d in ds]) for n, ds in self._groups
        ]:
            self._groups = new  # same shape: refresh the cells only, keep selection
            for row in range(len(new)):
                parent = self.index(row, 0)
                count = len(new[row][1])
                if count:
                    self.dataChanged.emit(
                        self.index(0, 0, parent), self.index(count - 1, len(COLUMNS) - 1, parent)
                    )
            return
        self.beginResetModel()
        self._groups = new
        self.endResetModel()

    def update_document(self, document: Document) -> bool:
        """Replace one document's row in place (its cells change, not the tree's shape).

        False when the document is not shown or moved to another authority: the caller
        then sets all documents again.
        """
        index = self.index_of(document.id)
        if not index.isValid():
            return False
        group = index.internalId() - 1
        name, docs = self._groups[group]
        if (document.authority or NO_AUTHORITY) != name:
            return False
        docs[index.row()] = document
        self.dataChanged.emit(
            self.index(index.row(), 0, index.parent()),
            self.index(index.row(), len(COLUMNS) - 1, index.parent()),
        )
        return True

    def set_count(self, document_id: int, count: int) -> bool:
        """One document's number of highlights (its Marks cell); False if it is not shown."""
        index = self.index_of(document_id)
        if not index.isValid():
            return False
        docs = self._groups[index.internalId() - 1][1]
        docs[index.row()] = replace(docs[index.row()], annotation_count=count)
        # One cell, not the row: a view repaints a single changed index, but the whole of
        # itself for a range. The tooltips that name the count are asked for when shown.
        cell = self.index(index.row(), MARKS, index.parent())
        self.dataChanged.emit(cell, cell)
        return True

    def set_checks(self, document_id: int, reasons: list[str]) -> bool:
        """One document's failed self-checks (its mark); False if it is not shown."""
        if reasons:
            self.checks[document_id] = reasons
        else:
            self.checks.pop(document_id, None)
        index = self.index_of(document_id)
        if not index.isValid():
            return False
        self.dataChanged.emit(index, index)  # the mark is in the title's cell
        return True

    def document_at(self, index: Index) -> Document | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._groups[index.internalId() - 1][1][index.row()]

    def index_of(self, document_id: int) -> QModelIndex:
        for g, (_name, docs) in enumerate(self._groups):
            for r, doc in enumerate(docs):
                if doc.id == document_id:
                    return self.createIndex(r, 0, g + 1)
        return QModelIndex()

    def all_documents(self) -> list[Document]:
        return [d for _name, docs in self._groups for d in docs]

    # -- QAbstractItemModel ---------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = NO_PARENT) -> QModelIndex:
        # hasIndex's checks, in Python: hasIndex itself calls back into rowCount and
        # columnCount through Qt (thousands of calls as the tree is laid out at the start)
        if row < 0 or not 0 <= column < len(COLUMNS) or row >= self.rowCount(parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        return header_data(COLUMNS, section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks each cell for a dozen roles while it lays the tree out (tens of
        # thousands of calls at the start with 200 documents): the others end here.
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        if index.internalId() == 0:
            name, docs = self._groups[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return f"{name} ({len(docs)})" if index.column() == 0 else None
            return None
        doc = self._groups[index.internalId() - 1][1][index.row()]
        if role == DOCUMENT_ID_ROLE:
            return doc.id
        value = COLUMNS[index.column()].value(doc, role)
        if doc.id in self.checks:  # issue 12: the "check the recommendations" mark
            from shiny_review.ui.checks_mark import mark_title, mark_tooltip

            reasons = self.checks[doc.id]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return mark_title(value, reasons)
            if role == Qt.ItemDataRole.ToolTipRole:
                return mark_tooltip(value, reasons)
        return value
