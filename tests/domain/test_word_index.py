"""``WordIndex`` (issue 16): one range's rectangles from the stored record, decoding only the
words it touches, are the whole document's ``WordBoxes.rects_for``."""

from __future__ import annotations

import random

from shiny_review.domain.geometry import WordBoxes, WordIndex, word_index


def _boxes(count: int) -> WordBoxes:
    words, offset, rng = WordBoxes(), 0, random.Random(16)
    for i in range(count):
        offset += rng.randint(1, 3)  # a gap of white space
        length = rng.randint(1, 12)
        line, page = i % 40, 1 + i // 400
        x0 = 50.0 + 10 * (i % 10)
        words.add(offset, offset + length, page, (x0, 20.0 * line, x0 + 8.5, 20.0 * line + 11.3))
        offset += length
    return words


def test_a_ranges_rectangles_are_the_whole_documents() -> None:
    words = WordBoxes.from_bytes(_boxes(3000).to_bytes())  # as stored: tenths of a point
    index = WordIndex(words.to_bytes())
    end_of_text = words.ends[-1]
    rng = random.Random(7)
    ranges = [(0, 1), (0, end_of_text), (end_of_text - 1, end_of_text), (5, 5)]
    ranges += [tuple(sorted(rng.sample(range(end_of_text + 3), 2))) for _ in range(300)]
    for start, end in ranges:
        assert index.around(start, end).rects_for(start, end) == words.rects_for(start, end)


def test_the_index_is_kept_for_the_last_record_only() -> None:
    first, second = _boxes(50).to_bytes(), _boxes(60).to_bytes()
    assert word_index(first) is word_index(bytes(first))
    kept = word_index(first)
    word_index(second)
    assert word_index(first) is not kept
