"""What the import extracts from a file: canonical text, page and paragraph maps, structure.

Produced by ``ingest`` (which owns pymupdf) and consumed by ``services``; pure data.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from shiny_review.domain.entities import Judgement, NFTag
from shiny_review.domain.geometry import WordBoxes


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One block of the canonical text (a line of it: blocks are separated by '\\n')."""

    start: int
    end: int
    page: int
    number: int | None = None
    section: str | None = None
    is_heading: bool = False


@dataclass(frozen=True, slots=True)
class ExtractedRecommendation:
    group: str
    number: str | None
    text: str
    nf_tag: NFTag | None
    heading: str | None
    page: int | None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class DocumentStructure:
    title: str
    kind: str
    framework: str | None = None
    authority: str | None = None
    date: dt.date | None = None
    inspection_start: dt.date | None = None
    inspection_end: dt.date | None = None
    lead_inspector: str | None = None
    judgements: tuple[Judgement, ...] = ()
    overall: str | None = None
    recommendations: tuple[ExtractedRecommendation, ...] = ()
    authority_printed: str | None = None  # as the report prints it; ``authority`` is canonical
    checks: tuple[str, ...] = ()  # self-checks that failed: "check the recommendations"


@dataclass(frozen=True, slots=True)
class PageWords:
    """A PDF's word boxes made after its import, on first need (the page view, the annotated
    PDF: issue 16): they belong to a document only if its text has ``content_hash``."""

    content_hash: str
    words: WordBoxes


@dataclass(frozen=True, slots=True)
class ExtractedText:
    """Canonical text with its maps.

    ``page_starts[i]`` is the offset where page i+1 begins; ``paragraphs`` cover the text in
    order. Offsets are Python string indices.
    """

    text: str
    page_starts: tuple[int, ...]
    paragraphs: tuple[Paragraph, ...]
    page_count: int
    has_javascript: bool = False
    warnings: tuple[str, ...] = field(default=())
    # Where each word stands on its page (PDFs only): the page view's highlights.
    words: WordBoxes | None = field(default=None, compare=False, repr=False)

    def page_at(self, offset: int) -> int:
        """1-based page number holding the character at ``offset``."""
        return max(1, bisect.bisect_right(self.page_starts, offset))

    def paragraph_at(self, offset: int) -> Paragraph | None:
        starts = [p.start for p in self.paragraphs]
        i = bisect.bisect_right(starts, offset) - 1
        return self.paragraphs[i] if i >= 0 else None


@dataclass(frozen=True, slots=True)
class IngestedDocument:
    source_name: str
    source_hash: str
    content_hash: str
    extracted: ExtractedText
    structure: DocumentStructure
    # The imported file's bytes (PDFs), kept in the workspace for the page view.
    original: bytes | None = field(default=None, compare=False, repr=False)
