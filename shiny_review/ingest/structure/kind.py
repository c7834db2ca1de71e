"""What kind of document this is, from the wording of its opening."""

from __future__ import annotations

import re

from shiny_review.domain.entities import DocumentKind

_OPENING = 4000
_APOS = "['’]"

_SIF = re.compile(
    r"inspection of services for children in need of help and protection"
    r"|single inspection framework",
    re.IGNORECASE,
)
_JTAI = re.compile(r"joint targeted area inspection", re.IGNORECASE)
_MONITORING = re.compile(r"\bmonitoring visit (?:to|of)\b", re.IGNORECASE)
_FOCUSED = re.compile(r"\bfocused visit (?:to|of)\b", re.IGNORECASE)
_ILACS_REPORT = re.compile(
    rf"inspection of [^\n]{{0,80}}?children{_APOS}s services"
    rf"|inspection of children{_APOS}s social care services",
    re.IGNORECASE,
)
_LOOKED_AFTER = re.compile(
    r"^inspection of (?:safeguarding and )?looked after children(?:['’]s)? services"
    r"|^inspection of safeguarding (?:and looked after children )?services",
    re.IGNORECASE | re.MULTILINE,
)
_DATES = re.compile(r"^inspection dates?\s*:", re.IGNORECASE | re.MULTILINE)
_SHORT = re.compile(r"\bshort inspection\b", re.IGNORECASE)
_JUDGEMENT_TABLE = re.compile(
    r"^(?:judgement|overall effectiveness)$", re.IGNORECASE | re.MULTILINE
)
_COUNCIL = re.compile(
    r"responsible officer|portfolio holder|cabinet member|background papers"
    r"|scrutiny committee|committee (?:is|are) (?:asked|recommended)|is asked to note"
    r"|report author|date of meeting|recommendations? to (?:cabinet|council|committee)",
    re.IGNORECASE,
)
_OFSTED_LETTER = re.compile(
    r"ofsted|his majesty" + _APOS + r"s inspector|her majesty" + _APOS + "s inspector",
    re.IGNORECASE,
)
_NEWS = re.compile(r"\b(?:said|says|told|added)\b", re.IGNORECASE)


def detect_kind(text: str) -> tuple[DocumentKind, str | None]:
    """(kind, framework) of a document, from its opening and its wording."""
    opening = text[:_OPENING]
    if _SIF.search(opening):
        return DocumentKind.SIF_INSPECTION, "SIF"
    if _JTAI.search(opening[:1500]) and not _ILACS_REPORT.search(opening[:300]):
        return DocumentKind.JTAI, "JTAI"
    if _MONITORING.search(opening[:2500]):
        return DocumentKind.MONITORING_VISIT, "ILACS"
    if _FOCUSED.search(opening[:2500]):
        return DocumentKind.FOCUSED_VISIT, "ILACS"
    if _LOOKED_AFTER.search(opening[:1500]) and _DATES.search(opening):
        return DocumentKind.FULL_INSPECTION, "LAC"
    if _ILACS_REPORT.search(opening[:1500]) and (
        _JUDGEMENT_TABLE.search(opening) or _DATES.search(opening)
    ):
        if _SHORT.search(opening[:2500]):
            return DocumentKind.SHORT_INSPECTION, "ILACS"
        return DocumentKind.FULL_INSPECTION, "ILACS"
    if len(_COUNCIL.findall(text)) >= 2:
        return DocumentKind.COUNCIL_REPORT, None
    if _OFSTED_LETTER.search(text) and len(_NEWS.findall(text)) >= 2:
        return DocumentKind.NEWS_ARTICLE, None
    return DocumentKind.OTHER, None
