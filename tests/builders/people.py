"""People around `world` (tests/conftest.py) that are not among its users."""

import datetime

from django.utils import timezone

from portal.models import Role
from tests.factories import UserFactory, valid_iin


def outsider(world):
    """An inspector of the neighbouring area."""
    return UserFactory(role=Role.INSPECTOR, department=world.other_department)


# An applicant's IIN, valid and of age (born 17 May 1992).
APPLICANT_IIN = valid_iin(datetime.date(1992, 5, 17), "M", start=7)


def application(world, **overrides):
    """The application form's fields for an applicant of `world.beat`; None drops a field."""
    today = timezone.localdate().isoformat()
    data = {
        "last_name": "Нурланов",
        "first_name": "Ержан",
        "middle_name": "Болатович",
        "iin": APPLICANT_IIN,
        "phone": "+7 701 000 00 11",
        "address": "ул. Абая, 1",
        "beat": world.beat.pk,
        "forms": ["patrols", "raids"],
        "applied_on": today,
        "consent": "on",
        "consent_given_on": today,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
