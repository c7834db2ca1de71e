"""Formula neutralising for spreadsheet cells."""

from __future__ import annotations

import pytest

from shiny_review.domain.cell_safety import neutralise


@pytest.mark.parametrize("value", ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx", "\nx"])
def test_formula_triggers_are_neutralised(value: str) -> None:
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["", "plain", "children’s “voice” – é £", "1+1"])
def test_other_text_is_unchanged(value: str) -> None:
    assert neutralise(value) == value
