"""Add or edit a recommendation by hand: its printed number and its text."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from shiny_review.ui.focus import return_focus_on_close


class RecommendationDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, number: str, text: str) -> None:
        super().__init__(parent)
        self.setObjectName("recommendationDialog")
        self.setWindowTitle(title)
        self.number_edit = QLineEdit(number)
        self.number_edit.setAccessibleName("Number")
        self.text_edit = QPlainTextEdit(text)
        self.text_edit.setAccessibleName("Recommendation text")
        self.text_edit.setTabChangesFocus(True)
        form = QFormLayout(self)
        form.addRow("&Number (optional):", self.number_edit)
        form.addRow("&Text:", self.text_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        form.addRow(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def values(self) -> tuple[str, str | None] | None:
        text = " ".join(self.text_edit.toPlainText().split())
        if not text:
            return None
        return text, self.number_edit.text().strip() or None

    @classmethod
    def ask(
        cls, parent: QWidget | None, title: str, number: str = "", text: str = ""
    ) -> tuple[str, str | None] | None:
        """(text, number or None), or None if cancelled or empty."""
        dialog = cls(parent, title, number, text)
        return_focus_on_close(dialog)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()
