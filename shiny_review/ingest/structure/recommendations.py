"""Recommendations: the items under a "what needs to improve" style heading, in order.

Formats: SIF "Recommendations" / "Areas for improvement" (numbered, local authority and
LSCB sections), ILACS "What needs to improve(?)" bullets, focused and monitoring visit
letters, areas of concern restated from the last inspection, and a council report's own
"Recommendations" section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

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


_TIMESCALE = re.compile(
    r"^(?:immediately|(?:with)?in (?:the next )?(?:\w+|\d+) (?:days?|weeks?|months?|years?))\s*:?$",
    re.IGNORECASE,
)
_SUB_SECTION = re.compile(
    r"^(?:priority and immediate action|areas? for (?:priority )?(?:action|improvement)"
    r"|priority actions?|immediate actions?)\s*:?$",
    re.IGNORECASE,
)
_TERMINAL = (".", ";", "?", "!")
_PAGE_NUMBER = re.compile(r"\d{1,3}")
_CONTENTS_LINE = re.compile(r"(?:\s|\.{2,})\d{1,3}$")
_NONE_FOUND = re.compile(
    r"^(?:the inspection did not (?:find|identify) any|there (?:are|were) no)\b.{0,80}$",
    re.IGNORECASE,
)


def _marked(block: TextBlock) -> bool:
    return block.bullet or (block.number is not None and not block.heading)


def _number_value(block: TextBlock) -> int | None:
    if block.number is None or not block.number.isdigit():
        return None
    return int(block.number)


def _sub_heading(blocks: Sequence[TextBlock], i: int) -> bool:
    """A short title line inside a list of items (the next block is an item)."""
    block = blocks[i]
    text = block.text.strip()
    after = i + 1
    while after < len(blocks) and _PAGE_NUMBER.fullmatch(blocks[after].text.strip()):
        after += 1  # a page number printed between the title and its item
    return (
        not _marked(block)
        and len(text) <= 110
        and not text.endswith(_TERMINAL)
        and not _PAGE_NUMBER.fullmatch(text)
        and after < len(blocks)
        and _marked(blocks[after])
    )


def _sub_point(parts: list[TextBlock], block: TextBlock) -> bool:
    """Whether a bullet after a lead-in ending in ':' is one of its sub-points.

    Not when the sub-points so far were printed with another marker (a dash), nor when a
    bulleted lead-in already has sub-points and this bullet starts like a new item.
    """
    subs = parts[1:]
    if any(not p.bullet for p in subs):
        return False
    starts_item = block.body[:1].isupper()
    return not (parts[0].bullet and subs and starts_item)


@dataclass(slots=True)
class _Item:
    parts: list[TextBlock]
    timescale: str | None
    heading: str


def _collect(blocks: Sequence[TextBlock], start: int, allow_plain: bool) -> tuple[list[_Item], int]:
    """Items after a heading at ``start``, to the end of the section.

    Marked items (bullets, printed numbers) or, if allowed and no item is marked, plain
    paragraphs. Inside a list: short sub-headings and timescale groups ("Within three
    months:") do not end it; a lead-in ending in ':' keeps the sub-points after it; a
    numbered item whose text runs on after a page break keeps its continuation.
    """
    items: list[_Item] = []
    marked = False
    timescale: str | None = None
    heading = blocks[start].body.rstrip(":").strip()
    lead_in_open = False  # the last item ends with ':' and takes sub-points
    i = start + 1
    while i < len(blocks):
        block = blocks[i]
        text = block.text.strip()
        is_marked = _marked(block)
        if _TIMESCALE.match(text) and not is_marked:
            timescale = text.rstrip(":").strip()
            lead_in_open = False
            if len(items) == 1 and items[0].timescale is None:
                items.pop()  # "... should take the following action:" introduces the groups
            i += 1
            continue
        if marked and _PAGE_NUMBER.fullmatch(text):
            i += 1  # a page number left between two items
            continue
        if _NONE_FOUND.match(block.body.strip()):
            i += 1  # "There are no areas for priority and immediate action."
            continue
        if _SUB_SECTION.match(block.body.strip()) and not is_marked:
            heading = block.body.rstrip(":").strip()
            i += 1
            continue
        if block.heading and not is_marked:
            if not items and _sub_heading(blocks, i):
                i += 1  # a title line between the section heading and its first item
                continue
            break
        if is_marked:
            if not marked and items:
                break
            marked = True
            if lead_in_open and block.bullet and items and _sub_point(items[-1].parts, block):
                items[-1].parts.append(block)  # a sub-point of an item that introduces a list
            else:
                items.append(_Item([block], timescale, heading))
                lead_in_open = block.body.rstrip().endswith(":")
        else:
            if marked:
                if lead_in_open and items and not text.endswith(":"):
                    items[-1].parts.append(block)  # a sub-point printed without a bullet
                    i += 1
                    continue
                if _sub_heading(blocks, i):
                    lead_in_open = False
                    i += 1
                    continue
                bracket_tail = text.startswith("(") and text.rstrip(".").endswith(")")
                if (text[:1].islower() or (bracket_tail and len(text) <= 80)) and items:
                    items[-1].parts.append(block)  # the item runs on after a page break
                    i += 1
                    continue
                break
            if not items and _sub_heading(blocks, i):
                i += 1  # a title line between the section heading and its first item
                continue
            if not allow_plain:
                break
            if re.fullmatch(r"\d{1,3}", text):
                break  # a contents page: heading then its page number
            items.append(_Item([block], timescale, heading))
        i += 1
    return items, i


def _text(parts: list[TextBlock]) -> str:
    # Sub-points keep their printed marker, so the text reads as the report prints it.
    text = " ".join([parts[0].body.strip(), *(p.text.strip() for p in parts[1:])])
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


@dataclass(slots=True)
class SectionNotes:
    """What the rules saw while reading recommendation sections, for the self-checks."""

    empty_headings: list[str]
    stated_counts: list[tuple[str, int, int]]  # (heading, count the report states, found)


_COUNT_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_STATED = re.compile(
    r"\b(?P<n>\d{1,2}|" + "|".join(_COUNT_WORDS) + r")\s+(?:key\s+|main\s+)?"
    r"(?:recommendations|areas? (?:for|of) (?:improvement|priority action|development)"
    r"|priority actions|priorities|actions)\b",
    re.IGNORECASE,
)


def _stated_count(blocks: Sequence[TextBlock], start: int, end: int) -> int | None:
    """A count the report gives for a section ("the following three areas for improvement")."""
    for block in blocks[max(0, start - 1) : min(end, start + 2)]:
        match = _STATED.search(block.text)
        if match:
            token = match.group("n").lower()
            return int(token) if token.isdigit() else _COUNT_WORDS[token]
    return None


def detect_recommendations(
    blocks: Sequence[TextBlock], kind: str
) -> tuple[ExtractedRecommendation, ...]:
    """All recommendations in document order."""
    return detect_recommendations_with_notes(blocks, kind)[0]


def detect_recommendations_with_notes(
    blocks: Sequence[TextBlock], kind: str
) -> tuple[tuple[ExtractedRecommendation, ...], SectionNotes]:
    """All recommendations in document order, and what the self-checks need to know."""
    notes = SectionNotes(empty_headings=[], stated_counts=[])
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
        if is_rec_heading and _CONTENTS_LINE.search(body):
            is_rec_heading = False  # a line of the contents page
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
            for item in items:
                parts = item.parts
                numbered = parts[0].number is not None and not parts[0].bullet
                where = heading if previous else item.heading
                out.append(_make(parts, item.timescale or group, where, numbered))
            stated = _stated_count(blocks, i, end)
            if stated is not None and items and stated != len(items):
                notes.stated_counts.append((heading, stated, len(items)))
            if items:
                i = end
                continue
            if block.heading and not previous and _empty_section(blocks, i):
                notes.empty_headings.append(heading)
        i += 1
    return tuple(out), notes


def _empty_section(blocks: Sequence[TextBlock], i: int) -> bool:
    """A recommendations heading with nothing under it (not a contents line, not 'none')."""
    if i + 1 >= len(blocks):
        return True
    nxt = blocks[i + 1].text.strip()
    near = blocks[max(0, i - 2) : i + 3]
    contents = any(_PAGE_NUMBER.fullmatch(b.text.strip()) for b in near)
    return not (contents or _NONE_FOUND.match(nxt) or _REC_HEADING.match(nxt))
