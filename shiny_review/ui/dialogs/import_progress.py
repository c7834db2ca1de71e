"""Import progress: a non-blocking progress dialog that can be cancelled."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget


class ImportProgress(QProgressDialog):
    def __init__(self, parent: QWidget | None, total: int) -> None:
        super().__init__("Importing…", "&Cancel", 0, total, parent)
        self.setObjectName("importProgress")
        self.setWindowTitle("Import")
        self.setAccessibleName("Import progress")
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setValue(0)

    def step(self, done: int, name: str) -> None:
        self.setValue(done)
        self.setLabelText(
            f"Importing {name}… ({done + 1} of {self.maximum()})"
            if done < self.maximum()
            else "Finishing…"
        )

    @classmethod
    def start(cls, parent: QWidget | None, total: int) -> ImportProgress:
        dialog = cls(parent, total)
        dialog.show()
        return dialog
