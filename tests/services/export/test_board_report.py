"""Acceptance: the Shropshire 2022 report with two actions (one overdue) and three updates
citing highlights makes an XLSX holding exactly those rows and a PDF holding each
recommendation, action, latest update and cited quote with its page, with its charts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pymupdf
import pytest

from shiny_review.domain.action_plan import ActionStatus
from shiny_review.ingest import ingest_file
from shiny_review.ingest.board_pdf import CHART_TITLE_EVIDENCE, CHART_TITLE_RAG
from shiny_review.services.export.board_report import write_board_pdf, write_board_xlsx
from shiny_review.services.review import ReviewService
from shiny_review.storage.workspace import Workspace

REPORT = "shropshire-2022-march-25.pdf"
TODAY = dt.date(2022, 9, 1)
QUOTES = (
    "There are delays in establishing family group conferences to explore extended family "
    "and community resources.",
    "Children are not benefiting from the effective application of the pre-proceedings stage "
    "of the PLO",
    "New initiatives to address sufficiency issues in Shropshire are being implemented",
)
ACTION_OVERDUE = "Relaunch the family group conference service – “café” pilot"
ACTION_FORMULA = '=HYPERLINK("http://x","click") recruit foster carers'
OWNER_FORMULA = "@Head of placements ✓"
UPDATE_OLD = "First review: two conferences held"
UPDATE_LATEST = "+44 conferences held; PLO audit done – naïve “quotes” kept"
UPDATE_REC2 = "-3 placements out of county since May"


@dataclass
class Built:
    review: ReviewService
    doc_id: int
    rec_ids: list[int]
    rec_texts: list[str]
    annotations: list[int]
    pages: list[int]
    actions: list[int]
    updates: list[int]
    xlsx: Path
    pdf: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    from tests.conftest import CORPUS

    folder = tmp_path_factory.mktemp("board")
    workspace = Workspace(folder / "w.sqlite", "Ana Officer")
    try:
        review = ReviewService(workspace, ingester=ingest_file)
        review.action_plan.today = lambda: TODAY
        doc = review.documents.import_file(CORPUS / REPORT).value.document
        recs = review.recommendations.all(doc.id)
        assert len(recs) == 3
        anns = [
            review.annotations.add_quote(doc.id, QUOTES[0], recommendation_ids=[recs[0].id]).value,
            review.annotations.add_quote(doc.id, QUOTES[1], recommendation_ids=[recs[0].id]).value,
            review.annotations.add_quote(
                doc.id, QUOTES[2], recommendation_ids=[recs[1].id], note="=1+1 inert – ok"
            ).value,
        ]
        plan = review.action_plan
        a1 = plan.add_action(
            recs[0].id,
            text=ACTION_OVERDUE,
            owner="Service manager, FGC",
            start_date=dt.date(2022, 4, 1),
            due_date=dt.date(2022, 6, 30),
            status=ActionStatus.ON_TRACK,
        ).value
        a2 = plan.add_action(
            recs[1].id,
            text=ACTION_FORMULA,
            owner=OWNER_FORMULA,
            due_date=dt.date(2023, 3, 31),
            status=ActionStatus.AT_RISK,
        ).value
        u1 = plan.add_update(recs[0].id, UPDATE_OLD, [anns[0].id]).value
        u2 = plan.add_update(recs[0].id, UPDATE_LATEST, [anns[0].id, anns[1].id]).value
        u3 = plan.add_update(recs[1].id, UPDATE_REC2, [anns[2].id]).value
        report = plan.board_report()
        xlsx, pdf = folder / "board.xlsx", folder / "board.pdf"
        write_board_xlsx(report, xlsx)
        write_board_pdf(report, pdf)
        yield Built(
            review,
            doc.id,
            [r.id for r in recs],
            [r.text for r in recs],
            [a.id for a in anns],
            [a.anchor.page or 0 for a in anns],
            [a1.id, a2.id],
            [u1.id, u2.id, u3.id],
            xlsx,
            pdf,
        )
    finally:
        workspace.close()


def _rows(book: openpyxl.Workbook, name: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in book[name].iter_rows(min_row=2, values_only=True)]


def test_xlsx_sheets_hold_exactly_the_rows(built: Built) -> None:
    book = openpyxl.load_workbook(built.xlsx)
    assert book.sheetnames == ["Recommendations", "Actions", "Updates", "Evidence", "Coverage"]
    d = built.doc_id
    labels = [f"{d}:1", f"{d}:2", f"{d}:3"]
    recs = _rows(book, "Recommendations")
    assert [r[0] for r in recs] == labels
    assert [r[4] for r in recs] == built.rec_texts
    assert [r[5] for r in recs] == ["Red: off track", "Amber: at risk", "No actions"]
    assert [r[6] for r in recs] == [UPDATE_LATEST, UPDATE_REC2, None]
    assert _rows(book, "Actions") == [
        (
            built.actions[0],
            labels[0],
            ACTION_OVERDUE,
            "Service manager, FGC",
            "2022-04-01",
            "2022-06-30",
            "on track",
            "Green: on track",
            63,
            "Ana Officer",
        ),
        (
            built.actions[1],
            labels[1],
            ACTION_FORMULA,
            OWNER_FORMULA,
            None,
            "2023-03-31",
            "at risk",
            "Amber: at risk",
            0,
            "Ana Officer",
        ),
    ]
    updates = _rows(book, "Updates")
    a = built.annotations
    assert [(u[0], u[1], u[3], u[4], u[5]) for u in updates] == [
        (built.updates[0], labels[0], "Ana Officer", UPDATE_OLD, str(a[0])),
        (built.updates[1], labels[0], "Ana Officer", UPDATE_LATEST, f"{a[0]}, {a[1]}"),
        (built.updates[2], labels[1], "Ana Officer", UPDATE_REC2, str(a[2])),
    ]
    evidence = _rows(book, "Evidence")
    assert [(e[0], e[1], e[4], e[6], e[8]) for e in evidence] == [
        (labels[0], a[0], built.pages[0], QUOTES[0], None),
        (labels[0], a[1], built.pages[1], QUOTES[1], None),
        (labels[1], a[2], built.pages[2], QUOTES[2], "=1+1 inert – ok"),
    ]
    coverage = _rows(book, "Coverage")
    assert [(c[0], c[3], c[4], c[5], c[6]) for c in coverage] == [
        (labels[0], 1, 2, 2, None),
        (labels[1], 1, 1, 1, None),
        (labels[2], 0, 0, 0, "GAP: no evidence"),
    ]


def test_xlsx_has_no_formulas_and_frozen_filtered_headers(built: Built) -> None:
    book = openpyxl.load_workbook(built.xlsx)
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref
        assert sheet.column_dimensions["A"].width > 8
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


def _pdf_text(path: Path) -> tuple[str, list[str]]:
    with pymupdf.open(path) as doc:
        # as a reader copies it: ligatures ("ﬀ") expanded
        flags = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
        pages = [" ".join(page.get_text(flags=flags).split()) for page in doc]
    return " ".join(pages), pages


def test_pdf_holds_each_recommendation_action_latest_update_and_quote(built: Built) -> None:
    text, pages = _pdf_text(built.pdf)
    for rec_text in built.rec_texts:
        assert rec_text in text
    for action in (ACTION_OVERDUE, ACTION_FORMULA, OWNER_FORMULA):
        assert action in text
    assert "63 days overdue" in text
    assert UPDATE_LATEST in text
    assert UPDATE_REC2 in text
    for quote, page in zip(QUOTES, built.pages, strict=True):
        assert f"“{quote}”" in text
        assert f"{REPORT.removesuffix('.pdf')}" in text or "Shropshire" in text
        assert f"page {page}" in text
    assert "GAP: no evidence" in text
    assert "=1+1 inert – ok" in text
    assert "Improvement board report: Shropshire" in pages[0]


def test_pdf_chart_page_has_drawings(built: Built) -> None:
    with pymupdf.open(built.pdf) as doc:
        chart = doc[1]
        words = " ".join(chart.get_text().split())
        assert CHART_TITLE_RAG in words
        assert CHART_TITLE_EVIDENCE in words
        drawings = chart.get_drawings()
    fills = {tuple(round(c, 2) for c in d["fill"]) for d in drawings if d.get("fill")}
    assert len(drawings) >= 5
    assert (0.94, 0.56, 0.0) in fills  # the amber bar
    assert "GAP: no evidence" in words
