"""The 94 wide-corpus reports: a score per field against what every report must give.

Per report: a kind other than "other", a canonical authority (one in the bundled list),
the inspection dates and the lead inspector (equal to the scraper's where it has them),
judgements that agree with the scraper's row, and at least one recommendation. Where the
scraper is wrong, ``data/wide_notes.json`` says why, per report and field (read from the PDF).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from shiny_review.domain.structure import IngestedDocument
from shiny_review.ingest.authorities import authorities

FIELDS = ("kind", "authority", "dates", "lead_inspector", "judgements", "recommendations")
NOTES = Path(__file__).parent / "data" / "wide_notes.json"
_SCRAPER_AREAS = {
    "overall_effectiveness_grade": re.compile(r"overall", re.IGNORECASE),
    "impact_of_leaders_grade": re.compile(r"leaders|leadership", re.IGNORECASE),
    "help_and_protection_grade": re.compile(r"help and protection", re.IGNORECASE),
    "in_care_grade": re.compile(r"children in care|looked after", re.IGNORECASE),
    "care_leavers_grade": re.compile(r"care leavers", re.IGNORECASE),
}
_NOT_A_REPORT = {"other", "news article", "council report"}
_NO_GRADE = {
    "",
    "data_unreadable",
    "inspection_pre_dates_judgement",
    "not_applicable",
    "not_reported_post_reform",
}


def _day(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return None


def _name(text: str) -> str:
    return re.sub(r"\s*-\s*", "-", text).lower()


def _grade(text: str) -> str:
    text = text.lower().replace("_", " ").strip()
    return "requires improvement" if text.startswith("requires improvement") else text


def _judgement_problems(doc: IngestedDocument, row: dict[str, str]) -> list[str]:
    s = doc.structure
    grades = [(j.area, j.grade) for j in s.judgements]
    if s.overall:
        grades.append(("Overall effectiveness", s.overall))
    problems = []
    for column, pattern in _SCRAPER_AREAS.items():
        want = row.get(column, "")
        if want in _NO_GRADE:
            continue
        got = [g for area, g in grades if pattern.search(area)]
        if column == "in_care_grade":  # "children in care and care leavers" is one area
            got = got[:1]
        if not got or _grade(got[0]) != _grade(want):
            problems.append(f"{column}: scraper {want!r}, got {got[:1]!r}")
    return problems


def score(doc: IngestedDocument, row: dict[str, str], canonical: set[str]) -> dict[str, str]:
    """{field: problem} for one report (empty when every field holds)."""
    s = doc.structure
    problems: dict[str, str] = {}
    if s.kind in _NOT_A_REPORT:
        problems["kind"] = f"kind is {s.kind}"
    if s.authority not in canonical:
        problems["authority"] = f"not canonical: {s.authority!r}"
    start, end = _day(row["inspection_start_date"]), _day(row["inspection_end_date"])
    if s.inspection_start is None or s.inspection_end is None:
        problems["dates"] = "no inspection dates"
    elif start and end and (s.inspection_start, s.inspection_end) != (start, end):
        problems["dates"] = f"scraper {start}..{end}, got {s.inspection_start}..{s.inspection_end}"
    if not s.lead_inspector:
        problems["lead_inspector"] = "no lead inspector"
    elif row["inspector_name"] and _name(row["inspector_name"]) != _name(s.lead_inspector):
        problems["lead_inspector"] = f"scraper {row['inspector_name']!r}, got {s.lead_inspector!r}"
    judged = _judgement_problems(doc, row)
    if judged:
        problems["judgements"] = "; ".join(judged)
    if not s.recommendations:
        problems["recommendations"] = "no recommendations"
    return problems


@pytest.fixture(scope="module")
def manifest(wide_dir: Path) -> dict[str, dict[str, str]]:
    rows = json.loads((wide_dir / "manifest.json").read_text("utf-8"))
    return {row["file"]: row["scraper"] for row in rows}


def test_wide_corpus_score(
    wide_docs: dict[str, IngestedDocument], manifest: dict[str, dict[str, str]]
) -> None:
    """Prints the per-field score; a miss must be explained in wide_notes.json."""
    notes: dict[str, dict[str, str]] = json.loads(NOTES.read_text("utf-8"))
    canonical = {a.name for a in authorities()}
    counts = dict.fromkeys(FIELDS, 0)
    unexplained: list[str] = []
    for name, doc in sorted(wide_docs.items()):
        problems = score(doc, manifest[name], canonical)
        for field in FIELDS:
            if field not in problems:
                counts[field] += 1
            elif field not in notes.get(name, {}):
                unexplained.append(f"{name}: {field}: {problems[field]}")
    total = len(wide_docs)
    print(
        f"\nwide corpus ({total} reports): " + ", ".join(f"{f} {counts[f]}/{total}" for f in FIELDS)
    )
    print("\n".join(unexplained))
    assert total == len(manifest) == 94
    assert not unexplained, "\n".join(unexplained)


def test_notes_name_real_misses(
    wide_docs: dict[str, IngestedDocument], manifest: dict[str, dict[str, str]]
) -> None:
    """A note that no longer explains a miss (the import got it right) is removed."""
    notes: dict[str, dict[str, str]] = json.loads(NOTES.read_text("utf-8"))
    canonical = {a.name for a in authorities()}
    for name, fields in notes.items():
        problems = score(wide_docs[name], manifest[name], canonical)
        for field in fields:
            assert field in problems, f"{name}: {field} is right now: drop its note"
