"""Working days counted in whole weeks (``working_days_between``, ``add_working_days``) give
the day-by-day count they replaced, over random date pairs: weekends, bank holidays (England
and Wales's own, and random lists holding weekends and Christmas Day twice), ranges across
years and decades, and a start after the end."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from hypothesis import given, settings
from hypothesis import strategies as st

from shiny_review.domain.working_days import (
    add_working_days,
    fixed_holidays,
    working_days_between,
)
from shiny_review.services.holiday_calendar import bank_holidays

D = dt.date
ONE_DAY = dt.timedelta(days=1)
ENGLAND = bank_holidays(range(1995, 2056))
DATES = st.dates(min_value=D(1998, 1, 1), max_value=D(2052, 12, 31))
NEAR = st.integers(min_value=-60, max_value=60).map(lambda n: dt.timedelta(days=n))
HOLIDAYS = st.one_of(
    st.just(ENGLAND),
    st.just(frozenset()),
    st.frozensets(DATES, max_size=60),
    st.sets(st.dates(min_value=D(2019, 12, 1), max_value=D(2021, 1, 31)), max_size=40),
)


def _working(day: dt.date, holidays: Collection[dt.date]) -> bool:
    return day.weekday() < 5 and day not in holidays and day not in fixed_holidays(day.year)


def _between_day_by_day(start: dt.date, end: dt.date, holidays: Collection[dt.date]) -> int:
    """The count before (shiny_review/domain/working_days.py at main 04b99b8)."""
    if end == start:
        return 0
    if end < start:
        return -_between_day_by_day(end, start, holidays)
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        count += _working(day, holidays)
    return count


def _add_day_by_day(start: dt.date, n: int, holidays: Collection[dt.date]) -> dt.date:
    step = ONE_DAY if n >= 0 else -ONE_DAY
    left, day = abs(n), start
    while left:
        day += step
        if _working(day, holidays):
            left -= 1
    return day


@settings(max_examples=400)
@given(start=DATES, end=DATES, holidays=HOLIDAYS)
def test_between_any_two_dates_as_day_by_day(
    start: dt.date, end: dt.date, holidays: Collection[dt.date]
) -> None:
    assert working_days_between(start, end, holidays) == _between_day_by_day(start, end, holidays)


@settings(max_examples=400)
@given(start=DATES, near=NEAR, holidays=HOLIDAYS)
def test_between_near_dates_as_day_by_day(
    start: dt.date, near: dt.timedelta, holidays: Collection[dt.date]
) -> None:
    end = start + near  # weekends and a bank holiday at either end, start after end
    assert working_days_between(start, end, holidays) == _between_day_by_day(start, end, holidays)


@settings(max_examples=400)
@given(start=DATES, n=st.integers(min_value=-800, max_value=800), holidays=HOLIDAYS)
def test_adding_working_days_as_day_by_day(
    start: dt.date, n: int, holidays: Collection[dt.date]
) -> None:
    assert add_working_days(start, n, holidays) == _add_day_by_day(start, n, holidays)


def test_every_start_of_two_christmases_and_an_easter() -> None:
    days = [D(2020, 12, 1) + dt.timedelta(days=k) for k in range(45)]
    days += [D(2023, 3, 25) + dt.timedelta(days=k) for k in range(30)]
    for start in days:
        for end in days:
            assert working_days_between(start, end, ENGLAND) == _between_day_by_day(
                start, end, ENGLAND
            )
        for n in range(-30, 31):
            assert add_working_days(start, n, ENGLAND) == _add_day_by_day(start, n, ENGLAND)
