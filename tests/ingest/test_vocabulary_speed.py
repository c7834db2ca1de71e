"""Vocabulary answers from a set, exactly as the whole-text search it replaces."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from shiny_review.ingest.normalise import _bounded_in, vocabulary

CHARS = "ab-'’ \n_1é"


def _search(text: str, word: str) -> bool:
    return re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text.lower()) is not None


@settings(max_examples=600, deadline=None)
@given(
    lines=st.lists(st.text(alphabet=CHARS + "AB", max_size=25), max_size=4),
    words=st.lists(st.text(alphabet=CHARS, max_size=6), min_size=1, max_size=6),
)
def test_membership_matches_the_search(lines: list[str], words: list[str]) -> None:
    vocab = vocabulary(lines)
    text = "\n".join(lines)
    for word in [*words, *words, *words]:  # past the first searches, the set answers
        assert (word in vocab) == _search(text, word), (lines, word)


def test_quotes_and_hyphens() -> None:
    vocab = vocabulary(["The child’s well-being", "co-operate 'quoted' re-"])
    for _ in range(8):
        assert "x" not in vocab  # the first lookups search; the rest use the set
    assert "child" in vocab and "s" in vocab and "child’s" in vocab
    assert "well-being" in vocab and "well" not in vocab and "being" not in vocab
    assert "quoted" in vocab and "re" not in vocab and "re-" in vocab


@settings(max_examples=600, deadline=None)
@given(text=st.text(alphabet=CHARS + "AB", max_size=40), word=st.text(alphabet=CHARS, max_size=5))
def test_search_by_find_matches_the_pattern(text: str, word: str) -> None:
    assert _bounded_in(text, word) == (
        re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text) is not None
    ), (text, word)
