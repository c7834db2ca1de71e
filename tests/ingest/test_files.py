"""Files that cannot be imported fail with one plain line; text files decode sensibly."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pymupdf
import pytest

from shiny_review.domain.errors import EncryptedDocumentError, InputFileError
from shiny_review.ingest import ingest_file, ingest_text


def _pdf(text: str = "What needs to improve?") -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), text, fontname="helv", fontsize=11)
    data: bytes = doc.tobytes()
    doc.close()
    return data


def _error(path: Path) -> str:
    with pytest.raises(InputFileError) as info:
        ingest_file(path)
    message = str(info.value)
    assert "\n" not in message and message
    return message


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in _error(tmp_path / "nope.pdf")


def test_directory(tmp_path: Path) -> None:
    assert "folder" in _error(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert "empty" in _error(path)


def test_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.pdf"
    # Seeded, so the noise never happens to begin with "<" or a known signature (flaky).
    path.write_bytes(random.Random(4096).randbytes(4096).replace(b"%PDF", b"xxxx"))
    message = _error(path)
    assert "not a PDF" in message and "binary" in message


@pytest.mark.parametrize("suffix", [".pdf", ".html"])
def test_html(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"letter{suffix}"
    path.write_text("<!DOCTYPE html><html><body><p>Ofsted</p></body></html>")
    assert "HTML" in _error(path)


def test_encrypted_pdf(tmp_path: Path) -> None:
    doc = pymupdf.open(stream=_pdf(), filetype="pdf")
    path = tmp_path / "locked.pdf"
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    doc.close()
    with pytest.raises(EncryptedDocumentError, match="password"):
        ingest_file(path)


def test_broken_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    assert "damaged" in _error(path) or "no text" in _error(path)


def test_pdf_without_text(tmp_path: Path) -> None:
    doc = pymupdf.open()
    doc.new_page()
    path = tmp_path / "scan.pdf"
    doc.save(path)
    doc.close()
    assert "no text" in _error(path)


def test_javascript_is_flagged_not_run(tmp_path: Path) -> None:
    doc = pymupdf.open(stream=_pdf(), filetype="pdf")
    doc.set_xml_metadata("")
    catalog = doc.pdf_catalog()
    xref = doc.get_new_xref()
    doc.update_object(xref, "<< /S /JavaScript /JS (app.alert('hi');) >>")
    doc.xref_set_key(catalog, "OpenAction", f"{xref} 0 R")
    path = tmp_path / "script.pdf"
    doc.save(path, garbage=1, use_objstms=1, deflate=True)
    doc.close()
    ingested = ingest_file(path)
    assert ingested.extracted.has_javascript
    assert ingested.extracted.warnings


def test_plain_pdf_has_no_javascript_and_hashes(tmp_path: Path) -> None:
    import hashlib

    data = _pdf("Children are safe.")
    path = tmp_path / "plain.pdf"
    path.write_bytes(data)
    ingested = ingest_file(path)
    assert not ingested.extracted.has_javascript
    assert ingested.source_hash == hashlib.sha256(data).hexdigest()
    text = ingested.extracted.text
    assert text == "Children are safe."
    assert ingested.content_hash == hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Children’s plans — ﬁne.".encode("utf-8-sig"), "Children’s plans — fine."),
        ("Children’s plans.".encode("cp1252"), "Children’s plans."),
        ("Café plans.".encode("latin-1"), "Café plans."),
    ],
)
def test_text_encodings(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(data)
    assert ingest_file(path).extracted.text == expected


def test_markdown(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(
        "# Audit notes\n\n## What needs to improve?\n\n- First item.\n- Second item.\n",
        encoding="utf-8",
    )
    doc = ingest_file(path)
    assert (
        doc.extracted.text == "Audit notes\nWhat needs to improve?\n• First item.\n• Second item."
    )
    assert doc.extracted.paragraphs[0].is_heading
    assert [r.text for r in doc.structure.recommendations] == ["First item.", "Second item."]


def test_whitespace_only_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n \t\n")
    assert "no text" in _error(path)
    with pytest.raises(InputFileError):
        ingest_text("   ", "pasted")


def test_nothing_found_says_so() -> None:
    doc = ingest_text("Minutes of the meeting.\n\nThe board met and agreed the plan.", "minutes")
    assert doc.structure.recommendations == ()


def test_one_page_letter_keeps_its_top_and_bottom_lines(tmp_path: Path) -> None:
    """A single page has no running headers: text near its edges is content."""
    doc = pymupdf.open()
    page = doc.new_page(width=14_400, height=14_400)
    page.insert_text((72, 200), "Dear Director, this letter starts near the top.", fontsize=11)
    page.insert_text((72, 14_300), "Yours sincerely, and it ends near the bottom.", fontsize=11)
    path = tmp_path / "edges.pdf"
    doc.save(path)
    text = ingest_file(path).extracted.text
    assert "this letter starts near the top" in text
    assert "it ends near the bottom" in text
