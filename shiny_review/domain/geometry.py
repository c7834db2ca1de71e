"""Where the canonical text stands on the pages: word boxes, highlight rectangles, hit tests.

The import keeps one box per word of the canonical text (its character range, page and
rectangle in PDF points, origin top left), in reading order. From them:
- ``rects_for`` gives the rectangles a character range covers (one per line piece, merged
  word by word; a range that starts or ends inside a word is cut in proportion);
- ``word_at`` and ``span_between`` turn a mouse drag on a page back into canonical offsets.

Stored compactly (``to_bytes``: offsets and lengths as integers, coordinates in tenths of a
point, zlib) so a 30-page report's boxes take tens of kilobytes.
"""

from __future__ import annotations

import bisect
import json
import operator
import struct
import zlib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, repeat

_MAGIC = b"SRW1"
_SCALE = 10.0  # coordinates are kept in tenths of a point
_tenth = float.__round__  # of a coordinate times _SCALE: round() without its method look-up


@dataclass(frozen=True, slots=True)
class PageRect:
    """A rectangle on a page (1-based), in PDF points from the page's top left corner."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    def as_list(self) -> list[float]:
        return [self.page, self.x0, self.y0, self.x1, self.y1]


def rects_json(rects: Sequence[PageRect]) -> str:
    return json.dumps([[r.page, *(round(v, 1) for v in r.as_list()[1:])] for r in rects])


def rects_from_json(value: str | None) -> tuple[PageRect, ...]:
    if not value:
        return ()
    return tuple(PageRect(int(p), x0, y0, x1, y1) for p, x0, y0, x1, y1 in json.loads(value))


WordColumns = tuple["array[int]", "array[int]", "array[float]", "array[float]"]
"""Words of one line as columns: their starts, ends, left and right x (``WordBoxes.add_line``)."""


class WordBoxes:
    """The boxes of a document's words, sorted by their start offset in the canonical text.

    Boxes read from their stored bytes (``from_bytes``, or unpickled from the import child)
    keep those bytes and are decoded on first use: the import's parent stores the bytes the
    child made without decoding and encoding them again. The arrays are read, never changed
    in place, outside this class (its ``add``/``add_line``/``sort`` drop the kept bytes).
    """

    __slots__ = ("_by_page", "_data", "_tenths", "boxes", "ends", "pages", "starts")

    def __init__(
        self,
        starts: array[int] | None = None,
        ends: array[int] | None = None,
        pages: array[int] | None = None,
        boxes: array[float] | None = None,
    ) -> None:
        self.starts: array[int] = starts if starts is not None else array("l")
        self.ends: array[int] = ends if ends is not None else array("l")
        self.pages: array[int] = pages if pages is not None else array("l")
        self.boxes: array[float] = boxes if boxes is not None else array("d")  # 4 per word
        self._by_page: dict[int, list[int]] | None = None
        self._data: bytes | None = None  # what ``to_bytes`` gives, once known
        # The boxes in tenths of a point as ``to_bytes`` rounds them, kept by ``add_line``
        # (a line's y rounded once, not once a word) while every word came through it.
        self._tenths: array[int] | None = array("i") if boxes is None else None

    def __getattr__(self, name: str) -> object:
        # Only called for an unset slot: the arrays of boxes made from bytes, not yet decoded.
        if name not in ("starts", "ends", "pages", "boxes") or self._data is None:
            raise AttributeError(name)
        self.starts, self.ends, self.pages, self.boxes = _decode(self._data)
        return object.__getattribute__(self, name)

    def __len__(self) -> int:
        return len(self.starts)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WordBoxes):
            return NotImplemented
        return (
            self.starts == other.starts
            and self.ends == other.ends
            and self.pages == other.pages
            and self.boxes == other.boxes
        )

    def __hash__(self) -> int:
        return hash((bytes(self.starts), len(self.boxes)))

    def __getstate__(self) -> tuple[bytes, ...]:  # pickled across the import child process
        return (self.to_bytes(),)

    def __setstate__(self, state: tuple[bytes, ...]) -> None:
        self._by_page = self._tenths = None
        self._data = _checked(state[0])

    def add(self, start: int, end: int, page: int, box: tuple[float, float, float, float]) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self.pages.append(page)
        self.boxes.extend(box)
        self._by_page = self._data = self._tenths = None

    def add_line(
        self,
        words: WordColumns,
        shift: int,
        page: int,
        y0: float,
        y1: float,
        last_end: int | None = None,
    ) -> None:
        """Add one line's words (columns: starts, ends, x0s, x1s) with offsets moved by
        ``shift``, all on ``page`` between ``y0`` and ``y1`` (the same as ``add`` for each,
        without a Python call a word); ``last_end``: the last word's end instead of its own."""
        starts, ends, x0s, x1s = words
        n = len(starts)
        if not n:
            return
        self.starts.extend(map(shift.__add__, starts))
        self.ends.extend(map(shift.__add__, ends))
        if last_end is not None:
            self.ends[-1] = last_end
        self.pages.extend(repeat(page, n))
        boxes = array("d", (0.0, y0, 0.0, y1)) * n  # then each word's x0 and x1 in place
        boxes[0::4] = x0s if x0s.typecode == "d" else array("d", x0s)
        boxes[2::4] = x1s if x1s.typecode == "d" else array("d", x1s)
        self.boxes.extend(boxes)
        self._by_page = self._data = None
        if self._tenths is not None:
            try:
                tenths = array("i", (0, _tenth(_SCALE * y0), 0, _tenth(_SCALE * y1))) * n
                tenths[0::4] = array("i", map(_tenth, map(_SCALE.__mul__, x0s)))
                tenths[2::4] = array("i", map(_tenth, map(_SCALE.__mul__, x1s)))
            except (OverflowError, ValueError):  # let ``to_bytes`` meet it, as before
                self._tenths = None
            else:
                self._tenths.extend(tenths)

    def sort(self) -> None:
        """Put the words in offset order (the import adds them in reading order already)."""
        order = sorted(range(len(self.starts)), key=self.starts.__getitem__)
        if order == list(range(len(order))):
            return
        self.starts = array("l", (self.starts[i] for i in order))
        self.ends = array("l", (self.ends[i] for i in order))
        self.pages = array("l", (self.pages[i] for i in order))
        self.boxes = array("d", (self.boxes[4 * i + k] for i in order for k in range(4)))
        self._by_page = self._data = self._tenths = None

    def box(self, index: int) -> tuple[float, float, float, float]:
        b = self.boxes
        i = 4 * index
        return b[i], b[i + 1], b[i + 2], b[i + 3]

    # -- storage --------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        if self._data is not None:  # made from these bytes, or encoded before
            return self._data
        # Built with map() over builtins (no Python-level loop a word): a 30-page report
        # has some 10,000 words, and this runs once an import.
        starts = self.starts
        n = len(starts)
        if len(self.ends) != n or len(self.pages) != n or len(self.boxes) != 4 * n:
            raise ValueError("word box arrays of different lengths")
        lengths = _clipped(array("l", map(operator.sub, self.ends, starts)))
        deltas = array("I", map(operator.sub, starts, chain((0,), starts)))
        coords = self._tenths
        if coords is None or len(coords) != len(self.boxes):
            # float.__round__ is round() without its look-up of the method (a third faster).
            coords = array("i", map(float.__round__, map(_SCALE.__mul__, self.boxes)))
        self._data = _pack(deltas, lengths, _clipped(self.pages), coords)
        return self._data

    @classmethod
    def packed(
        cls, deltas: array[int], lengths: array[int], pages: array[int], coords: array[int]
    ) -> WordBoxes:
        """Boxes given as ``to_bytes`` keeps them (each start less the one before, lengths,
        pages, coordinates in tenths of a point), encoded now and decoded on first use, as
        boxes read back from storage are: the import makes these columns in one pass."""
        if len(deltas) != len(lengths) or len(pages) != len(deltas):
            raise ValueError("word box columns of different lengths")
        if len(coords) != 4 * len(deltas):
            raise ValueError("word box columns of different lengths")
        if deltas.typecode != "I" or coords.typecode != "i":
            raise ValueError("word box columns of the wrong type")
        boxes = cls.__new__(cls)
        boxes.__setstate__((_pack(deltas, _clipped(lengths), _clipped(pages), coords),))
        return boxes

    @classmethod
    def from_bytes(cls, data: bytes) -> WordBoxes:
        boxes = cls(*_decode(_checked(data)))
        boxes._data = data  # encoding the decoded boxes gives these bytes back
        return boxes

    # -- queries --------------------------------------------------------------------------

    def _overlapping(self, start: int, end: int) -> range:
        """Indices of the words that share at least one character with [start, end)."""
        # Words do not overlap one another, so their ends are sorted as their starts are.
        first = bisect.bisect_right(self.ends, start)
        last = bisect.bisect_left(self.starts, end)
        return range(first, max(first, last))

    def rects_for(self, start: int, end: int) -> list[PageRect]:
        """The rectangles the characters [start, end) cover, one per line piece."""
        rects: list[PageRect] = []
        current: list[float] | None = None
        current_page = 0
        for i in self._overlapping(start, end):
            x0, y0, x1, y1 = self.box(i)
            ws, we = self.starts[i], self.ends[i]
            if we > ws and (start > ws or end < we):
                width = (x1 - x0) / (we - ws)
                if start > ws:
                    x0 += width * (start - ws)
                if end < we:
                    x1 -= width * (we - end)
            page = self.pages[i]
            if current is not None and page == current_page and _same_line(current, y0, y1, x0):
                current[0] = min(current[0], x0)
                current[1] = min(current[1], y0)
                current[2] = max(current[2], x1)
                current[3] = max(current[3], y1)
                continue
            if current is not None:
                rects.append(PageRect(current_page, *current))
            current, current_page = [x0, y0, x1, y1], page
        if current is not None:
            rects.append(PageRect(current_page, *current))
        return rects

    def words_on(self, page: int) -> list[int]:
        if self._by_page is None:
            by_page: dict[int, list[int]] = {}
            for i, p in enumerate(self.pages):
                by_page.setdefault(p, []).append(i)
            self._by_page = by_page
        return self._by_page.get(page, [])

    def word_at(self, page: int, x: float, y: float, *, slack: float = 12.0) -> int | None:
        """The word under (x, y) on ``page``, or the nearest one within ``slack`` points."""
        best: int | None = None
        best_distance = slack
        for i in self.words_on(page):
            x0, y0, x1, y1 = self.box(i)
            dx = max(x0 - x, 0.0, x - x1)
            dy = max(y0 - y, 0.0, y - y1)
            distance = (dx * dx + dy * dy) ** 0.5
            if distance == 0.0:
                return i
            if distance < best_distance:
                best, best_distance = i, distance
        return best

    def span_between(self, a: int, b: int) -> tuple[int, int]:
        """The canonical range from the first to the last of two words, both included."""
        first, last = min(a, b), max(a, b)
        return self.starts[first], self.ends[last]

    def pages_of(self, start: int, end: int) -> list[int]:
        return sorted({self.pages[i] for i in self._overlapping(start, end)})


