"""PDF reading with pymupdf: the only module that touches pymupdf.

Reads each page once with ``get_text("dict")`` (no sorting, no images), turns spans into
cleaned ``layout.Line`` records (footnote markers dropped, ligatures expanded), and hands
them to the pure layout rules. JavaScript in the file is detected, never run.

MuPDF's own messages never reach stdout (they would break ``import --json``): they are
collected while a file is read and written to the log. A PDF that was cut short (MuPDF had to
rebuild it and its end-of-file mark is missing: a truncated download) or that raised MuPDF
errors while its text was read is refused as damaged or incomplete, never imported as part of
a letter: an evidence log must cite the real report, and a partly read file would silently
lose passages and recommendations (README, "Damaged PDFs"). A complete file whose
cross-reference table MuPDF rebuilt without an error imports (its text is whole).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import re
from array import array
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter, sub
from typing import Any

import pymupdf

from shiny_review.domain.errors import EncryptedDocumentError, InputFileError
from shiny_review.domain.structure import ExtractedText
from shiny_review.ingest.blocks import Words
from shiny_review.ingest.layout import Line, Page, layout_text
from shiny_review.ingest.normalise import clean

# Whitespace kept as is (we collapse it ourselves); ligatures expanded by MuPDF.
_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
_SUPERSCRIPT = 1
_BOLD = 16
_SPAN_MARKER = re.compile(r"^\(?\d{1,3}[.)]$")
_MARKER_CHARS = frozenset("0123456789*†‡§")
_ALNUM = re.compile(r"[^\W_]")  # what str.isalnum() accepts, found without a Python loop

log = logging.getLogger(__name__)


class _Messages:
    """Where pymupdf writes MuPDF's messages (instead of stdout) while one file is read."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, text: str) -> int:
        self.lines.extend(line for line in text.splitlines() if line.strip())
        return len(text)

    def flush(self) -> None:
        pass

    @property
    def errors(self) -> list[str]:
        return [line for line in self.lines if line.startswith("MuPDF error")]


_messages = _Messages()
pymupdf.TOOLS.mupdf_display_errors(True)  # type: ignore[no-untyped-call]  # to _messages
pymupdf.TOOLS.mupdf_display_warnings(True)  # type: ignore[no-untyped-call]
pymupdf.set_messages(stream=_messages)  # type: ignore[no-untyped-call]


@contextlib.contextmanager
def _collected(name: str) -> Iterator[_Messages]:
    """MuPDF's messages while reading ``name``, logged afterwards."""
    _messages.lines = []
    pymupdf.TOOLS.reset_mupdf_warnings()  # type: ignore[no-untyped-call]
    try:
        yield _messages
    finally:
        for line in _messages.lines:
            log.warning("%s: %s", name, line)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while pages are read and laid out: they make
    hundreds of thousands of small objects and no cycles, and the collector's passes over
    them were some 5-8% of an import. Left as it was found afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _is_marker(span: dict[str, Any], line_size: float) -> bool:
    """A footnote reference: a small or raised span made of digits or reference signs."""
    text = span["text"].strip()
    if not text or not all(c in _MARKER_CHARS for c in text):
        return False
    return bool(span["flags"] & _SUPERSCRIPT) or span["size"] <= 0.75 * line_size


_MARKS = "0123456789*†‡§"
_FAR = 8  # a word further on in its line than this was not the next one: skip it

# pymupdf's words: (x0, y0, x1, y1, text, block_no, line_no, word_no)
Word = tuple[float, float, float, float, str, int, int, int]
_X0, _X1, _TEXT = itemgetter(0), itemgetter(2), itemgetter(4)
_LINE_OF = itemgetter(5, 6)


def _place_words(text: str, words: list[Word]) -> Words | None:
    """Word boxes (starts in ``text``, lengths, x0s, x1s) for the cleaned line ``text``.

    pymupdf's words of the same text page are found in order in the cleaned text; a word
    that is not there (a footnote marker the line dropped) is skipped, and one with a marker
    glued on is found without it.
    """
    if not words:
        return None
    raws = texts = list(map(_TEXT, words))
    if not text.isascii():
        texts = [raw if raw.isascii() else clean(raw) for raw in raws]
    if " ".join(texts) == text:
        # Nearly every line: the words, cleaned, are the line's text with single spaces
        # between them, so each is found just after the space that follows the one before
        # (a cleaned word never starts with a space): the same places as the search below.
        lengths = list(map(len, texts))
        return Words(None, lengths, array("d", map(_X0, words)), array("d", map(_X1, words)))
    found: list[tuple[int, int, float, float]] = []
    append = found.append
    find = text.find
    pos = 0
    for raw, w in zip(raws, words, strict=True):
        word = raw if raw.isascii() else clean(raw)
        if not word:
            continue
        n = len(word)
        at = find(word, pos, pos + _FAR + n)
        if at < 0:
            word = word.strip(_MARKS) or word
            n = len(word)
            at = find(word, pos, pos + _FAR + n)
            if at < 0:
                continue
        pos = at + n
        append((at, pos, w[0], w[2]))
    if not found:
        return None
    s, e, x0, x1 = zip(*found, strict=True)
    return Words(list(s), list(map(sub, e, s)), array("d", x0), array("d", x1))


