"""The portal's calendar: periods, quarters and working days.

Every date here is a local date: the portal's time zone (`TIME_ZONE`, Asia/Almaty by
default) decides which day it is. A period is half-open, `[start, end)`: `end` is the
first day after it, so periods that follow each other share a bound and never a day.

    week_of(day), month_of(day), year_of(day)   → Period
    period_of("quarterly", day)                 → Period (a checklist cadence)
    quarter_of(day)                             → Quarter(year, number)
    current_quarter(), last_completed_quarter() → Quarter
    aware_bounds(period)                        → (datetime, datetime) for DateTimeFields
    is_working_day(day), add_working_days(day, n), latest_start_ending_by(deadline, n)

Weeks start on Monday (ISO 8601). Quarters are calendar quarters: Q1 is January–March.
Working days skip Saturdays, Sundays and the public holidays of Kazakhstan as the
`holidays` package lists them, with the days off that a holiday falling on a weekend
moves to the next working day (Nauryz on Saturday and Sunday 21–22 March 2026 made
Tuesday and Wednesday 24–25 March days off).
"""

import datetime
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import holidays
from django.utils import timezone
from django.utils.translation import gettext_lazy

ONE_DAY = datetime.timedelta(days=1)

# The cadences of the Appendix B checklist (districts.models.Cadence has the same values).
WEEKLY = "weekly"
MONTHLY = "monthly"
QUARTERLY = "quarterly"
YEARLY = "yearly"

QUARTER_NUMBERS = (1, 2, 3, 4)

# A quarter as readers write it: "Q3 2026", "III квартал 2026 г.", "2026 жылғы III тоқсан".
# One message per quarter, so that each language writes the number its own way.
QUARTER_LABELS = {
    1: gettext_lazy("Q1 %(year)s"),
    2: gettext_lazy("Q2 %(year)s"),
    3: gettext_lazy("Q3 %(year)s"),
    4: gettext_lazy("Q4 %(year)s"),
}


# --- periods ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Local dates from `start` up to, not including, `end`."""

    start: datetime.date
    end: datetime.date  # exclusive

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day < self.end

    @property
    def last_day(self) -> datetime.date:
        return self.end - ONE_DAY


def _month_start(year: int, month: int) -> datetime.date:
    """The first day of a month counted from January of `year` (month 13 is next January)."""
    return datetime.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def week_of(day: datetime.date) -> Period:
    """Monday to Sunday: the week of 1 January 2026 (a Thursday) starts on 29 December."""
    start = day - datetime.timedelta(days=day.weekday())
    return Period(start, start + datetime.timedelta(days=7))


def month_of(day: datetime.date) -> Period:
    return Period(day.replace(day=1), _month_start(day.year, day.month + 1))


def year_period(year: int) -> Period:
    """1 January to 31 December of `year`."""
    return Period(datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1))


def year_of(day: datetime.date) -> Period:
    return year_period(day.year)


def period_of(cadence: str, day: datetime.date) -> Period:
    """The period of a cadence ("weekly", "monthly", "quarterly", "yearly") containing `day`."""
    match cadence:
        case "weekly":
            return week_of(day)
        case "monthly":
            return month_of(day)
        case "quarterly":
            return quarter_of(day).period
        case "yearly":
            return year_of(day)
    raise ValueError(f"unknown cadence {cadence!r}")


def previous_period(cadence: str, day: datetime.date) -> Period:
    """The period of the cadence just before the one containing `day`."""
    return period_of(cadence, period_of(cadence, day).start - ONE_DAY)


def aware_bounds(period: Period) -> tuple[datetime.datetime, datetime.datetime]:
    """The period as aware date-times [start, end) of the current time zone: local midnight
    of `start` and of `end`, for filtering DateTimeFields by local dates."""
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(period.start, datetime.time.min, tzinfo=tz),
        datetime.datetime.combine(period.end, datetime.time.min, tzinfo=tz),
    )


# --- quarters --------------------------------------------------------------------------------


class _YearAndNumber(NamedTuple):
    year: int
    number: int


class Quarter(_YearAndNumber):
    """A calendar quarter. A tuple `(year, number)`, so it unpacks (`year, number = q`),
    orders by time and equals the plain `(year, number)` that reports and statistics store.
    """

    __slots__ = ()

    def __new__(cls, year: int, number: int):
        if number not in QUARTER_NUMBERS:
            raise ValueError(f"a quarter is numbered 1 to 4, not {number!r}")
        return super().__new__(cls, year, number)

    @property
    def start(self) -> datetime.date:
        return _month_start(self.year, 3 * self.number - 2)

    @property
    def end(self) -> datetime.date:
        """The first day of the next quarter (exclusive)."""
        return _month_start(self.year, 3 * self.number + 1)

    @property
    def last_day(self) -> datetime.date:
        return self.end - ONE_DAY

    @property
    def period(self) -> Period:
        return Period(self.start, self.end)

    def previous(self) -> "Quarter":
        """The quarter before: Q1 2026 → Q4 2025."""
        return quarter_of(self.start - ONE_DAY)

    def next(self) -> "Quarter":
        """The quarter after: Q4 2025 → Q1 2026."""
        return quarter_of(self.end)

    def same_quarter_last_year(self) -> "Quarter":
        """The period a statistic is compared with (АППГ: «аналогичный период прошлого года»)."""
        return Quarter(self.year - 1, self.number)

    def has_begun(self, today: datetime.date | None = None) -> bool:
        """Whether the quarter has started by `today`: the running quarter has."""
        return self.start <= (today or timezone.localdate())

    @property
    def label(self) -> str:
        """The quarter in the active language: "Q4 2025", "IV квартал 2025 г."."""
        return str(QUARTER_LABELS[self.number]) % {"year": self.year}


def quarter_of(day: datetime.date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def current_quarter(today: datetime.date | None = None) -> Quarter:
    return quarter_of(today or timezone.localdate())


def last_completed_quarter(today: datetime.date | None = None) -> Quarter:
    """The quarter before the running one: what a quarterly report is written about."""
    return current_quarter(today).previous()


# --- working days ----------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _public_holidays(year: int):
    return holidays.country_holidays("KZ", years=year)


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday and not a public holiday or a day off moved from one."""
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The day on which a term of `days` working days counted from `start` ends.

    The day of the event itself is not counted, the term starts the next day: a petition sent on
    Thursday 5 March 2026 reaches its seventh working day on Tuesday 17 March, since
    8 March fell on a Sunday and moved its day off to Monday 9 March. This is the term of
    Law No. 590, Art. 5, within which the akimat registers a citizen petitioned by the police.
    """
    day = start
    remaining = days
    while remaining > 0:
        day += ONE_DAY
        if is_working_day(day):
            remaining -= 1
    return day


def latest_start_ending_by(deadline: datetime.date, days: int) -> datetime.date:
    """The last day a term of `days` working days may start and still end by `deadline`.

    The inverse of `add_working_days`, for filtering by a date field in the database: a term
    started on `start` ends by `deadline` exactly when `start <= latest_start_ending_by(...)`
    (a later start never ends earlier). Petitions sent by Thursday 5 March 2026 are due by
    Tuesday 17 March: `latest_start_ending_by(date(2026, 3, 17), 7)` is 5 March.
    """
    start = deadline - datetime.timedelta(days=days)
    while add_working_days(start, days) > deadline:
        start -= ONE_DAY
    return start
