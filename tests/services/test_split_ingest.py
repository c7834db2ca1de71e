"""A large PDF's pages read in two processes give the same import as one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from shiny_review.domain.errors import InputFileError
from shiny_review.ingest import ingest_file
from shiny_review.ingest.pdf_text import extract_pdf, page_ranges, read_pages
from shiny_review.services.split_ingest import PageSplitter

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "ofsted"


def _largest_report() -> Path:
    import pymupdf

    files = sorted(CORPUS.glob("*.pdf"))
    if not files:
        pytest.skip("the corpus is not here")
    return max(files, key=lambda f: pymupdf.open(f).page_count)


def test_page_ranges_cover_every_page_in_order() -> None:
    assert page_ranges(5, 2) == [(0, 3), (3, 5)]
    assert page_ranges(1, 2) == [(0, 1)]
    assert page_ranges(4, 3) == [(0, 2), (2, 3), (3, 4)]


def test_pages_read_in_ranges_give_the_same_extraction() -> None:
    path = _largest_report()
    data = path.read_bytes()
    whole = extract_pdf(data, path.name, words=True)
    import pymupdf

    count = pymupdf.open(path).page_count
    ranges = page_ranges(count, 3)
    pages = [p for a, b in ranges for p in read_pages(data, path.name, a, b, words=True)]
    parts = extract_pdf(data, path.name, pages)
    assert parts == whole
    assert parts.words == whole.words and whole.words is not None
    assert repr(parts) == repr(whole)


def test_a_corpus_report_split_over_two_processes_is_the_same_import(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("shiny_review.ingest.SPLIT_FROM", 2)
    path = _largest_report()
    splitter = PageSplitter(workers=2)
    try:
        split = splitter.ingest(path)
    finally:
        splitter.close()
    single = ingest_file(path)
    assert repr(split) == repr(single)
    assert split.extracted.words == single.extracted.words
    assert split.extracted.text == single.extracted.text


def test_a_damaged_page_range_refuses_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="damaged"):
        read_pages(b"%PDF-1.4 not really", "bad.pdf", 0, 1)
