"""Finding a highlight again in a new version of its document.

Exact quote first (the occurrence whose context and position fit best), then a fuzzy match
(rapidfuzz) weighted on the quote over its prefix and suffix, then "needs review", then
"orphaned". A highlight is never silently moved: anything short of exact is marked so.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from shiny_review.domain.entities import Anchor, AnchorStatus

FUZZY_MIN = 90.0
REVIEW_MIN = 70.0
QUOTE_WEIGHT = 0.8


@dataclass(frozen=True, slots=True)
class Placement:
    start: int
    end: int
    status: AnchorStatus
    score: float


def _context_score(anchor: Anchor, text: str, start: int, end: int) -> float:
    prefix = text[max(0, start - len(anchor.prefix)) : start]
    suffix = text[end : end + len(anchor.suffix)]
    scores = []
    if anchor.prefix:
        scores.append(fuzz.ratio(anchor.prefix, prefix))
    if anchor.suffix:
        scores.append(fuzz.ratio(anchor.suffix, suffix))
    return sum(scores) / len(scores) if scores else 100.0


def _exact(anchor: Anchor, text: str) -> Placement | None:
    starts = []
    i = text.find(anchor.exact)
    while i != -1:
        starts.append(i)
        i = text.find(anchor.exact, i + 1)
    if not starts:
        return None
    length = len(anchor.exact)
    scale = max(len(text), 1)

    def fit(s: int) -> float:
        return _context_score(anchor, text, s, s + length) - 10 * abs(s - anchor.start) / scale

    best = max(starts, key=fit)
    return Placement(best, best + length, AnchorStatus.EXACT, 100.0)


def reanchor(anchor: Anchor, text: str) -> Placement:
    """Where ``anchor`` stands in ``text`` (a new version of its document), and how surely."""
    exact = _exact(anchor, text)
    if exact is not None:
        return exact
    alignment = fuzz.partial_ratio_alignment(anchor.exact, text, score_cutoff=REVIEW_MIN * 0.8)
    if alignment is None or alignment.dest_end <= alignment.dest_start:
        return _orphaned(anchor, text)
    start, end = alignment.dest_start, alignment.dest_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    score = QUOTE_WEIGHT * alignment.score + (1 - QUOTE_WEIGHT) * _context_score(
        anchor, text, start, end
    )
    if score >= FUZZY_MIN:
        return Placement(start, end, AnchorStatus.FUZZY, score)
    if score >= REVIEW_MIN:
        return Placement(start, end, AnchorStatus.NEEDS_REVIEW, score)
    return _orphaned(anchor, text)


def _orphaned(anchor: Anchor, text: str) -> Placement:
    start = min(anchor.start, max(len(text) - 1, 0))
    end = min(max(anchor.end, start + 1), len(text))
    return Placement(start, end, AnchorStatus.ORPHANED, 0.0)
