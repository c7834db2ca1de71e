"""The stance of a highlighted passage, alone in its module: the window's first stage paints
highlights in their stance's colours before the other entities are loaded (issue 16)."""

from __future__ import annotations

import enum


class Stance(enum.StrEnum):
    """What a highlighted passage says about a recommendation."""

    SUPPORTS_PROGRESS = "supports progress"
    SHOWS_CONCERN = "shows concern"
    CONTEXT = "context"

    @classmethod
    def parse(cls, value: str) -> Stance:
        """Accept the value or its name in any case, with '-' or '_' for spaces."""
        wanted = value.strip().lower().replace("_", " ").replace("-", " ")
        for stance in cls:
            if stance.value == wanted:
                return stance
        names = ", ".join(s.value for s in cls)
        raise ValueError(f"unknown stance {value!r}: use one of {names}")
