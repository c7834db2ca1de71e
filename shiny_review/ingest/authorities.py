"""Canonical English local authorities (children's services), matched from printed names.

The list is data (``resources/ingest/english-local-authorities.csv``: DfE code, ONS code,
canonical name, other names such as a children's services trust that acts for the council).
A printed name ("City of Bradford Metropolitan District Council", "Bradford Borough
Council", "Bradford Children and Families Trust") matches the authority whose name or alias
it contains as whole words, the longest such name winning ("North Somerset" over
"Somerset").
"""

from __future__ import annotations

import csv
import functools
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import shiny_review

_FILE = ("ingest", "english-local-authorities.csv")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_APOSTROPHE_S = re.compile(r"['’]s\b")


@dataclass(frozen=True, slots=True)
class Authority:
    la_code: str
    ons_code: str
    name: str
    region: str
    kind: str


def _resource() -> Path:
    package = Path(shiny_review.__file__).resolve().parent
    roots = [package / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        roots.append(Path(bundle) / "resources")
    roots.append(package.parent / "resources")
    for root in roots:
        path = root.joinpath(*_FILE)
        if path.is_file():
            return path
    raise FileNotFoundError(f"{'/'.join(_FILE)} not found under {roots}")


def normalise(name: str) -> str:
    """Lower case, '&' as 'and', apostrophe-s and punctuation gone, single spaces."""
    name = _APOSTROPHE_S.sub("", name.lower().replace("&", " and "))
    return " " + " ".join(_NON_WORD.sub(" ", name).split()) + " "


@functools.cache
def _index() -> tuple[tuple[str, Authority], ...]:
    """(normalised name, authority), longest names first."""
    keys: list[tuple[str, Authority]] = []
    with _resource().open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            authority = Authority(
                la_code=row["la_code"],
                ons_code=row["ons_code"],
                name=row["name"],
                region=row["region"],
                kind=row["type"],
            )
            names = [row["name"], *(a for a in row["aliases"].split(";") if a.strip())]
            keys.extend((normalise(n), authority) for n in names)
    keys.sort(key=lambda pair: len(pair[0]), reverse=True)
    return tuple(keys)


def authorities() -> tuple[Authority, ...]:
    """Every authority in the bundled list, once each."""
    seen: dict[str, Authority] = {}
    for _, authority in _index():
        seen.setdefault(authority.la_code, authority)
    return tuple(sorted(seen.values(), key=lambda a: a.name))


def match_authority(printed: str) -> Authority | None:
    """The authority a printed name refers to, or ``None`` when no name in the list fits."""
    text = normalise(printed)
    for key, authority in _index():
        if key in text:
            return authority
    return None


def canonical_name(printed: str | None) -> str | None:
    """The canonical name for a printed authority name (the printed one if none fits)."""
    if not printed:
        return printed
    found = match_authority(printed)
    return found.name if found else printed
