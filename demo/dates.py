"""Days and moments for the demo: random days in a span, years before and after, working
days (with the Kazakh holidays), and a day at a given time in the portal's time zone."""

import datetime

from django.utils import timezone

from portal.periods import is_working_day

DAY = datetime.timedelta(days=1)


def at(day, hour, minute=0):
    """`day` at hour:minute in the current time zone."""
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


def random_day(rng, first, last):
    """A day from `first` to `last`, both included (`first` when the span is empty)."""
    return first + DAY * rng.randint(0, max(0, (last - first).days))


def random_days(rng, first, last, count):
    """Up to `count` different days from `first` to `last`, in order."""
    span = (last - first).days + 1
    offsets = rng.sample(range(span), min(count, span))
    return sorted(first + datetime.timedelta(days=offset) for offset in offsets)


def years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def years_after(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def next_working(day, limit=None):
    """The first working day from `day` on; never after `limit` when one is given."""
    while not is_working_day(day) and (limit is None or day < limit):
        day += DAY
    return day if limit is None else min(day, limit)


def previous_working(day):
    """The last working day up to `day`."""
    while not is_working_day(day):
        day -= DAY
    return day
