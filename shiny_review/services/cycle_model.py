"""The inspection cycle's plain rows and labels (issue 13): letters, proposals, coverage."""

from __future__ import annotations

import re
from dataclasses import dataclass

from shiny_review.domain.entities import Document, DocumentKind, Recommendation
from shiny_review.domain.lineage import LineageProposal

OFSTED_LETTERS = frozenset(
    {
        DocumentKind.FULL_INSPECTION.value,
        DocumentKind.SHORT_INSPECTION.value,
        DocumentKind.SIF_INSPECTION.value,
        DocumentKind.FOCUSED_VISIT.value,
        DocumentKind.MONITORING_VISIT.value,
        DocumentKind.JTAI.value,
    }
)
SIMILAR_TEXT_MIN = 65  # token-set similarity of two items' content words, 0-100
NAMED_MIN = 85  # partial similarity of an earlier item within the letter's own sentence
STANCE_ORDER = ("supports progress", "shows concern", "context", "")

_STOP = frozenset(
    {
        "the",
        "of",
        "and",
        "in",
        "to",
        "for",
        "a",
        "an",
        "with",
        "where",
        "are",
        "is",
        "be",
        "they",
        "their",
        "across",
        "all",
        "including",
        "on",
        "by",
        "that",
        "this",
        "at",
        "as",
        "from",
    }
)
_TAG = re.compile(r"\([^)]*\)")
_WORD = re.compile(r"[a-z]+")
# A letter naming the earlier inspection's points in its own words.
NAMES_EARLIER = re.compile(
    r"(?:last|previous|earlier)\s+(?:judgement\s+|full\s+|ILACS\s+)?inspection"
    r"|areas?\s+(?:for|of)\s+(?:improvement|priority action)\s+(?:at|from|in)\s+the",
    re.IGNORECASE,
)
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def content_words(text: str) -> str:
    """Lower-case content words without a National Framework tag in brackets."""
    return " ".join(w for w in _WORD.findall(_TAG.sub(" ", text.lower())) if w not in _STOP)


def doc_order(doc: Document) -> tuple[int, str, int]:
    day = doc.inspection_end or doc.date or doc.inspection_start
    return (0 if day else 1, day.isoformat() if day else "", doc.id)


def letter_label(doc: Document) -> str:
    """'focused visit, August 2024': a letter named by its kind and month."""
    day = doc.inspection_end or doc.date or doc.inspection_start
    return f"{doc.kind}, {day:%B %Y}" if day else f"{doc.kind}, undated ({doc.id})"


def rec_label(rec: Recommendation) -> str:
    return rec.label  # the one label (domain.entities.recommendation_label)


@dataclass(frozen=True, slots=True)
class RecommendationGroupRow:
    """One letter's recommendations, for the recommendations panel."""

    document: Document
    recommendations: tuple[Recommendation, ...]
    own: bool  # the current document's own


@dataclass(frozen=True, slots=True)
class ProposalView:
    """A proposal with both sides spelled out for a list or the command line."""

    proposal: LineageProposal
    earlier_document: Document
    earlier: Recommendation
    later_document: Document
    later: Recommendation | None

    @property
    def later_text(self) -> str:
        return self.later.text if self.later else f"(the letter's own words) {self.proposal.quote}"


@dataclass(frozen=True, slots=True)
class CoverageCell:
    """The linked passages of one recommendation in one document, by stance."""

    stances: tuple[tuple[str, int], ...] = ()

    @property
    def count(self) -> int:
        return sum(n for _, n in self.stances)

    def mix(self) -> str:
        """'2 (1 supports progress, 1 shows concern)'; empty for no passages."""
        if not self.count:
            return ""
        parts = ", ".join(f"{n} {stance or 'no stance'}" for stance, n in self.stances)
        return f"{self.count} ({parts})"


@dataclass(frozen=True, slots=True)
class CoverageRow:
    recommendation: Recommendation
    document: Document
    thread_id: int
    thread_label: str
    cells: tuple[CoverageCell, ...]

    @property
    def total(self) -> int:
        return sum(c.count for c in self.cells)

    @property
    def gap(self) -> bool:
        return self.total == 0


@dataclass(frozen=True, slots=True)
class CoverageMatrix:
    authority: str
    columns: tuple[Document, ...]
    rows: tuple[CoverageRow, ...]

    HEADER = ("thread", "letter", "recommendation", "text")

    def table(self) -> list[list[str]]:
        """Header and rows as text, for CSV and XLSX: per-document counts, total, gap."""
        header = [*self.HEADER, *(letter_label(d) for d in self.columns), "total", "gap"]
        lines = [header]
        for row in self.rows:
            total = row.total
            lines.append(
                [
                    row.thread_label,
                    letter_label(row.document),
                    rec_label(row.recommendation),
                    row.recommendation.text,
                    *(c.mix() if c.stances else "" for c in row.cells),
                    str(total),
                    "" if total else "gap: no evidence",  # row.gap, without a second sum
                ]
            )
        return lines
