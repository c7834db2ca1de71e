"""The evidence log: CSV bytes, XLSX cells, W3C JSON, one row per link."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

from shiny_review.domain.entities import Stance
from shiny_review.domain.errors import NotFoundError, ValidationError
from shiny_review.domain.export_rows import EVIDENCE_COLUMNS
from shiny_review.services.export.exporting import ExportFormat, export
from shiny_review.services.export.xlsx_writer import TRUNCATION_MARK
from shiny_review.services.review import ReviewService
from tests.factories import make_ingested

VOICE = "children’s “voice” – é £ 😀"
HOSTILE_NOTES = ['=HYPERLINK("x")', "+1", "-1", "@cmd", "\tx", "\rx", "\nx"]


@pytest.fixture
def filled(service: ReviewService) -> ReviewService:
    doc = service.documents.add_ingested(make_ingested()).value.document.id
    recs = service.recommendations.all(doc)
    service.annotations.add_quote(
        doc,
        "Supervision is regular",
        stance=Stance.SHOWS_CONCERN,
        note=VOICE,
        recommendation_ids=[recs[0].id, recs[1].id],
    )
    service.annotations.add_quote(doc, "leaders know it", note=HOSTILE_NOTES[0])
    for note in HOSTILE_NOTES[1:]:
        service.annotations.add_quote(doc, "Main findings", note=note)
    return service


def _read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_csv_bytes_follow_the_contract(filled: ReviewService, tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    count = export(filled, ExportFormat.CSV, target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") >= count + 1
    assert b"\n" not in raw.replace(b"\r\n", b"").replace(b"'\n", b"").replace(b"'\r", b"")
    header = raw[3:].split(b"\r\n")[0].decode()
    assert header == ",".join(f'"{c}"' for c in EVIDENCE_COLUMNS)
    rows = _read_csv(target)
    assert rows[0] == list(EVIDENCE_COLUMNS)
    assert count == 2 + 1 + len(HOSTILE_NOTES) - 1
    assert len(rows) == count + 1


def test_csv_one_row_per_link_and_unlinked_rows_empty(
    filled: ReviewService, tmp_path: Path
) -> None:
    target = tmp_path / "log.csv"
    export(filled, ExportFormat.CSV, target)
    rows = [dict(zip(EVIDENCE_COLUMNS, r, strict=True)) for r in _read_csv(target)[1:]]
    linked = [r for r in rows if r["quote"] == "Supervision is regular"]
    assert [r["recommendation_number"] for r in linked] == ["1", "2"]
    assert (
        linked[0]["recommendation_text"]
        == "The timeliness of initial child protection conferences."
    )
    assert linked[0]["page"] == "2" and linked[0]["paragraph"] == "2"
    assert linked[0]["section"] == "Main findings"
    assert linked[0]["stance"] == "shows concern"
    assert linked[0]["note"] == VOICE
    assert linked[0]["author"] == "Test Officer"
    assert linked[0]["anchor_status"] == "exact"
    assert linked[0]["created_at"].endswith("Z")
    unlinked = [r for r in rows if r["quote"] == "leaders know it"]
    assert unlinked[0]["recommendation_number"] == "" == unlinked[0]["recommendation_text"]


def test_csv_neutralises_formulas(filled: ReviewService, tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    export(filled, ExportFormat.CSV, target)
    notes = {r[EVIDENCE_COLUMNS.index("note")] for r in _read_csv(target)[1:]}
    for hostile in HOSTILE_NOTES:
        assert "'" + hostile in notes
        assert hostile not in notes


def test_xlsx_has_no_formulas_and_round_trips_text(filled: ReviewService, tmp_path: Path) -> None:
    target = tmp_path / "log.xlsx"
    count = export(filled, ExportFormat.XLSX, target)
    book = openpyxl.load_workbook(target)
    sheet = book["Evidence log"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(EVIDENCE_COLUMNS)
    assert len(rows) == count + 1
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    notes = {r[EVIDENCE_COLUMNS.index("note")] for r in rows[1:]}
    assert VOICE in notes
    assert '=HYPERLINK("x")' in notes  # kept as a literal string, never a formula


def test_xlsx_long_cell_is_split_visibly(service: ReviewService, tmp_path: Path) -> None:
    doc = service.documents.add_ingested(make_ingested()).value.document.id
    long_note = "é" * 40_000
    service.annotations.add_quote(doc, "leaders know it", note=long_note)
    target = tmp_path / "log.xlsx"
    export(service, ExportFormat.XLSX, target)
    book = openpyxl.load_workbook(target)
    note = book["Evidence log"].cell(row=2, column=EVIDENCE_COLUMNS.index("note") + 1).value
    assert note.endswith(TRUNCATION_MARK)
    rest = "".join(r[3] for r in book["Long cells"].iter_rows(min_row=2, values_only=True))
    assert note[: -len(TRUNCATION_MARK)] + rest == long_note


def test_json_is_w3c_web_annotation(filled: ReviewService, tmp_path: Path) -> None:
    target = tmp_path / "log.json"
    export(filled, ExportFormat.JSON, target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    first = next(
        i for i in items if i["target"]["selector"][0]["exact"] == "Supervision is regular"
    )
    assert first["type"] == "Annotation"
    quote, position = first["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
    assert position["end"] - position["start"] == len("Supervision is regular")
    links = [b for b in first["body"] if b.get("purpose") == "linking"]
    assert [b["number"] for b in links] == ["1", "2"]
    assert {"type": "TextualBody", "purpose": "commenting", "value": VOICE} in first["body"]


def test_export_one_document(filled: ReviewService, tmp_path: Path) -> None:
    other = filled.documents.add_ingested(make_ingested(salt="x", source="b.txt")).value.document.id
    filled.annotations.add_quote(other, "leaders know it")
    gaps = len(filled.recommendations.without_evidence(other))  # one row each (issue 13)
    assert export(filled, ExportFormat.CSV, tmp_path / "a.csv", other) == 1 + gaps
    with pytest.raises(NotFoundError):
        export(filled, ExportFormat.CSV, tmp_path / "b.csv", 999)


def test_export_to_missing_folder_is_refused(filled: ReviewService, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="does not exist"):
        export(filled, ExportFormat.CSV, tmp_path / "nope" / "a.csv")


def test_unknown_format() -> None:
    with pytest.raises(ValidationError, match="csv, xlsx or json"):
        ExportFormat.parse("pdf")


def test_progress_of_rows_in_lists_is_that_of_the_rows_one_by_one() -> None:
    from shiny_review.services.export.exporting import _counted, _counted_batches

    for lengths in ([], [0], [452], [199, 1, 200, 1024, 3], [1024] * 3 + [17], [400, 0, 1]):
        one_by_one: list[int] = []
        in_lists: list[int] = []
        rows = list(range(sum(lengths)))
        assert list(_counted(rows, one_by_one.append)) == rows
        lists, at = [], 0
        for n in lengths:
            lists.append(rows[at : at + n])
            at += n
        assert list(_counted_batches(lists, in_lists.append)) == lists
        assert in_lists == one_by_one, lengths
