"""Find bar (Ctrl+F): a phrase to find in the open document, shown above the text."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget


class FindBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setObjectName("findEdit")
        self.edit.setAccessibleName("Find in document")
        self.edit.setPlaceholderText("Find in document (Enter finds, F3 finds the next)")
        self.next_button = QPushButton("Find &next")
        self.next_button.setAccessibleName("Find next")
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close the find bar")
        self.result = QLabel("")
        label = QLabel("Find:")
        label.setBuddy(self.edit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.next_button)
        layout.addWidget(self.result)
        layout.addWidget(self.close_button)
