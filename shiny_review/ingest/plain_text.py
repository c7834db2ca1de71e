"""Plain text and Markdown to canonical text.

Decoding (UTF-8 with or without BOM, then cp1252, then Latin-1) and block splitting: a
blank line always ends a block; lines of a hard-wrapped file are joined back into their
paragraph; Markdown headings, bold headings and list markers are recognised.
"""

from __future__ import annotations

import re
import statistics

from shiny_review.domain.structure import ExtractedText
from shiny_review.ingest.blocks import Block, assemble
from shiny_review.ingest.letterhead import is_letter_furniture
from shiny_review.ingest.normalise import (
    clean,
    join_lines,
    number_marker,
    split_bullet,
    strip_private_use,
)

_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_BOLD = re.compile(r"^\*\*(.+?)\*\*:?$|^__(.+?)__$")
_FORM_FEED = "\f"
_TERMINAL = (".", "?", "!", ":", ";")


def decode(data: bytes) -> str:
    """Decode text bytes: UTF-8 (BOM allowed), else Windows-1252, else Latin-1."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _looks_like_heading(text: str) -> bool:
    """A short line with no closing full stop, starting with a capital or a number."""
    if not text or len(text) > 90 or text.endswith((".", ",", ";", ":")):
        return False
    words = text.split()
    if len(words) > 14:
        return False
    return text[:1].isupper() or text[:1].isdigit()


def _hard_wrapped(lines: list[str]) -> bool:
    lengths = [len(x) for x in lines if x.strip()]
    if len(lengths) < 5:
        return False
    return max(lengths) <= 100 and statistics.median(lengths) >= 45


def text_blocks(text: str) -> list[Block]:
    """Split plain text into blocks; form feeds mark page breaks."""
    blocks: list[Block] = []
    explicit: set[int] = set()  # blocks marked as headings by Markdown
    pages = text.split(_FORM_FEED)
    for page_index, page_text in enumerate(pages):
        raw_lines = page_text.splitlines()
        wrapped = _hard_wrapped(raw_lines)
        current: Block | None = None
        previous_blank = True
        for raw in raw_lines:
            line = clean(raw)
            if not line:
                current = None
                previous_blank = True
                continue
            heading = False
            if _MD_HEADING.match(line):
                line = _MD_HEADING.sub("", line)
                heading = True
            bold = _MD_BOLD.match(line)
            if bold:
                line = (bold.group(1) or bold.group(2) or "").strip()
                heading = True
            line = line.replace("**", "")
            is_item, body = split_bullet(line)
            body = strip_private_use(body)
            number, rest = (None, body) if is_item else number_marker(body)
            joinable = (
                current is not None
                and wrapped
                and not heading
                and not current.heading
                and not is_item
                and number is None
                and len(current.text) >= 40
                and not current.text.endswith(_TERMINAL[1:])
            )
            if joinable and current is not None:
                current.text = join_lines(current.text, body)
                previous_blank = False
                continue
            if heading:
                explicit.add(len(blocks))
            guessed = not heading and previous_blank and not is_item
            if guessed and _looks_like_heading(rest) and not is_letter_furniture(rest):
                heading = number is None or len(rest.split()) <= 8
            current = Block(
                page=page_index + 1,
                heading=heading,
                bullet=is_item,
                number=number,
                text=rest,
            )
            blocks.append(current)
            previous_blank = False
    _demote_false_headings(blocks, explicit)
    return blocks


def _demote_false_headings(blocks: list[Block], explicit: set[int]) -> None:
    """A guessed heading followed by another heading-like line is an address line."""
    for i, block in enumerate(blocks[:-1]):
        nxt = blocks[i + 1]
        if i in explicit or not (block.heading and nxt.heading):
            continue
        if block.number is None and nxt.number is None:
            block.heading = False


def extract_text(text: str) -> ExtractedText:
    """Canonical text of plain text or Markdown."""
    blocks = text_blocks(text)
    return assemble(blocks, text.count(_FORM_FEED) + 1)
