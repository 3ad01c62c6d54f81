"""The calendar module: periods, quarters and working days.

Every expectation is written out by hand from a calendar and the holiday law, not
computed with the module under test.
"""

import datetime
import pickle
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from portal.periods import (
    Period,
    Quarter,
    add_working_days,
    aware_bounds,
    current_quarter,
    is_working_day,
    last_completed_quarter,
    latest_start_ending_by,
    month_of,
    period_of,
    previous_period,
    quarter_of,
    week_of,
    year_of,
    year_period,
)

D = datetime.date
UTC = datetime.UTC
ONE = datetime.timedelta(days=1)


# --- periods -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cadence", "day", "start", "end"),
    [
        ("weekly", D(2025, 11, 23), D(2025, 11, 17), D(2025, 11, 24)),  # Sunday
        ("weekly", D(2025, 11, 24), D(2025, 11, 24), D(2025, 12, 1)),  # Monday
        ("weekly", D(2026, 1, 1), D(2025, 12, 29), D(2026, 1, 5)),  # across the year
        ("monthly", D(2025, 3, 31), D(2025, 3, 1), D(2025, 4, 1)),
        ("monthly", D(2025, 12, 31), D(2025, 12, 1), D(2026, 1, 1)),
        ("monthly", D(2024, 2, 29), D(2024, 2, 1), D(2024, 3, 1)),
        ("quarterly", D(2025, 3, 31), D(2025, 1, 1), D(2025, 4, 1)),
        ("quarterly", D(2025, 4, 1), D(2025, 4, 1), D(2025, 7, 1)),
        ("quarterly", D(2025, 12, 31), D(2025, 10, 1), D(2026, 1, 1)),
        ("yearly", D(2024, 12, 31), D(2024, 1, 1), D(2025, 1, 1)),
        ("yearly", D(2025, 1, 1), D(2025, 1, 1), D(2026, 1, 1)),
    ],
)
def test_period_of(cadence, day, start, end):
    assert period_of(cadence, day) == Period(start, end)


def test_previous_period_crosses_years():
    assert previous_period("weekly", D(2026, 1, 1)) == Period(D(2025, 12, 22), D(2025, 12, 29))
    assert previous_period("monthly", D(2025, 1, 15)) == Period(D(2024, 12, 1), D(2025, 1, 1))
    assert previous_period("quarterly", D(2025, 2, 1)) == Period(D(2024, 10, 1), D(2025, 1, 1))
    assert previous_period("yearly", D(2025, 6, 1)) == Period(D(2024, 1, 1), D(2025, 1, 1))


def test_an_unknown_cadence_is_an_error():
    with pytest.raises(ValueError, match="fortnightly"):
        period_of("fortnightly", D(2026, 1, 1))


def test_every_day_of_a_week_across_new_year_is_in_the_same_week():
    # Monday 29 December 2025 to Sunday 4 January 2026.
    week = Period(D(2025, 12, 29), D(2026, 1, 5))
    for offset in range(7):
        assert week_of(D(2025, 12, 29) + datetime.timedelta(days=offset)) == week
    assert week_of(D(2025, 12, 28)) == Period(D(2025, 12, 22), D(2025, 12, 29))  # a Sunday
    assert week_of(D(2026, 1, 5)) == Period(D(2026, 1, 5), D(2026, 1, 12))  # a Monday


def test_month_and_year():
    assert month_of(D(2026, 2, 14)) == Period(D(2026, 2, 1), D(2026, 3, 1))
    assert year_of(D(2026, 7, 15)) == Period(D(2026, 1, 1), D(2027, 1, 1))
    assert year_period(2024) == Period(D(2024, 1, 1), D(2025, 1, 1))


def test_a_period_is_half_open():
    december = Period(D(2025, 12, 1), D(2026, 1, 1))
    assert december.contains(D(2025, 12, 1))
    assert december.contains(D(2025, 12, 31))
    assert not december.contains(D(2026, 1, 1))
    assert not december.contains(D(2025, 11, 30))
    assert december.last_day == D(2025, 12, 31)


