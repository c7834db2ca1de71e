"""The words full-text search sees, as SQLite's FTS5 ``unicode61 remove_diacritics 2`` sees them.

A word is a run of letters, digits and private-use characters (the bullet glyphs some PDFs
extract as); it is compared case-folded and without diacritics ("cafe" finds "café"). A search
is the query's words as one phrase, the last word a prefix ("needs to impro" finds "needs to
improve"). On SQLite, FTS5 does this itself; on PostgreSQL the index holds these words (the
``search_terms`` column, written by storage) and the phrase is checked here, so that both
engines find the same documents for the same words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f\ue000-\uf8ff\U000f0000-\U0010ffff])+")
MAX_TERM_BYTES = 2000  # PostgreSQL refuses longer lexemes
SNIPPET_WORDS = 12


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case, without diacritics."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Each word of ``text``, folded, with its start and end offsets."""
    return [(fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def query_words(query: str) -> list[str]:
    """The query's words, folded (empty when it has none)."""
    return [w for w, _, _ in word_spans(query)]


def terms(text: str) -> set[str]:
    """The distinct words of a document, for the index."""
    return {w for w in (fold(m.group()) for m in _WORD.finditer(text)) if _fits(w)}


def _fits(word: str) -> bool:
    return len(word.encode("utf-8")) <= MAX_TERM_BYTES


def find_phrase(words: Sequence[tuple[str, int, int]], phrase: Sequence[str]) -> int | None:
    """Index in ``words`` where ``phrase`` starts (its last word a prefix), or None."""
    n = len(phrase)
    if n == 0:
        return None
    head, last = phrase[:-1], phrase[-1]
    for i in range(len(words) - n + 1):
        if all(words[i + k][0] == w for k, w in enumerate(head)) and words[i + n - 1][0].startswith(
            last
        ):
            return i
    return None


def snippet(text: str, words: Sequence[tuple[str, int, int]], at: int, length: int) -> str:
    """About ``SNIPPET_WORDS`` words of ``text`` around the match at word ``at``, with ' … '
    where it is cut (as FTS5's ``snippet`` gives them)."""
    before = max(0, (SNIPPET_WORDS - length) // 2)
    first = max(0, min(at - before, len(words) - SNIPPET_WORDS))
    last = min(len(words), first + SNIPPET_WORDS) - 1
    start = 0 if first == 0 else words[first][1]
    end = len(text) if last == len(words) - 1 else words[last][2]
    body = text[start:end]
    return ("" if first == 0 else " … ") + body + ("" if last == len(words) - 1 else " … ")
