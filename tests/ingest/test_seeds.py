"""The seed documents: the 2024 focused-visit letter, the council report, the news articles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from shiny_review.domain.entities import DocumentKind, RecommendationGroup
from shiny_review.ingest import ingest_file

LETTER_RECOMMENDATIONS = [
    "The effectiveness of management and independent reviewing officer (IRO) oversight in "
    "the progression of children's plans.",
    "The pace of discharging care orders for children where they are successfully reunified "
    "with their parents or secured with extended family members.",
    "The engagement of children in developing corporate parenting plans and priorities.",
]


def test_focused_visit_letter(seeds_dir: Path) -> None:
    doc = ingest_file(seeds_dir / "004_22c072df4b2967a1.txt")
    s = doc.structure
    assert s.kind == DocumentKind.FOCUSED_VISIT.value
    assert s.date == date(2024, 8, 30)
    assert s.authority == "Shropshire"
    assert (s.inspection_start, s.inspection_end) == (date(2024, 7, 30), date(2024, 7, 31))
    assert s.lead_inspector == "John Roughton"
    assert [r.text for r in s.recommendations] == LETTER_RECOMMENDATIONS
    for rec in s.recommendations:
        assert rec.group == RecommendationGroup.LOCAL_AUTHORITY.value
        assert rec.number is None and rec.nf_tag is None
        assert rec.start is not None and rec.end is not None
        assert doc.extracted.text[rec.start : rec.end] == rec.text


def test_council_report_gives_its_committee_recommendation(seeds_dir: Path) -> None:
    s = ingest_file(seeds_dir / "002_22c40f0643afc5fc.txt").structure
    assert s.kind == DocumentKind.COUNCIL_REPORT.value
    assert [(r.group, r.text) for r in s.recommendations] == [
        (
            RecommendationGroup.COMMITTEE.value,
            "Scrutiny is asked to note the attached report and approve that the report and "
            "action plan be considered at a future meeting.",
        )
    ]


@pytest.mark.parametrize(
    "name", ["000_0e2b6fefad07720f.txt", "001_e975e34d770d5a51.txt", "003_2fa747640fb74682.txt"]
)
def test_news_articles_have_no_recommendations(seeds_dir: Path, name: str) -> None:
    s = ingest_file(seeds_dir / name).structure
    assert s.kind == DocumentKind.NEWS_ARTICLE.value
    assert s.recommendations == ()
