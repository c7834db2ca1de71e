"""The board report off the GUI thread (File > Board report…).

The thread opens a read-only service of its own (``ServiceWorker``), reads the report's rows,
writes the workbook and has the PDF laid out in a child process (pymupdf holds the GIL while
it lays out pages). ``written`` carries the two files, or ``failed`` a plain message.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal

from shiny_review.domain.workspace_spec import WorkspaceTarget
from shiny_review.ui.service_worker import AskPassword, ServiceWorker

if TYPE_CHECKING:
    from shiny_review.services.review import ReviewService


class ReportWorker(ServiceWorker):
    written = Signal(object)  # (xlsx, pdf)

    def __init__(
        self,
        workspace: WorkspaceTarget,
        author: str | None,
        xlsx: Path,
        pdf: Path,
        password: AskPassword | None = None,
    ) -> None:
        super().__init__(workspace, author, password, "report")
        self.xlsx = xlsx
        self.pdf = pdf

    def failure(self, exc: Exception) -> str:
        return f"could not write the board report: {exc}"

    def write_failure(self, exc: OSError) -> str:
        return f"could not write the board report: {exc.strerror or exc}"

    def work(self, service: ReviewService) -> None:
        from shiny_review.services.export.board_report import write_board_pdf, write_board_xlsx

        report = service.action_plan.board_report()
        write_board_xlsx(report, self.xlsx)
        write_board_pdf(report, self.pdf, in_child=True)
        self.written.emit((self.xlsx, self.pdf))
