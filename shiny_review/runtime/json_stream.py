"""A JSON array written an item at a time, with the bytes ``json.dump`` gives the whole list."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any


def dump_array(items: Iterable[Any], out: IO[str], *, indent: int = 2) -> int:
    """``json.dump(list(items), out, ensure_ascii=False, indent=indent)`` without the list:
    each item dumped on its own and indented one level (a string's line breaks are escaped in
    JSON, so every line break is the layout's). Returns the number of items."""
    pad = " " * indent
    count = 0
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=indent)
        out.write(("[\n" if count == 0 else ",\n") + pad + text.replace("\n", "\n" + pad))
        count += 1
    out.write("\n]" if count else "[]")
    return count
