"""Uncaught errors in the window: logged, then shown in plain words on the GUI thread."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication

from shiny_review.runtime.logging_setup import setup_logging
from shiny_review.ui.error_dialog import ErrorReporter
from shiny_review.ui.launch import install_error_dialog

# pytest-qt would otherwise catch the errors in slots itself and fail the test.
pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def log_path(tmp_path: Path) -> Iterator[Path]:
    saved = (sys.excepthook, threading.excepthook, logging.getLogger().handlers[:])
    yield setup_logging(tmp_path)
    sys.excepthook, threading.excepthook = saved[0], saved[1]
    root = logging.getLogger()
    for handler in root.handlers[:]:
        if handler not in saved[2]:
            root.removeHandler(handler)
            handler.close()


class Shown:
    """A stand-in for the dialog: records each message and the thread it came on."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.on_gui_thread: list[bool] = []

    def __call__(self, message: str) -> None:
        self.messages.append(message)
        app = QApplication.instance()
        assert app is not None
        self.on_gui_thread.append(QThread.currentThread() is app.thread())


class Broken(QObject):
    poke = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.poke.connect(self.fail)

    def fail(self) -> None:
        raise ValueError("a slot broke")


def _install(qtbot: object, monkeypatch: pytest.MonkeyPatch) -> Shown:
    shown = Shown()
    reporter = install_error_dialog(QApplication.instance())  # type: ignore[arg-type]
    monkeypatch.setattr(reporter, "_show", shown)
    return shown


def test_an_error_in_a_slot_is_logged_and_shown(qtbot, monkeypatch, log_path) -> None:
    shown = _install(qtbot, monkeypatch)
    broken = Broken()
    broken.poke.emit()
    qtbot.waitUntil(lambda: len(shown.messages) == 1)
    (message,) = shown.messages
    assert message.startswith("Something went wrong")
    assert "saved" in message and str(log_path) in message
    assert shown.on_gui_thread == [True]
    text = log_path.read_text(encoding="utf-8")
    assert "ValueError: a slot broke" in text and "Traceback" in text


def test_an_error_in_a_timer_callback_is_shown(qtbot, monkeypatch, log_path) -> None:
    shown = _install(qtbot, monkeypatch)

    def fail() -> None:
        raise KeyError("timer")

    QTimer.singleShot(0, fail)
    qtbot.waitUntil(lambda: len(shown.messages) == 1)
    assert "KeyError" in shown.messages[0]


def test_an_error_in_another_thread_is_shown_on_the_gui_thread(
    qtbot, monkeypatch, log_path
) -> None:
    shown = _install(qtbot, monkeypatch)

    def fail() -> None:
        raise RuntimeError("a worker broke")

    worker = threading.Thread(target=fail, name="import-waiter")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(shown.messages) == 1)
    assert shown.on_gui_thread == [True]
    assert "a worker broke" in shown.messages[0]
    assert "in thread import-waiter" in log_path.read_text(encoding="utf-8")


def test_the_real_dialog_is_non_modal_and_one_for_a_burst(qtbot, log_path) -> None:
    reporter = ErrorReporter()
    reporter("Something went wrong (first).")
    qtbot.waitUntil(lambda: reporter.box is not None and reporter.box.isVisible())
    box = reporter.box
    assert box is not None
    assert not box.isModal()
    assert "first" in box.text()
    reporter("Something went wrong (second).")
    reporter("Something went wrong (third).")
    qtbot.waitUntil(lambda: "2 more errors" in box.informativeText())
    assert reporter.box is box
    box.close()
    qtbot.waitUntil(lambda: reporter.box is None)
