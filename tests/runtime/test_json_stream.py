"""A JSON array written an item at a time: the bytes of ``json.dump`` of the whole list."""

from __future__ import annotations

import io
import json
from typing import Any

from shiny_review.runtime.json_stream import dump_array

ITEMS: list[Any] = [
    {"id": 1, "note": "two\nlines\r\tand \u2028 a separator", "before": None},
    {"nested": {"list": [1, [], {}], "empty": {}}, "text": 'quote " and \\ backslash'},
    {"voice": "children’s “voice” – é £ 😀", "n": 1.5, "yes": True},
    [],
    "a bare string\n",
    {},
]


def test_the_bytes_of_json_dump_of_the_list() -> None:
    for size in range(len(ITEMS) + 1):
        for items in (ITEMS[:size], ITEMS[size:]):
            for indent in (2, 4):
                want = io.StringIO()
                json.dump(items, want, ensure_ascii=False, indent=indent)
                got = io.StringIO()
                assert dump_array(iter(items), got, indent=indent) == len(items)
                assert got.getvalue() == want.getvalue(), (items, indent)


def test_it_takes_the_items_as_they_come() -> None:
    out = io.StringIO()
    written: list[str] = []

    def items() -> Any:
        for n in range(3):
            written.append(out.getvalue())
            yield {"n": n}

    dump_array(items(), out)
    assert written[0] == "" and written[2].count('"n"') == 2  # each written before the next
