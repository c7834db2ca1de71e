"""Open the window: ``shiny-review [FILE ...] [--demo] [--workspace PATH] [--author NAME]``.

This is the one place that builds a QApplication and opens the workspace (through
``services.session``, so ui never imports storage).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from shiny_review import __version__
from shiny_review.domain.errors import ShinyReviewError
from shiny_review.services.isolated_ingest import ingest_isolated
from shiny_review.services.logging_setup import install_excepthooks
from shiny_review.services.paths import default_author, default_workspace
from shiny_review.services.session import close_service, open_service
from shiny_review.ui.error_dialog import ErrorReporter
from shiny_review.ui.main_window import MainWindow
from shiny_review.ui.settings import APPLICATION, ORGANISATION, WindowSettings, user_settings


def parse_args(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="shiny-review", description="Open the window.")
    parser.add_argument("files", nargs="*", type=Path, help="files to import and show")
    parser.add_argument("--workspace", type=Path, default=None)
    parser.add_argument("--author", default=None)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a throwaway workspace with fictional sample letters",
    )
    return parser.parse_args(args)


def application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else "shiny-review"])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName("Shiny Review")
    return app


def install_error_dialog(app: QApplication) -> ErrorReporter:
    """From now on an uncaught error, in any thread, is logged and shown in a dialog."""
    reporter = ErrorReporter(app)
    install_excepthooks(reporter)
    return reporter


def run_window(args: list[str]) -> int:
    options = parse_args(args)
    app = application()
    install_error_dialog(app)  # a windowed build has no stderr: tell the person instead
    settings = WindowSettings(user_settings())
    author = options.author or settings.author() or default_author()
    with tempfile.TemporaryDirectory(prefix="shiny-review-demo-") as scratch:
        label = ""
        path = options.workspace or default_workspace()
        if options.demo:
            from shiny_review.ui.demo import build_demo_workspace

            path = build_demo_workspace(Path(scratch), author)
            label = "demo workspace: changes are thrown away on exit"
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            service = open_service(
                path, author, ingester=ingest_isolated, backup_timer=True, purpose="window"
            )
        except ShinyReviewError as exc:
            if sys.stderr is not None:  # None in a windowed build
                sys.stderr.write(f"shiny-review: error: {exc}\n")
            QMessageBox.critical(None, "Shiny Review", str(exc))
            return 1
        try:
            window = MainWindow(service, settings, ingest_isolated, label)
            window.show()
            if options.files:
                window.import_files([f.expanduser() for f in options.files])
            else:
                window.open_last_document()
            return app.exec()
        finally:
            close_service(service)
