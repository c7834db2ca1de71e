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

import bisect
import datetime as dt
import functools
from collections.abc import Collection, Sequence

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


def _weekdays_to(ordinal: int) -> int:
    """Monday-to-Friday days from 1 January of year 1 (a Monday, ordinal 1) to ``ordinal``."""
    weeks, rest = divmod(ordinal, 7)
    return 5 * weeks + min(rest, 5)


def _weekday_number(count: int) -> int:
    """The ordinal of the ``count``-th Monday-to-Friday day from ordinal 1 (the inverse of
    ``_weekdays_to`` on weekdays)."""
    weeks, rest = divmod(count - 1, 5)
    return 7 * weeks + rest + 1


@functools.lru_cache(maxsize=16)  # the bank holidays of one count are the same set each time
def _sorted_days(days: frozenset[dt.date]) -> tuple[dt.date, ...]:
    return tuple(sorted(days))


def _days_off(first: dt.date, last: dt.date, bank_holidays: Collection[dt.date]) -> int:
    """Monday-to-Friday days from ``first`` to ``last`` (both included) that are not working
    days: the listed bank holidays, Christmas Day and Good Friday in that span, each once."""
    if last < first:
        return 0
    if isinstance(bank_holidays, frozenset):
        listed: Sequence[dt.date] = _sorted_days(bank_holidays)
    else:
        listed = sorted(bank_holidays)
    off = set(listed[bisect.bisect_left(listed, first) : bisect.bisect_right(listed, last)])
    for year in range(first.year, last.year + 1):
        off.update(d for d in fixed_holidays(year) if first <= d <= last)
    return sum(1 for d in off if d.weekday() < 5)


def _weekdays_after(day: dt.date, n: int) -> dt.date:
    """The ``n``-th Monday-to-Friday day after ``day`` (before it when ``n`` is negative)."""
    if n >= 0:
        return dt.date.fromordinal(_weekday_number(_weekdays_to(day.toordinal()) + n))
    return dt.date.fromordinal(_weekday_number(_weekdays_to(day.toordinal() - 1) + n + 1))


def add_working_days(start: dt.date, n: int, bank_holidays: Collection[dt.date]) -> dt.date:
    """The ``n``-th working day after ``start`` (``start`` itself is not counted).

    "Within 70 working days of receiving the report" is ``add_working_days(received, 70)``.
    ``n == 0`` gives ``start``. A negative ``n`` counts back: the ``|n|``-th working day before.

    Counted in whole weeks: the ``n``-th weekday, then as many weekdays further as there are
    holidays on weekdays in the span just added, until a span adds none.
    """
    if n == 0:
        return start
    step = 1 if n > 0 else -1
    day = _weekdays_after(start, n)
    first, last = (start + _ONE_DAY, day) if n > 0 else (day, start - _ONE_DAY)
    while off := _days_off(first, last, bank_holidays):
        further = _weekdays_after(day, step * off)
        first, last = (day + _ONE_DAY, further) if n > 0 else (further, day - _ONE_DAY)
        day = further
    return day


def working_days_between(start: dt.date, end: dt.date, bank_holidays: Collection[dt.date]) -> int:
    """Working days after ``start`` up to and including ``end``; negative when ``end`` is
    before ``start`` (so ``working_days_between(today, due)`` is the working days left, and
    a negative value the working days overdue).

    ``working_days_between(s, add_working_days(s, n)) == n`` for every ``n >= 0``.

    Counted in whole weeks (five working days each) and the rest, less the holidays that fall
    on weekdays in the span: not day by day (a letter's deadline years ago is counted to today).
    """
    if end == start:
        return 0
    if end < start:
        return -working_days_between(end, start, bank_holidays)
    weekdays = _weekdays_to(end.toordinal()) - _weekdays_to(start.toordinal())
    return weekdays - _days_off(start + _ONE_DAY, end, bank_holidays)
