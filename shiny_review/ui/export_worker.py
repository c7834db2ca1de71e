"""Exports off the GUI thread (issue 18: a large workspace's export blocked the window).

The thread opens a read-only service of its own on the workspace (``ServiceWorker``: it reads
while the window may go on writing) and writes the file through the export use case.
``progressed`` carries the rows read so far; ``exported`` the rows written, or ``failed`` a
plain message. No pymupdf here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal

from shiny_review.domain.workspace_spec import WorkspaceTarget
from shiny_review.ui.service_worker import AskPassword, ServiceWorker

if TYPE_CHECKING:
    from shiny_review.services.review import ReviewService


class ExportWorker(ServiceWorker):
    progressed = Signal(int)
    exported = Signal(int)

    def __init__(
        self,
        workspace: WorkspaceTarget,
        author: str | None,
        fmt: str,
        target: Path,
        document_id: int | None,
        password: AskPassword | None = None,
    ) -> None:
        super().__init__(workspace, author, password, "export")
        self.fmt = fmt
        self.target = target
        self.document_id = document_id

    def write_failure(self, exc: OSError) -> str:
        return f"could not write {self.target}: {exc.strerror or exc}"

    def failure(self, exc: Exception) -> str:
        return f"could not export the evidence log: {exc}"

    def work(self, service: ReviewService) -> None:
        from shiny_review.services.export.exporting import ExportFormat, export

        count = export(
            service,
            ExportFormat(self.fmt),
            self.target,
            self.document_id,
            progress=self.progressed.emit,
        )
        self.exported.emit(count)
