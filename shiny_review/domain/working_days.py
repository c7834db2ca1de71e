"""Working-day arithmetic for statutory deadlines (standard library only).

A working day is every day except Saturday, Sunday, Christmas Day, Good Friday and the bank
holidays of England and Wales (the definition the project follows, from SI 2007/462; see
DESIGN.md section 7).

Christmas Day and Good Friday are computed here (they are not bank holidays in England and
Wales, they are common-law holidays), so the definition holds even with an empty list of bank
holidays. The bank holidays themselves are passed in as a set of dates: the services layer
takes them from the ``holidays`` package (offline) plus any the user added.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection

__all__ = [
    "add_working_days",
    "easter_sunday",
    "fixed_holidays",
    "is_working_day",
    "working_days_between",
]

_ONE_DAY = dt.timedelta(days=1)


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@functools.lru_cache(maxsize=256)  # asked once a day counted: a letter's deadline counts years
def fixed_holidays(year: int) -> frozenset[dt.date]:
    """Christmas Day and Good Friday of ``year``: never working days, whatever the list says."""
    return frozenset({dt.date(year, 12, 25), easter_sunday(year) - dt.timedelta(days=2)})


def is_working_day(day: dt.date, bank_holidays: Collection[dt.date]) -> bool:
    if day.weekday() >= 5:
        return False
    if day in bank_holidays:
        return False
    return day not in fixed_holidays(day.year)


def add_working_days(start: dt.date, n: int, bank_holidays: Collection[dt.date]) -> dt.date:
    """The ``n``-th working day after ``start`` (``start`` itself is not counted).

    "Within 70 working days of receiving the report" is ``add_working_days(received, 70)``.
    ``n == 0`` gives ``start``. A negative ``n`` counts back: the ``|n|``-th working day before.
    """
    step = _ONE_DAY if n >= 0 else -_ONE_DAY
    left = abs(n)
    day = start
    while left:
        day += step
        if is_working_day(day, bank_holidays):
            left -= 1
    return day


def working_days_between(start: dt.date, end: dt.date, bank_holidays: Collection[dt.date]) -> int:
    """Working days after ``start`` up to and including ``end``; negative when ``end`` is
    before ``start`` (so ``working_days_between(today, due)`` is the working days left, and
    a negative value the working days overdue).

    ``working_days_between(s, add_working_days(s, n)) == n`` for every ``n >= 0``.
    """
    if end == start:
        return 0
    if end < start:
        return -working_days_between(end, start, bank_holidays)
    count = 0
    day = start
    while day < end:
        day += _ONE_DAY
        if is_working_day(day, bank_holidays):
            count += 1
    return count
