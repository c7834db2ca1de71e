"""The log file and the handlers of last resort for unexpected errors.

``setup_logging()`` writes a rotating log (1 MB x 5 files) in the per-user log folder.
``install_excepthooks(show_dialog)`` routes uncaught exceptions, in the main thread and in
any other thread, to the log with their traceback; when the window passes ``show_dialog``,
a plain message is also shown to the person instead of the app vanishing (windowed builds
have no stderr). ``show_dialog`` may be called from any thread: the window's implementation
must hand the message over to the GUI thread itself.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from shiny_review.services.paths import log_dir

LOG_NAME = "shiny-review.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_HANDLER_NAME = "shiny-review-file"

log = logging.getLogger("shiny_review")


def setup_logging(folder: Path | None = None, *, level: int = logging.INFO) -> Path:
    """Log to a rotating file in ``folder`` (default: the per-user log folder); return its path.

    Calling it again replaces the previous file handler.
    """
    folder = Path(folder) if folder is not None else log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )
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
        if handler.get_name() == _HANDLER_NAME and isinstance(
            handler, logging.handlers.RotatingFileHandler
        ):
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