def _same_line(current: Sequence[float], y0: float, y1: float, x0: float) -> bool:
    height = max(current[3] - current[1], y1 - y0, 1.0)
    return abs(current[1] - y0) < 0.5 * height and x0 >= current[0] - 1.0


def _pack(deltas: array[int], lengths: array[int], pages: array[int], coords: array[int]) -> bytes:
    """The stored form of word boxes (``WordBoxes.to_bytes``)."""
    body = b"".join(
        (
            struct.pack("<I", len(deltas)),
            _le(deltas),
            _le(lengths),
            _le(pages),
            _le(coords),
        )
    )
    # Level 1: a sixth of level 6's time for 6% more bytes (any level reads back the same).
    return _MAGIC + zlib.compress(body, 1)


def _clipped(values: array[int]) -> array[int]:
    """``values`` as unsigned 16-bit numbers, those above 65535 stored as 65535 (a negative
    one is refused, as ``array`` refuses it); ``min`` a value only when one is too big."""
    if values and max(values) > 65535:
        return array("H", map(min, values, repeat(65535, len(values))))
    return array("H", values)


def _checked(data: bytes) -> bytes:
    if not data.startswith(_MAGIC):
        raise ValueError("not a word box record")
    return data


def _decode(data: bytes) -> tuple[array[int], array[int], array[int], array[float]]:
    """The starts, ends, pages and boxes that ``WordBoxes.to_bytes`` encoded."""
    body = zlib.decompress(data[len(_MAGIC) :])
    (n,) = struct.unpack_from("<I", body)
    pos = 4
    deltas = _read(body, "I", n, pos)
    pos += n * deltas.itemsize
    lengths = _read(body, "H", n, pos)
    pos += n * lengths.itemsize
    pages = _read(body, "H", n, pos)
    pos += n * pages.itemsize
    coords = _read(body, "i", 4 * n, pos)
    starts = array("l", accumulate(deltas))
    ends = array("l", map(operator.add, starts, lengths))
    return starts, ends, array("l", pages), array("d", map(_SCALE.__rtruediv__, coords))


def _le(values: array[int]) -> bytes:
    if array("H", [1]).tobytes() != b"\x01\x00":  # pragma: no cover - big-endian hosts
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


@lru_cache(maxsize=2)
def decoded_words(data: bytes) -> WordBoxes:
    """A document's word boxes, decoded once for the same stored bytes: each highlight places
    itself on the pages, and decoding a 100-page report's boxes again each time took 35 ms.
    Keyed by the bytes themselves (hashing and comparing them is a memcmp), so a re-import or
    another workspace can never be served stale boxes. Callers only read the boxes."""
    return WordBoxes.from_bytes(data)


def _read(body: bytes, code: str, count: int, pos: int) -> array[int]:
    values = array(code)
    values.frombytes(body[pos : pos + count * values.itemsize])
    if array("H", [1]).tobytes() != b"\x01\x00":  # pragma: no cover - big-endian hosts
        values.byteswap()
    return values


def union(rects: Iterable[PageRect]) -> dict[int, list[PageRect]]:
    """Rectangles grouped by page."""
    out: dict[int, list[PageRect]] = {}
    for rect in rects:
        out.setdefault(rect.page, []).append(rect)
    return out
