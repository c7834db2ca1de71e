"""Exports cannot carry formulas, never cut text silently, and keep every character."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import openpyxl

from shiny_review.domain.cell_safety import EXCEL_CELL_LIMIT
from shiny_review.services.export.exporting import ExportFormat, export
from shiny_review.services.export.xlsx_writer import TRUNCATION_MARK, utf16_len
from shiny_review.services.review import ReviewService
from shiny_review.storage.workspace import Workspace
from tests.factories import make_ingested

VOICE = "Children’s “voice” – é £ 🙂"
TRIGGERS = ["=1+1", "+44 20", "-2", "@SUM(A1)", "\tTAB", "\rCR", "\nLF", '=HYPERLINK("x")']


def _service(path: Path) -> tuple[Workspace, ReviewService, int]:
    ws = Workspace(path, "Officer é 🙂")
    service = ReviewService(ws)
    doc = service.documents.add_ingested(make_ingested()).value.document.id
    return ws, service, doc


def _csv_rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_every_formula_trigger_is_neutralised_in_csv_and_text_in_xlsx(tmp_path: Path) -> None:
    ws, service, doc = _service(tmp_path / "w.sqlite")
    with ws:
        for note in TRIGGERS:
            service.annotations.add_quote(doc, "Supervision is regular", note=note)
        export(service, ExportFormat.CSV, tmp_path / "log.csv")
        export(service, ExportFormat.XLSX, tmp_path / "log.xlsx")
    notes = [
        r["note"] for r in _csv_rows(tmp_path / "log.csv") if r["anchor_status"] != "no evidence"
    ]
    assert sorted(notes) == sorted("'" + t for t in TRIGGERS)
    book = openpyxl.load_workbook(tmp_path / "log.xlsx")
    sheet = book["Evidence log"]
    header = [c.value for c in sheet[1]]
    col = header.index("note") + 1
    status = header.index("anchor_status") + 1
    cells = [
        sheet.cell(row=r, column=col)
        for r in range(2, sheet.max_row + 1)
        if sheet.cell(row=r, column=status).value != "no evidence"
    ]
    # XLSX stores CR as the OOXML escape _x000D_ (Excel shows a CR); openpyxl does not decode it.
    values = [c.value.replace("_x000D_", "\r") for c in cells]
    assert sorted(values) == sorted(TRIGGERS)  # the text, exactly
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"formula in {cell.coordinate}: {cell.value!r}"


def test_cell_over_the_excel_limit_is_split_visibly_never_cut(tmp_path: Path) -> None:
    long_note = ("Evidence “voice” é £ 🙂 " * 4000)[: EXCEL_CELL_LIMIT * 2 + 123]
    ws, service, doc = _service(tmp_path / "w.sqlite")
    with ws:
        service.annotations.add_quote(doc, "Supervision is regular", note=long_note)
        export(service, ExportFormat.XLSX, tmp_path / "log.xlsx")
        export(service, ExportFormat.CSV, tmp_path / "log.csv")
    book = openpyxl.load_workbook(tmp_path / "log.xlsx")
    sheet = book["Evidence log"]
    header = [c.value for c in sheet[1]]
    shown = sheet.cell(row=2, column=header.index("note") + 1).value
    assert utf16_len(shown) <= EXCEL_CELL_LIMIT  # Excel counts UTF-16 units: 🙂 is two
    assert shown.endswith(TRUNCATION_MARK)  # visible in the cell itself
    parts = [row[3] for row in book["Long cells"].iter_rows(min_row=2, values_only=True)]
    assert shown[: -len(TRUNCATION_MARK)] + "".join(parts) == long_note
    assert _csv_rows(tmp_path / "log.csv")[0]["note"] == long_note  # CSV has no such limit


def test_non_ascii_round_trips_byte_identical_everywhere(tmp_path: Path) -> None:
    ws, service, doc = _service(tmp_path / "w.sqlite")
    with ws:
        quote = "Children’s “voice” is heard – é £ – in most plans"
        ann = service.annotations.add_quote(doc, quote, note=VOICE).value
        assert ann.anchor.exact == quote
        for fmt in ExportFormat:
            export(service, fmt, tmp_path / f"log.{fmt.value}")
    # Database: the stored text, read back with plain sqlite3.
    conn = sqlite3.connect(tmp_path / "w.sqlite")
    exact, note, author = conn.execute("SELECT exact, note, author FROM annotations").fetchone()
    conn.close()
    assert (exact.encode(), note.encode()) == (quote.encode(), VOICE.encode())
    assert author == "Officer é 🙂"
    # CSV, XLSX and JSON: the same code points, hence the same UTF-8 bytes.
    row = _csv_rows(tmp_path / "log.csv")[0]
    assert row["quote"].encode() == quote.encode() and row["note"].encode() == VOICE.encode()
    assert quote.encode() in (tmp_path / "log.csv").read_bytes()
    sheet = openpyxl.load_workbook(tmp_path / "log.xlsx")["Evidence log"]
    header = [c.value for c in sheet[1]]
    values = [c.value for c in sheet[2]]
    assert values[header.index("quote")].encode() == quote.encode()
    assert values[header.index("note")].encode() == VOICE.encode()
    data = json.loads((tmp_path / "log.json").read_bytes().decode("utf-8"))
    item = data["first"]["items"][0]
    assert item["target"]["selector"][0]["exact"].encode() == quote.encode()
    assert any(b.get("value", "").encode() == VOICE.encode() for b in item["body"])
    assert VOICE.encode() in (tmp_path / "log.json").read_bytes()  # not \\u escapes
