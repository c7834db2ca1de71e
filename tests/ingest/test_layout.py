"""Column and page geometry in ``layout_blocks``: a list item carried across a page break
from the last column of one page to the first column of the next, on lines made here."""

from __future__ import annotations

from shiny_review.ingest.layout import Line, Page, layout_blocks

LEFT, RIGHT, INDENT = 72.0, 310.0, 18.0


def _line(text: str, x: float, row: int) -> Line:
    """A 10 pt body line at ``x``, ``row`` lines down from the top of the text area."""
    y = 80.0 + 13.0 * row
    return Line(text, x, y, x + 5.0 * len(text), y + 11.0, 10.0, False, x)


def _first_page() -> Page:
    """Body text fills the left-hand column; a bullet item starts at the top of the right
    and ends a sentence at the foot of the page."""
    lines = [_line(f"Body line {k} of the letter, which ends here.", LEFT, k) for k in range(16)]
    lines.append(_line("•", RIGHT, 0))
    lines.append(_line("The first item ends its first sentence here.", RIGHT + INDENT, 0))
    return Page(595.0, 842.0, tuple(lines))


def _page(*lines: Line) -> Page:
    return Page(595.0, 842.0, lines)


def _texts(pages: list[Page]) -> list[tuple[bool, str]]:
    return [(block.bullet, block.text) for block in layout_blocks(pages)]


def test_an_item_goes_on_at_its_indent_in_the_first_column_of_the_next_page() -> None:
    second = _page(
        _line("(outcome 4, national framework)", LEFT + INDENT, 0),
        _line("•", LEFT, 2),
        _line("The second item.", LEFT + INDENT, 2),
    )
    assert _texts([_first_page(), second])[1:] == [
        (True, "The first item ends its first sentence here. (outcome 4, national framework)"),
        (True, "The second item."),
    ]


def test_a_paragraph_at_the_left_edge_of_the_next_page_is_not_part_of_the_item() -> None:
    second = _page(
        _line("A paragraph of its own starts the page.", LEFT, 0),
        _line("It has a second line.", LEFT, 1),
    )
    assert _texts([_first_page(), second])[1:] == [
        (True, "The first item ends its first sentence here."),
        (False, "A paragraph of its own starts the page. It has a second line."),
    ]


def test_an_item_that_fills_the_next_page_s_first_column_goes_on_into_its_second() -> None:
    # No line of the first column sits at its left edge: the item's indent placed it.
    lines = [_line(f"Sentence {k} carries the item on.", LEFT + INDENT, k) for k in range(16)]
    second = _page(
        *lines,
        _line("(outcome 4, national framework)", RIGHT + INDENT, 0),
        _line("•", RIGHT, 2),
        _line("The second item.", RIGHT + INDENT, 2),
    )
    blocks = _texts([_first_page(), second])[1:]
    assert [bullet for bullet, _ in blocks] == [True, True]
    assert blocks[0][1].startswith("The first item ends its first sentence here. Sentence 0")
    assert blocks[0][1].endswith("Sentence 15 carries the item on. (outcome 4, national framework)")
    assert blocks[1][1] == "The second item."
