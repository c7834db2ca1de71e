"""Entities: parsing of stances."""

from __future__ import annotations

import pytest

from shiny_review.domain.entities import Stance


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("supports progress", Stance.SUPPORTS_PROGRESS),
        ("SHOWS_CONCERN", Stance.SHOWS_CONCERN),
        ("shows-concern", Stance.SHOWS_CONCERN),
        (" Context ", Stance.CONTEXT),
    ],
)
def test_stance_parse(given: str, expected: Stance) -> None:
    assert Stance.parse(given) is expected


def test_unknown_stance_lists_choices() -> None:
    with pytest.raises(ValueError, match="supports progress"):
        Stance.parse("happy")
