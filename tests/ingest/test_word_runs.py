"""The import's word boxes, packed in one pass at assembly, are the boxes (and stored bytes)
that adding each line's words as float columns gives."""

from __future__ import annotations

import random
from array import array
from operator import add

import pytest

from shiny_review.domain.geometry import WordBoxes
from shiny_review.ingest.blocks import Words, _word_boxes


def _runs(seed: int) -> list[tuple[Words, int, int, float, float, int | None]]:
    rng = random.Random(seed)
    runs: list[tuple[Words, int, int, float, float, int | None]] = []
    at = 0
    for line in range(80):
        n = rng.randint(1, 9)
        lengths = [rng.randint(1, 12) for _ in range(n)]
        starts: list[int] | None = None
        if line % 3 == 0:  # a line whose words were searched for: starts of their own
            starts, pos = [], rng.randint(0, 4)
            for length in lengths:
                starts.append(pos)
                pos += length + rng.randint(1, 3)
        x0s = array("d", (rng.uniform(-3, 590) for _ in range(n)))
        x1s = array("d", (x + rng.uniform(0, 60) for x in x0s))
        words = Words(starts, lengths, x0s, x1s)
        if line % 5 == 0 and n > 1:
            words = words.since(1)  # a line whose bullet was cut off
        y0 = rng.choice([rng.uniform(0, 840), 100.05, 100.15, 0.25, -0.05])
        end = words.last_start() + words.lengths[-1]
        last_end = None if line % 7 else at + end + rng.randint(-1, 1)
        runs.append((words, at, line // 20 + 1, y0, y0 + 11.7, last_end))
        at += end + rng.randint(1, 20)
    return runs


def _by_lines(runs: list[tuple[Words, int, int, float, float, int | None]]) -> WordBoxes:
    boxes = WordBoxes()
    for words, at, page, y0, y1, last_end in runs:
        starts = array("l", words.start_list())
        ends = array("l", map(add, starts, words.lengths))
        boxes.add_line((starts, ends, words.x0s, words.x1s), at, page, y0, y1, last_end)
    return boxes


@pytest.mark.parametrize("seed", range(25))
def test_packed_boxes_are_the_line_by_line_boxes(seed: int) -> None:
    runs = _runs(seed)
    packed, by_lines = _word_boxes(runs), _by_lines(runs)
    assert packed is not None
    assert packed.to_bytes() == by_lines.to_bytes()
    assert packed == WordBoxes.from_bytes(by_lines.to_bytes())


def test_no_words_no_boxes() -> None:
    assert _word_boxes([]) is None


def test_words_out_of_order_are_refused_when_stored_as_before() -> None:
    runs = _runs(1)
    runs[5], runs[6] = runs[6], runs[5]
    boxes = _word_boxes(runs)
    assert boxes is not None
    with pytest.raises(OverflowError):
        boxes.to_bytes()
    with pytest.raises(OverflowError):
        _by_lines(runs).to_bytes()
