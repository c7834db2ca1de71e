"""Plain English for counts shown in the window: "1 passage", "2 passages", "no passages"."""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``count`` and the noun in the right number: ``plural(1, "file")`` is "1 file"."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count} {word}"


SAVED = "All changes saved"
