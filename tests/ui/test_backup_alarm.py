"""A background backup that fails (a damaged workspace) is shown to the person (issue 16)."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from shiny_review.ui.backup_alarm import BackupAlarm


def test_a_failure_reported_from_the_backup_thread_is_shown_on_the_window(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    alarm = BackupAlarm(window)
    message = "w.sqlite is damaged (database disk image is malformed); restore it"
    thread = threading.Thread(target=alarm, args=(message,), name="shiny-review-backups")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: alarm.box is not None and alarm.box.isVisible())
    assert alarm.box is not None and alarm.box.text() == message
    assert window.statusBar().currentMessage() == message
    alarm.box.close()


def test_the_warning_leads_to_the_backups_dialog(qtbot: QtBot) -> None:
    """The restore the message asks for is one click away: its Backups button."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    window = QMainWindow()
    qtbot.addWidget(window)
    shown: list[bool] = []
    alarm = BackupAlarm(window, lambda: shown.append(True))
    alarm("w.sqlite is damaged (database disk image is malformed); restore it")
    qtbot.waitUntil(lambda: alarm.box is not None and alarm.box.isVisible())
    assert alarm.box is not None
    button = alarm.box.findChild(QPushButton, "showBackups")
    assert button is not None and button.text() == "&Backups…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert shown == [True]
