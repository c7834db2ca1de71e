"""Work on the workspace off the GUI thread, in a read-only session of the thread's own.

``ServiceWorker`` opens the workspace again in its thread (its own SQLite connection, or its
own server session with the window's password, never asking a person), runs ``work`` and
closes it. A ``ShinyReviewError`` or an ``OSError`` becomes ``failed`` with a plain message;
so does anything else (a worker never dies silently). Subclasses say what the work is and
which signal carries its result (``ExportWorker``, ``ReportWorker``); ``busy_dialog`` is the
progress dialog their controllers show meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from shiny_review.domain.errors import ShinyReviewError
from shiny_review.domain.workspace_spec import ServerSpec, WorkspaceTarget

if TYPE_CHECKING:
    from shiny_review.services.review import ReviewService

AskPassword = Callable[[ServerSpec], str | None]
PROGRESS_AFTER_MS = 400  # quick work shows no progress dialog


def busy_dialog(parent: QWidget, label: str, title: str, name: str) -> QProgressDialog:
    """A progress dialog for a worker: no cancel button, not modal, shown only if the work
    takes longer than ``PROGRESS_AFTER_MS``; its owner closes it when the worker finishes."""
    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setObjectName(name)
    progress.setWindowTitle(title)
    progress.setCancelButton(None)  # type: ignore[arg-type]
    progress.setMinimumDuration(PROGRESS_AFTER_MS)
    progress.setAutoClose(False)
    progress.setWindowModality(Qt.WindowModality.NonModal)
    return progress


class ServiceWorker(QThread):
    failed = Signal(str)

    def __init__(
        self,
        workspace: WorkspaceTarget,
        author: str | None,
        password: AskPassword | None,
        purpose: str,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.author = author
        self.password = password
        self.purpose = purpose

    def work(self, service: ReviewService) -> None:
        raise NotImplementedError

    def failure(self, exc: Exception) -> str:
        """The one line shown for an unexpected error."""
        return f"could not finish: {exc}"

    def write_failure(self, exc: OSError) -> str:
        """The one line shown when writing a file fails."""
        return f"could not write {exc.filename}: {exc.strerror or exc}"

    def run(self) -> None:
        from shiny_review.services.session import close_service, open_service

        try:
            service = open_service(
                self.workspace,
                self.author,
                read_only=True,
                purpose=self.purpose,
                # the window's own session's password: typed in its dialog, .pgpass or store
                ask_password=self.password,
            )
        except ShinyReviewError as exc:
            self.failed.emit(str(exc))
            return
        try:
            self.work(service)
        except ShinyReviewError as exc:
            self.failed.emit(str(exc))
        except OSError as exc:
            self.failed.emit(self.write_failure(exc))
        except Exception as exc:  # never let a worker die silently
            self.failed.emit(self.failure(exc))
        finally:
            close_service(service)
