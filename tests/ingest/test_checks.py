"""Each self-check of the import, tripped by a letter built for it; a clean letter trips none."""

from __future__ import annotations

import pytest

from shiny_review.domain.entities import Judgement
from shiny_review.ingest import ingest_text
from shiny_review.ingest.structure.checks import run_checks
from shiny_review.ingest.structure.recommendations import SectionNotes
from tests.ingest.tripping import CLEAN, TRIPS


def test_a_clean_letter_trips_no_check() -> None:
    structure = ingest_text(CLEAN, "clean.txt").structure
    assert len(structure.recommendations) == 2
    assert structure.checks == ()


@pytest.mark.parametrize(("name", "text", "words"), TRIPS, ids=[t[0] for t in TRIPS])
def test_each_check_marks_the_letter_built_to_trip_it(name: str, text: str, words: str) -> None:
    checks = ingest_text(text, f"{name}.txt").structure.checks
    assert any(words in reason for reason in checks), (name, checks)


def test_a_judgement_without_a_grade_is_marked() -> None:
    checks = run_checks(
        (), [Judgement(area="Overall effectiveness", grade="")], SectionNotes([], []), False, True
    )
    assert checks == ("The judgement “Overall effectiveness” has no grade.",)
