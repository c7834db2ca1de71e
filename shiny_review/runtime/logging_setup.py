"""The log file and the handlers of last resort for unexpected errors.

``setup_logging(folder)`` writes a rotating log (1 MB x 5 files) in ``folder`` (the app passes
the per-user log folder, ``services.paths.log_dir()``). Its
handler rotates as ``logging.handlers.RotatingFileHandler`` does, without importing
``logging.handlers`` (which imports ``socket``, ``pickle`` and ``queue``: ~13 ms of every start,
before the window could paint).
``install_excepthooks(show_dialog)`` routes uncaught exceptions, in the main thread and in
any other thread, to the log with their traceback; when the window passes ``show_dialog``,
a plain message is also shown to the person instead of the app vanishing (windowed builds
have no stderr). ``show_dialog`` may be called from any thread: the window's implementation
must hand the message over to the GUI thread itself.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

LOG_NAME = "shiny-review.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_HANDLER_NAME = "shiny-review-file"

log = logging.getLogger("shiny_review")


class RotatingFileHandler(logging.FileHandler):
    """A log file of at most ``max_bytes``, kept with ``backup_count`` older ones (``.1`` the
    newest): the rotation of ``logging.handlers.RotatingFileHandler``, on ``logging`` alone."""

    def __init__(self, path: Path, max_bytes: int, backup_count: int) -> None:
        super().__init__(path, mode="a", encoding="utf-8", delay=True)
        self.max_bytes = max_bytes
        self.backup_count = backup_count

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.should_roll_over(record):
                self.roll_over()
        except Exception:
            self.handleError(record)
            return
        super().emit(record)

    def should_roll_over(self, record: logging.LogRecord) -> bool:
        if self.max_bytes <= 0:
            return False
        if os.path.exists(self.baseFilename) and not os.path.isfile(self.baseFilename):
            return False  # a device or a pipe: never rotated
        if self.stream is None:
            self.stream = self._open()
        self.stream.seek(0, os.SEEK_END)
        return bool(self.stream.tell() + len(self.format(record)) + 1 >= self.max_bytes)

    def roll_over(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        if self.backup_count > 0:
            base = self.baseFilename
            for i in range(self.backup_count - 1, 0, -1):
                if os.path.exists(f"{base}.{i}"):
                    os.replace(f"{base}.{i}", f"{base}.{i + 1}")
            if os.path.exists(base):
                os.replace(base, f"{base}.1")


def setup_logging(folder: Path, *, level: int = logging.INFO) -> Path:
    """Log to a rotating file in ``folder``; return its path.

    Calling it again replaces the previous file handler.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()
    handler = RotatingFileHandler(path, MAX_BYTES, BACKUP_COUNT)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(
        logging.Formatter(
            "%(asctime)s %(process)d %(threadName)s %(levelname)s %(name)s: %(message)s"
        )
    )
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.captureWarnings(True)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return path


def log_file() -> Path | None:
    for handler in logging.getLogger().handlers:
        if handler.get_name() == _HANDLER_NAME and isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    return None


def user_message(exc_type: type[BaseException], exc: BaseException | None) -> str:
    where = log_file()
    text = f"{exc_type.__name__}: {exc}" if str(exc) else exc_type.__name__
    message = (
        f"Something went wrong that Shiny Review did not expect ({text}). "
        "Everything up to your last completed action is saved."
    )
    if where is not None:
        message += f" The details are in the log file {where}."
    return message


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def install_excepthooks(show_dialog: Callable[[str], None] | None = None) -> None:
    """Log every uncaught exception; show ``show_dialog(message)`` too when given."""
    previous: ExceptHook = sys.excepthook

    def report(
        exc_type: type[BaseException],
        exc: BaseException | None,
        tb: TracebackType | None,
        thread: str | None,
    ) -> None:
        where = f" in thread {thread}" if thread else ""
        log.critical("unexpected error%s", where, exc_info=(exc_type, exc, tb))  # type: ignore[arg-type]
        message = user_message(exc_type, exc)
        if show_dialog is not None:
            try:
                show_dialog(message)
            except Exception:
                log.exception("could not show the error dialog")
        elif sys.stderr is not None:
            with contextlib.suppress(OSError, ValueError):
                sys.stderr.write(f"shiny-review: error: {message}\n")

    def excepthook(
        exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        report(exc_type, exc, tb, None)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        report(args.exc_type, args.exc_value, args.exc_traceback, name)

    sys.excepthook = excepthook
    threading.excepthook = thread_hook
