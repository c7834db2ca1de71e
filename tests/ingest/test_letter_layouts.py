"""Letters the import helper left untested, each made here with pymupdf and taken through
the real import (``ReviewService.documents.import_file`` with the pymupdf ingester): a joint
targeted area inspection letter whose priorities are lettered (a), (b), (c), and a letter
laid out in two columns with a recommendation running across the column break."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pymupdf

from shiny_review import cli
from tests.ingest.pdf_builder import RECOMMENDATIONS, Layout, _Writer

JTAI_TITLE = (
    "Joint targeted area inspection of the multi-agency response to children at risk of "
    "exploitation in Sefton"
)
PRIORITIES = (
    "Leaders across the partnership should make sure that the multi-agency response to "
    "children who are at risk of exploitation is timely, so that risks are understood.",
    "Health, police and children's social care should share information about children "
    "missing from home or care at the earliest point, and record what was decided.",
    "The quality of strategy discussions, including the attendance of health "
    "professionals and the recording of the actions agreed for each child.",
)

JUDGEMENTS = (
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
    "Overall effectiveness",
)

COLUMN_BOTTOM = 700.0


def _jtai_letter(layout: Layout) -> bytes:
    w = _Writer(layout)
    size = layout.size
    w.paragraph(JTAI_TITLE, bold=True, size=size + 4)
    w.paragraph("Inspection dates: 4 to 8 March 2024", bold=True)
    w.paragraph("Lead inspector: Jane Example, His Majesty's Inspector", bold=True)
    w.paragraph(
        "This letter summarises the findings of a joint targeted area inspection (JTAI) of "
        "the multi-agency response to children at risk of exploitation in Sefton. The "
        "inspection was carried out by Ofsted, the Care Quality Commission and His "
        "Majesty's Inspectorate of Constabulary and Fire & Rescue Services."
    )
    w.paragraph("Headline findings", bold=True, size=size + 2)
    w.paragraph(
        "Children at risk of exploitation are not always identified quickly enough by the "
        "agencies that work with them."
    )
    w.paragraph("What needs to improve?", bold=True, size=size + 2)
    for index, (letter, text) in enumerate(zip("abc", PRIORITIES, strict=True)):
        w.item(text, f"({letter})", index)
    w.paragraph("Main findings", bold=True, size=size + 2)
    w.paragraph("Partners share an understanding of exploitation and mostly work well together.")
    data: bytes = w.doc.tobytes()
    w.doc.close()
    return data


def _two_column_letter() -> bytes:
    """An ILACS letter whose title and judgement table run across the page and whose text
    then runs in two columns; the third recommendation starts at the foot of the first
    column and ends at the top of the second."""
    w = _Writer(Layout(columns=1))
    size = w.layout.size
    w.paragraph("Inspection of Sefton local authority children's services", bold=True, size=14)
    w.paragraph("Inspection dates: 4 to 15 March 2024", bold=True)
    w.paragraph("Lead inspector: Jane Example, His Majesty's Inspector", bold=True)
    w.paragraph("Judgement", bold=True)
    w.paragraph("Grade", bold=True)
    for judgement in JUDGEMENTS:
        w.paragraph(judgement)
        w.paragraph("Good")
    # Two columns from here down (the writer's column width and top for this page).
    w.layout = Layout(columns=2, bottom=COLUMN_BOTTOM)
    w.col_width = (523.0 - w.left - w.gutter) / 2
    w.top = w.y
    w.paragraph("Children's services in Sefton Metropolitan Borough Council are good.")
    w.paragraph("What needs to improve?", bold=True, size=size + 2)
    for index, text in enumerate(RECOMMENDATIONS):
        w.item(text, "•", index)
    w.paragraph("The experiences and progress of children in care", bold=True, size=size + 2)
    w.paragraph("Social workers know their children well and visit them often.")
    data: bytes = w.doc.tobytes()
    w.doc.close()
    return data


def _show(workspace: Path, document_id: int) -> dict[str, Any]:
    out = io.StringIO()
    assert cli.main(["show", str(document_id), "--json", "--workspace", str(workspace)], out) == 0
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def test_jtai_priorities_lettered_a_b_c(service: Any, workspace_path: Path, tmp_path: Path) -> None:
    for columns, bottom in ((1, 770.0), (2, 420.0)):
        path = tmp_path / f"jtai-{columns}.pdf"
        path.write_bytes(_jtai_letter(Layout(columns=columns, bottom=bottom)))
        doc = service.documents.import_file(path).value.document
        assert doc.kind == "joint targeted area inspection", columns
        assert doc.authority == "Sefton", columns
        assert doc.lead_inspector == "Jane Example", columns
        recs = service.recommendations.all(doc.id)
        assert [(r.number, r.text) for r in recs] == list(zip("abc", PRIORITIES, strict=True))
        assert {r.group for r in recs} == {"partnership"}
        assert [r.label for r in recs] == ["a", "b", "c"]
        assert service.checks.of(doc.id) == [], columns  # lettered numbering is in order
    service.close()
    shown = _show(workspace_path, doc.id)
    assert [r["number"] for r in shown["recommendations"]] == ["a", "b", "c"]
    assert shown["checks"] == []


def test_two_column_letter(service: Any, tmp_path: Path) -> None:
    path = tmp_path / "two-columns.pdf"
    path.write_bytes(_two_column_letter())
    doc = service.documents.import_file(path).value.document
    assert doc.authority == "Sefton"
    assert doc.overall == "Good"
    assert [j.grade for j in service.documents.judgements(doc.id)] == ["Good"] * len(JUDGEMENTS)
    assert doc.lead_inspector == "Jane Example"
    assert (doc.inspection_start.isoformat(), doc.inspection_end.isoformat()) == (
        "2024-03-04",
        "2024-03-15",
    )
    recs = service.recommendations.all(doc.id)
    assert [r.text for r in recs] == list(RECOMMENDATIONS)
    assert [r.nf_tag.number if r.nf_tag else None for r in recs] == [4, 2, 3, 2]
    assert service.checks.of(doc.id) == []
    # The layout is what the test says: the third recommendation is in both columns.
    with pymupdf.open(path) as pdf:
        start = pdf[0].search_for("The response to homeless")
        end = pdf[0].search_for("young people")
    assert [round(r.x0) < 300 for r in (*start, *end)] == [True, False]
    text = service.documents.text(doc.id).text
    starts = [text.index(r.text[:40]) for r in recs]
    assert starts == sorted(starts)  # read column by column, not across the columns