def test_aware_bounds_are_local_midnights():
    new_year = Period(D(2026, 1, 1), D(2026, 1, 2))
    with timezone.override(ZoneInfo("Asia/Almaty")):  # UTC+5 since 1 March 2024
        start, end = aware_bounds(new_year)
        assert start == datetime.datetime(2025, 12, 31, 19, 0, tzinfo=UTC)
        assert end == datetime.datetime(2026, 1, 1, 19, 0, tzinfo=UTC)
        # Before March 2024 Almaty kept UTC+6: the zone's rules apply, not a fixed offset.
        start, _end = aware_bounds(Period(D(2023, 1, 1), D(2023, 1, 2)))
        assert start == datetime.datetime(2022, 12, 31, 18, 0, tzinfo=UTC)
    with timezone.override(UTC):
        assert aware_bounds(new_year)[0] == datetime.datetime(2026, 1, 1, 0, 0, tzinfo=UTC)


def test_the_portal_computes_in_almaty_time_by_default():
    start, _end = aware_bounds(Period(D(2026, 1, 1), D(2026, 1, 2)))
    assert start == datetime.datetime(2025, 12, 31, 19, 0, tzinfo=UTC)


# --- quarters ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "year", "number"),
    [
        (D(2026, 1, 1), 2026, 1),
        (D(2026, 3, 31), 2026, 1),
        (D(2026, 4, 1), 2026, 2),
        (D(2026, 6, 30), 2026, 2),
        (D(2026, 7, 1), 2026, 3),
        (D(2026, 9, 30), 2026, 3),
        (D(2026, 10, 1), 2026, 4),
        (D(2026, 12, 31), 2026, 4),
    ],
)
def test_quarter_of(day, year, number):
    assert quarter_of(day) == Quarter(year, number)


@pytest.mark.parametrize(
    ("number", "start", "end", "last_day"),
    [
        (1, D(2025, 1, 1), D(2025, 4, 1), D(2025, 3, 31)),
        (2, D(2025, 4, 1), D(2025, 7, 1), D(2025, 6, 30)),
        (3, D(2025, 7, 1), D(2025, 10, 1), D(2025, 9, 30)),
        (4, D(2025, 10, 1), D(2026, 1, 1), D(2025, 12, 31)),
    ],
)
def test_quarter_boundaries(number, start, end, last_day):
    quarter = Quarter(2025, number)
    assert (quarter.start, quarter.end, quarter.last_day) == (start, end, last_day)
    assert quarter.period == Period(start, end)


def test_quarters_step_across_the_year():
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)
    assert Quarter(2025, 4).next() == Quarter(2026, 1)
    assert Quarter(2025, 3).previous() == Quarter(2025, 2)
    assert Quarter(2025, 3).next() == Quarter(2025, 4)


def test_the_same_quarter_last_year_for_the_appg_comparison():
    assert Quarter(2026, 1).same_quarter_last_year() == Quarter(2025, 1)
    assert Quarter(2026, 4).same_quarter_last_year() == Quarter(2025, 4)


def test_current_and_last_completed_quarter():
    assert current_quarter(D(2026, 12, 31)) == Quarter(2026, 4)
    assert last_completed_quarter(D(2026, 1, 10)) == Quarter(2025, 4)
    assert last_completed_quarter(D(2026, 3, 31)) == Quarter(2025, 4)
    assert last_completed_quarter(D(2026, 4, 1)) == Quarter(2026, 1)
    assert last_completed_quarter(D(2026, 5, 31)) == Quarter(2026, 1)


def test_current_quarter_defaults_to_the_local_today():
    assert current_quarter() == quarter_of(timezone.localdate())


def test_a_quarter_has_begun_on_its_first_day():
    assert not Quarter(2026, 2).has_begun(D(2026, 3, 31))
    assert Quarter(2026, 2).has_begun(D(2026, 4, 1))
    assert Quarter(2026, 1).has_begun(D(2026, 4, 1))
    assert not Quarter(2027, 1).has_begun(D(2026, 12, 31))


def test_a_quarter_is_a_year_and_number_pair():
    year, number = Quarter(2025, 4)
    assert (year, number) == (2025, 4)
    assert Quarter(2025, 4) == (2025, 4)
    assert Quarter(2025, 4) < Quarter(2026, 1) < (2026, 2)
    # Django's cache pickles what it keeps; our own value, so loading it is safe.
    assert pickle.loads(pickle.dumps(Quarter(2025, 4))) == Quarter(2025, 4)  # noqa: S301


@pytest.mark.parametrize("number", [0, 5, -1])
def test_a_quarter_is_numbered_one_to_four(number):
    with pytest.raises(ValueError, match="1 to 4"):
        Quarter(2025, number)


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "Q4 2025"), ("ru", "IV квартал 2025 г."), ("kk", "2025 жылғы IV тоқсан")],
)
def test_quarter_label(language, label):
    with translation.override(language):
        assert Quarter(2025, 4).label == label


