"""Working days against dates worked out by hand on a calendar (England and Wales 2022-2023)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from shiny_review.domain.working_days import (
    add_working_days,
    easter_sunday,
    is_working_day,
    working_days_between,
)

D = dt.date
# The England and Wales bank holidays of 2022 and 2023 as gov.uk lists them (typed by hand).
BANK_HOLIDAYS = frozenset(
    {
        D(2022, 1, 3),
        D(2022, 4, 15),
        D(2022, 4, 18),
        D(2022, 5, 2),
        D(2022, 6, 2),
        D(2022, 6, 3),
        D(2022, 8, 29),
        D(2022, 9, 19),
        D(2022, 12, 26),
        D(2022, 12, 27),
        D(2023, 1, 2),
        D(2023, 4, 7),
        D(2023, 4, 10),
        D(2023, 5, 1),
        D(2023, 5, 8),
        D(2023, 5, 29),
        D(2023, 8, 28),
        D(2023, 12, 25),
        D(2023, 12, 26),
    }
)


def test_easter_dates() -> None:
    assert easter_sunday(2022) == D(2022, 4, 17)
    assert easter_sunday(2023) == D(2023, 4, 9)
    assert easter_sunday(2024) == D(2024, 3, 31)
    assert easter_sunday(2038) == D(2038, 4, 25)


def test_christmas_and_good_friday_are_never_working_days_even_without_a_list() -> None:
    assert not is_working_day(D(2024, 12, 25), frozenset())  # a Wednesday
    assert not is_working_day(D(2024, 3, 29), frozenset())  # Good Friday 2024
    assert is_working_day(D(2024, 3, 28), frozenset())


def test_across_christmas_2022() -> None:
    # Fri 23 Dec; Sat 24, Sun 25, Mon 26 (Boxing Day), Tue 27 (Christmas observed): Wed 28.
    assert add_working_days(D(2022, 12, 23), 1, BANK_HOLIDAYS) == D(2022, 12, 28)
    # 28, 29, 30 Dec; Mon 2 Jan 2023 is New Year observed; Tue 3, Wed 4.
    assert add_working_days(D(2022, 12, 23), 5, BANK_HOLIDAYS) == D(2023, 1, 4)


def test_across_easter_2023() -> None:
    # Thu 6 Apr; Good Friday 7, weekend, Easter Monday 10: Tue 11.
    assert add_working_days(D(2023, 4, 6), 1, BANK_HOLIDAYS) == D(2023, 4, 11)
    assert working_days_between(D(2023, 4, 6), D(2023, 4, 14), BANK_HOLIDAYS) == 4


def test_across_the_late_may_bank_holiday_2023() -> None:
    # Fri 26 May; Mon 29 May is the spring bank holiday: Tue 30.
    assert add_working_days(D(2023, 5, 26), 1, BANK_HOLIDAYS) == D(2023, 5, 30)
    # From Fri 12 May: 15-19 (5), 22-26 (10); the 11th weekday would be 29 May: 30 May.
    assert add_working_days(D(2023, 5, 12), 11, BANK_HOLIDAYS) == D(2023, 5, 30)


def test_a_deadline_falling_on_a_bank_holiday_moves_to_the_next_working_day() -> None:
    # From Thu 27 Apr 2023: Fri 28 is day 1; day 2 would be Mon 1 May (early May bank holiday).
    assert add_working_days(D(2023, 4, 27), 2, BANK_HOLIDAYS) == D(2023, 5, 2)


def test_seventy_working_days_after_the_shropshire_2022_report() -> None:
    # Counted on a calendar from Fri 25 Mar 2022: 28-31 Mar (4), 1 Apr (5), 4-8 (10),
    # 11-14 (14; Good Friday 15, Easter Monday 18), 19-22 (18), 25-29 (23), May Day 2 May,
    # 3-6 (27), 9-13 (32), 16-20 (37), 23-27 (42), 30-31 (44), 1 Jun (45; 2 and 3 Jun
    # holidays), 6-10 (50), 13-17 (55), 20-24 (60), 27-30 (64), 1 Jul (65), 4-8 Jul (70).
    assert add_working_days(D(2022, 3, 25), 70, BANK_HOLIDAYS) == D(2022, 7, 8)


def test_days_left_and_overdue() -> None:
    due = D(2023, 5, 30)
    assert working_days_between(D(2023, 5, 26), due, BANK_HOLIDAYS) == 1
    assert working_days_between(due, due, BANK_HOLIDAYS) == 0
    # Tue 30 May to Fri 2 Jun: 31 May, 1 Jun, 2 Jun are three working days past it.
    assert working_days_between(D(2023, 6, 2), due, BANK_HOLIDAYS) == -3


@given(
    start=st.dates(min_value=D(2022, 1, 1), max_value=D(2023, 6, 30)),
    n=st.integers(min_value=0, max_value=120),
)
def test_adding_n_working_days_and_counting_back_gives_n(start: dt.date, n: int) -> None:
    end = add_working_days(start, n, BANK_HOLIDAYS)
    assert working_days_between(start, end, BANK_HOLIDAYS) == n
    assert n == 0 or is_working_day(end, BANK_HOLIDAYS)
    if is_working_day(start, BANK_HOLIDAYS):
        assert add_working_days(end, -n, BANK_HOLIDAYS) == start
