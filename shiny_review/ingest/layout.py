"""Page layout to blocks: running headers and footers out, wrapped lines into paragraphs.

Pure geometry and text: the input is the lines of each page with their boxes and font
facts (``pdf_text`` reads them with pymupdf); nothing here knows about any one report.

Rules, in order:
- Running headers and footers are lines in the top or bottom band of a page whose text
  (digits masked) repeats in that band on many pages, or that are bare page numbers.
- A line starts a new block when it carries a bullet or a paragraph number, changes style
  (heading, body, footnote), follows a vertical gap, moves back up the page (a table cell
  or column), sits beside the previous line, or starts left of the block's first line.
- A block that ends a page (or a column) without closing punctuation carries on with the
  first body line of the next page (or column); a list item also does with a line at its
  text's indent from the left edge of the new column (a new page's first column starts
  where the page before started, not where its last column did).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from shiny_review.domain.structure import ExtractedText
from shiny_review.ingest.blocks import Block, LineWords, Words, assemble
from shiny_review.ingest.normalise import (
    join_lines,
    number_marker,
    split_bullet,
    strip_private_use,
    vocabulary,
)


@dataclass(slots=True)
class Line:
    """One text line of a page, already cleaned (ligatures expanded, whitespace collapsed).

    Read, never changed. Not frozen: a frozen dataclass sets each field through
    ``object.__setattr__``, and lines are made some 10,000 times for a 200-page import
    (five times faster so), and pickled by field (``__reduce__``) from the processes that
    read a large PDF's pages (five times faster than by its slots' state)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: bool
    text_x0: float | None = None  # where the words start, after any bullet glyph
    # Word boxes (page view): where the words start in ``text``, their lengths, left and right
    # x; None for a line without words.
    words: Words | None = None

    @property
    def words_x0(self) -> float:
        return self.x0 if self.text_x0 is None else self.text_x0

    def __reduce__(self) -> tuple[type[Line], tuple[object, ...]]:
        return Line, (
            self.text,
            self.x0,
            self.y0,
            self.x1,
            self.y1,
            self.size,
            self.bold,
            self.text_x0,
            self.words,
        )


@dataclass(frozen=True, slots=True)
class Page:
    width: float
    height: float
    lines: tuple[Line, ...]


BAND = 0.11  # share of the page height treated as header / footer band
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–(]?\s*#\s*[-–)]?(?:\s*(?:of|/)\s*#)?$|^[ivxlc]+$", re.IGNORECASE
)
_MARKER_KEY = re.compile(r"^\(?#[.)]")  # a paragraph number is not a running line
_TERMINAL = (".", "?", "!", ":", ";")
_CLOSERS = "\"'”’)]"


def _key(text: str) -> str:
    return _DIGITS.sub("#", text.lower())


def _band_keys(page: Page) -> list[tuple[int, str]]:
    """(index, key) of the page's lines in its top or bottom band."""
    band = page.height * BAND
    top, bottom = band + 2, page.height - band - 2
    return [
        (i, _key(line.text))
        for i, line in enumerate(page.lines)
        if line.y1 <= top or line.y0 >= bottom
    ]


def _body_size(pages: Sequence[Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def running_lines(pages: Sequence[Page], body: float) -> list[set[int]]:
    """Per page, the indices of lines that are running headers, footers or page numbers."""
    in_band = [_band_keys(page) for page in pages]  # each line's band and key found once
    counts: Counter[str] = Counter()
    for keys in in_band:
        counts.update({key for _, key in keys})
    # Short documents must repeat a line on every page; longer ones on a third of them.
    # A single page has nothing to repeat: only page numbers are dropped there.
    needed = max(2, len(pages)) if len(pages) <= 3 else max(3, int(0.3 * len(pages) + 0.5))
    repeated = {
        k
        for k, n in counts.items()
        if n >= needed and not _MARKER_KEY.match(k) and sum(c.isalpha() for c in k) >= 3
    }
    out: list[set[int]] = []
    for index, (page, keys) in enumerate(zip(pages, in_band, strict=True)):
        drop: set[int] = set()
        for i, key in keys:
            page_number = _PAGE_NUMBER.match(key) or not key.replace("#", "").strip()
            title = index == 0 and page.lines[i].size > body + 2
            if page_number or (key in repeated and not title):
                drop.add(i)
        out.append(drop)
    return out


_JOINERS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "whose",
        "which",
        "that",
    ]
)


def _ends_with_joiner(text: str) -> bool:
    """True when a heading's last word cannot end it ('progress of', 'help and')."""
    words = text.split()
    return bool(words) and words[-1].lower() in _JOINERS


def _ends_open(text: str) -> bool:
    """True when a paragraph's text stops mid-sentence."""
    stripped = text.rstrip(_CLOSERS + " ")
    return bool(stripped) and not stripped.endswith(_TERMINAL)


