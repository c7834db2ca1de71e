"""England and Wales bank holidays for working-day counts: the ``holidays`` package (it works
offline, its tables ship inside it) plus any dates the user adds in a plain text file, for a
holiday proclaimed after this version was built (one ``YYYY-MM-DD [name]`` per line)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import holidays

from shiny_review.domain.errors import ValidationError
from shiny_review.services.paths import data_dir

EXTRA_HOLIDAYS_FILE = "extra-holidays.txt"


def extra_holidays_path() -> Path:
    return data_dir() / EXTRA_HOLIDAYS_FILE


def read_extra_holidays(path: Path) -> frozenset[dt.date]:
    """Dates from a user's list; blank lines and ``#`` comments are skipped."""
    if not path.exists():
        return frozenset()
    found = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        try:
            found.add(dt.date.fromisoformat(text.split()[0]))
        except ValueError as exc:
            raise ValidationError(f"{path}, line {number}: not a date YYYY-MM-DD") from exc
    return frozenset(found)


def bank_holidays(years: Iterable[int], extra_file: Path | None = None) -> frozenset[dt.date]:
    """England and Wales bank holidays of ``years`` (England's list: Wales has the same)."""
    wanted = sorted(set(years))
    table = holidays.country_holidays("GB", subdiv="ENG", years=wanted)
    dates = {day for day in table if isinstance(day, dt.date)}
    if extra_file is not None:
        dates |= read_extra_holidays(extra_file)
    return frozenset(dates)
