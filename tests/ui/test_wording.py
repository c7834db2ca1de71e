"""Counts read as English: "1 passage in 1 document", never "1 passages in 1 documents"."""

from __future__ import annotations

from shiny_review.ui.wording import plural


def test_plural() -> None:
    assert plural(0, "passage") == "0 passages"
    assert plural(1, "passage") == "1 passage"
    assert plural(2, "document") == "2 documents"
    assert plural(1, "match", "matches") == "1 match"
    assert plural(3, "match", "matches") == "3 matches"
