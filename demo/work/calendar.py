"""The days the demo work is spread over: the previous quarter and the current one up to today."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from demo.dates import DAY, at
from districts.models import Cadence
from portal.periods import Period, period_of, previous_period


@dataclass(frozen=True)
class Calendar:
    now: datetime.datetime
    today: datetime.date
    previous: Period  # the previous quarter
    current: Period  # the current quarter; only days up to today are filled

    @classmethod
    def at_moment(cls, now):
        today = timezone.localdate(now)
        return cls(
            now=now,
            today=today,
            previous=previous_period(Cadence.QUARTERLY, today),
            current=period_of(Cadence.QUARTERLY, today),
        )

    @property
    def first(self):
        return self.previous.start

    @property
    def yesterday(self):
        return self.today - DAY

    def at(self, day, hour, minute=0):
        return at(day, hour, minute)

    def past(self, day, hour, minute=0):
        """`day` at the given time, moved back to just before now if that is later."""
        moment = self.at(day, hour, minute)
        limit = self.now - datetime.timedelta(minutes=1)
        return moment if moment <= limit else max(self.at(day, 0), limit)

    def months(self):
        """(first, last) day of each month from the previous quarter's start to today."""
        start = self.first
        while start <= self.today:
            following = period_of(Cadence.MONTHLY, start).end
            yield start, min(following - DAY, self.today)
            start = following

    def weeks(self):
        """(first, last) day of each week (Monday to Sunday) overlapping the filled days."""
        start = self.first - datetime.timedelta(days=self.first.weekday())
        while start <= self.today:
            yield max(start, self.first), min(start + 6 * DAY, self.today)
            start += 7 * DAY

    def quarter_of(self, day):
        return "current" if day >= self.current.start else "previous"
