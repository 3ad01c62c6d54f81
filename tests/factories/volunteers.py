"""The Law No. 590 register of public assistants, and volunteers."""

import datetime

import factory
from factory.django import DjangoModelFactory

from tests.factories.districts import days_ago
from tests.factories.territory import BeatFactory
from volunteers.iin import make_iin
from volunteers.models import Assistant


def valid_iin(birth_date, sex="M", start=1):
    """The first valid IIN for a birth date and sex from serial `start` on."""
    serial = start
    while (iin := make_iin(birth_date, sex, serial)) is None:
        serial += 1
    return iin


class AssistantFactory(DjangoModelFactory):
    class Meta:
        model = Assistant

    last_name = "Жумабеков"
    first_name = "Асхат"
    middle_name = "Серикович"
    iin = factory.Sequence(lambda n: valid_iin(datetime.date(1990, 1, 1), "M", start=n * 3 + 1))
    phone = "+7 701 123 45 67"
    address = "ул. Абая, 10, кв. 5"
    beat = factory.SubFactory(BeatFactory)
    area = factory.LazyAttribute(lambda o: o.beat.police_point.department.area)
    forms = factory.LazyFunction(lambda: ["patrols"])
    applied_on = factory.LazyFunction(lambda: days_ago(40))
    consent_given_on = factory.LazyAttribute(lambda o: o.applied_on)
