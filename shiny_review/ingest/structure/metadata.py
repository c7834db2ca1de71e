"""Metadata of a report or letter: authority, inspection dates, letter date, lead inspector."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from shiny_review.ingest.authorities import match_authority
from shiny_review.ingest.structure.blocks import TextBlock

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_APOS = "['’]"
_TOKEN = re.compile(
    r"(?P<numeric>\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b)"
    r"|(?P<year>\b(?:19|20)\d{2}\b)"
    r"|(?P<day>\b\d{1,2})(?:st|nd|rd|th)?\b"
    r"|(?P<month>\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?)",
    re.IGNORECASE,
)


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_dates(text: str) -> list[date]:
    """Every date in a phrase, filling a missing month or year from the dates after it.

    Handles "4 to 15 March 2024", "18 Feb 2014 – 12 March 2014", "1/06/2015 – 25/06/2015",
    "30 and 31 July 2024", "21 November to 2 December 2022" and two separate periods.
    """
    pending: list[list[int | None]] = []  # [day, month, year]
    done: list[date] = []

    def flush_year(year: int) -> None:
        for item in pending:
            if item[2] is None:
                item[2] = year
        for day, month, yr in pending:
            if day is not None and month is not None and yr is not None:
                made = _make(yr, month, day)
                if made:
                    done.append(made)
        pending.clear()

    for match in _TOKEN.finditer(text):
        if match.group("numeric"):
            parts = re.split(r"[/.]", match.group("numeric"))
            day, month, year = (int(p) for p in parts)
            if year < 100:
                year += 2000
            made = _make(year, month, day)
            if made:
                done.append(made)
        elif match.group("day"):
            pending.append([int(match.group("day")), None, None])
        elif match.group("month"):
            word = match.group("month").lower().rstrip(".")
            found_month = MONTHS.get(word[:3])
            if found_month is None:
                continue
            for item in pending:
                if item[1] is None:
                    item[1] = found_month
        elif match.group("year"):
            flush_year(int(match.group("year")))
    return done


def _first(
    blocks: Sequence[TextBlock], pattern: re.Pattern[str], limit: int = 60
) -> re.Match[str] | None:
    for block in blocks[:limit]:
        match = pattern.search(block.text)
        if match:
            return match
    return None


_INSPECTION_DATES = re.compile(
    r"(?:inspection|visit|fieldwork)\s+dates?\s*:?\s*(?P<dates>.+)", re.IGNORECASE
)
_VISIT_ON = re.compile(
    r"(?:visit|inspection) (?:to|of) .{0,120}? (?:on|from|between) "
    r"(?P<dates>(?:\d{1,2}(?:st|nd|rd|th)?|and|to|–|-|,|\s|[A-Za-z]+ ?\d{4}|[A-Za-z]+)+?\d{4})",
    re.IGNORECASE,
)


def inspection_dates(blocks: Sequence[TextBlock]) -> tuple[date | None, date | None]:
    found: list[date] = []
    for i, block in enumerate(blocks[:60]):
        match = _INSPECTION_DATES.search(block.text)
        if match is None:
            continue
        found = parse_dates(match.group("dates")[:120])
        if not found and i + 1 < len(blocks):
            found = parse_dates(blocks[i + 1].text[:120])  # label and dates in two cells
        break
    if not found:
        match = _first(blocks, _VISIT_ON, limit=80)
        if match:
            found = parse_dates(match.group("dates"))
    if not found:
        return None, None
    return min(found), max(found)


_PUBLISHED = re.compile(
    r"(?:report\s+)?(?:published|publication date|date of (?:letter|report))\s*:?\s*(?:on\s+)?"
    r"(?P<date>\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?\s+\d{4})",
    re.IGNORECASE,
)
_DATE_ONLY = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?,?\s+\d{4}$")


def letter_date(blocks: Sequence[TextBlock]) -> date | None:
    """The date printed on a letter (a line that is only a date) or its publication date."""
    match = _first(blocks, _PUBLISHED, limit=40)
    if match:
        found = parse_dates(match.group("date"))
        if found:
            return found[0]
    for block in blocks[:40]:
        if _DATE_ONLY.match(block.text.strip()):
            found = parse_dates(block.text)
            if found:
                return found[0]
    return None


_TITLES = re.compile(
    r"\s*(?:,\s*)?(?:\(?(?:his|her)\s+majesty" + _APOS + r"?s\s+inspector\)?|\bHMI\b"
    r"|\(?ofsted inspector\)?|\(?social care regulatory inspector\)?|\(?senior hmi\)?).*$",
    re.IGNORECASE,
)
_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|mx|dr)\.?\s+", re.IGNORECASE)
_LEAD = re.compile(
    r"^(?:lead|reporting) inspector\s*:?\s*(?P<name>.*)$|^(?P<before>.{3,60}?),?\s+lead inspector$",
    re.IGNORECASE,
)
_INSPECTORS_WERE = re.compile(
    r"inspectors? (?:for|on) this (?:visit|inspection) (?:was|were)\s+"
    r"(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3})"
)
_SIGN_OFF = re.compile(r"^yours (?:sincerely|faithfully)", re.IGNORECASE)


def clean_name(raw: str) -> str | None:
    name = _TITLES.sub("", raw).strip(" ,;:")
    name = _HONORIFIC.sub("", name).strip()
    name = re.split(r"\s+(?:and|&)\s+|,", name)[0].strip()
    return name or None


def lead_inspector(blocks: Sequence[TextBlock]) -> str | None:
    for i, block in enumerate(blocks):
        match = _LEAD.match(block.text)
        if not match:
            continue
        raw = match.group("name") if match.group("before") is None else match.group("before")
        name = clean_name(raw)
        if name is None and i + 1 < len(blocks):  # the label and the name in two cells
            name = clean_name(blocks[i + 1].text)
        if name:
            return name
    for i, block in enumerate(blocks):
        if _SIGN_OFF.match(block.text) and i + 1 < len(blocks):
            candidate = clean_name(blocks[i + 1].text)
            if candidate and len(candidate.split()) <= 5:
                return candidate
    match = _first(blocks, _INSPECTORS_WERE, limit=80)
    if match:
        return clean_name(match.group("name"))
    return None


_AUTHORITY_PHRASE = re.compile(
    r"(?i:inspection|visit) (?i:of|to) (?:the )?(?P<name>[A-Z][\w'’.,&() -]{1,80}?)\s+"
    r"(?i:local authority )?(?i:children)" + _APOS + r"s (?i:services|social care)",
)
_GENERIC_TITLE = re.compile(r"^inspection of", re.IGNORECASE)
_NOT_AUTHORITY = re.compile(
    r"^(?:local authority|services|children|the local authority|this local authority)$",
    re.IGNORECASE,
)


def printed_authority(blocks: Sequence[TextBlock]) -> str | None:
    candidates: list[str] = []
    for block in blocks[:60]:
        for match in _AUTHORITY_PHRASE.finditer(block.text):
            name = match.group("name").strip(" ,")
            if not _NOT_AUTHORITY.match(name) and len(name.split()) <= 8:
                candidates.append(name)
    if candidates:
        return min(candidates, key=len)
    for i, block in enumerate(blocks[:15]):
        if _GENERIC_TITLE.match(block.text) and i > 0:
            previous = blocks[i - 1].text.strip()
            if 0 < len(previous.split()) <= 8 and not previous.endswith("."):
                return previous
    return None


_TITLE_BLOCKS = 8


def authority(blocks: Sequence[TextBlock], printed: str | None = None) -> str | None:
    """The council's canonical name (``resources/ingest/english-local-authorities.csv``).

    Named phrases ("Inspection of X local authority children's services", "focused visit
    to X children's services") win, shortest first; otherwise the title line printed just
    before a generic "Inspection of ..." title; otherwise the first short title line of the
    first page that names an authority in the list. A name the list lacks is kept as printed.
    ``printed``: ``printed_authority(blocks)`` when the caller has it already.
    """
    printed = printed_authority(blocks) if printed is None else printed
    if printed:
        found = match_authority(printed)
        if found:
            return found.name
    for block in blocks[:_TITLE_BLOCKS]:
        if block.page == 1 and len(block.text) <= 160:
            found = match_authority(block.text)
            if found:
                return found.name
    return printed
