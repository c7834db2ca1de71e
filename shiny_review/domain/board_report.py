"""The improvement-board report as plain rows: what the XLSX and the PDF writers print.

Built by services (services/action_plan.py) from the workspace; the writers never read the
workspace themselves, so every text they print is one of these strings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from shiny_review.domain.action_plan import Action, ProgressUpdate, Rag
from shiny_review.domain.deadlines import Deadline

NO_AREA = "Not matched to a judgement area"
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "to",
        "for",
        "in",
        "on",
        "with",
        "who",
        "need",
        "needs",
        "children",
        "children's",
        "their",
        "its",
        "is",
        "are",
        "be",
        "by",
        "at",
        "from",
        "that",
        "this",
        "as",
        "or",
        "into",
    ]
)


# Words of social-work practice that point to a judgement area's own words (a recommendation
# about placements is about children in care, one about the PLO about help and protection).
AREA_HINTS = {
    "placement": "care",
    "placements": "care",
    "sufficiency": "care",
    "foster": "care",
    "fostering": "care",
    "permanence": "care",
    "adoption": "care",
    "leavers": "care",
    "plo": "protection",
    "proceedings": "protection",
    "conference": "protection",
    "conferences": "protection",
    "harm": "protection",
    "exploitation": "protection",
    "strategy": "protection",
    "leaders": "leaders",
    "leadership": "leaders",
    "supervision": "leaders",
    "workforce": "leaders",
    "oversight": "leaders",
    "audit": "leaders",
}


@dataclass(frozen=True, slots=True)
class EvidenceQuote:
    annotation_id: int
    document_id: int
    document_title: str
    document_date: dt.date | None
    page: int | None
    paragraph: int | None
    quote: str
    stance: str
    note: str
    later_letter: bool  # from a document dated after the recommendation's letter
    cited_by: tuple[int, ...] = ()  # progress update ids citing it


@dataclass(frozen=True, slots=True)
class ReportRecommendation:
    recommendation_id: int
    label: str  # DOC:N
    document_title: str
    thread: str
    area: str
    text: str
    rag: Rag
    actions: tuple[Action, ...]
    updates: tuple[ProgressUpdate, ...]
    evidence: tuple[EvidenceQuote, ...]

    @property
    def latest_update(self) -> ProgressUpdate | None:
        return max(self.updates, key=lambda u: (u.at, u.id)) if self.updates else None


@dataclass(frozen=True, slots=True)
class BoardReport:
    title: str
    authority: str
    today: dt.date
    recommendations: tuple[ReportRecommendation, ...]
    deadlines: tuple[Deadline, ...] = ()

    def rag_counts_by_area(self) -> dict[str, dict[str, int]]:
        """{area: {rag label: count}} in the order areas first appear."""
        counts: dict[str, dict[str, int]] = {}
        for rec in self.recommendations:
            area = counts.setdefault(rec.area, {})
            area[rec.rag.label] = area.get(rec.rag.label, 0) + 1
        return counts


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOP and len(w) > 2}


def judgement_area(text: str, areas: Sequence[str]) -> str:
    """The judgement area sharing the most words with a recommendation (a proposal shown as
    such in the report); ``NO_AREA`` when none shares a word. "Overall effectiveness" is not
    an area a recommendation belongs to."""
    words = _words(text)
    words |= {AREA_HINTS[w] for w in words if w in AREA_HINTS}
    best, best_score = NO_AREA, 0
    for area in areas:
        if area.strip().lower().startswith("overall"):
            continue
        score = len(words & _words(area))
        if score > best_score:
            best, best_score = area, score
    return best
