"""Letterhead and contact lines are never headings.

A letter's letterhead (the sender's address, telephone, textphone, e-mail and web address)
is set in short, capitalised lines, often bold or larger, which the PDF layout and the plain
text reader both take for headings. ``demote_letterhead`` runs on every reader's blocks (in
``assemble``), so the rule is one and general:

- a block that is contact details (a telephone or textphone number, an e-mail or web address,
  a labelled "T:", "E:", "W:" line, or a UK postcode) is not a heading;
- the address lines just above a postcode (short blocks on the same page, "Ofsted",
  "Piccadilly Gate", "Store Street", "Manchester") are not headings either;
- nor is a salutation or sign-off ("Dear Ms Example", "Yours sincerely"), nor the short
  signature lines under a sign-off ("A. Inspector", "His Majesty's Inspector").

The plain text reader also asks ``is_letter_furniture`` before it guesses a heading, so such
a line never makes the heading above it look like an address line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

# "tel", "telephone", "textphone", "minicom", "fax", "phone", "mobile", "e-mail", "email",
# "web", "website" or one of the letters t, e, f, w, m, as a word's start, before a number or an
# address. Written by first letter (one branch tried where a word starts, not eleven): the
# same places as the plain list (``tests/ingest/test_letterhead.py`` compares them).
_LABEL = re.compile(
    r"(?i)\b(?:t(?:el(?:ephone)?|extphone)?|e(?:-?mail)?|f(?:ax)?|w(?:eb(?:site)?)?|"
    r"m(?:inicom|obile)?|phone)\s*[.:]?\s*(?=[+(\d]|\S+@|www\.|https?://)"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WEB = re.compile(r"(?i)\bwww\.[\w-]+|https?://|\b[\w-]+\.(?:gov|org|co|ac|nhs|sch)\.uk\b")
_PHONE = re.compile(r"(?<![\d/])(?:\+44\s?\(?0?\)?\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\d/])")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_HINT = re.compile(r"[+(\d@]|://")  # _LABEL, _PHONE and _POSTCODE need one of these
_ZERO_DIGIT = re.compile(r"0\d")  # _PHONE needs this or "+44"
_CAPITAL_DIGIT = re.compile(r"[A-Z]\d")  # _POSTCODE needs this
_SALUTATION = re.compile(r"^(?:Dear|Yours (?:sincerely|faithfully)|Kind regards)\b")
_SIGN_OFF = re.compile(r"^(?:Yours (?:sincerely|faithfully)|Kind regards)\b")
_SIGNATURE_LINES = 3
_ADDRESS_LINE_WORDS = 5
_ADDRESS_LINES = 6


class _Block(Protocol):
    page: int
    heading: bool
    number: int | None
    text: str


def is_contact_line(text: str) -> bool:
    """True for contact details: a telephone number, an e-mail or web address, a postcode."""
    # Cheap tests first (most blocks are prose): every pattern needs one of these to match,
    # so skipping a pattern whose hint is absent gives the same answer.
    hint = _HINT.search(text) is not None  # a digit, "+", "(", "@" or "://"
    low = text.lower()
    web = "www." in low or "://" in low or ".uk" in low
    return bool(
        ((hint or web) and _LABEL.search(text))
        or ("@" in text and _EMAIL.search(text))
        or (web and _WEB.search(text))
        or (hint and _phone_or_postcode(text))
    )


def _phone_or_postcode(text: str) -> bool:
    # Each long pattern only where the pair of characters it starts with is present (the
    # same answers: a paragraph with a number in it no longer runs both over its length).
    phone = ("+44" in text or _ZERO_DIGIT.search(text)) and _PHONE.search(text)
    return bool(phone or (_CAPITAL_DIGIT.search(text) and _POSTCODE.search(text)))


def _has_postcode(text: str) -> bool:
    return _CAPITAL_DIGIT.search(text) is not None and _POSTCODE.search(text) is not None


def is_letter_furniture(text: str) -> bool:
    """Contact details, or a letter's salutation or sign-off ("Dear Ms Example"): never a
    heading."""
    return bool(_SALUTATION.match(text.strip())) or is_contact_line(text)


def _address_line(block: _Block) -> bool:
    text = block.text.strip()
    return (
        block.number is None
        and 0 < len(text.split()) <= _ADDRESS_LINE_WORDS
        and not text.endswith((".", "?", "!", ":"))
    )


def demote_letterhead(blocks: Sequence[_Block]) -> None:
    """Unmark as headings the blocks that are contact details or an address above them."""
    for i, block in enumerate(blocks):
        if block.heading:
            if not is_letter_furniture(block.text):
                continue
            block.heading = False
        # Not a heading (most blocks: prose): unmarking it changes nothing, so only what it
        # does to its neighbours is looked for, a sign-off or a postcode, both of which are
        # letter furniture; the whole contact test was a fifth of a long report's layout.
        elif not _SIGN_OFF.match(block.text.strip()) and not _has_postcode(block.text):
            continue
        if _SIGN_OFF.match(block.text.strip()):
            for after in blocks[i + 1 : i + 1 + _SIGNATURE_LINES]:
                if after.page != block.page or not _address_line(after):
                    break
                after.heading = False
        if not _has_postcode(block.text):
            continue
        j = i - 1
        while j >= 0 and i - j <= _ADDRESS_LINES and blocks[j].page == block.page:
            if not _address_line(blocks[j]):
                break
            blocks[j].heading = False
            j -= 1
