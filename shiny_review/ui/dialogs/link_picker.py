"""Pick a recommendation to link to from the keyboard: any of them, not only 1 to 9.

A filter field over the open document's recommendations: typing keeps the rows whose label
(printed number or position) or words match (every word typed must appear), Up/Down move in
the list and Enter links the selected one. ``LinkPicker.choose`` is the entry point (tests
build the dialog and call ``chosen()`` instead of driving the modal loop).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shiny_review.domain.entities import Recommendation


def matches(rec: Recommendation, query: str) -> bool:
    """Every word of ``query`` is the label, or appears in the label or text (any case)."""
    label = rec.label.lower()
    words = query.lower().split()
    haystack = f"{label} {rec.text.lower()}"
    return all(word == label or word in haystack for word in words)


class LinkPicker(QDialog):
    def __init__(self, parent: QWidget | None, recommendations: Sequence[Recommendation]) -> None:
        super().__init__(parent)
        self.setObjectName("linkPicker")
        self.setWindowTitle("Link to recommendation")
        self._recs = list(recommendations)
        self.filter = QLineEdit()
        self.filter.setObjectName("linkPickerFilter")
        self.filter.setAccessibleName("Filter recommendations")
        self.filter.setPlaceholderText("Type a number or words…")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("linkPickerList")
        self.list.setAccessibleName("Recommendations")
        self.list.setWordWrap(True)
        for rec in self._recs:
            item = QListWidgetItem(f"{rec.label}. {rec.text}")
            item.setData(Qt.ItemDataRole.UserRole, rec.id)
            self.list.addItem(item)
        title = QLabel("&Find:")
        title.setBuddy(self.filter)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Link")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.filter.textChanged.connect(self.set_filter)
        self.filter.returnPressed.connect(self.accept)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.filter.installEventFilter(self)
        self.set_filter("")

    def visible_labels(self) -> list[str]:
        return [
            self._recs[row].label
            for row in range(self.list.count())
            if not self.list.item(row).isHidden()
        ]

    def set_filter(self, query: str) -> None:
        """Show the matching rows and select the first of them."""
        first = None
        for row, rec in enumerate(self._recs):
            shown = matches(rec, query)
            self.list.item(row).setHidden(not shown)
            if shown and first is None:
                first = row
        self.list.setCurrentRow(-1 if first is None else first)

    def chosen(self) -> Recommendation | None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return self._recs[self.list.row(item)]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down/PageUp/PageDown in the filter field move in the list."""
        keys = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
        if (
            watched is self.filter
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in keys
        ):
            self.list.keyPressEvent(event)
            return True
        return super().eventFilter(watched, event)

    @classmethod
    def choose(
        cls, parent: QWidget | None, recommendations: Sequence[Recommendation]
    ) -> Recommendation | None:
        """The recommendation picked, or None if cancelled or none matched."""
        dialog = cls(parent, recommendations)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()