def layout_blocks(pages: Sequence[Page]) -> list[Block]:
    """Group the lines of all pages into blocks (see the module docstring for the rules)."""
    body = _body_size(pages)
    running = running_lines(pages, body)
    vocab = vocabulary([line.text for page in pages for line in page.lines])
    blocks: list[Block] = []
    current: Block | None = None
    prev: Line | None = None
    first_x = 0.0
    item_indent: float | None = None
    column_left = 0.0  # left edge of the column being read (least x0 seen in it)
    page_left = 0.0  # left edge of the last page read with lines (least x0 on it)
    left_here = float("inf")  # least x0 so far on the page being read
    for page_index, page in enumerate(pages):
        page_no = page_index + 1
        new_page = True
        if left_here != float("inf"):
            page_left, left_here = left_here, float("inf")
        dropped = running[page_index]
        for i, line in enumerate(page.lines):
            if i in dropped:
                continue
            heading = (line.bold or line.size >= body + 1.5) and line.size >= body - 0.5
            footnote = not heading and line.size <= body - 1.5
            is_item, text = split_bullet(line.text)
            text = strip_private_use(text)
            number, rest = (None, text) if is_item else number_marker(text)
            if not text and not is_item:
                continue
            height = max(line.y1 - line.y0, 1.0)
            gap_limit = max(3.0, 0.25 * height)
            start_new = current is None
            continues = hanging = False
            if current is not None and prev is not None:
                same_style = (
                    current.heading == heading
                    and current.footnote == footnote
                    and abs(line.size - prev.size) <= 1.0
                )
                pending_marker = not current.text and (current.bullet or current.number)
                column_jump = line.y0 < prev.y0 - 4 * height and line.x0 > prev.x1 - 2
                if pending_marker:
                    start_new = False
                    current.heading = heading
                    current.footnote = footnote
                    item_indent = line.words_x0
                elif new_page or column_jump:
                    ahead = [x.x0 for x in page.lines[i : i + 15] if x.x0 >= line.x0 - 40]
                    # A new page starts in its first column, at the page's left edge, even
                    # when the page before ended in another column.
                    new_left = min(ahead) if column_jump else page_left
                    hanging = (
                        item_indent is not None
                        and abs((line.x0 - new_left) - (item_indent - column_left)) < 3
                    )
                    if item_indent is not None and new_left != column_left:
                        item_indent = item_indent - column_left + new_left
                    column_left = new_left
                    continues = (
                        same_style
                        and not heading
                        and not footnote
                        and not is_item
                        and number is None
                        and (_ends_open(current.text) or text[:1].islower() or hanging)
                    ) or (
                        # A heading that wraps across a column or page break.
                        same_style
                        and heading
                        and not is_item
                        and number is None
                        and (text[:1].islower() or _ends_with_joiner(current.text))
                    )
                    start_new = not continues
                else:
                    gap = line.y0 - prev.y1
                    side_by_side = line.y0 < prev.y1 - 2 and line.x0 >= prev.x1 - 2
                    moved_up = line.y0 < prev.y0 - 2
                    outdent = line.x0 < first_x - 5
                    numbered = number is not None and (
                        gap > gap_limit
                        or current.heading
                        or not _ends_open(current.text)
                        or side_by_side
                    )
                    start_new = (
                        is_item
                        or numbered
                        or not same_style
                        or gap > gap_limit
                        or moved_up
                        or side_by_side
                        or outdent
                    )
                    if number is not None and not numbered:
                        number, rest = None, text
            if start_new or current is None:
                current = Block(
                    page=page_no,
                    heading=heading,
                    bullet=is_item,
                    number=number,
                    footnote=footnote,
                    text=rest,
                )
                blocks.append(current)
                _keep_words(current, line, rest, 0, page_no)
                first_x = line.x0
                marked = is_item or number is not None
                item_indent = line.words_x0 if marked and rest else None
            else:
                piece = rest if (not current.text and current.number is not None) else text
                current.text = join_lines(current.text, piece, vocab)
                _keep_words(current, line, piece, len(current.text) - len(piece), page_no)
                if continues:
                    first_x = min(line.x0, item_indent if item_indent is not None else line.x0)
                if continues and page_no != current.page:
                    current.page_breaks.append((len(current.text) - len(piece), page_no))
            if new_page and not (continues and hanging):
                column_left = line.x0  # the best guess at the new page's left edge
            else:  # a line at an item's indent has placed the column (``new_left``)
                column_left = min(column_left, line.x0)
            left_here = min(left_here, line.x0)
            prev = line
            new_page = False
    return blocks


def _keep_words(block: Block, line: Line, piece: str, at: int, page: int) -> None:
    """Record where the words of ``piece`` (the end of ``line.text``) stand in ``block.text``."""
    if not line.words or not piece:
        return
    skip = len(line.text) - len(piece)
    if skip < 0 or not line.text.endswith(piece):
        return  # the line's text was changed on its way in (symbol-font glyphs): no boxes
    words = block.words
    if words and words[-1].end() > at:  # a line-end hyphen dropped by the join
        last = words[-1]
        last.last_end = max(last.last_start() + 1, at)
    # The words' starts increase along the line: those of ``piece`` are the last ones.
    kept = line.words
    if skip:
        first = bisect_left(kept.start_list(), skip)
        if first == len(kept.lengths):
            return
        kept = kept.since(first)
    words.append(LineWords(kept, at - skip, page, line.y0, line.y1))


def layout_text(
    pages: Sequence[Page], has_javascript: bool = False, warnings: tuple[str, ...] = ()
) -> ExtractedText:
    """Canonical text for laid-out pages."""
    blocks = layout_blocks(pages)
    return assemble(blocks, len(pages), warnings=warnings, has_javascript=has_javascript)
