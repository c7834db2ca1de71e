"""Open the window: ``shiny-review [FILE ...] [--demo] [--workspace PATH] [--author NAME]``.

This is the one place that builds a QApplication and opens the workspace (through
``services.session``, so ui never imports storage).

The window paints first and opens its workspace after: ``MainWindow`` is built without a
service and shown, and only after its first paint does the start go on, in stages
(``ui/progressive_start.py``): the document open last in this workspace file is shown at once,
read with the driver alone; then ``open_service`` imports the services and storage and opens
(and maybe migrates) the workspace, the window builds its other panels, and ``show_workspace``
attaches the workspace and imports the files named on the command line (or opens the last
document in the window's state). On an up-to-date workspace file a reviewing session never
loads SQLAlchemy (issue 16): the window reads with the driver and a reviewer's everyday writes
(highlights, their undo, links, stances, notes) write with it; a rare write (an import, a
recommendation edit, the action plan) loads the ORM at its first use.

A workspace that cannot be opened (locked by another window, not a Shiny Review file, from a
newer version) is still shown in a dialog and the app exits with 1.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from shiny_review import __version__
from shiny_review.domain.errors import ShinyReviewError
from shiny_review.domain.workspace_spec import workspace_target
from shiny_review.runtime.logging_setup import install_excepthooks
from shiny_review.services.paths import default_author, default_workspace
from shiny_review.ui.error_dialog import ErrorReporter
from shiny_review.ui.main_window import MainWindow
from shiny_review.ui.progressive_start import ProgressiveStart
from shiny_review.ui.settings import APPLICATION, ORGANISATION, WindowSettings, user_settings

if TYPE_CHECKING:
    from shiny_review.domain.workspace_spec import ServerSpec
    from shiny_review.services.review import ReviewService

# The longest the window waits for its first paint before going on with its start anyway (a
# window restored minimised, or on a platform that does not paint it, still opens it).
FIRST_PAINT_WAIT_MS = 300


def parse_args(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="shiny-review", description="Open the window.")
    parser.add_argument("files", nargs="*", type=Path, help="files to import and show")
    parser.add_argument(
        "--workspace",
        default=None,
        help="a workspace file, a postgresql:// URL or a .srconn file (a team workspace)",
    )
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


class _Opener:
    """Opens the workspace once (``open_service``) and shows it (``show_workspace``): two
    stages of the window's start, after its first paint."""

    def __init__(
        self, app: QApplication, window: MainWindow, options: argparse.Namespace, author: str
    ) -> None:
        self.app = app
        self.window = window
        self.options = options
        self.author = author
        self.service: ReviewService | None = None
        self.exit_code = 0
        self._scratch: tempfile.TemporaryDirectory[str] | None = None

    def first_workspace(self) -> Path | None:
        """The workspace file whose remembered document the window may show before it opens
        it; None for the demo, files to import, a team workspace or a malformed address."""
        options = self.options
        if options.demo or options.files:
            return None
        try:
            target = workspace_target(options.workspace or default_workspace())
        except ShinyReviewError:
            return None  # ``open_service`` says what is wrong with it
        return target if isinstance(target, Path) else None

    def open_service(self) -> bool:
        """Open the workspace (False, with the error shown and the app ending, if it cannot
        be)."""
        from shiny_review.services.session import ingest_in_child, open_service

        options = self.options
        try:
            target = workspace_target(options.workspace or default_workspace())
            if options.demo:
                from shiny_review.services.demo import build_demo_workspace

                self._scratch = tempfile.TemporaryDirectory(prefix="shiny-review-demo-")
                target = build_demo_workspace(Path(self._scratch.name), self.author)
            author: str | None = self.author
            if isinstance(target, Path):
                target.parent.mkdir(parents=True, exist_ok=True)
            else:  # a team workspace: the author is the database login (issue 17)
                author = None
            self.service = open_service(
                target,
                author,
                ingester=ingest_in_child,
                backup_timer=True,
                purpose="window",
                ask_password=self._ask_password,
            )
        except ShinyReviewError as exc:
            if sys.stderr is not None:  # None in a windowed build
                sys.stderr.write(f"shiny-review: error: {exc}\n")
            self.window.statusBar().showMessage(str(exc))
            from PySide6.QtWidgets import QMessageBox  # not made on a start that works

            QMessageBox.critical(self.window, "Shiny Review", str(exc))
            self.exit_code = 1
            self.app.exit(1)
            return False
        # What is loaded by now (Qt, the window, the services) lives as long as the process: keep
        # it out of the collector's full passes, which would otherwise walk it every time.
        gc.freeze()
        return True

    def show_workspace(self) -> None:
        """Attach the open workspace to the window; import the files named, else open the
        last document."""
        from shiny_review.ui.backup_alarm import BackupAlarm

        assert self.service is not None
        alarm = BackupAlarm(self.window, self.window.actions["backups"].trigger)
        self.service.backups.watch(alarm)  # the open backup runs after
        self.window.attach(self.service)
        if self.options.files:
            self.window.import_files([f.expanduser() for f in self.options.files])
        else:
            self.window.open_last_document()

    def _ask_password(self, spec: ServerSpec) -> str | None:
        """A team workspace's password, asked of the person (its dialog loads when asked)."""
        from shiny_review.ui.dialogs.password import ask_password

        return ask_password(self.window, spec)

    def close(self) -> None:
        if self.service is not None:
            from shiny_review.services.session import close_service

            close_service(self.service)
            self.service = None
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None


def run_window(args: list[str]) -> int:
    options = parse_args(args)
    app = application()
    install_error_dialog(app)  # a windowed build has no stderr: tell the person instead
    settings = WindowSettings(user_settings())
    author = options.author or settings.author() or default_author()
    label = "demo workspace: changes are thrown away on exit" if options.demo else ""
    window = MainWindow(None, settings, label)
    opener = _Opener(app, window, options, author)
    start = ProgressiveStart(
        window,
        opener.first_workspace(),
        [opener.open_service, window.build_panels, opener.show_workspace],
    )
    start.finished.connect(gc.enable)  # off since ``app.main`` until the document is shown
    window.firstPainted.connect(start.begin)
    window.show()
    QTimer.singleShot(FIRST_PAINT_WAIT_MS, start.begin)
    try:
        code = app.exec()
        return opener.exit_code or code
    finally:
        gc.enable()
        opener.close()