@functools.lru_cache(maxsize=1024)
def _bold_name(font: str) -> bool:
    """A font whose name says it is bold ("Arial-BoldMT", "Lato Black"): a page has a few
    fonts and some fifty lines."""
    font = font.lower()
    return "bold" in font or "black" in font


def _line(raw: dict[str, Any], words: list[Word]) -> Line | None:
    spans = raw["spans"]
    if len(spans) == 1:  # most lines: the loop below for one span, without its bookkeeping
        span = spans[0]
        text = span["text"]
        size = span["size"]
        text_x0: float | None = None
        if text[:1].isalpha():  # most lines: a word first, so text and never a marker
            text_x0 = span["bbox"][0]
            bold = bool(span["flags"] & _BOLD) or _bold_name(span["font"])
            size = max(0.0, size)
        elif _ALNUM.search(text):
            if not _SPAN_MARKER.match(text.strip()):
                text_x0 = span["bbox"][0]
            bold = bool(span["flags"] & _BOLD) or _bold_name(span["font"])
            size = max(0.0, size)
        elif not text.strip():
            return None
        else:
            bold = True
        text = clean(text)
    elif not spans:
        return None
    else:
        text, size, bold, text_x0 = _spans(spans)
    if not text:
        return None
    x0, y0, x1, y1 = raw["bbox"]
    return Line(text, x0, y0, x1, y1, round(size, 1), bold, text_x0, _place_words(text, words))


def _spans(spans: list[dict[str, Any]]) -> tuple[str, float, bool, float | None]:
    """A line's cleaned text, size, boldness and where its words start, from its spans
    (footnote markers after its first text dropped); an empty text for a blank line."""
    line_size = max(s["size"] for s in spans)
    parts: list[str] = []
    bold = True
    size = 0.0
    seen_text = False
    text_x0: float | None = None
    for span in spans:
        text = span["text"]
        if seen_text and _is_marker(span, line_size):
            continue
        parts.append(text)
        if _ALNUM.search(text):
            if text_x0 is None and not _SPAN_MARKER.match(text.strip()):
                text_x0 = span["bbox"][0]
            seen_text = True
            if not (span["flags"] & _BOLD or _bold_name(span["font"])):
                bold = False
            size = max(size, span["size"])
    if not seen_text:
        if not any(s["text"].strip() for s in spans):
            return "", line_size, bold, text_x0
        size = line_size
    return clean("".join(parts)), size, bold, text_x0


def _page(page: Any, words: bool = False) -> Page:
    # One pass over the page: one text page, read as "dict" (lines, spans, fonts) and, when
    # asked, as words with their boxes (the page view's highlights), from the same analysis.
    # The import does not ask: word boxes are made when first needed (``page_words``), as
    # they cost about as much again as the lines (issue 16). The text page's own methods,
    # not ``page.get_text``'s wrapper round them (its checks and look-ups were some 8% of the
    # floor): the same output, the page's width and height from its crop box as
    # ``get_text("dict")`` gives them.
    textpage = page.get_textpage(flags=_FLAGS)
    data = textpage.extractDICT(cb=page.cropbox)
    return _page_of(data, textpage.extractWORDS() if words else [])


def _page_of(data: dict[str, Any], words: list[Word]) -> Page:
    """The page's lines from its text page read as ``dict`` and as ``words``."""
    # pymupdf gives a line's words one after the other, lines in order: grouped a line at once.
    by_line = {key: list(group) for key, group in groupby(words, _LINE_OF)}
    lines: list[Line] = []
    for block_no, block in enumerate(data["blocks"]):
        if block.get("type", 0) != 0:
            continue
        for line_no, raw in enumerate(block["lines"]):
            line = _line(raw, by_line.get((block_no, line_no), []))
            if line is not None:
                lines.append(line)
    return Page(width=data["width"], height=data["height"], lines=tuple(lines))


def _action_is_script(doc: Any, xref: int, key: str) -> bool:
    kind, value = doc.xref_get_key(xref, key)
    if kind == "null":
        return False
    if "JavaScript" in value or "/JS" in value:
        return True
    if kind == "xref":
        target = int(value.split()[0])
        return "JavaScript" in doc.xref_object(target, compressed=True)
    return False


