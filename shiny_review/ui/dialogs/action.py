"""Dialogs of the action plan: an action's values, a progress update, the board report's
files. Each has a classmethod entry point (``ask``) so tests never drive a modal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from shiny_review.domain.action_plan import Action, ActionStatus
from shiny_review.services.action_plan import ActionChanges


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class ActionDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, action: Action | None) -> None:
        super().__init__(parent)
        self.setObjectName("actionDialog")
        self.setWindowTitle(title)
        today = dt.date.today()
        self.text_edit = QPlainTextEdit(action.text if action else "")
        self.text_edit.setAccessibleName("Action")
        self.text_edit.setTabChangesFocus(True)
        self.owner_edit = QLineEdit(action.owner if action else "")
        self.owner_edit.setAccessibleName("Owner")
        self.has_start = QCheckBox("&Start date:")
        self.has_start.setChecked(bool(action and action.start_date))
        self.start_edit = QDateEdit(
            _qdate(action.start_date if action and action.start_date else today)
        )
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy-MM-dd")
        self.due_edit = QDateEdit(_qdate(action.due_date if action else today))
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        self.status_box = QComboBox()
        for status in ActionStatus:
            self.status_box.addItem(f"{status.rag.label} ({status.value})", status.value)
        if action:
            self.status_box.setCurrentIndex(list(ActionStatus).index(action.status))
        form = QFormLayout(self)
        form.addRow("&Action:", self.text_edit)
        form.addRow("&Owner:", self.owner_edit)
        form.addRow(self.has_start, self.start_edit)
        form.addRow("&Due:", self.due_edit)
        form.addRow("S&tatus:", self.status_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        form.addRow(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def values(self) -> ActionChanges | None:
        text = " ".join(self.text_edit.toPlainText().split())
        owner = " ".join(self.owner_edit.text().split())
        if not text or not owner:
            return None
        start = _pydate(self.start_edit.date()) if self.has_start.isChecked() else None
        return ActionChanges(
            text=text,
            owner=owner,
            start_date=start,
            due_date=_pydate(self.due_edit.date()),
            status=ActionStatus(self.status_box.currentData()),
            clear_start_date=start is None,
        )

    @classmethod
    def ask(
        cls, parent: QWidget | None, title: str, action: Action | None = None
    ) -> ActionChanges | None:
        dialog = cls(parent, title, action)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()


class UpdateDialog(QDialog):
    """A progress update's text and the highlights it cites (from the recommendation's
    evidence)."""

    def __init__(self, parent: QWidget | None, evidence: list[tuple[int, str]]) -> None:
        super().__init__(parent)
        self.setObjectName("updateDialog")
        self.setWindowTitle("Add progress update")
        self.text_edit = QPlainTextEdit()
        self.text_edit.setAccessibleName("Update")
        self.text_edit.setTabChangesFocus(True)
        self.evidence_list = QListWidget()
        self.evidence_list.setAccessibleName("Highlights cited as evidence")
        for annotation_id, quote in evidence:
            item = QListWidgetItem(quote)
            item.setData(256, annotation_id)
            item.setCheckState(item.checkState().Unchecked)
            self.evidence_list.addItem(item)
        form = QFormLayout(self)
        form.addRow("&Update:", self.text_edit)
        form.addRow("&Evidence:", self.evidence_list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        form.addRow(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def values(self) -> tuple[str, tuple[int, ...]] | None:
        text = self.text_edit.toPlainText().strip()
        if not text:
            return None
        cited = []
        for row in range(self.evidence_list.count()):
            item = self.evidence_list.item(row)
            if item.checkState() == item.checkState().Checked:
                cited.append(int(item.data(256)))
        return text, tuple(cited)

    @classmethod
    def ask(
        cls, parent: QWidget | None, evidence: list[tuple[int, str]]
    ) -> tuple[str, tuple[int, ...]] | None:
        dialog = cls(parent, evidence)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()


def ask_report_folder(parent: QWidget | None, folder: Path) -> Path | None:
    """Where to write the board report (board-report.xlsx and board-report.pdf)."""
    chosen = QFileDialog.getExistingDirectory(parent, "Board report: choose a folder", str(folder))
    return Path(chosen) if chosen else None