# --- working days ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 11, 6), True),  # Friday
        (D(2026, 11, 7), False),  # Saturday
        (D(2026, 11, 8), False),  # Sunday
        (D(2026, 11, 9), True),  # Monday
        # New Year: 1 and 2 January; Orthodox Christmas on 7 January.
        (D(2025, 12, 31), True),
        (D(2026, 1, 1), False),
        (D(2026, 1, 2), False),
        (D(2026, 1, 5), True),
        (D(2026, 1, 7), False),
        # Nauryz 2026: 21–23 March fell on Saturday, Sunday and Monday; the two weekend
        # days moved the days off to Tuesday 24 and Wednesday 25 March.
        (D(2026, 3, 20), True),
        (D(2026, 3, 23), False),
        (D(2026, 3, 24), False),
        (D(2026, 3, 25), False),
        (D(2026, 3, 26), True),
        # Nauryz 2025: Friday 21 March, then Saturday and Sunday moved to 24–25 March.
        (D(2025, 3, 21), False),
        (D(2025, 3, 24), False),
        (D(2025, 3, 25), False),
        (D(2025, 3, 26), True),
        # Independence Day: 16 and 17 December up to 2021, 16 December alone since 2022.
        (D(2021, 12, 16), False),
        (D(2021, 12, 17), False),
        (D(2026, 12, 16), False),
        (D(2026, 12, 17), True),
        # 16 December 2023 was a Saturday: Monday 18 December was the day off.
        (D(2023, 12, 18), False),
        (D(2023, 12, 19), True),
        # 8 March 2026 was a Sunday: Monday 9 March was the day off.
        (D(2026, 3, 9), False),
        # A religious holiday on a weekend moves nothing: Orthodox Christmas 2024 was a Sunday.
        (D(2024, 1, 8), True),
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        (D(2026, 11, 2), 0, D(2026, 11, 2)),
        (D(2026, 11, 2), 1, D(2026, 11, 3)),  # the start day itself is not counted
        (D(2026, 11, 6), 1, D(2026, 11, 9)),  # Friday → Monday
        # Law No. 590: a plain week, Monday + 7 working days = Wednesday of the next week.
        (D(2026, 11, 2), 7, D(2026, 11, 11)),
        # 8 March on a Sunday: 6, 10, 11, 12, 13, 16, 17 March.
        (D(2026, 3, 5), 7, D(2026, 3, 17)),
        # Across Nauryz: 20 March, then 26, 27, 30, 31 March, 1 and 2 April.
        (D(2026, 3, 19), 7, D(2026, 4, 2)),
        (D(2026, 3, 20), 1, D(2026, 3, 26)),
        # Across New Year and Orthodox Christmas: 5, 6, 8 January.
        (D(2025, 12, 31), 1, D(2026, 1, 5)),
        (D(2025, 12, 31), 3, D(2026, 1, 8)),
        # Across Independence Day 2026: 15, 17, 18 December.
        (D(2026, 12, 14), 3, D(2026, 12, 18)),
    ],
)
def test_add_working_days(start, days, end):
    assert add_working_days(start, days) == end


@pytest.mark.parametrize(
    ("deadline", "latest"),
    [
        (D(2026, 3, 17), D(2026, 3, 5)),  # the Law No. 590 example above
        (D(2026, 3, 16), D(2026, 3, 4)),
        (D(2026, 3, 15), D(2026, 3, 3)),  # a Sunday: the Friday's term is the last to end
        (D(2026, 4, 2), D(2026, 3, 19)),  # across Nauryz
        (D(2026, 4, 1), D(2026, 3, 18)),
    ],
)
def test_latest_start_ending_by_turns_add_working_days_around(deadline, latest):
    assert latest_start_ending_by(deadline, 7) == latest
    assert add_working_days(latest, 7) <= deadline < add_working_days(latest + ONE, 7)


def test_latest_start_ending_by_agrees_with_add_working_days_for_a_whole_year():
    for n in range(366):
        deadline = D(2026, 1, 1) + datetime.timedelta(days=n)
        latest = latest_start_ending_by(deadline, 7)
        assert add_working_days(latest, 7) <= deadline < add_working_days(latest + ONE, 7)