def _has_javascript(doc: Any, data: bytes) -> bool:
    """Whether the file holds JavaScript (document, page, annotation or form actions).

    Uncompressed files are answered by a byte search; files with object streams by looking
    at the places a viewer would run a script from.
    """
    if b"/JavaScript" in data or b"/JS" in data:
        return True
    if b"/ObjStm" not in data:
        return False
    try:
        catalog = doc.pdf_catalog()
        if doc.xref_get_key(catalog, "Names/JavaScript")[0] != "null":
            return True
        for key in ("OpenAction", "AA"):
            if _action_is_script(doc, catalog, key):
                return True
        for page in doc:
            if _action_is_script(doc, page.xref, "AA"):
                return True
            for annot_xref in page.annot_xrefs():
                xref = annot_xref[0]
                if _action_is_script(doc, xref, "A") or _action_is_script(doc, xref, "AA"):
                    return True
        acroform = doc.xref_get_key(catalog, "AcroForm")
        if acroform[0] != "null" and "JavaScript" in acroform[1]:
            return True
    except (RuntimeError, ValueError):
        return True
    return False


def open_pdf(data: bytes, name: str) -> Any:
    """Open PDF bytes or raise a plain ``InputFileError``."""
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")  # type: ignore[no-untyped-call]
    except Exception as exc:  # pymupdf raises several types for damaged files
        raise InputFileError(f"{name} is a damaged PDF that cannot be opened") from exc
    if doc.needs_pass:
        doc.close()  # type: ignore[no-untyped-call]
        raise EncryptedDocumentError(f"{name} is password-protected: remove the password first")
    if doc.page_count == 0:
        doc.close()  # type: ignore[no-untyped-call]
        raise InputFileError(f"{name} is a PDF with no pages")
    return doc


def damaged(name: str) -> InputFileError:
    return InputFileError(
        f"{name} is damaged or incomplete (perhaps cut short while downloading), so some of "
        "its text cannot be read; it was not imported: download the report again"
    )


def read_pages(data: bytes, name: str, start: int, stop: int, *, words: bool = False) -> list[Page]:
    """Pages ``start`` to ``stop - 1`` (0-based) read into lines: one share of a large PDF's
    extraction (``services.split_ingest``; ``extract_pdf``'s ``pages``). A range whose text
    MuPDF reported errors for is refused as damaged, as the whole file would be."""
    with _collected(name) as messages, _collector_paused():
        doc = open_pdf(data, name)
        try:
            try:
                pages = [
                    _page(doc[index], words) for index in range(start, min(stop, doc.page_count))
                ]
            except Exception as exc:
                raise InputFileError(f"{name} is a damaged PDF: its text cannot be read") from exc
            if messages.errors:
                raise damaged(name)
        finally:
            doc.close()
    return pages


def page_count(data: bytes, name: str) -> int:
    doc = open_pdf(data, name)
    try:
        return int(doc.page_count)
    finally:
        doc.close()


def extract_pdf(
    data: bytes, name: str, pages: list[Page] | None = None, *, words: bool = False
) -> ExtractedText:
    """Canonical text of a PDF given as bytes; a damaged or incomplete PDF is refused.

    ``pages``: the file's pages already read (``read_pages`` over consecutive ranges, some in
    other processes, joined in page order); the result is the same as reading them here.
    ``words``: also make the word boxes (``ExtractedText.words``); the text is the same."""
    # The collector resumes once the pages read here are gone, so its first pass does not
    # walk all of them.
    with _collector_paused():
        return _extract(data, name, pages, words)


def _extract(data: bytes, name: str, pages: list[Page] | None, words: bool) -> ExtractedText:
    with _collected(name) as messages:
        doc = open_pdf(data, name)
        try:
            if pages is None:
                try:
                    pages = [_page(page, words) for page in doc]
                except Exception as exc:
                    raise InputFileError(
                        f"{name} is a damaged PDF: its text cannot be read"
                    ) from exc
            elif len(pages) != doc.page_count:
                raise ValueError("pages read in parts do not add up to the file's pages")
            # Cut short: MuPDF had to rebuild it and its end-of-file mark is missing.
            incomplete = doc.is_repaired and b"%%EOF" not in data[-1024:]
            if incomplete or messages.errors:
                raise damaged(name)
            has_js = _has_javascript(doc, data)
        finally:
            doc.close()
    warnings: tuple[str, ...] = ()
    if has_js:
        warnings = ("The PDF contains JavaScript; it was not run.",)
    extracted = layout_text(pages, has_javascript=has_js, warnings=warnings)
    if not extracted.text.strip():
        raise InputFileError(
            f"{name} has no text to read (it may be a scanned image without a text layer)"
        )
    return extracted
