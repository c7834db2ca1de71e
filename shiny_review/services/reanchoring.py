"""Finding a highlight again in a new version of its document.

Exact quote first (the occurrence whose context and position fit best), then a fuzzy match
(rapidfuzz) weighted on the quote over its prefix and suffix, then "needs review", then
"orphaned". A highlight is never silently moved: anything short of exact is marked so.

"Exact" means the same words in the same context: the quote's own words found again with the
text before it and the text after it each agreeing (``CONTEXT_EXACT``); where several such
places exist, the one nearest the old position. The same words elsewhere (say "Inadequate"
under another judgement) are at best "fuzzy", and "needs review" when the context on either
side disagrees (``CONTEXT_FUZZY``). A fuzzy match of the words is held to the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from shiny_review.domain.entities import Anchor, AnchorStatus

FUZZY_MIN = 90.0
REVIEW_MIN = 70.0
QUOTE_WEIGHT = 0.8
CONTEXT_EXACT = 90.0  # prefix and suffix each at least this alike: the same place
CONTEXT_FUZZY = 70.0  # below this on either side: the words stand somewhere else
# This many identical characters right next to the quote make that side agree too (a
# sentence reworded further away still holds the quote in the same place).
ADJACENT_CHARS = 12


@dataclass(frozen=True, slots=True)
class Placement:
    start: int
    end: int
    status: AnchorStatus
    score: float


def _context_scores(anchor: Anchor, text: str, start: int, end: int) -> list[float]:
    """How alike the text before and after ``start:end`` is to the anchor's (0-100 each)."""
    prefix = text[max(0, start - len(anchor.prefix)) : start]
    suffix = text[end : end + len(anchor.suffix)]
    scores = []
    if anchor.prefix:
        scores.append(_side(anchor.prefix[::-1], prefix[::-1]))
    if anchor.suffix:
        scores.append(_side(anchor.suffix, suffix))
    return scores


def _side(old: str, new: str) -> float:
    """Likeness of one side's context, read outwards from the quote."""
    adjacent = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), None)
    if adjacent is None:
        adjacent = min(len(old), len(new))
    needed = min(ADJACENT_CHARS, len(old))
    return max(fuzz.ratio(old, new), 100.0 * min(1.0, adjacent / needed))


def _context_score(anchor: Anchor, text: str, start: int, end: int) -> float:
    scores = _context_scores(anchor, text, start, end)
    return sum(scores) / len(scores) if scores else 100.0


def _context_agreement(anchor: Anchor, text: str, start: int, end: int) -> float:
    """The weaker side's likeness: both sides must agree for the place to be the same."""
    scores = _context_scores(anchor, text, start, end)
    return min(scores) if scores else 100.0


def _capped(placement: Placement, agreement: float) -> Placement:
    """Exact only in the same context; fuzzy at best when it is only alike; else review."""
    if agreement >= CONTEXT_EXACT:
        return placement
    status = placement.status
    if agreement < CONTEXT_FUZZY:
        status = AnchorStatus.NEEDS_REVIEW
    elif status is AnchorStatus.EXACT:
        status = AnchorStatus.FUZZY
    return Placement(placement.start, placement.end, status, min(placement.score, agreement))


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

    def fit(s: int) -> tuple[bool, float]:
        same_place = _context_agreement(anchor, text, s, s + length) >= CONTEXT_EXACT
        nearness = -abs(s - anchor.start) / scale
        if same_place:  # among places with the same context, the nearest to the old one
            return True, nearness
        return False, _context_score(anchor, text, s, s + length) + 10 * nearness

    best = max(starts, key=fit)
    placement = Placement(best, best + length, AnchorStatus.EXACT, 100.0)
    return _capped(placement, _context_agreement(anchor, text, best, best + length))


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
        placement = Placement(start, end, AnchorStatus.FUZZY, score)
    elif score >= REVIEW_MIN:
        placement = Placement(start, end, AnchorStatus.NEEDS_REVIEW, score)
    else:
        return _orphaned(anchor, text)
    agreement = _context_agreement(anchor, text, start, end)
    if agreement < CONTEXT_FUZZY:
        return Placement(start, end, AnchorStatus.NEEDS_REVIEW, min(score, agreement))
    return placement


def _orphaned(anchor: Anchor, text: str) -> Placement:
    start = min(anchor.start, max(len(text) - 1, 0))
    end = min(max(anchor.end, start + 1), len(text))
    return Placement(start, end, AnchorStatus.ORPHANED, 0.0)
