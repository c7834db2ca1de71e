"""The fast search matcher finds exactly what the case-insensitive pattern finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shiny_review.services.text_search import Matcher, search_pattern, word_start_pattern

ALPHABET = "aAbBsSſıiIİkKK σςΣµμΜ\n\t-’é1_ﬅﬆt"
texts = st.text(alphabet=ALPHABET, max_size=60)
queries = st.text(alphabet=ALPHABET, min_size=1, max_size=6).filter(lambda q: q.split() != [])


@settings(max_examples=1500, deadline=None)
@given(text=texts, query=queries)
def test_same_spans_as_the_exact_pattern(text: str, query: str) -> None:
    anywhere = [m.span() for m in search_pattern(query).finditer(text)]
    assert list(Matcher(query, word_start=False).spans(text)) == anywhere
    word_starts = [m.span() for m in word_start_pattern(query).finditer(text)]
    assert list(Matcher(query, word_start=True).spans(text)) == word_starts


def test_plain_english_takes_the_fast_path() -> None:
    matcher = Matcher("Kinship  carers", word_start=True)
    assert matcher.fast is not None
    text = "The kinship carers’ and KINSHIP\ncarers; akinship carers."
    assert list(matcher.spans(text)) == [(4, 18), (24, 38)]


def test_extra_case_forms_are_tried_only_in_texts_that_hold_them() -> None:
    matcher = Matcher("Supervision", word_start=True)
    assert matcher.forms == "ıſ"  # dotless i, long s
    assert list(matcher.spans("supervision and SUPERVISION")) == [(0, 11), (16, 27)]
    assert list(matcher.spans("ſupervision and Supervision")) == [(0, 11), (16, 27)]
