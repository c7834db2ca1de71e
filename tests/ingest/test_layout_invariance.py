"""Extraction does not depend on layout: page breaks, running headers, columns, hyphens."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from shiny_review.domain.structure import IngestedDocument
from shiny_review.ingest import ingest_file
from tests.ingest.pdf_builder import (
    RECOMMENDATIONS,
    TITLE,
    Layout,
    build_letter,
    numbered_paragraphs,
)


def _ingest(tmp: Path, layout: Layout) -> IngestedDocument:
    path = tmp / "letter.pdf"
    path.write_bytes(build_letter(layout))
    return ingest_file(path)


def _check(doc: IngestedDocument) -> None:
    recs = doc.structure.recommendations
    assert [r.text for r in recs] == list(RECOMMENDATIONS)
    assert [r.nf_tag.number if r.nf_tag else None for r in recs] == [4, 2, 3, 2]
    text = doc.extracted.text
    if doc.extracted.page_count >= 2:  # one page has no *running* header to detect
        assert text.count(TITLE) == 1
        assert "4 to 15 March 2024" not in text.replace("Inspection dates: 4 to 15 March 2024", "")
    numbered = [p for p in doc.extracted.paragraphs if p.number is not None]
    expected = numbered_paragraphs()
    assert [p.number for p in numbered] == list(range(1, len(expected) + 1))
    for para in numbered:
        body = text[para.start : para.end].split(". ", 1)[1]
        assert body == expected[para.number - 1]  # type: ignore[operator]
        assert para.section == "The experiences and progress of children in care"
    assert doc.structure.lead_inspector == "Jane Example"


def test_plain_layout(tmp_path: Path) -> None:
    _check(_ingest(tmp_path, Layout()))


def test_page_break_inside_a_recommendation(tmp_path: Path) -> None:
    doc = _ingest(tmp_path, Layout(break_after=(1, 1), running=True))
    rec = doc.structure.recommendations[1]
    assert rec.page == 1
    assert rec.start is not None and rec.end is not None
    assert doc.extracted.page_at(rec.end - 1) == 2
    _check(doc)


def test_running_headers_two_columns_and_hyphens(tmp_path: Path) -> None:
    _check(_ingest(tmp_path, Layout(columns=2, running=True, hyphenate=True, bottom=520.0)))


@settings(max_examples=12, deadline=None)
# Found by hypothesis: the first recommendation starts in the right-hand column and a page
# break puts its last line, "(outcome 4, national framework)", at the item's indent in the
# left-hand column of the next page; measured from the right-hand column's left edge it was
# not at the indent, so the line started a paragraph of its own.
@example(columns=2, running=False, hyphenate=True, size=10.0, bottom=300.0, break_after=(0, 2))
@given(
    columns=st.sampled_from([1, 2]),
    running=st.booleans(),
    hyphenate=st.booleans(),
    size=st.sampled_from([10.0, 11.0, 12.0]),
    bottom=st.floats(min_value=300.0, max_value=780.0),
    break_after=st.one_of(
        st.none(), st.tuples(st.integers(0, len(RECOMMENDATIONS) - 1), st.integers(0, 2))
    ),
)
def test_extraction_is_layout_invariant(
    tmp_path_factory: object,
    columns: int,
    running: bool,
    hyphenate: bool,
    size: float,
    bottom: float,
    break_after: tuple[int, int] | None,
) -> None:
    layout = Layout(columns, running, hyphenate, size, bottom, break_after)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        _check(_ingest(Path(tmp), layout))
