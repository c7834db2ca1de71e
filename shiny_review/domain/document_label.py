"""How a person tells letters apart: "Shropshire · full inspection · Feb 2022".

One function makes the label everywhere it is shown (the command line's ``documents``, search
results, the window): the authority's short name, the kind of inspection and the month the
inspection began (or, failing that, the letter's date). Titles alone do not tell letters
apart: every local authority inspection letter is "Inspection of X local authority children's
services", and one authority has several.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from shiny_review.domain.entities import Document

SEPARATOR = " · "
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PREFIX = re.compile(r"^(?:the\s+)?(?:(?:royal\s+|london\s+)?borough\s+of|city\s+of)\s+", re.I)
_SUFFIX = re.compile(
    r"\s+(?:metropolitan\s+(?:district|borough)\s+|borough\s+|county\s+|city\s+|district\s+)?"
    r"council$",
    re.I,
)


@functools.lru_cache(maxsize=512)  # a workspace names a few hundred authorities at most
def short_authority(name: str) -> str:
    """ "City of Bradford Metropolitan District Council" -> "Bradford"."""
    short = _SUFFIX.sub("", _PREFIX.sub("", name.strip()))
    return short or name.strip()


def month(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def label_date(document: Document) -> dt.date | None:
    """The date that places the letter: when the inspection began, else its own date."""
    return document.inspection_start or document.inspection_end or document.date


def shown_date(document: Document) -> dt.date | None:
    """The date column: the letter's date, else (most letters print none) the inspection's
    last day."""
    return document.date or document.inspection_end or document.inspection_start


def document_label(document: Document) -> str:
    """Authority · kind · inspection month; the parts that are unknown are left out."""
    return label_of(document.title, document.kind, document.authority, label_date(document))


def label_of(title: str, kind: str | None, authority: str | None, when: dt.date | None) -> str:
    """``document_label`` from the columns it needs (the listing reads only those)."""
    parts = [short_authority(authority) if authority else title]
    if kind:
        parts.append(kind)
    if when is not None:
        parts.append(f"{MONTHS[when.month - 1]} {when.year}")  # ``month``, inlined: a listing
    return SEPARATOR.join(parts)  # labels thousands of rows
