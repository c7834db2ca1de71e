"""Character-level clean-up shared by the PDF and plain-text paths.

Pure text functions: ligatures expanded, Unicode NFC, whitespace collapsed, list markers
recognised, and line-end hyphens rejoined by a rule that holds for any document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u0132": "IJ",
    "\u0133": "ij",
    "\u0152": "OE",
    "\u0153": "oe",
}
_TRANSLATE: dict[int, str | None] = {ord(k): v for k, v in LIGATURES.items()}
# Invisible characters that only get in the way of reading and searching.
_TRANSLATE.update(
    {
        0x00AD: None,  # soft hyphen (a line-break opportunity, never printed mid-line)
        0x200B: None,  # zero width space
        0xFEFF: None,  # BOM / zero width no-break space
        0x00A0: " ",
        0x2007: " ",
        0x202F: " ",
        0x2009: " ",
        0x2002: " ",
        0x2003: " ",
        0x0009: " ",
    }
)

# Glyphs used as list bullets. Private-use code points (Wingdings/Symbol fonts) are added by
# ``is_bullet_char``.
BULLET_CHARS = frozenset("•◼◾▪■●◦○‣⁃∙·▫□➢➤►▶✓✔❖◆◇")
# Markers that count as bullets only when followed by a space (plain text, markdown).
DASH_BULLETS = frozenset("-–—*+")
BULLET = "•"

_WS = re.compile(r"\s+")
_NUMBER_MARKER = re.compile(r"^\(?(\d{1,3})[.)]\s+(?=\S)")
_LONE_NUMBER = re.compile(r"^\(?(\d{1,3})[.)]$")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def clean(text: str) -> str:
    """Expand ligatures, drop invisible characters, NFC-normalise and collapse whitespace."""
    if text.isascii():
        return " ".join(text.split())
    text = unicodedata.normalize("NFC", text.translate(_TRANSLATE))
    return " ".join(text.split())


def is_private_use(char: str) -> bool:
    return "\ue000" <= char <= "\uf8ff"


def is_bullet_char(char: str) -> bool:
    return char in BULLET_CHARS or is_private_use(char)


def split_bullet(text: str) -> tuple[bool, str]:
    """Return (is_list_item, text without its bullet) for a cleaned line."""
    if not text:
        return False, text
    first = text[0]
    if is_bullet_char(first):
        return True, text[1:].lstrip()
    if first in DASH_BULLETS and len(text) > 2 and text[1] == " ":
        return True, text[2:].lstrip()
    return False, text


def strip_private_use(text: str) -> str:
    """Remove private-use glyphs (symbol-font bullets) left inside a line."""
    if text.isascii() or not _PRIVATE_USE.search(text):  # this runs on every line
        return text
    return _WS.sub(" ", _PRIVATE_USE.sub("", text)).strip()


def number_marker(text: str) -> tuple[int | None, str]:
    """Split a leading paragraph number ("12. Text" or a lone "12.") from a cleaned line."""
    first = text[:1]
    if first != "(" and not first.isdigit():  # most lines: neither pattern can match there
        return None, text  # (isdigit holds for every character \d matches, and more)
    match = _LONE_NUMBER.match(text)
    if match:
        return int(match.group(1)), ""
    match = _NUMBER_MARKER.match(text)
    if match:
        return int(match.group(1)), text[match.end() :]
    return None, text


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SUSPENDED = frozenset({"and", "or", "to", "nor"})


class Vocabulary:
    """The words of a document, to decide how line-end hyphens rejoin (built lazily)."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = lines
        self._text: str | None = None
        self._words: set[str] | None = None
        self._searches = 0

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if self._text is None:
            self._text = "\n".join(self._lines).lower()
        if _WORD_CHARS.fullmatch(word) and self._searches >= _SEARCHES_BEFORE_SET:
            # The same answer as the search below, from a set built once: searching the
            # whole text for every hyphen at a line end made long reports quadratic.
            if self._words is None:
                self._words = _bounded_pieces(self._text)
            return word in self._words
        self._searches += 1
        return _bounded_in(self._text, word)


_WORD_CHARS = re.compile(r"[\w'’-]+")
_WORDISH = re.compile(r"[\w-]")  # what may not stand just before or after a found word


def _bounded_in(text: str, word: str) -> bool:
    r"""Whether ``(?<![\w-])word(?![\w-])`` finds ``word`` in ``text``: each place
    ``str.find`` finds it, its neighbours tested (the pattern tries every position of the
    whole text, a few milliseconds a lookup on a long report)."""
    if not word:
        return re.search(r"(?<![\w-])(?![\w-])", text) is not None
    n = len(word)
    find = text.find
    neighbour = _WORDISH.match
    at = find(word)
    while at >= 0:
        if (at == 0 or not neighbour(text, at - 1)) and not neighbour(text, at + n):
            return True
        at = find(word, at + 1)
    return False


_SEARCHES_BEFORE_SET = 8  # a few searches cost less than building the set
_APOSTROPHES = "'’"


def _bounded_pieces(text: str) -> set[str]:
    r"""Every string of word characters, apostrophes and hyphens that the pattern
    ``(?<![\w-])piece(?![\w-])`` finds in ``text``: within each run of those characters, the
    pieces that start at the run's start or after an apostrophe, and end at its end or
    before an apostrophe."""
    # Each run is a piece; only those with an apostrophe (few) hold more.
    pieces: set[str] = set(_WORD_CHARS.findall(text))
    for run in [run for run in pieces if "'" in run or "’" in run]:
        cuts = [i for i, c in enumerate(run) if c in _APOSTROPHES]
        starts = [0, *(i + 1 for i in cuts)]
        ends = [*cuts, len(run)]
        pieces.update(run[a:b] for a in starts for b in ends if a < b)
    return pieces


def vocabulary(lines: Iterable[str]) -> Vocabulary:
    """Lower-cased words of a document, used to decide how line-end hyphens rejoin."""
    return Vocabulary(lines)


def join_lines(left: str, right: str, vocab: Vocabulary | None = None) -> str:
    """Join two wrapped lines of one paragraph.

    A line ending in a hyphen attached to a letter is a compound broken at its hyphen (the
    hyphen is kept, no space), unless the document elsewhere spells the word without the
    hyphen and never with it: then the hyphen was a break artefact and is dropped. A
    suspended hyphen ("16- and 17-year-olds") keeps its space.
    """
    if not left:
        return right
    if not right:
        return left
    if left.endswith("-") and len(left) > 1 and not left[-2].isspace():
        head_match = re.search(r"([\w'’-]*)-$", left)
        tail_match = re.match(r"[\w'’-]*", right)
        head = head_match.group(1) if head_match else ""
        tail = tail_match.group(0) if tail_match else ""
        if tail.lower() in _SUSPENDED or (head.isdigit() and not tail[:1].isalnum()):
            return f"{left} {right}"
        if vocab is not None and head and tail and tail[:1].islower():
            joined = (head + tail).lower()
            hyphenated = f"{head}-{tail}".lower()
            if joined in vocab and hyphenated not in vocab:
                return left[:-1] + right
        return left + right
    return f"{left} {right}"
