"""Deadline rules as data: the bundled rules parse; which letters get which deadline; none."""

from __future__ import annotations

import datetime as dt

import pytest

from shiny_review.domain.board_report import NO_AREA, judgement_area
from shiny_review.domain.deadlines import LetterFacts, letter_deadlines, parse_rules
from shiny_review.domain.working_days import add_working_days
from shiny_review.runtime.resources import resource_path
from tests.domain.test_working_days import BANK_HOLIDAYS

D = dt.date
RULES = parse_rules(resource_path("rules", "deadline_rules.toml").read_text("utf-8"))


def facts(kind: str, *, grades: tuple[str, ...] = ("Good",), priority: bool = False, **kw):
    return LetterFacts(1, "Letter", kind, kw.get("received"), grades, priority, kw.get("end"))


def test_every_rule_names_its_source() -> None:
    assert {r.id for r in RULES} >= {"action_plan", "written_statement_inadequate"}
    assert all(r.source and r.working_days > 0 for r in RULES)


def test_a_full_inspection_gets_its_action_plan_in_70_working_days() -> None:
    (d,) = letter_deadlines(
        facts("full inspection", received=D(2022, 3, 25)), RULES, BANK_HOLIDAYS, D(2022, 7, 1)
    )
    assert (d.rule_id, d.due) == ("action_plan", D(2022, 7, 8))  # worked by hand
    assert d.working_days_left == 5  # 4, 5, 6, 7, 8 July


def test_inadequate_adds_the_written_statement_and_priority_actions_their_plan() -> None:
    found = letter_deadlines(
        facts("full inspection", grades=("Inadequate",), priority=True, received=D(2023, 4, 27)),
        RULES,
        BANK_HOLIDAYS,
        D(2023, 5, 2),
    )
    ids = [d.rule_id for d in found]
    assert ids == ["written_statement_inadequate", "priority_action_plan"]
    # 20 working days from Thu 27 Apr 2023: 28 Apr (1), 2-5 May (5; 1 May bank holiday),
    # 9-12 May (9; 8 May coronation), 15-19 (14), 22-26 (19), 30 May (20; 29 May holiday).
    assert found[1].due == D(2023, 5, 30)
    assert found[0].due == add_working_days(D(2023, 4, 27), 70, BANK_HOLIDAYS)


def test_a_letter_without_a_date_counts_from_the_inspections_last_day() -> None:
    (d,) = letter_deadlines(
        facts("full inspection", end=D(2022, 2, 11)), RULES, BANK_HOLIDAYS, D(2022, 5, 25)
    )
    # Fri 11 Feb 2022 + 70 working days, counted by hand: Wed 25 May 2022.
    assert d.due == D(2022, 5, 25)
    assert d.working_days_left == 0
    assert "inspection's last day" in d.title


@pytest.mark.parametrize("kind", ["monitoring visit", "council report", "news article"])
def test_no_rule_shows_none(kind: str) -> None:
    (d,) = letter_deadlines(
        facts(kind, received=D(2024, 1, 5)), RULES, BANK_HOLIDAYS, D(2024, 2, 1)
    )
    assert d.rule_id is None and d.due is None and d.title.startswith("none")


def test_judgement_area_proposal() -> None:
    areas = [
        "The impact of leaders on social work practice with children and families",
        "The experiences and progress of children who need help and protection",
        "The experiences and progress of children in care and care leavers",
        "Overall effectiveness",
    ]
    assert judgement_area("The sufficiency of local placement options.", areas) == areas[2]
    assert judgement_area("The pre-proceedings stage of the PLO", areas) == areas[1]
    assert judgement_area("Quality of supervision", areas) == areas[0]
    assert judgement_area("Something unrelated entirely", areas) == NO_AREA
