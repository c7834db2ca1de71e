"""Import: PDF or text file to canonical text, page and paragraph maps, and structure.

pymupdf is used here only (in ``pdf_text``); everything after extraction is pure text.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from shiny_review.domain.entities import DocumentKind
from shiny_review.domain.errors import InputFileError
from shiny_review.domain.geometry import WordBoxes
from shiny_review.domain.structure import (
    DocumentStructure,
    ExtractedText,
    IngestedDocument,
    PageWords,
)
from shiny_review.ingest.docx_text import DOCX_SUFFIXES
from shiny_review.ingest.files import (
    TEXT_SUFFIXES,
    describe,
    is_pdf,
    looks_like_text,
    read_bytes,
    wrong_type,
)
from shiny_review.ingest.plain_text import detect_encoding, extract_text
from shiny_review.ingest.structure import detect_structure

if TYPE_CHECKING:
    from shiny_review.ingest.layout import Page

__all__ = ["detect_structure", "ingest_docx", "ingest_file", "ingest_text", "page_words"]

SPLIT_FROM = 250  # pages: a smaller PDF is read sooner alone than with a helper it starts


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _document(
    name: str, source: bytes, extracted: ExtractedText, *, keep: bool = False
) -> IngestedDocument:
    structure: DocumentStructure = detect_structure(extracted)
    return IngestedDocument(
        source_name=name,
        source_hash=_sha256(source),
        content_hash=_sha256(extracted.text.encode("utf-8")),
        extracted=extracted,
        structure=structure,
        original=source if keep else None,
    )


PageReader = Callable[[bytes, str, int], "list[Page]"]
"""Reads all ``count`` pages of a PDF (``data``, ``name``, ``count``), sharing the work with
other processes, and gives them back in order."""


def ingest_file(path: Path, *, read_parts: PageReader | None = None) -> IngestedDocument:
    """Import a PDF, text or Markdown file; raise ``InputFileError`` with a plain message.

    ``read_parts``: a PDF of ``SPLIT_FROM`` pages or more has its pages read by it
    (``pdf_text.read_pages`` here and in other processes); the result is the same."""
    path = Path(path)
    data = read_bytes(path)
    if path.suffix.lower() in DOCX_SUFFIXES:  # Word files of the council (issue 13)
        return ingest_docx(path.name, data)
    if is_pdf(data):
        from shiny_review.ingest.pdf_text import (  # pymupdf loads on first PDF
            extract_pdf,
            page_count,
        )

        pages = None
        if read_parts is not None:
            count = page_count(data, path.name)
            if count >= SPLIT_FROM:
                pages = read_parts(data, path.name, count)
        extracted = extract_pdf(data, path.name, pages)
        return _document(path.name, data, extracted, keep=True)
    elif path.suffix.lower() in TEXT_SUFFIXES or (
        path.suffix.lower() != ".pdf" and looks_like_text(data) and describe(data) == "plain text"
    ):
        if not looks_like_text(data):
            raise wrong_type(path, data)
        try:
            decoded = detect_encoding(data)
        except UnicodeDecodeError as exc:
            raise InputFileError(
                f"{path.name} says it is {exc.encoding.upper()} but is not: its text cannot be read"
            ) from exc
        extracted = extract_text(decoded.text)
        if decoded.warning is not None:
            extracted = replace(extracted, warnings=(*extracted.warnings, decoded.warning))
        if not extracted.text.strip():
            raise InputFileError(f"{path.name} has no text in it")
    else:
        raise wrong_type(path, data)
    return _document(path.name, data, extracted)


def page_words(data: bytes, name: str) -> PageWords:
    """The word boxes of a PDF kept at its import, made as the import reads its text (which
    does not make them: issue 16), with the hash of that text."""
    from shiny_review.ingest.pdf_text import extract_pdf

    extracted = extract_pdf(data, name, words=True)
    words = extracted.words if extracted.words is not None else WordBoxes()
    return PageWords(_sha256(extracted.text.encode("utf-8")), words)


def ingest_docx(name: str, data: bytes) -> IngestedDocument:
    """A Word file: kind "council document" unless its wording says council report or an
    Ofsted letter; the title from its properties when it has one."""
    from shiny_review.ingest.docx_text import extract_docx  # python-docx loads on first use

    extracted, title = extract_docx(data, name)
    document = _document(name, data, extracted)
    structure = document.structure
    kind = structure.kind
    if kind in (DocumentKind.OTHER, DocumentKind.NEWS_ARTICLE):
        kind = DocumentKind.COUNCIL_DOCUMENT.value
    return dataclasses.replace(
        document,
        structure=dataclasses.replace(structure, kind=kind, title=title or structure.title),
    )


def ingest_text(text: str, source_name: str) -> IngestedDocument:
    """Import text already in memory (pasted text, tests)."""
    extracted = extract_text(text)
    if not extracted.text.strip():
        raise InputFileError(f"{source_name} has no text in it")
    return _document(source_name, text.encode("utf-8"), extracted)
