"""The people of an area's register as the demo plans them: each applicant with the dated
steps of their lifecycle, recorded later in date order."""

import datetime
from dataclasses import dataclass, field

from demo.dates import years_after
from districts.models import Beat
from volunteers.models import Assistant, Certificate
from volunteers.models.certificate import CERTIFICATE_VALID_YEARS


@dataclass
class Person:
    """An assistant to be: the application's fields and the dated steps of their lifecycle."""

    role: str
    beat: Beat
    fields: dict
    steps: list = field(default_factory=list)  # (day, action, kwargs)
    activated_on: datetime.date | None = None
    ended_on: datetime.date | None = None  # suspended or deregistered
    expires_on: datetime.date | None = None  # the certificate ran out and was not renewed
    assistant: Assistant | None = None
    certificate: Certificate | None = None
    last_moment: datetime.datetime | None = None

    def add(self, day, action, **kwargs):
        self.steps.append((day, action, kwargs))

    def active_on(self, day):
        return (
            self.activated_on is not None
            and self.activated_on < day
            and (self.ended_on is None or self.ended_on > day)
        )


@dataclass
class Step:
    day: datetime.date
    action: str
    seq: int
    person: Person | None = None
    kwargs: dict = field(default_factory=dict)


def certificate_lapse(issued_on):
    """The day a certificate issued on `issued_on` runs out."""
    return years_after(issued_on, CERTIFICATE_VALID_YEARS)
