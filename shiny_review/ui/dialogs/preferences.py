"""Preferences: the author name recorded on every change."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from shiny_review.ui.focus import return_focus_on_close


class PreferencesDialog(QDialog):
    def __init__(self, parent: QWidget | None, author: str) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self.author_edit = QLineEdit(author)
        self.author_edit.setAccessibleName("Your name")
        form = QFormLayout(self)
        form.addRow("Your &name (recorded on each change):", self.author_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        form.addRow(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    @classmethod
    def ask(cls, parent: QWidget | None, author: str) -> str | None:
        dialog = cls(parent, author)
        return_focus_on_close(dialog)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        name = dialog.author_edit.text().strip()
        return name or None
