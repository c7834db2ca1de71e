"""National Framework tags on recommendations, normalised to ``NFTag(kind, number)``.

Reports from 2025 end most items with a tag written many ways: "(outcome 3, national
framework)", "Outcome four, National Framework", "National Framework, Outcome 2",
"outcome 3: national framework", "enabler 2", or the outcome/enabler named by its title.
"""

from __future__ import annotations

import re

from shiny_review.domain.entities import NFTag

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
}
_NUM = r"(\d{1,2}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_KIND = r"(outcome|enabler)s?"
_TAG = re.compile(_KIND + r"\s*(?:no\.?|number|#)?\s*[:.\-–]?\s*" + _NUM + r"\b", re.IGNORECASE)
_TAG_REVERSED = re.compile(_NUM + r"(?:st|nd|rd|th)?\s+" + _KIND + r"\b", re.IGNORECASE)
_FRAMEWORK = re.compile(r"national\s+framework", re.IGNORECASE)

# Titles of the Children's Social Care National Framework (2023) outcomes and enablers,
# matched by their distinctive words when a report names one instead of numbering it.
_TITLES: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    ("outcome", 1, ("stay together", "help they need")),
    ("outcome", 2, ("family network",)),
    ("outcome", 3, ("safe in and outside", "safe in and outside of their homes")),
    ("outcome", 4, ("stable, loving homes", "stable loving homes", "loving homes")),
    ("enabler", 1, ("multi-agency working", "multi agency working")),
    ("enabler", 2, ("leaders drive", "conditions for effective practice")),
    ("enabler", 3, ("workforce is equipped", "equipped and effective")),
)


def _number(token: str) -> int | None:
    token = token.lower()
    if token.isdigit():
        return int(token)
    return NUMBER_WORDS.get(token)


def _tail(text: str) -> str:
    """The part of an item that can hold a tag: its last bracket or last clause."""
    stripped = text.rstrip(" .;")
    if stripped.endswith(")") and "(" in stripped:
        return stripped[stripped.rfind("(") :]
    return stripped[-160:]


def parse_nf_tag(text: str) -> NFTag | None:
    """The National Framework tag an item ends with, or ``None``."""
    tail = _tail(text)
    has_framework = bool(_FRAMEWORK.search(tail))
    for pattern, kind_group, number_group in ((_TAG, 1, 2), (_TAG_REVERSED, 2, 1)):
        matches = list(pattern.finditer(tail))
        if matches:
            match = matches[-1]
            bracketed = tail.startswith("(")
            at_end = match.end() >= len(tail.rstrip(" .)")) - 1
            if not (has_framework or bracketed or at_end):
                continue
            number = _number(match.group(number_group))
            if number is not None and 0 < number < 20:
                return NFTag(kind=match.group(kind_group).lower(), number=number)
    lowered = tail.lower()
    if has_framework or "enabler" in lowered or "outcome" in lowered:
        for kind, number, keys in _TITLES:
            if (kind in lowered or has_framework) and any(k in lowered for k in keys):
                return NFTag(kind=kind, number=number)
    return None
