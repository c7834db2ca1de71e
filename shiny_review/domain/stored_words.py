"""One range's words read from a stored word box record a piece at a time (issue 16).

Making a highlight places it on the pages (``WordBoxes.rects_for``), and a reviewer makes
highlights in one document after another: keeping each document's decoded boxes, or an index
of all its words, costs the window megabytes (a 280-page report's record inflates to 3 MB).
Here the record (``WordBoxes.to_bytes``) is inflated as it is read, in bounded pieces: a pass
over the word starts finds the words the range touches, then only their lengths, pages and
coordinates are read (the rest skipped, the stream left unread after the last of them). The
caller gives the record in pieces (a blob read a piece at a time), so not even the compressed
record is held whole.

``NearbyWords`` keeps the words around the last range placed (a few pages either side), with
what identifies the record they came from: the next highlight a person makes is nearly always
near the last one, and placing it then reads nothing of the record.
"""

from __future__ import annotations

import bisect
import operator
import struct
import zlib
from array import array
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate

from shiny_review.domain.geometry import _MAGIC, _SCALE, PageRect, WordBoxes

_OUT = 1 << 18  # at most this many inflated bytes at once
_STARTS = 1 << 14  # word starts summed a block of this many at a time


class _Inflated:
    """The inflated body of a record given as compressed pieces, read forwards."""

    def __init__(self, pieces: Iterator[bytes]) -> None:
        self._pieces = pieces
        self._inflate = zlib.decompressobj()
        self._ready = b""  # inflated, not yet read

    def _more(self, most: int) -> bytes:
        while True:
            data = self._inflate.unconsumed_tail or next(self._pieces, b"")
            if not data:
                out = b"" if self._inflate.eof else self._inflate.flush()
                if not out:
                    raise ValueError("a word box record shorter than it says")
                return out
            out = self._inflate.decompress(data, most)
            if out:
                return out

    def read(self, size: int) -> bytes:
        parts, have = [self._ready[:size]], min(size, len(self._ready))
        self._ready = self._ready[size:]
        while have < size:
            out = self._more(min(_OUT, size - have))
            parts.append(out[: size - have])
            self._ready = out[size - have :]
            have += len(parts[-1])
        return b"".join(parts)

    def skip(self, size: int) -> None:
        while size > 0:
            size -= len(self.read(min(size, _OUT)))


def _numbers(data: bytes, code: str) -> array[int]:
    values = array(code)
    values.frombytes(data)
    if array("H", [1]).tobytes() != b"\x01\x00":  # pragma: no cover - big-endian hosts
        values.byteswap()
    return values


def _sums(base: int, deltas: array[int]) -> array[int]:
    sums = array("l", accumulate(deltas, initial=base))
    del sums[0]
    return sums


@dataclass(frozen=True, slots=True)
class StoredWords:
    """Words ``first`` to ``first + len(words.starts)`` of a record of ``count`` words."""

    words: WordBoxes
    first: int
    count: int

    def covers(self, start: int, end: int) -> bool:
        """Whether every word ``rects_for(start, end)`` may use is here."""
        starts = self.words.starts
        if not starts:
            return self.count == 0
        before = self.first == 0 or starts[0] <= start
        after = self.first + len(starts) == self.count or starts[-1] > max(start, end - 1)
        return before and after


def words_around(pieces: Iterable[bytes], start: int, end: int, *, margin: int = 0) -> StoredWords:
    """The words [start, end) shares a character with, the word it starts in or after, and
    up to ``margin`` words either side: their ``rects_for(start, end)`` is the whole
    document's. ``pieces``: the stored record (``WordBoxes.to_bytes``) in order."""
    stream = iter(pieces)
    head = b""
    while len(head) < len(_MAGIC):
        piece = next(stream, b"")
        if not piece:
            break
        head += piece
    if not head.startswith(_MAGIC):
        raise ValueError("not a word box record")
    body = _Inflated(_chain(head[len(_MAGIC) :], stream))
    (n,) = struct.unpack("<I", body.read(4))
    # The word starts a block at a time: how many start at or before ``start`` and how many
    # before ``end``. A block wholly before both is only summed (the last one kept, for the
    # margin); the blocks from there on are kept until the margin after the range is read.
    total = at_or_before = before_end = 0
    summed: tuple[int, int, array[int]] | None = None  # (first word, base, deltas)
    kept: list[tuple[int, array[int]]] = []  # (first word, starts) of consecutive blocks
    for block in range(0, n, _STARTS):
        size = min(_STARTS, n - block)
        deltas = _numbers(body.read(4 * size), "I")
        if total + deltas[0] > max(start, end - 1) and block >= before_end + margin:
            body.skip(4 * (n - block - size))
            break
        after = total + sum(deltas)
        if after < min(start + 1, end):
            summed = (block, total, deltas)
            total = after
            at_or_before += size
            before_end += size
            continue
        if summed is not None and not kept:
            kept.append((summed[0], _sums(summed[1], summed[2])))
        sums = _sums(total, deltas)
        kept.append((block, sums))
        total = sums[-1]
        at_or_before += bisect.bisect_right(sums, start)
        before_end += bisect.bisect_left(sums, end)
    if summed is not None and not kept:
        kept.append((summed[0], _sums(summed[1], summed[2])))
    first = max(0, at_or_before - 1)
    last = max(first, before_end)
    if not kept or last == first:
        return StoredWords(WordBoxes(), 0, n)
    lo = max(first - margin, kept[0][0])
    hi = min(last + margin, kept[-1][0] + len(kept[-1][1]))
    starts = array("l")
    for block, sums in kept:
        starts.extend(sums[max(0, lo - block) : max(0, hi - block)])
    count = hi - lo
    body.skip(2 * lo)
    lengths = _numbers(body.read(2 * count), "H")
    body.skip(2 * (n - hi) + 2 * lo)
    pages = _numbers(body.read(2 * count), "H")
    body.skip(2 * (n - hi) + 16 * lo)
    coords = _numbers(body.read(16 * count), "i")
    ends = array("l", map(operator.add, starts, lengths))
    boxes = array("d", map(_SCALE.__rtruediv__, coords))
    return StoredWords(WordBoxes(starts, ends, array("l", pages), boxes), lo, n)


def _chain(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if first:
        yield first
    yield from rest


class NearbyWords:
    """The words around the last range placed, kept with what identifies their record."""

    def __init__(self, margin: int = 2048) -> None:
        self.margin = margin
        self._kept: tuple[Hashable, StoredWords] | None = None  # one attribute: set at once

    def rects_for(
        self, key: Hashable, record: Callable[[], Iterator[bytes]], start: int, end: int
    ) -> list[PageRect]:
        """``WordBoxes.rects_for(start, end)`` of the record that ``record()`` gives in
        pieces, read unless the words kept under ``key`` (what tells the caller's records
        apart) cover the range."""
        kept = self._kept
        if kept is None or kept[0] != key or not kept[1].covers(start, end):
            self._kept = None  # a failed read keeps nothing
            kept = (key, words_around(record(), start, end, margin=self.margin))
            self._kept = kept
        return kept[1].words.rects_for(start, end)
