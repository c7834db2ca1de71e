"""Anchors: the selector bundle, finding quotes, and UTF-16 conversions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shiny_review.domain.anchoring import (
    CONTEXT_CHARS,
    Utf16Map,
    find_quote,
    make_anchor,
    python_offset,
    utf16_offset,
)
from shiny_review.domain.errors import QuoteNotFoundError, ValidationError


def test_anchor_holds_quote_context_and_offsets() -> None:
    text = "x" * 50 + "the quote" + "y" * 50
    anchor = make_anchor(text, 50, 59, page=2, paragraph=7)
    assert anchor.exact == "the quote"
    assert anchor.prefix == "x" * CONTEXT_CHARS
    assert anchor.suffix == "y" * CONTEXT_CHARS
    assert (anchor.start, anchor.end, anchor.page, anchor.paragraph) == (50, 59, 2, 7)
    assert len(anchor.content_hash) == 64


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (3, 3), (0, 999), (5, 2)])
def test_anchor_outside_text_is_refused(start: int, end: int) -> None:
    with pytest.raises(ValidationError):
        make_anchor("some text here", start, end, page=1, paragraph=None)


def test_blank_selection_is_refused() -> None:
    with pytest.raises(ValidationError, match="white space"):
        make_anchor("a    b", 1, 4, page=1, paragraph=None)


def test_find_quote_tolerates_spacing_and_curly_quotes() -> None:
    text = "The child’s   plan\nwas reviewed. The child's plan was late."
    assert find_quote(text, "child's plan was") == (4, 22)
    assert find_quote(text, "child's plan", occurrence=2) == (37, 49)


def test_find_quote_errors() -> None:
    with pytest.raises(QuoteNotFoundError):
        find_quote("abc", "zzz")
    with pytest.raises(QuoteNotFoundError, match="occurs 1 time"):
        find_quote("abc abc", "abc abc", occurrence=2)
    with pytest.raises(ValidationError):
        find_quote("abc", "   ")


def test_non_bmp_character_before_highlight_does_not_shift_it() -> None:
    text = "Note 😀 𝒜 then the passage we want."
    start = text.index("passage")
    mapping = Utf16Map(text)
    qt_start = mapping.to_utf16(start)
    assert qt_start == start + 2  # two astral characters, two extra UTF-16 units
    assert mapping.to_python(qt_start) == start
    assert text.encode("utf-16-le")[qt_start * 2 :].decode("utf-16-le").startswith("passage")


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_utf16_round_trip(text: str) -> None:
    mapping = Utf16Map(text)
    for i in range(len(text) + 1):
        position = mapping.to_utf16(i)
        assert position == utf16_offset(text, i) == len(text[:i].encode("utf-16-le")) // 2
        assert mapping.to_python(position) == i == python_offset(text, position)
