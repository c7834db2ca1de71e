"""Rotating log file; uncaught errors in any thread are logged and shown, never silent."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from shiny_review.runtime.logging_setup import (
    install_excepthooks,
    log_file,
    setup_logging,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def restore_hooks() -> object:
    saved = (sys.excepthook, threading.excepthook, logging.getLogger().handlers[:])
    yield
    sys.excepthook, threading.excepthook = saved[0], saved[1]
    root = logging.getLogger()
    for handler in root.handlers[:]:
        if handler not in saved[2]:
            root.removeHandler(handler)
            handler.close()


@pytest.mark.usefixtures("restore_hooks")
def test_log_file_rotates(tmp_path: Path) -> None:
    path = setup_logging(tmp_path)
    assert log_file() == path
    log = logging.getLogger("shiny_review.test")
    for i in range(3000):
        log.warning("line %d %s", i, "x" * 400)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "shiny-review.log" in names and "shiny-review.log.1" in names
    assert len(names) <= 6
    assert path.stat().st_size <= 1_000_000


@pytest.mark.usefixtures("restore_hooks")
def test_uncaught_errors_are_logged_and_shown_from_any_thread(tmp_path: Path) -> None:
    path = setup_logging(tmp_path)
    shown: list[str] = []
    install_excepthooks(shown.append)
    try:
        raise ValueError("broken main")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def fail() -> None:
        raise RuntimeError("broken thread")

    worker = threading.Thread(target=fail, name="worker-1")
    worker.start()
    worker.join()
    text = path.read_text(encoding="utf-8")
    assert "ValueError: broken main" in text and "Traceback" in text
    assert "in thread worker-1" in text and "RuntimeError: broken thread" in text
    assert len(shown) == 2
    assert "broken main" in shown[0] and str(path) in shown[0]
    assert "saved" in shown[1]


@pytest.mark.usefixtures("restore_hooks")
def test_a_failing_dialog_is_logged_not_raised(tmp_path: Path) -> None:
    path = setup_logging(tmp_path)

    def bad_dialog(message: str) -> None:
        raise OSError("no display")

    install_excepthooks(bad_dialog)
    exc = KeyError("k")
    sys.excepthook(KeyError, exc, None)
    assert "could not show the error dialog" in path.read_text(encoding="utf-8")


def test_uncaught_error_in_a_windowless_process_goes_to_the_log(tmp_path: Path) -> None:
    # As in a windowed build: no stderr at all. The process must still leave a trace.
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from shiny_review.runtime.logging_setup import install_excepthooks, setup_logging\n"
        f"setup_logging(Path({str(tmp_path)!r}))\n"
        "install_excepthooks(None)\n"
        "sys.stderr = None\n"
        "raise LookupError('lost letter')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1
    text = (tmp_path / "shiny-review.log").read_text(encoding="utf-8")
    assert "LookupError: lost letter" in text
