"""The improvement-board report's files: an XLSX workbook (XlsxWriter) and a printable PDF.

XLSX: sheets Recommendations, Actions, Updates, Evidence and Coverage; a frozen, bold header
row, an autofilter and set widths on each; every text written with ``write_string``, so a note
starting with ``=``, ``+`` or ``@`` stays exactly that text and never becomes a formula; the
RAG cell carries its label as text and the colour as its fill (never colour alone).

PDF: drawn by ``ingest/board_pdf.py``, because pymupdf (its Story layout and drawing) may only
be imported in ingest/ (the layer rule); it gets the report's plain rows, nothing else.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import xlsxwriter

from shiny_review.domain.board_report import BoardReport
from shiny_review.domain.cell_safety import EXCEL_CELL_LIMIT
from shiny_review.domain.errors import ShinyReviewError
from shiny_review.runtime.atomic_file import atomic_path

CUT_MARK = " […cut: longer than a spreadsheet cell holds]"

RECOMMENDATION_COLUMNS = (
    ("recommendation", 14),
    ("document", 30),
    ("thread", 14),
    ("judgement area", 30),
    ("text", 60),
    ("RAG", 18),
    ("latest update", 60),
    ("latest update at", 20),
    ("latest update by", 18),
)
ACTION_COLUMNS = (
    ("action id", 10),
    ("recommendation", 14),
    ("action", 60),
    ("owner", 22),
    ("start date", 12),
    ("due date", 12),
    ("status", 14),
    ("RAG", 18),
    ("days overdue", 12),
    ("added by", 18),
)
UPDATE_COLUMNS = (
    ("update id", 10),
    ("recommendation", 14),
    ("at", 20),
    ("author", 18),
    ("update", 70),
    ("evidence (highlight ids)", 20),
)
EVIDENCE_COLUMNS = (
    ("recommendation", 14),
    ("highlight id", 12),
    ("document", 30),
    ("document date", 14),
    ("page", 8),
    ("paragraph", 10),
    ("quote", 70),
    ("stance", 16),
    ("note", 40),
    ("cited by updates", 16),
)
COVERAGE_COLUMNS = (
    ("recommendation", 14),
    ("text", 60),
    ("RAG", 18),
    ("actions", 10),
    ("updates", 10),
    ("evidence", 10),
    ("gap", 20),
)


def _text(value: str) -> str:
    if len(value) > EXCEL_CELL_LIMIT // 2:
        units = len(value.encode("utf-16-le", "surrogatepass")) // 2
        if units > EXCEL_CELL_LIMIT:
            return value[: EXCEL_CELL_LIMIT // 2 - len(CUT_MARK)] + CUT_MARK
    return value


def _stamp(value: dt.datetime) -> str:
    return value.isoformat(sep=" ", timespec="minutes")


class _Sheet:
    def __init__(
        self, book: Any, name: str, columns: Sequence[tuple[str, int]], header: Any, wrap: Any
    ) -> None:
        self.sheet = book.add_worksheet(name)
        self.width = len(columns)
        for col, (title, width) in enumerate(columns):
            self.sheet.set_column(col, col, width, wrap)
            self.sheet.write_string(0, col, title, header)
        self.sheet.freeze_panes(1, 0)
        self.row = 0

    def add(self, values: Sequence[Any], formats: dict[int, Any] | None = None) -> None:
        self.row += 1
        for col, value in enumerate(values):
            fmt = (formats or {}).get(col)
            if value is None or value == "":
                self.sheet.write_blank(self.row, col, None, fmt)
            elif isinstance(value, bool):
                self.sheet.write_string(self.row, col, "yes" if value else "no", fmt)
            elif isinstance(value, int):
                self.sheet.write_number(self.row, col, value, fmt)
            else:  # text, always as a string: never a formula, a number or a link
                self.sheet.write_string(self.row, col, _text(str(value)), fmt)

    def finish(self) -> None:
        self.sheet.autofilter(0, 0, max(self.row, 1), self.width - 1)


def write_board_xlsx(report: BoardReport, target: Path) -> None:
    with atomic_path(Path(target)) as tmp:
        book = xlsxwriter.Workbook(
            str(tmp),
            {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
        )
        header = book.add_format({"bold": True, "bg_color": "#e0e0e0", "text_wrap": True})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        rag_formats: dict[str, Any] = {}

        def rag_format(label: str, colour: str) -> Any:
            if label not in rag_formats:
                rag_formats[label] = book.add_format(
                    {"bg_color": colour, "font_color": "#ffffff", "bold": True, "valign": "top"}
                )
            return rag_formats[label]

        recs = _Sheet(book, "Recommendations", RECOMMENDATION_COLUMNS, header, wrap)
        actions = _Sheet(book, "Actions", ACTION_COLUMNS, header, wrap)
        updates = _Sheet(book, "Updates", UPDATE_COLUMNS, header, wrap)
        evidence = _Sheet(book, "Evidence", EVIDENCE_COLUMNS, header, wrap)
        coverage = _Sheet(book, "Coverage", COVERAGE_COLUMNS, header, wrap)
        for rec in report.recommendations:
            latest = rec.latest_update
            rec_rag = {5: rag_format(rec.rag.label, rec.rag.colour)}
            recs.add(
                [
                    rec.label,
                    rec.document_title,
                    rec.thread,
                    rec.area,
                    rec.text,
                    rec.rag.label,
                    latest.text if latest else "",
                    _stamp(latest.at) if latest else "",
                    latest.author if latest else "",
                ],
                rec_rag,
            )
            for action in rec.actions:
                rag = action.status.rag
                actions.add(
                    [
                        action.id,
                        rec.label,
                        action.text,
                        action.owner,
                        action.start_date.isoformat() if action.start_date else "",
                        action.due_date.isoformat(),
                        action.status.value,
                        rag.label,
                        action.days_overdue(report.today),
                        action.author,
                    ],
                    {7: rag_format(rag.label, rag.colour)},
                )
            for update in rec.updates:
                updates.add(
                    [
                        update.id,
                        rec.label,
                        _stamp(update.at),
                        update.author,
                        update.text,
                        ", ".join(str(a) for a in update.evidence),
                    ]
                )
            for quote in rec.evidence:
                evidence.add(
                    [
                        rec.label,
                        quote.annotation_id,
                        quote.document_title,
                        quote.document_date.isoformat() if quote.document_date else "",
                        quote.page,
                        quote.paragraph,
                        quote.quote,
                        quote.stance,
                        quote.note,
                        ", ".join(str(u) for u in quote.cited_by),
                    ]
                )
            coverage.add(
                [
                    rec.label,
                    rec.text,
                    rec.rag.label,
                    len(rec.actions),
                    len(rec.updates),
                    len(rec.evidence),
                    "GAP: no evidence" if not rec.evidence else "",
                ],
                {2: rag_format(rec.rag.label, rec.rag.colour)},
            )
        for sheet in (recs, actions, updates, evidence, coverage):
            sheet.finish()
        book.close()


def _render_pdf(report: BoardReport) -> tuple[bytes, int]:
    from shiny_review.ingest.board_pdf import render_board_pdf

    data = render_board_pdf(report)
    return data.content, data.pages


def write_board_pdf(report: BoardReport, target: Path, *, in_child: bool = False) -> int:
    """The printable report (see ingest/board_pdf.py); returns its page count.

    ``in_child`` lays it out in a child process: the window's worker thread asks for that,
    because pymupdf holds the GIL while it lays out pages and would stall the window."""
    if in_child:
        ctx = multiprocessing.get_context("spawn")
        try:
            with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
                content, pages = pool.submit(_render_pdf, report).result()
        except BrokenProcessPool as exc:
            raise ShinyReviewError(
                "could not lay out the board report's PDF: its process ended"
            ) from exc
    else:
        content, pages = _render_pdf(report)
    with atomic_path(Path(target)) as tmp:
        tmp.write_bytes(content)
    return pages
