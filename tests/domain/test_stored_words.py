"""``stored_words`` (issue 16): one range's words read from the stored record a piece at a
time give the whole document's ``WordBoxes.rects_for``, at every piece size, block size and
margin; what ``NearbyWords`` keeps is used only for ranges it covers, and only for its own
record (``storage.word_records`` knows a record by its length and ends)."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from shiny_review.domain import stored_words
from shiny_review.domain.geometry import WordBoxes
from shiny_review.domain.stored_words import NearbyWords, words_around


def _boxes(count: int, seed: int = 16) -> WordBoxes:
    words, offset, rng = WordBoxes(), 0, random.Random(seed)
    for i in range(count):
        offset += rng.randint(1, 3)  # a gap of white space
        length = rng.randint(1, 12)
        line, page = i % 40, 1 + i // 400
        x0 = 50.0 + 10 * (i % 10)
        words.add(offset, offset + length, page, (x0, 20.0 * line, x0 + 8.5, 20.0 * line + 11.3))
        offset += length
    return WordBoxes.from_bytes(words.to_bytes())  # as stored: tenths of a point


def _pieces(data: bytes, size: int) -> Iterator[bytes]:
    return (data[i : i + size] for i in range(0, len(data), size))


def _ranges(words: WordBoxes, count: int, seed: int) -> list[tuple[int, int]]:
    end_of_text, rng = words.ends[-1], random.Random(seed)
    ranges = [(0, 1), (0, end_of_text), (end_of_text - 1, end_of_text), (5, 5), (9, 3)]
    ranges += [(end_of_text + 2, end_of_text + 9), (words.starts[7], words.ends[7])]
    ranges += [tuple(sorted(rng.sample(range(end_of_text + 3), 2))) for _ in range(count)]
    starts = rng.sample(range(end_of_text), count)
    return ranges + [(s, s + rng.randint(0, 90)) for s in starts]


@pytest.mark.parametrize(
    ("piece", "block", "margin"),
    [(7, 64, 0), (1000, 64, 5), (1 << 16, 100, 300), (333, 1 << 14, 0)],
)
def test_a_ranges_rectangles_are_the_whole_documents(
    piece: int, block: int, margin: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stored_words, "_STARTS", block)
    words = _boxes(3000)
    data = words.to_bytes()
    for start, end in _ranges(words, 80, piece + block):
        near = words_around(_pieces(data, piece), start, end, margin=margin)
        assert near.words.rects_for(start, end) == words.rects_for(start, end), (start, end)
        assert near.count == 3000
        got, first = near.words, near.first
        assert list(got.starts) == list(words.starts[first : first + len(got.starts)])
        assert list(got.pages) == list(words.pages[first : first + len(got.starts)])
        assert list(got.boxes) == list(words.boxes[4 * first : 4 * (first + len(got.starts))])
        assert len(got.starts) <= 2 * margin + len(words._overlapping(start, end)) + 1


def test_what_a_window_covers_gives_the_whole_documents_rectangles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(stored_words, "_STARTS", 128)
    words = _boxes(2500, seed=3)
    data = words.to_bytes()
    covered = 0
    for start, end in _ranges(words, 40, 11):
        near = words_around(_pieces(data, 4096), start, end, margin=60)
        for other in _ranges(words, 60, start):
            if near.covers(*other):
                covered += 1
                assert near.words.rects_for(*other) == words.rects_for(*other), other
    assert covered > 100  # nearby ranges are covered (and none wrongly)


def test_nearby_words_are_kept_for_their_record_and_reread_when_needed() -> None:
    first, second = _boxes(3000, seed=1), _boxes(3000, seed=2)
    reads: list[int] = []

    def record(words: WordBoxes) -> Iterator[bytes]:
        reads.append(1)
        return _pieces(words.to_bytes(), 512)

    nearby = NearbyWords(margin=200)
    here = first.starts[1500]

    def place(key: str, words: WordBoxes, start: int, end: int) -> int:
        reads.clear()
        got = nearby.rects_for(key, lambda: record(words), start, end)
        assert got == words.rects_for(start, end)
        return len(reads)

    assert place("first", first, here, here + 30) == 1
    assert place("first", first, here + 40, here + 90) == 0  # kept: nothing read
    assert place("first", first, first.starts[100], first.starts[102]) == 1  # far away
    assert place("second", second, second.starts[100], second.starts[102]) == 1  # another


def test_a_broken_record_is_refused() -> None:
    data = _boxes(500).to_bytes()
    with pytest.raises(ValueError, match="not a word box record"):
        words_around([b"SRW"], 0, 5)
    with pytest.raises(ValueError, match="shorter than it says"):
        words_around(_pieces(data[: len(data) // 2], 100), 10**9, 10**9 + 5)
    nearby = NearbyWords()
    with pytest.raises(ValueError, match="shorter than it says"):
        nearby.rects_for("cut", lambda: _pieces(data[:-40], 100), 10**9, 10**9 + 5)
    assert nearby._kept is None
