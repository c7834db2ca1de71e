"""The import progress dialog: not modal, counts the files, can be cancelled."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from shiny_review.ui.dialogs.import_progress import ImportProgress


def test_steps_and_finish(qtbot) -> None:
    progress = ImportProgress.start(None, 2)
    qtbot.addWidget(progress)
    assert progress.isVisible() and progress.windowModality() == Qt.WindowModality.NonModal
    progress.step(0, "a.pdf")
    assert progress.labelText() == "Importing a.pdf… (1 of 2)"
    progress.step(2, "b.pdf")
    assert progress.labelText() == "Finishing…" and progress.value() == 2
    cancel = progress.findChild(QPushButton)
    assert cancel.text() == "&Cancel"
    with qtbot.waitSignal(progress.canceled, timeout=1000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
