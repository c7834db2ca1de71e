"""Building and finding anchors in canonical text.

Offsets are Python string indices (code points). Qt counts UTF-16 code units, so the
conversions below exist for the window: a character outside the Basic Multilingual Plane
is one index here and two in Qt.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from shiny_review.domain.entities import Anchor
from shiny_review.domain.errors import QuoteNotFoundError, ValidationError
from shiny_review.domain.structure import ExtractedText, Paragraph
from shiny_review.domain.utf16 import Utf16Map as Utf16Map  # re-exported (domain/utf16.py)

CONTEXT_CHARS = 32


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_anchor(
    text: str,
    start: int,
    end: int,
    *,
    page: int | None,
    paragraph: int | None,
    text_hash: str | None = None,
) -> Anchor:
    """The full selector bundle for ``text[start:end]``."""
    if not 0 <= start < end <= len(text):
        raise ValidationError(
            f"selection {start}-{end} is outside the document (length {len(text)})"
        )
    if not text[start:end].strip():
        raise ValidationError("the selection holds only white space")
    return Anchor(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
        page=page,
        paragraph=paragraph,
        content_hash=text_hash if text_hash is not None else content_hash(text),
    )


def anchor_at(
    extracted: ExtractedText, start: int, end: int, *, text_hash: str | None = None
) -> tuple[Anchor, Paragraph | None]:
    """The anchor of ``extracted.text[start:end]`` with its page and paragraph, and that
    paragraph (whose ``section`` an annotation records). The one recipe for a new highlight
    and for a highlight re-anchored in a new version of its document."""
    paragraph = extracted.paragraph_at(start)
    anchor = make_anchor(
        extracted.text,
        start,
        end,
        page=extracted.page_at(start),
        paragraph=paragraph.number if paragraph else None,
        text_hash=text_hash,
    )
    return anchor, paragraph


def _loose_pattern(quote: str) -> re.Pattern[str]:
    """Match a quote typed by a person: any run of white space, straight or curly quotes."""
    quote = unicodedata.normalize("NFC", quote.strip())
    parts: list[str] = []
    for ch in quote:
        if ch.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif ch in "'‘’":
            parts.append("['‘’]")
        elif ch in '"“”':
            parts.append('["“”]')
        elif ch in "-–—":
            parts.append("[-–—]")
        else:
            parts.append(re.escape(ch))
    return re.compile("".join(parts))


def find_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th (1-based) match of ``quote`` in ``text``."""
    if not quote.strip():
        raise ValidationError("the quote is empty")
    if occurrence < 1:
        raise ValidationError("--occurrence counts from 1")
    matches = list(_loose_pattern(quote).finditer(text))
    if not matches:
        raise QuoteNotFoundError(f"quote not found in the document: {quote[:60]!r}")
    if occurrence > len(matches):
        raise QuoteNotFoundError(
            f"the quote occurs {len(matches)} time(s); occurrence {occurrence} does not exist"
        )
    match = matches[occurrence - 1]
    return match.start(), match.end()


def utf16_offset(text: str, index: int) -> int:
    """Qt position (UTF-16 code units) of the Python index ``index`` in ``text``."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def python_offset(text: str, utf16_index: int) -> int:
    """Python index of the Qt position ``utf16_index`` in ``text``."""
    units = 0
    for i, ch in enumerate(text):
        if units >= utf16_index:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)
