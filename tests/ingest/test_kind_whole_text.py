"""The kind read from the whole text (council report, news article, other) is the same when
the text is lower-cased once and searched case-sensitively."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shiny_review.domain.entities import DocumentKind
from shiny_review.ingest.structure import kind
from shiny_review.ingest.structure.kind import detect_kind


def _plain_tail(text: str) -> DocumentKind:
    """The whole-text tests as first written: each case-insensitive pattern over the text."""
    if len(kind._COUNCIL.findall(text)) >= 2:
        return DocumentKind.COUNCIL_REPORT
    if kind._OFSTED_LETTER.search(text) and len(kind._NEWS.findall(text)) >= 2:
        return DocumentKind.NEWS_ARTICLE
    return DocumentKind.OTHER


_PIECES = st.sampled_from(
    [
        "Responsible Officer",
        "portfolio holder",
        "CABINET MEMBER",
        "background papers",
        "Scrutiny Committee",
        "committee is asked",
        "Committee are recommended",
        "is asked to note",
        "report author",
        "Date of Meeting",
        "recommendations to council",
        "recommendation to Cabinet",
        "Ofsted",
        "His Majesty’s Inspector",
        "her majesty's inspector",
        "said",
        "SAYS",
        "told",
        "Added",
        "saidx",
        "xsaid",
        " ",
        "\n",
        ".",
        "-",
        "_",
        "1",
        "ſaid",
        "ıs asked to note",
        "İs asked to note",
        "K",
        "ofſted",
        "sCRUTINY",
        "é",
        "ß",
        "Σ",
        "the",
        "council",
    ]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_whole_text_kind_as_the_case_insensitive_patterns_find_it(text: str) -> None:
    # Past the opening's tests (an empty opening asks none of them) the tail decides.
    padded = " " * kind._OPENING + text
    assert detect_kind(padded)[0] == _plain_tail(padded), text


def test_the_patterns_are_written_in_lower_case() -> None:
    for pattern in (kind._COUNCIL, kind._OFSTED_LETTER, kind._NEWS):
        assert pattern.pattern == pattern.pattern.lower()


def test_the_other_forms_are_those_re_matches_to_ascii_letters() -> None:
    try:
        from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found,unused-ignore]
    except ImportError:  # another Python: nothing to compare with
        return
    ascii_forms = {chr(f) for k, v in _EXTRA_CASES.items() if chr(k).isascii() for f in v}
    assert ascii_forms == set(kind._OTHER_FORMS)
