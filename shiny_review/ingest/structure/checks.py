"""Self-checks run on every imported document: where the rules may be wrong, say so.

Each failed check is one plain sentence; the document is then marked "check the
recommendations" until an officer confirms it. The checks read only what detection already
found (no second pass over the text).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from shiny_review.domain.entities import Judgement
from shiny_review.domain.structure import ExtractedRecommendation
from shiny_review.ingest.structure.recommendations import SectionNotes

MAX_WORDS = 120
_HEADING_INSIDE = re.compile(
    r"\b(?:what needs to improve|what does (?:the )?\w+(?: \w+)? need to improve"
    r"|areas for priority action|priority and immediate action"
    r"|inspection judgements?|summary of findings|information about this)\b",
    re.IGNORECASE,
)


def _numbering(recs: Sequence[ExtractedRecommendation]) -> list[str]:
    out: list[str] = []
    previous: ExtractedRecommendation | None = None
    for rec in recs:
        if rec.number is None:
            previous = None
            continue
        if previous is not None and previous.number is not None and previous.group == rec.group:
            a, b = previous.number, rec.number
            if a.isdigit() and b.isdigit():
                step = int(b) - int(a)
            elif len(a) == 1 and len(b) == 1 and a.isalpha() and b.isalpha():
                step = ord(b) - ord(a)
            else:
                step = 1
            if step == 0:
                out.append(f"Recommendation number {b} is printed twice.")
            elif step != 1:
                out.append(f"Recommendation numbering jumps from {a} to {b}.")
        previous = rec
    return out


def _item_problems(recs: Sequence[ExtractedRecommendation]) -> list[str]:
    out: list[str] = []
    for position, rec in enumerate(recs, start=1):
        label = rec.number or str(position)
        words = len(rec.text.split())
        if words > MAX_WORDS:
            out.append(f"Recommendation {label} is {words} words long (over {MAX_WORDS}).")
        if _HEADING_INSIDE.search(rec.text):
            out.append(f"Recommendation {label} contains a heading.")
    return out


def run_checks(
    recommendations: Sequence[ExtractedRecommendation],
    judgements: Sequence[Judgement],
    notes: SectionNotes,
    expects_recommendations: bool,
    expects_judgements: bool,
) -> tuple[str, ...]:
    """Every failed self-check, as a sentence an officer can act on."""
    out = _numbering(recommendations) + _item_problems(recommendations)
    for heading in notes.empty_headings:
        out.append(f"The heading \u201c{heading}\u201d was found with no items under it.")
    for heading, stated, found in notes.stated_counts:
        out.append(
            f"The report states {stated} items under \u201c{heading}\u201d; {found} were found."
        )
    if expects_recommendations and not recommendations:
        out.append("No recommendations were found in this report.")
    for judgement in judgements:
        if not judgement.grade.strip():
            out.append(f"The judgement \u201c{judgement.area}\u201d has no grade.")
    if expects_judgements and not judgements:
        out.append("No judgements were found in this inspection report.")
    return tuple(dict.fromkeys(out))
