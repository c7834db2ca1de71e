"""Exact re-anchoring only in the same context; the same words elsewhere need review."""

from __future__ import annotations

from shiny_review.domain.anchoring import make_anchor
from shiny_review.domain.entities import Anchor, AnchorStatus
from shiny_review.services.reanchoring import reanchor

JUDGEMENTS = (
    "Judgements\n"
    "The impact of leaders on social work practice with children and families: {leaders}\n"
    "The experiences and progress of children who need help and protection: {help}\n"
    "The experiences and progress of children in care: {care}\n"
    "Main findings\n"
)
OLD = JUDGEMENTS.format(leaders="Inadequate", help="Inadequate", care="Good")


def _anchor_on_help() -> tuple[int, Anchor]:
    start = OLD.index("protection: Inadequate") + len("protection: ")
    return start, make_anchor(OLD, start, start + len("Inadequate"), page=1, paragraph=3)


def test_the_same_words_under_another_judgement_are_not_exact() -> None:
    _, anchor = _anchor_on_help()
    new = JUDGEMENTS.format(leaders="Inadequate", help="Requires improvement", care="Good")
    placement = reanchor(anchor, new)
    assert new[placement.start : placement.end] == "Inadequate"  # the leaders' one
    assert placement.status is AnchorStatus.NEEDS_REVIEW


def test_the_same_words_in_the_same_context_are_exact_even_when_moved() -> None:
    start, anchor = _anchor_on_help()
    new = "Summary added at the top of the new version.\n" + OLD
    placement = reanchor(anchor, new)
    shift = len("Summary added at the top of the new version.\n")
    assert (placement.start, placement.status) == (start + shift, AnchorStatus.EXACT)


def test_a_small_edit_beside_the_quote_still_agrees() -> None:
    _, anchor = _anchor_on_help()
    new = OLD.replace("children who need help", "children who needs help")
    placement = reanchor(anchor, new)
    assert placement.status is AnchorStatus.EXACT
    assert new[placement.start : placement.end] == "Inadequate"


def test_of_two_places_with_the_same_context_the_nearest_is_chosen() -> None:
    line = "Leaders should act: ensure that plans are reviewed on time.\n"
    old = line * 3
    second = len(line) + old[len(line) :].index("plans")
    anchor = make_anchor(old, second, second + len("plans"), page=1, paragraph=2)
    placement = reanchor(anchor, old)
    assert placement.start == second  # not the first of the three


def test_a_fuzzy_match_in_another_context_needs_review() -> None:
    quote = "the quality of supervision for social workers is weak and too often inconsistent"
    old = f"Help and protection findings: {quote}\nChildren in care: none.\n"
    start = old.index(quote)
    anchor = make_anchor(old, start, start + len(quote), page=1, paragraph=1)
    changed = quote.replace("weak", "poor")  # the words themselves changed a little
    new = f"Zeta heading, wholly unlike the old one: {changed}\nChildren in care: none.\n"
    placement = reanchor(anchor, new)
    assert new[placement.start : placement.end] == changed
    assert placement.status is AnchorStatus.NEEDS_REVIEW  # the text before it disagrees
    same_place = f"Help and protection findings: {changed}\nChildren in care: none.\n"
    assert reanchor(anchor, same_place).status is AnchorStatus.FUZZY
