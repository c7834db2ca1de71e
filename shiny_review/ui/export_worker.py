"""Exports off the GUI thread (issue 18: a large workspace's export blocked the window).

The thread opens a read-only service of its own on the workspace file (its own SQLite
connection, made and used in that thread; it reads while the window may go on writing) and
writes the file through the export use case. ``progressed`` carries the rows read so far;
``exported`` the rows written, or ``failed`` a plain message. No pymupdf here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from shiny_review.domain.errors import ShinyReviewError
from shiny_review.domain.workspace_spec import ServerSpec, WorkspaceTarget


class ExportWorker(QThread):
    progressed = Signal(int)
    exported = Signal(int)
    failed = Signal(str)

    def __init__(
        self,
        workspace: WorkspaceTarget,
        author: str | None,
        fmt: str,
        target: Path,
        document_id: int | None,
        password: Callable[[ServerSpec], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.password = password
        self.workspace = workspace
        self.author = author
        self.fmt = fmt
        self.target = target
        self.document_id = document_id

    def run(self) -> None:
        from shiny_review.services.export.exporting import ExportFormat, export
        from shiny_review.services.session import close_service, open_service

        try:
            service = open_service(
                self.workspace,
                self.author,
                read_only=True,
                purpose="export",
                # the window's own session's password: typed in its dialog, .pgpass or store
                ask_password=self.password,
            )
        except ShinyReviewError as exc:
            self.failed.emit(str(exc))
            return
        try:
            count = export(
                service,
                ExportFormat(self.fmt),
                self.target,
                self.document_id,
                progress=self.progressed.emit,
            )
        except ShinyReviewError as exc:
            self.failed.emit(str(exc))
        except OSError as exc:
            self.failed.emit(f"could not write {self.target}: {exc.strerror or exc}")
        except Exception as exc:  # never let a worker die silently
            self.failed.emit(f"could not export the evidence log: {exc}")
        else:
            self.exported.emit(count)
        finally:
            close_service(service)
