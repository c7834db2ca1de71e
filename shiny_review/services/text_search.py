"""Finding words in documents' text: the patterns a search means and a fast matcher.

Case-insensitive; any run of white space in the query matches any other. Across the
workspace a match starts at the beginning of a word (the full-text index finds only those).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from shiny_review.domain.errors import ValidationError


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One match of a search, with its code-point offsets and a line of context."""

    document_id: int
    document_title: str
    start: int
    end: int
    page: int
    context: str
    document_label: str = ""  # "Shropshire · full inspection · Feb 2022" (domain.document_label)


def search_pattern(query: str) -> re.Pattern[str]:
    """Case-insensitive, any run of white space matches any other."""
    words = query.split()
    if not words:
        raise ValidationError("the search is empty")
    return re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)


def word_start_pattern(query: str) -> re.Pattern[str]:
    """``search_pattern``, but a match may not start inside a word."""
    pattern = search_pattern(query)
    if query.split()[0][0].isalnum():
        return re.compile(r"(?<![^\W_])" + pattern.pattern, re.IGNORECASE)
    return pattern


def _extra_cases() -> dict[str, str] | None:
    """Lower-case characters that match more than their own upper and lower case when a
    pattern ignores case ('s' and long s, 'i' and dotless i, the two Greek sigmas...), from
    the ``re`` module's own table; None on a Python without it."""
    try:
        from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    table: dict[int, tuple[int, ...]] = _EXTRA_CASES
    return {chr(k): "".join(map(chr, v)) for k, v in table.items()}


_EXTRA_CASES = _extra_cases()
_WORD_CHAR = re.compile(r"[^\W_]")


class Matcher:
    """Finds ``search_pattern(query)`` matches fast, with the same offsets.

    A case-insensitive pattern is tried at every character; searching the lower-cased text
    case-sensitively uses a fast substring search, and finds the same matches when
    lower-casing keeps every offset (no character grew), and each query character that has
    extra case forms (``_extra_cases``) matches all of them. Otherwise the exact pattern is
    used.
    """

    def __init__(self, query: str, *, word_start: bool) -> None:
        self.exact = word_start_pattern(query) if word_start else search_pattern(query)
        self.word_start = word_start and query.split()[0][0].isalnum()
        lowered = query.lower()
        self.fast: re.Pattern[str] | None = None
        # ``fast`` without the extra case forms, and those forms: a text that holds none of
        # them (most texts: they are long s, dotless i, Greek and old Cyrillic letters) is
        # searched for the plain lower-case words, which ``re`` finds by their literal prefix
        # instead of trying a character class at every position.
        self.plain: re.Pattern[str] | None = None
        self.forms = ""
        if _EXTRA_CASES is not None and len(lowered) == len(query):
            extra = _EXTRA_CASES
            words = [
                "".join(f"[{re.escape(c + extra[c])}]" if c in extra else re.escape(c) for c in w)
                for w in lowered.split()
            ]
            self.fast = re.compile(r"\s+".join(words))
            self.plain = re.compile(r"\s+".join(re.escape(w) for w in lowered.split()))
            self.forms = "".join(sorted({f for c in lowered if c in extra for f in extra[c]}))

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        lowered = text.lower() if self.fast is not None else ""
        if self.fast is None or len(lowered) != len(text):
            for found in self.exact.finditer(text):
                yield found.span()
            return
        fast = self.fast
        if self.plain is not None and not any(form in lowered for form in self.forms):
            fast = self.plain
        position = 0
        while (match := fast.search(lowered, position)) is not None:
            start = match.start()
            if self.word_start and start > 0 and _WORD_CHAR.match(lowered, start - 1):
                position = start + 1  # starts inside a word: look again just after
                continue
            yield start, match.end()
            position = match.end() if match.end() > start else start + 1
