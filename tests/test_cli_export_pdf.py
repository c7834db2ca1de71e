"""`shiny-review export --format pdf`: the original PDF with its highlights; a text document
refuses in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf

from tests.conftest import CORPUS
from tests.test_cli import cli, import_one, ok


def test_export_pdf_writes_native_highlights(workspace_path: Path, tmp_path: Path) -> None:
    doc = import_one(workspace_path, CORPUS / "bedford-2025-august-27.pdf")
    quote = "Inspection of Bedford"
    ann = json.loads(
        ok(workspace_path, "annotate", str(doc), "--quote", quote, "--note", "Title", "--json")
    )
    out = tmp_path / "annotated.pdf"
    assert "wrote 1 highlights" in ok(
        workspace_path, "export", "--format", "pdf", "-o", str(out), "--document", str(doc)
    )
    with pymupdf.open(out) as pdf:
        found = [(a.type[1], a.info["content"]) for a in pdf[ann["page"] - 1].annots()]
        assert found == [("Highlight", "Title")]
        assert sum(1 for page in pdf for _ in page.annots()) == 1


def test_export_pdf_of_a_text_document_refuses_in_one_line(
    workspace_path: Path, tmp_path: Path
) -> None:
    note = tmp_path / "note.txt"
    note.write_text("A note about the inspection.\n", encoding="utf-8")
    doc = import_one(workspace_path, note)
    out = tmp_path / "out.pdf"
    result = cli(
        workspace_path, "export", "--format", "pdf", "-o", str(out), "--document", str(doc)
    )
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert "text document" in result.stderr
    assert not out.exists()
