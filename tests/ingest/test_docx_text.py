"""Word (.docx) import: structure kept, bad files refused in one line, a passage linked to a
2022 Shropshire recommendation exports with section and paragraph."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import docx
import pytest

from shiny_review.domain.errors import InputFileError
from shiny_review.ingest import ingest_file
from shiny_review.services.export.exporting import ExportFormat, export
from shiny_review.services.isolated_ingest import ingest_isolated
from shiny_review.services.review import ReviewService
from shiny_review.storage.workspace import Workspace
from tests.conftest import CORPUS

HOMES = "Two new in-house children’s homes opened in Shrewsbury — Café Lane and Ørsted House."


def make_docx(path: Path) -> Path:
    d = docx.Document()
    d.core_properties.title = "Shropshire Council children’s services self-evaluation 2024–25"
    d.add_heading("Self-evaluation of children’s services", 0)
    d.add_heading("Placement sufficiency", 1)
    d.add_paragraph("Our sufficiency strategy for Shropshire was refreshed in 2023.")
    d.add_paragraph(HOMES, style="List Number")
    d.add_paragraph("Foster carer recruitment remains below target.", style="List Number")
    d.add_paragraph("Weekly placement panel chaired by the head of service.", style="List Bullet")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Measure"
    table.cell(0, 1).text = "2024"
    table.cell(1, 0).text = "Children placed in county"
    table.cell(1, 1).text = "68 %"
    d.add_heading("Emotional health", 1)
    d.add_paragraph("Waiting times for therapy fell to six weeks.", style="List Number")
    d.save(str(path))
    return path


def test_structure_is_kept(tmp_path: Path) -> None:
    ingested = ingest_file(make_docx(tmp_path / "self-evaluation.docx"))
    assert ingested.structure.kind == "council document"
    assert ingested.structure.title.startswith("Shropshire Council children’s services")
    text = ingested.extracted.text
    lines = text.split("\n")
    assert f"1. {HOMES}" in lines
    assert "2. Foster carer recruitment remains below target." in lines
    assert "• Weekly placement panel chaired by the head of service." in lines
    assert "Children placed in county | 68 %" in lines
    paragraph = ingested.extracted.paragraph_at(text.index(HOMES))
    assert paragraph is not None
    assert (paragraph.section, paragraph.number) == ("Placement sufficiency", 1)
    waiting = ingested.extracted.paragraph_at(text.index("Waiting times"))
    assert waiting is not None
    assert waiting.section == "Emotional health"


def test_docx_passage_links_to_2022_recommendation_and_exports_section_and_paragraph(
    tmp_path: Path, shared_dir: Path
) -> None:
    del shared_dir
    source = make_docx(tmp_path / "self-evaluation.docx")
    with Workspace(tmp_path / "w.sqlite", "Test Officer") as ws:
        service = ReviewService(ws)
        report = service.documents.import_file(
            CORPUS / "shropshire-2022-march-25.pdf"
        ).value.document
        # through the import child process, as the window and the command line import
        document = service.documents.add_ingested(ingest_isolated(source)).value.document
        assert document.kind == "council document"
        assert document.authority == "Shropshire"  # found from the authorities known
        sufficiency = service.recommendations.all(report.id)[1]
        ann = service.annotations.add_quote(
            document.id, "Café Lane and Ørsted House", recommendation_ids=[sufficiency.id]
        ).value
        assert ann.section == "Placement sufficiency" and ann.anchor.paragraph == 1
        export(service, ExportFormat.CSV, tmp_path / "log.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "log.csv").read_text("utf-8-sig"))))
    (row,) = [r for r in rows if r["quote"] == "Café Lane and Ørsted House"]
    assert row["document_kind"] == "council document"
    assert (row["section"], row["paragraph"]) == ("Placement sufficiency", "1")
    assert row["recommendation_text"] == sufficiency.text
    assert row["recommendation_document"] == report.title


def _zip(path: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_bad_docx_files_get_one_clear_line(tmp_path: Path) -> None:
    good = make_docx(tmp_path / "good.docx")
    with zipfile.ZipFile(good) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    encrypted = tmp_path / "encrypted.docx"  # Word saves a password-protected file as OLE
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    not_zip = tmp_path / "not-a-zip.docx"
    not_zip.write_text("just some text pretending", encoding="utf-8")
    types = members["[Content_Types].xml"].replace(
        b"document.main+xml", b"document.macroEnabled.main+xml"
    )
    macro = _zip(
        tmp_path / "macro.docm",
        {**members, "[Content_Types].xml": types, "word/vbaProject.bin": b"\0" * 64},
    )
    bomb = _zip(tmp_path / "bomb.docx", {**members, "word/media/image1.png": b"\0" * (40 << 20)})
    no_word = _zip(tmp_path / "archive.docx", {"readme.txt": b"hello"})
    expected = {
        encrypted: "encrypted (password-protected) or an old Word .doc",
        not_zip: "not a Word .docx file (it is not a zip archive)",
        macro: "macro-enabled Word file (.docm)",
        bomb: "a zip bomb?",
        no_word: "a zip archive, not a Word .docx file",
    }
    for path, message in expected.items():
        with pytest.raises(InputFileError) as caught:
            ingest_file(path)
        line = str(caught.value)
        assert message in line and "\n" not in line and path.name in line
