"""Judgements and grades: the judgement table and stand-alone judgement statements.

Only the grade scale is known in advance; the judged areas are whatever the report prints
(so renamed or dropped judgements need no change here).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from shiny_review.domain.entities import Judgement
from shiny_review.ingest.structure.blocks import TextBlock

_GRADE_WORDS = (
    r"outstanding|good|inadequate|adequate|requires? improvement(?: to be good)?"
    r"|not yet good|effective|ineffective|strong|weak|exceptional|expected standard"
    r"|urgent improvement|secure fit"
)
GRADE = re.compile(rf"^(?:{_GRADE_WORDS})\.?$", re.IGNORECASE)
GRADE_START = re.compile(rf"^(?:{_GRADE_WORDS})\b", re.IGNORECASE)
_STATEMENT = re.compile(
    rf"^(?P<subject>.{{8,110}}?)\s+(?:(?:is|are|was|were)\s+)?"
    rf"(?P<grade>{_GRADE_WORDS})\.?$",
    re.IGNORECASE,
)
_AREA_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+")
_OVERALL_SUBJECT = re.compile(
    r"overall|services in\b|children" + "['’]" + r"s services", re.IGNORECASE
)
_NOT_SUBJECT = re.compile(
    r"\bjudge?ments? (?:about|for|of|on)\b|\bthat (?:it|they)$", re.IGNORECASE
)
_STOP = frozenset({"the", "of", "a", "an", "and", "in", "effectiveness", "for"})
_TABLE_PAGES = 3


def normalise_grade(grade: str) -> str:
    """Grade as printed, capitalised like a sentence ("Requires improvement to be good")."""
    grade = " ".join(grade.split()).rstrip(".")
    lowered = grade.lower()
    if lowered.startswith("require improvement"):
        lowered = "requires" + lowered[len("require") :]
    return lowered[:1].upper() + lowered[1:]


def _area(text: str) -> str:
    return _AREA_NUMBER.sub("", text).strip().rstrip(":")


def _tokens(area: str) -> set[str]:
    words = re.findall(r"[a-z]+", area.lower())
    return {w for w in words if w not in _STOP}


def _same_area(left: str, right: str) -> bool:
    """Whether two names refer to the same judged area (most words shared)."""
    a, b = _tokens(left), _tokens(right)
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= 0.6


def _is_area(block: TextBlock) -> bool:
    text = block.text
    return (
        3 <= len(text) <= 160
        and not text.endswith((".", ";", ","))
        and not GRADE.match(text)
        and not block.bullet
        and text.lower() not in {"judgement", "grade", "judgements", "grades"}
    )


def table_judgements(blocks: Sequence[TextBlock]) -> list[Judgement]:
    """Area/grade pairs from the judgement table on the first pages (cells may wrap)."""
    out: list[Judgement] = []
    started = False
    i = 0
    while i < len(blocks) - 1:
        block = blocks[i]
        if block.page > _TABLE_PAGES:
            break
        nxt = blocks[i + 1]
        if _is_area(block) and GRADE.match(nxt.text):
            out.append(Judgement(area=_area(block.text), grade=normalise_grade(nxt.text)))
            started = True
            i += 2
            continue
        if started:
            break
        i += 1
    return out


def statements(blocks: Sequence[TextBlock]) -> list[tuple[str, str, bool]]:
    """Stand-alone judgement sentences: (subject, grade, is_overall)."""
    out: list[tuple[str, str, bool]] = []
    for block in blocks:
        if len(block.text) > 140 or block.bullet or block.number:
            continue
        if not (block.heading or block.page == 1):
            continue
        if GRADE.match(block.text) or GRADE_START.match(block.text):
            continue
        match = _STATEMENT.match(block.text)
        if not match:
            continue
        subject = match.group("subject").strip()
        if _NOT_SUBJECT.search(subject):
            continue
        grade = normalise_grade(match.group("grade"))
        out.append((subject, grade, bool(_OVERALL_SUBJECT.search(subject))))
    return out


_GRADE_LINE = re.compile(r"^grade \d\s*\((?P<grade>[a-z ]+)\)$", re.IGNORECASE)


def graded_headings(blocks: Sequence[TextBlock]) -> list[Judgement]:
    """Older reports: a judged heading followed by a line "Grade 3 (Adequate)"."""
    out: list[Judgement] = []
    for previous, block in itertools.pairwise(blocks):
        match = _GRADE_LINE.match(block.text.strip())
        if match and previous.heading and len(previous.text) <= 160:
            out.append(
                Judgement(area=_area(previous.text), grade=normalise_grade(match.group("grade")))
            )
    return out


def detect_judgements(blocks: Sequence[TextBlock]) -> tuple[tuple[Judgement, ...], str | None]:
    """(judgements in document order, overall grade or ``None``)."""
    table = table_judgements(blocks) or graded_headings(blocks)
    overall: str | None = None
    judgements: list[Judgement] = []
    for judgement in table:
        if re.search(r"\boverall\b", judgement.area, re.IGNORECASE):
            overall = overall or judgement.grade
        judgements.append(judgement)
    for subject, grade, is_overall in statements(blocks):
        if is_overall:
            if overall is None:
                overall = grade
            continue
        if any(_same_area(subject, j.area) for j in judgements):
            continue
        judgements.append(Judgement(area=subject, grade=grade))
    return tuple(judgements), overall
