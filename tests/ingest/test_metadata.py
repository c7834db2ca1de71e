"""Date phrases, names and grades parse the same way whatever the report's style."""

from __future__ import annotations

from datetime import date

import pytest

from shiny_review.ingest import ingest_text
from shiny_review.ingest.normalise import join_lines, vocabulary
from shiny_review.ingest.structure.judgements import normalise_grade
from shiny_review.ingest.structure.metadata import clean_name, parse_dates


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("4 to 15 March 2024", date(2024, 3, 4), date(2024, 3, 15)),
        ("18 Feb 2014 – 12 March 2014", date(2014, 2, 18), date(2014, 3, 12)),
        ("1/06/2015 – 25/06/2015", date(2015, 6, 1), date(2015, 6, 25)),
        ("21 November to 2 December 2022", date(2022, 11, 21), date(2022, 12, 2)),
        ("30 and 31 July 2024", date(2024, 7, 30), date(2024, 7, 31)),
        ("11th September 2017 to 5th October 2017", date(2017, 9, 11), date(2017, 10, 5)),
        ("2 to 6 May 2016 and 16 to 20 May 2016", date(2016, 5, 2), date(2016, 5, 20)),
        ("7 to 11 February and 21 to 25 February 2022", date(2022, 2, 7), date(2022, 2, 25)),
    ],
)
def test_date_ranges(phrase: str, start: date, end: date) -> None:
    found = parse_dates(phrase)
    assert (min(found), max(found)) == (start, end)


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Amanda Maxwell, His Majesty’s Inspector", "Amanda Maxwell"),
        ("Louise Warren HMI", "Louise Warren"),
        ("Caroline Walsh Her Majesty’s Inspector", "Caroline Walsh"),
        ("Ms Jane Doe (Ofsted Inspector)", "Jane Doe"),
    ],
)
def test_inspector_titles_removed(raw: str, name: str) -> None:
    assert clean_name(raw) == name


def test_grades_capitalised_like_a_sentence() -> None:
    assert normalise_grade("Requires Improvement") == "Requires improvement"
    assert normalise_grade("require improvement to be good") == "Requires improvement to be good"


def test_hyphen_rules() -> None:
    vocab = vocabulary(["the report was written", "decision-making is good"])
    assert join_lines("timely decision-", "making", vocab) == "timely decision-making"
    assert join_lines("the re-", "port", vocab) == "the report"
    assert join_lines("homeless 16-", "and 17-year-olds", vocab) == "homeless 16- and 17-year-olds"
    assert join_lines("pre-", "proceedings", vocab) == "pre-proceedings"


def test_monitoring_letter_previous_areas() -> None:
    text = (
        "Monitoring visit to Exampleshire children’s services\n\n"
        "This letter summarises the findings of the monitoring visit to Exampleshire "
        "children’s services on 3 and 4 June 2025.\n\n"
        "Areas covered by the visit\n\n"
        "Inspectors reviewed the progress made in the following areas of concern identified "
        "at the last inspection:\n\n"
        "- The quality of assessments.\n"
        "- Management oversight of children in need.\n\n"
        "Yours sincerely\n\nJane Example\nHis Majesty’s Inspector\n"
    )
    s = ingest_text(text, "letter.txt").structure
    assert s.kind == "monitoring visit"
    assert [(r.group, r.text) for r in s.recommendations] == [
        ("previous inspection", "The quality of assessments."),
        ("previous inspection", "Management oversight of children in need."),
    ]
    assert s.inspection_start == date(2025, 6, 3)
    assert s.lead_inspector == "Jane Example"
    assert s.authority == "Exampleshire"
