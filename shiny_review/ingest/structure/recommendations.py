"""Recommendations: the items under a "what needs to improve" style heading, in order.

Formats: SIF "Recommendations" / "Areas for improvement" (numbered, local authority and
LSCB sections), ILACS "What needs to improve(?)" bullets, focused and monitoring visit
letters, areas of concern restated from the last inspection, and a council report's own
"Recommendations" section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from shiny_review.domain.entities import DocumentKind, RecommendationGroup
from shiny_review.domain.structure import ExtractedRecommendation
from shiny_review.ingest.structure.blocks import TextBlock
from shiny_review.ingest.structure.nf_tags import parse_nf_tag

_WHAT_NEEDS = re.compile(
    r"^what (?:needs|does .{0,40}? need|do .{0,40}? need) to improve\b.{0,80}$", re.IGNORECASE
)
_REC_HEADING = re.compile(
    r"^(?:\d{1,2}\.?\s+)?(?:recommendations?|areas? for (?:improvement|development)"
    r"|priority actions?|recommended actions?)\s*:?$",
    re.IGNORECASE,
)
_PREVIOUS = re.compile(
    r"(?:areas? (?:of|for) (?:concern|improvement|development|priority)|recommendations?"
    r"|weaknesses)\b.{0,120}\b(?:last|previous|earlier|most recent)\b.{0,60}"
    r"(?:inspection|visit)",
    re.IGNORECASE,
)
_LSCB = re.compile(r"safeguarding children (?:board|partnership)|\bLSCB\b", re.IGNORECASE)
_PARTNERSHIP = re.compile(r"\bpartnership\b|\bpartners\b|safeguarding partners", re.IGNORECASE)
_LOCAL_AUTHORITY = re.compile(r"\blocal authority\b", re.IGNORECASE)
_FOOTNOTE_TAIL = re.compile(r"(?<=[a-z.)])\d{1,2}$")


def _group_for(context: str, kind: str) -> str:
    if kind == DocumentKind.JTAI:
        return RecommendationGroup.PARTNERSHIP.value
    if _LSCB.search(context):
        return RecommendationGroup.LSCB.value
    return RecommendationGroup.LOCAL_AUTHORITY.value


def _is_heading_like(block: TextBlock) -> bool:
    return block.heading and not block.bullet


def _collect(
    blocks: Sequence[TextBlock], start: int, allow_plain: bool
) -> tuple[list[list[TextBlock]], int]:
    """Items after a heading at ``start``: marked items, or plain paragraphs if allowed."""
    items: list[list[TextBlock]] = []
    marked = False
    i = start + 1
    while i < len(blocks):
        block = blocks[i]
        is_marked = block.bullet or (block.number is not None and not block.heading)
        if block.heading and not is_marked:
            break
        if is_marked:
            if not marked and items:
                break
            marked = True
            if items and items[-1][-1].body.rstrip().endswith(":") and block.bullet:
                items[-1].append(block)  # sub-bullets of an item that introduces a list
            else:
                items.append([block])
        else:
            if marked or not allow_plain:
                break
            if re.fullmatch(r"\d{1,3}", block.text.strip()):
                break  # a contents page: heading then its page number
            items.append([block])
        i += 1
    return items, i


def _text(parts: list[TextBlock]) -> str:
    text = " ".join(p.body.strip() for p in parts)
    text = _FOOTNOTE_TAIL.sub("", text)
    return " ".join(text.split())


def _make(
    parts: list[TextBlock], group: str, heading: str, numbered: bool
) -> ExtractedRecommendation:
    first = parts[0]
    text = _text(parts)
    return ExtractedRecommendation(
        group=group,
        number=first.number if numbered else None,
        text=text,
        nf_tag=parse_nf_tag(text),
        heading=heading,
        page=first.page,
        start=first.start,
        end=parts[-1].end,
    )


def detect_recommendations(
    blocks: Sequence[TextBlock], kind: str
) -> tuple[ExtractedRecommendation, ...]:
    """All recommendations in document order."""
    out: list[ExtractedRecommendation] = []
    context = ""
    committee = kind == DocumentKind.COUNCIL_REPORT
    i = 0
    while i < len(blocks):
        block = blocks[i]
        text = block.text.strip()
        body = block.body.strip()
        if _is_heading_like(block) and (_LSCB.search(text) or _LOCAL_AUTHORITY.search(text)):
            context = text
        is_rec_heading = bool(_WHAT_NEEDS.match(body) or _REC_HEADING.match(body))
        previous = (
            not is_rec_heading
            and text.endswith(":")
            and bool(_PREVIOUS.search(text))
            and kind in (DocumentKind.MONITORING_VISIT, DocumentKind.FOCUSED_VISIT)
        )
        if (is_rec_heading and (block.heading or len(body) <= 80)) or previous:
            heading = body.rstrip(":").strip() if not previous else text
            allow_plain = committee or bool(_WHAT_NEEDS.match(body)) or block.heading
            items, end = _collect(blocks, i, allow_plain and not previous)
            if previous:
                group = RecommendationGroup.PREVIOUS_INSPECTION.value
            elif committee:
                group = RecommendationGroup.COMMITTEE.value
            else:
                group = _group_for(context, kind)
            for parts in items:
                numbered = parts[0].number is not None and not parts[0].bullet
                out.append(_make(parts, group, heading, numbered))
            if items:
                i = end
                continue
        i += 1
    return tuple(out)
