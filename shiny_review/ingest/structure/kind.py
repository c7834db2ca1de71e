"""What kind of document this is, from the wording of its opening."""

from __future__ import annotations

import re
from itertools import islice

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
    # The whole text from here: lower-cased once and searched case-sensitively when that
    # finds what the case-insensitive patterns find (``_lowered``), as `re` tries those at
    # every character (two thirds of a second for a 1,000-page report).
    lowered = _lowered(text)
    council, ofsted, news = (_COUNCIL, _OFSTED_LETTER, _NEWS) if lowered is None else _CASED
    searched = text if lowered is None else lowered
    if _two_or_more(council, searched):
        return DocumentKind.COUNCIL_REPORT, None
    if ofsted.search(searched) and _two_or_more(news, searched):
        return DocumentKind.NEWS_ARTICLE, None
    return DocumentKind.OTHER, None


# The three patterns above (written in lower case) without IGNORECASE, for lower-cased text.
_CASED = tuple(
    re.compile(p.pattern, p.flags & ~re.IGNORECASE) for p in (_COUNCIL, _OFSTED_LETTER, _NEWS)
)
# Characters `re` matches to a lower-case ASCII letter when ignoring case although they do not
# lower-case to it (its own table, ``re._casefix``: dotless i and long s).
_OTHER_FORMS = ("\u0131", "\u017f")


def _lowered(text: str) -> str | None:
    """``text.lower()`` when a case-sensitive search of it for lower-case ASCII words finds
    the same matches, at the same places, as a case-insensitive search of ``text``: every
    character kept its length (not so for a dotted capital I) and none matches a letter it
    does not lower-case to. Otherwise None."""
    lowered = text.lower()
    if len(lowered) != len(text) or any(form in text for form in _OTHER_FORMS):
        return None
    return lowered


def _two_or_more(pattern: re.Pattern[str], text: str) -> bool:
    """``len(pattern.findall(text)) >= 2``, without looking further than the second."""
    return next(islice(pattern.finditer(text), 1, None), None) is not None
