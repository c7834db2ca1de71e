"""Plain text and Markdown to canonical text.

Decoding (``detect_encoding``: a byte-order mark for UTF-8, UTF-16 or UTF-32, else UTF-8,
else Windows-1252 with a warning that the encoding was guessed) and block splitting: a
blank line always ends a block; lines of a hard-wrapped file are joined back into their
paragraph; Markdown headings, bold headings and list markers are recognised.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import statistics
from dataclasses import dataclass

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


_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
CP1252_WARNING = (
    "The file is not UTF-8; it was read as Windows-1252 (Western European). Check that "
    "accented letters and symbols look right."
)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark: NUL in every other byte of ASCII text."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.6 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def wide_codec(data: bytes) -> str | None:
    """The codec of UTF-16 or UTF-32 text (marked, or UTF-16 without a mark), else None."""
    for bom, codec, _name in _BOMS:
        if data.startswith(bom):
            return None if codec == "utf-8" else codec
    return _utf16_without_bom(data)


def detect_encoding(data: bytes) -> Decoded:
    """Decode text bytes: byte-order mark, then UTF-8, then Windows-1252 with a warning.

    Raises ``UnicodeDecodeError`` only for a file with a byte-order mark that does not
    decode as its mark says.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(codec), name)
    guessed = _utf16_without_bom(data)
    if guessed is not None:
        with contextlib.suppress(UnicodeDecodeError):
            return Decoded(data.decode(guessed), "UTF-16")
    try:
        return Decoded(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    # Windows-1252 leaves five bytes undefined; those stay as Latin-1 reads them.
    return Decoded(data.decode("latin-1").translate(_CP1252), "Windows-1252", CP1252_WARNING)


_CP1252 = {
    b: bytes([b]).decode("cp1252")
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def decode(data: bytes) -> str:
    """The text of some bytes (see ``detect_encoding``)."""
    return detect_encoding(data).text


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
