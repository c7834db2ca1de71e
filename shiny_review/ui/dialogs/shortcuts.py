"""Help > Keyboard shortcuts: every action's keys, from the one registry."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shiny_review.ui.actions import EXTRA_KEYS, SPECS, accessible_name
from shiny_review.ui.focus import return_focus_on_close


def shortcut_rows() -> list[tuple[str, str]]:
    rows = [(" or ".join(s.shortcuts), accessible_name(s)) for s in SPECS]
    return rows + list(EXTRA_KEYS)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcut_rows()
        self.table = QTableWidget(len(rows), 2)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Keys", "Action"])
        for r, (keys, what) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(keys))
            self.table.setItem(r, 1, QTableWidgetItem(what))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 560)

    @classmethod
    def show_for(cls, parent: QWidget | None) -> ShortcutsDialog:
        """Open without blocking (the window stays usable) and return the dialog."""
        dialog = cls(parent)
        return_focus_on_close(dialog)
        dialog.show()
        return dialog
