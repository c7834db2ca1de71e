"""Which document the window shows after one goes to the bin (issue 11)."""

from __future__ import annotations

from shiny_review.ui.commands_documents import next_after


def test_the_next_document_else_the_one_before_else_none() -> None:
    assert next_after([1, 2, 3], 2) == 3
    assert next_after([1, 2, 3], 1) == 2
    assert next_after([1, 2, 3], 3) == 2  # the last of the list: the one before
    assert next_after([7], 7) is None
    assert next_after([4, 5], 9) == 4  # not listed: the first
    assert next_after([], 9) is None
