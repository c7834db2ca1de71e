"""The export dialog: format, scope (workspace or one document) and target file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from shiny_review.ui.focus import return_focus_on_close

FORMATS = (
    ("CSV (spreadsheet, UTF-8)", "csv"),
    ("Excel workbook (XLSX)", "xlsx"),
    ("JSON (W3C annotations)", "json"),
)


@dataclass(frozen=True, slots=True)
class ExportRequest:
    format: str
    document_id: int | None
    path: Path


class ExportDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        current: tuple[int, str] | None,
        folder: Path,
        name: str = "evidence-log",
        workspace: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export evidence log")
        self.setAccessibleName("Export evidence log")
        self._current = current
        self.format_box = QComboBox()
        self.format_box.setAccessibleName("Format")
        for text, value in FORMATS:
            self.format_box.addItem(text, value)
        self.scope_box = QComboBox()
        self.scope_box.setAccessibleName("What to export")
        self.scope_box.addItem("Whole workspace", None)
        if current is not None:
            self.scope_box.addItem(f"This document: {current[1]}", current[0])
        self.path_edit = QLineEdit(str(Path(folder) / f"{name}.csv"))
        self.path_edit.setMinimumWidth(360)
        self.path_edit.setAccessibleName("Export file")
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Choose the export file")
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow("&Format:", self.format_box)
        form.addRow("&Scope:", self.scope_box)
        save_label = QLabel("&Save to:")
        save_label.setBuddy(self.path_edit)
        form.addRow(save_label, row)
        self.refusal_label = QLabel()
        self.refusal_label.setObjectName("exportRefusal")
        self.refusal_label.setWordWrap(True)
        self.refusal_label.setVisible(False)
        form.addRow(self.refusal_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        browse.clicked.connect(self._browse)
        self.format_box.currentIndexChanged.connect(self._format_changed)

    def _format_changed(self) -> None:
        path = Path(self.path_edit.text() or "evidence-log")
        self.path_edit.setText(str(path.with_suffix("." + self.format_box.currentData())))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            "Export evidence log",
            self.path_edit.text(),
            f"{self.format_box.currentText()} (*.{self.format_box.currentData()})",
        )
        if chosen:
            self.path_edit.setText(chosen)

    def accept(self) -> None:
        """Never onto the workspace, its WAL, its lock or a backup (services/write_targets)."""
        from shiny_review.services.write_targets import refusal

        request = self.request()
        reason = refusal(request.path, self._workspace) if request is not None else None
        if reason is not None:
            self.refusal_label.setText(reason[0].upper() + reason[1:] + ".")
            self.refusal_label.setVisible(True)
            self.adjustSize()
            self.path_edit.setFocus()
            return
        super().accept()

    def request(self) -> ExportRequest | None:
        text = self.path_edit.text().strip()
        if not text:
            return None
        return ExportRequest(
            self.format_box.currentData(), self.scope_box.currentData(), Path(text).expanduser()
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        current: tuple[int, str] | None,
        folder: Path,
        *,
        name: str = "evidence-log",
        workspace: Path | None = None,
    ) -> ExportRequest | None:
        """Show the dialog modally, on ``folder`` with the file name ``name`` (the format's
        suffix follows); its Save refuses ``workspace``'s own files. The request, or None if
        cancelled."""
        dialog = cls(parent, current, folder, name, workspace)
        return_focus_on_close(dialog)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.request()
