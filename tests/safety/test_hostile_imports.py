"""Hostile and broken files: each gives a clear message, never a crash or a hang.

Every import here runs as the app runs it: in a child process with a time and memory limit
(``ingest_isolated``), so a crash there becomes "could not import FILE: reason".
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pymupdf
import pytest

from shiny_review.domain.errors import InputFileError
from shiny_review.services.isolated_ingest import MAX_TEXT_BYTES, ingest_isolated
from shiny_review.services.review import ReviewService
from shiny_review.storage.workspace import Workspace

LETTER = [
    "Focused visit to Westmarsh Borough Council children’s services",
    "What needs to improve in this area of social work practice?",
    "The timeliness of initial child protection conferences.",
    "Children’s “voice” is heard – é £ – in most plans.",
]


def _pdf(
    path: Path, pages: int = 1, size: tuple[float, float] = (595, 842), **save: object
) -> Path:
    doc = pymupdf.open()
    for i in range(pages):
        page = doc.new_page(width=size[0], height=size[1])
        middle = size[1] / 2
        page.insert_text((72, middle), f"{LETTER[i % len(LETTER)]} Page {i + 1} of the record.")
        if i == 0:
            for k, line in enumerate(LETTER):
                page.insert_text((72, middle + 40 + 18 * k), line)
    doc.save(path, **save)
    doc.close()
    return path


def _refused(path: Path, *phrases: str, **kwargs: float) -> str:
    started = time.monotonic()
    with pytest.raises(InputFileError) as info:
        ingest_isolated(path, **kwargs)  # type: ignore[arg-type]
    message = str(info.value)
    assert message.startswith(f"could not import {path.name}: "), message
    assert "\n" not in message and "Traceback" not in message
    for phrase in phrases:
        assert phrase in message, message
    assert time.monotonic() - started < 60
    return message


def test_encrypted_pdf_with_a_user_password_is_refused(tmp_path: Path) -> None:
    path = _pdf(
        tmp_path / "locked.pdf",
        encryption=pymupdf.PDF_ENCRYPT_AES_256,
        user_pw="secret",
        owner_pw="owner",
    )
    _refused(path, "password")


def test_encrypted_pdf_without_a_user_password_imports(tmp_path: Path) -> None:
    # Encrypted with an owner password only: it opens without a password, as in a viewer.
    path = _pdf(
        tmp_path / "owner-only.pdf",
        encryption=pymupdf.PDF_ENCRYPT_AES_256,
        owner_pw="owner",
        permissions=0,
    )
    doc = ingest_isolated(path)
    assert "Westmarsh" in doc.extracted.text


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    _refused(path, "empty")


def test_random_bytes_named_pdf_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "noise.pdf"
    path.write_bytes(os.urandom(64 * 1024))
    _refused(path, "not a PDF")


def test_html_page_named_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    path.write_text(
        "<!DOCTYPE html><html><head><title>Sign in</title></head>"
        "<body><p>Please sign in to download this report.</p></body></html>",
        encoding="utf-8",
    )
    _refused(path, "web page")


def test_pdf_with_javascript_is_reported_and_never_run(tmp_path: Path) -> None:
    path = tmp_path / "script.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    for k, line in enumerate(LETTER):
        page.insert_text((72, 120 + 18 * k), line)
    marker = tmp_path / "ran.txt"
    script = f"app.alert('hi'); this.exportDataObject({{cName: '{marker}'}});"
    catalog = doc.pdf_catalog()
    js = doc.get_new_xref()
    doc.update_object(js, f"<< /S /JavaScript /JS ({script}) >>")
    doc.xref_set_key(catalog, "OpenAction", f"{js} 0 R")
    doc.save(path)
    doc.close()
    result = ingest_isolated(path)
    assert result.extracted.has_javascript
    assert any("JavaScript" in w and "not run" in w for w in result.extracted.warnings)
    assert not marker.exists()


def _text_or_message(path: Path) -> str:
    """The imported text, or the refusal: both are acceptable outcomes, a crash is not."""
    try:
        return ingest_isolated(path).extracted.text
    except InputFileError as exc:
        return str(exc)


def test_pdf_with_a_broken_xref_is_repaired_or_refused_clearly(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "xref.pdf")
    data = path.read_bytes()
    at = data.rindex(b"startxref")
    path.write_bytes(data[:at] + b"startxref\n999999\n%%EOF\n")
    assert "Westmarsh" in ingest_isolated(path).extracted.text  # MuPDF rebuilds the table
    # Worse: the file is cut in half and ends in a garbage cross-reference section.
    path.write_bytes(data[: len(data) // 2] + b"\nxref\n0 9999\ngarbage\n%%EOF")
    outcome = _text_or_message(path)
    assert "Westmarsh" in outcome or outcome.startswith("could not import xref.pdf: ")


def test_two_thousand_page_pdf_imports_within_the_limits(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "long.pdf", pages=2000)
    started = time.monotonic()
    doc = ingest_isolated(path)
    assert doc.extracted.page_count == 2000
    assert time.monotonic() - started < 60


def test_largest_pdf_page_imports(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "huge-page.pdf", size=(14_400, 14_400))
    doc = ingest_isolated(path)
    assert "Westmarsh" in doc.extracted.text


def test_latin1_text_file_imports_with_its_accents(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(
        "Audit notes\n\nThe café meeting cost £12 and the child’s plan was reviewed.\n".encode(
            "cp1252"
        )
    )
    doc = ingest_isolated(path)
    assert "café" in doc.extracted.text and "£12" in doc.extracted.text


def test_fifty_megabyte_text_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    line = b"Children's voice is heard in most plans and leaders know it well. " * 15 + b"\n"
    with path.open("wb") as handle:
        handle.write(line * (50 * 1024 * 1024 // len(line) + 1))
    assert path.stat().st_size > 50 * 1024 * 1024 > MAX_TEXT_BYTES
    started = time.monotonic()
    _refused(path, "50.0 MB", "text files larger than 10 MB")
    assert time.monotonic() - started < 5


def test_time_limit_becomes_a_message(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "slow.pdf")
    _refused(path, "took longer than", timeout=0.01)


@pytest.mark.skipif(os.name == "nt", reason="RLIMIT_AS is POSIX only")
def test_memory_limit_or_crash_in_the_child_becomes_a_message(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "letter.pdf")
    _refused(path, memory_limit=64 * 1024 * 1024)


def test_service_reports_a_hostile_file_and_the_workspace_is_unchanged(
    workspace_path: Path,
) -> None:
    noise = workspace_path.with_name("noise.pdf")
    noise.write_bytes(os.urandom(4096))
    with Workspace(workspace_path, "a") as ws:
        service = ReviewService(ws, ingester=ingest_isolated)
        with pytest.raises(InputFileError, match=r"^could not import noise\.pdf: "):
            service.documents.import_file(noise)
        assert service.documents.all() == []
        assert service.history.entries() == []
