"""Word boxes keep the bytes they were read from: the import's parent stores what the child
encoded, without decoding and encoding it again, and gets the same bytes."""

from __future__ import annotations

import pickle
import random
import zlib
from array import array

from shiny_review.domain.geometry import _MAGIC, WordBoxes


def _boxes(seed: int, n: int = 500) -> WordBoxes:
    rng = random.Random(seed)
    words = WordBoxes()
    at = 0
    for _ in range(n):
        at += rng.randint(0, 9)
        length = rng.randint(1, 12)
        x0, y0 = rng.uniform(-5, 600), rng.uniform(0, 840)
        words.add(at, at + length, rng.randint(1, 40), (x0, y0, x0 + rng.uniform(0, 80), y0 + 9.3))
        at += length
    return words


def _fresh_bytes(words: WordBoxes) -> bytes:
    """The bytes encoding the same arrays gives, nothing kept."""
    return WordBoxes(words.starts, words.ends, words.pages, words.boxes).to_bytes()


def test_bytes_read_back_are_the_bytes_encoding_gives() -> None:
    for seed in range(20):
        data = _boxes(seed).to_bytes()
        back = WordBoxes.from_bytes(data)
        assert back.to_bytes() is data
        assert _fresh_bytes(back) == data


def test_unpickled_boxes_decode_on_first_use_and_keep_the_bytes() -> None:
    words = _boxes(1)
    back = pickle.loads(pickle.dumps(words))
    assert back.to_bytes() == words.to_bytes()  # not decoded for that
    stored = WordBoxes.from_bytes(words.to_bytes())  # coordinates in tenths of a point
    assert back == stored and len(back) == len(words)
    assert back.rects_for(10, 200) == stored.rects_for(10, 200)
    assert _fresh_bytes(back) == words.to_bytes()


def test_a_change_drops_the_kept_bytes() -> None:
    words = _boxes(2)
    before = words.to_bytes()
    back = pickle.loads(pickle.dumps(words))
    back.add(10**6, 10**6 + 3, 41, (1.0, 2.0, 3.0, 4.0))
    assert back.to_bytes() != before
    assert WordBoxes.from_bytes(back.to_bytes()) == back


def test_older_stored_bytes_of_another_level_are_kept_as_they_are() -> None:
    words = _boxes(3)
    body = zlib.decompress(words.to_bytes()[len(_MAGIC) :])
    level9 = _MAGIC + zlib.compress(body, 9)
    back = WordBoxes.from_bytes(level9)
    assert back == WordBoxes.from_bytes(words.to_bytes()) and back.to_bytes() == level9


def _by_lines(seed: int) -> WordBoxes:
    """Boxes added a line at a time, as the import adds them."""
    rng = random.Random(seed)
    words = WordBoxes()
    at = 0
    for line in range(60):
        n = rng.randint(1, 9)
        starts = array("l", range(0, 6 * n, 6))
        ends = array("l", (s + rng.randint(1, 5) for s in starts))
        x0s = array("d", (rng.uniform(-3, 590) for _ in range(n)))
        x1s = array("d", (x + rng.uniform(0, 60) for x in x0s))
        y0 = rng.choice([rng.uniform(0, 840), 100.05, 100.15, 0.25, -0.05])
        last_end = None if line % 7 else int(ends[-1]) + at + 1
        words.add_line((starts, ends, x0s, x1s), at, line // 20 + 1, y0, y0 + 11.7, last_end)
        at += 6 * n + 10
    return words


def test_boxes_added_a_line_at_a_time_encode_as_their_arrays_do() -> None:
    for seed in range(30):
        words = _by_lines(seed)
        assert words.to_bytes() == _fresh_bytes(words)


def test_a_word_added_alone_after_lines_still_encodes_as_the_arrays_do() -> None:
    words = _by_lines(5)
    words.add(10**5, 10**5 + 2, 4, (0.05, 0.15, 0.25, 0.35))
    assert words.to_bytes() == _fresh_bytes(words)
