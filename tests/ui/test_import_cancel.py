"""Cancel in the import progress dialog stops the import: its child process is killed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from tests.services.test_isolated_ingest import import_children, slow_text


def test_cancel_button_kills_the_import_child(qtbot, make_window, service, tmp_path) -> None:
    window = make_window()
    path = slow_text(tmp_path)
    window.import_files([path])
    progress = window.importing.progress
    assert progress is not None and progress.isVisible()
    qtbot.waitUntil(lambda: len(import_children()) == 1, timeout=30_000)
    (child,) = import_children()
    cancel = progress.findChild(QPushButton)
    assert cancel is not None and "Cancel" in cancel.text()
    with qtbot.waitSignal(window.importFinished, timeout=10_000) as blocker:
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == []
    assert window.statusBar().currentMessage().startswith("Import cancelled")
    assert window.import_failures == []
    assert window.findChild(QMessageBox, "errorBox") is None
    qtbot.waitUntil(lambda: not child.is_alive() and import_children() == [], timeout=10_000)
    assert child.exitcode is not None and child.exitcode < 0  # killed, not finished
    assert service.documents.all() == []
