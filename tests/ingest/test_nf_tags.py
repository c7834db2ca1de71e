"""National Framework tags parsed from every spelling."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shiny_review.domain.entities import NFTag
from shiny_review.ingest.structure.nf_tags import parse_nf_tag

WORDS = {1: "one", 2: "two", 3: "three", 4: "four"}
TITLES = {
    ("outcome", 1): "Children, young people and families stay together and get the help they need",
    ("outcome", 2): "Children and young people are supported by their family network",
    ("outcome", 3): "Children and young people are safe in and outside of their homes",
    ("outcome", 4): "Children in care and care leavers have stable, loving homes",
    ("enabler", 1): "Multi-agency working is prioritised and effective",
    ("enabler", 2): "Leaders drive conditions for effective practice",
    ("enabler", 3): "The workforce is equipped and effective",
}


@st.composite
def spellings(draw: st.DrawFn) -> tuple[str, NFTag]:
    kind = draw(st.sampled_from(["outcome", "enabler"]))
    number = draw(st.integers(1, 4 if kind == "outcome" else 3))
    num = draw(st.sampled_from([str(number), WORDS[number]]))
    word = draw(st.sampled_from([kind, kind.capitalize(), kind.upper()]))
    framework = draw(
        st.sampled_from(["national framework", "National Framework", "the national framework"])
    )
    form = draw(st.integers(0, 6))
    tag = [
        f"({word} {num}, {framework})",
        f"{word.capitalize()} {num}, {framework}",
        f"({framework}, {word} {num})",
        f"{word} {num}: {framework}",
        f"({word} {num})",
        f"{word} {num}",
        f"({framework}: {word} {num})",
    ][form]
    end = draw(st.sampled_from(["", ".", " "]))
    text = f"The quality of planning for children in need. {tag}{end}"
    return text, NFTag(kind=kind, number=number)


@settings(max_examples=200)
@given(spellings())
def test_every_spelling_normalises(case: tuple[str, NFTag]) -> None:
    text, tag = case
    assert parse_nf_tag(text) == tag


@pytest.mark.parametrize(("key", "title"), list(TITLES.items()))
def test_named_by_title(key: tuple[str, int], title: str) -> None:
    text = f"Sufficiency of homes. ({key[0].capitalize()}: {title}, national framework)"
    assert parse_nf_tag(text) == NFTag(kind=key[0], number=key[1])


@pytest.mark.parametrize(
    "text",
    [
        "The quality of planning for children.",
        "Improve outcomes for children in care.",
        "Ensure that 3 outcomes are reviewed by the board in its annual report to members.",
    ],
)
def test_no_tag(text: str) -> None:
    assert parse_nf_tag(text) is None
