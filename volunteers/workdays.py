"""Working days in Kazakhstan: weekends and public holidays (the `holidays` package) skipped."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=16)
def _holidays(year):
    return holidays.country_holidays("KZ", years=year)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` (start itself not counted)."""
    day = start
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
