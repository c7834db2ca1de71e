"""Python indices to Qt (UTF-16) positions and back, for one text (``Utf16Map``).

Alone in its module so the window's first stage can show a document without loading the
anchoring rules (issue 16); ``domain.anchoring`` re-exports it."""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Fast conversion between Python indices and Qt (UTF-16) positions for one text.

    Identity when the text has no character outside the BMP, which is the usual case.
    """

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]  # a C-speed scan
        # Qt position of each astral character's first unit.
        self._astral_utf16 = [i + n for n, i in enumerate(self._astral)]
        self._length = len(text)

    @property
    def identity(self) -> bool:
        """True when no character is outside the BMP: Qt positions are the indices."""
        return not self._astral

    def to_utf16(self, index: int) -> int:
        return index + bisect.bisect_left(self._astral, index)

    def to_python(self, position: int) -> int:
        before = bisect.bisect_left(self._astral_utf16, position)
        # A position inside a surrogate pair maps to the start of its character.
        if before and self._astral_utf16[before - 1] + 1 == position:
            return self._astral[before - 1]
        return min(position - before, self._length)
