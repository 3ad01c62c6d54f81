"""The Law No. 590 register of public assistants with their trainings, duties and
encouragement; volunteers (Law No. 42-VI), their groups and activities."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from tests.factories.base import Factory
from tests.factories.districts import days_ago
from tests.factories.territory import AreaFactory, BeatFactory
from volunteers.filters.volunteers import years_before
from volunteers.iin import make_iin
from volunteers.models import (
    Assistant,
    AssistantStatus,
    BudgetLine,
    CommissionDecision,
    CommissionLevel,
    Duty,
    Encouragement,
    EncouragementKind,
    InterestLead,
    LeadKind,
    ParticipationForm,
    Training,
    TrainingKind,
    Volunteer,
    VolunteerActivity,
    VolunteerGroup,
)

# The default phone of a volunteer (the volunteers' tests check how it is masked).
VOLUNTEER_PHONE = "+7 701 123 45 67"


def _in_days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def born(years, extra_days=30):
    """A birth date of someone exactly `years` old today."""
    return years_before(timezone.localdate(), years) - datetime.timedelta(days=extra_days)


def valid_iin(birth_date, sex="M", start=1):
    """The first valid IIN for a birth date and sex from serial `start` on."""
    serial = start
    while (iin := make_iin(birth_date, sex, serial)) is None:
        serial += 1
    return iin


class AssistantFactory(Factory):
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


def active_assistant(beat, **fields):
    """An assistant of `beat` admitted to duties."""
    return AssistantFactory(beat=beat, status=AssistantStatus.ACTIVE, **fields)


class TrainingFactory(Factory):
    """A legal training held three days ago; `attendees=[assistants]` records who came."""

    class Meta:
        model = Training
        skip_postgeneration_save = True

    area = factory.SubFactory(AreaFactory)
    kind = TrainingKind.LEGAL_TRAINING
    date = factory.LazyFunction(lambda: _in_days(-3))
    held_by = "Майор полиции Ахметов Д."
    topic = "Права и обязанности общественного помощника"

    @factory.post_generation
    def attendees(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.attendees.set(extracted)


class DutyFactory(Factory):
    """Four hours of patrol two days ago, on the assistant's beat under its inspector."""

    class Meta:
        model = Duty

    assistant = factory.SubFactory(AssistantFactory, status=AssistantStatus.ACTIVE)
    date = factory.LazyFunction(lambda: _in_days(-2))
    hours = Decimal("4")
    kind = ParticipationForm.PATROLS
    beat = factory.SelfAttribute("assistant.beat")
    supervisor = factory.SelfAttribute("assistant.beat.inspector")


class CommissionDecisionFactory(Factory):
    """A district commission's decision taken today."""

    class Meta:
        model = CommissionDecision

    area = factory.SubFactory(AreaFactory)
    level = CommissionLevel.DISTRICT
    date = factory.LazyFunction(timezone.localdate)
    members_present = "Заместитель акима; начальник управления полиции"


class EncouragementFactory(Factory):
    """A money reward of 50 000 KZT under the akimat's resolution of the decision's date."""

    class Meta:
        model = Encouragement

    assistant = factory.SubFactory(AssistantFactory, status=AssistantStatus.ACTIVE)
    decision = factory.SubFactory(
        CommissionDecisionFactory, area=factory.SelfAttribute("..assistant.area")
    )
    resolution_number = "123-п"
    resolution_date = factory.SelfAttribute("decision.date")
    kind = EncouragementKind.MONEY
    amount_kzt = Decimal(50000)
    cost_kzt = Decimal(50000)


class BudgetLineFactory(Factory):
    """The area's encouragement budget of this year: one million KZT."""

    class Meta:
        model = BudgetLine

    area = factory.SubFactory(AreaFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    amount_kzt = Decimal(1_000_000)


class VolunteerGroupFactory(Factory):
    class Meta:
        model = VolunteerGroup

    name = factory.Sequence(lambda n: f"Волонтёры {n}")
    area = factory.SubFactory(AreaFactory)
    contact_person = "Ахметова Дана"
    phone = "+7 702 555 12 34"
    kinds = factory.LazyFunction(lambda: ["social"])


class VolunteerFactory(Factory):
    """An adult volunteer (25 years old) of an area, without a group."""

    class Meta:
        model = Volunteer

    last_name = factory.Sequence(lambda n: f"Ким{n}")
    first_name = "Алина"
    birth_date = factory.LazyFunction(lambda: born(25))
    phone = VOLUNTEER_PHONE
    area = factory.SubFactory(AreaFactory)
    kinds = factory.LazyFunction(lambda: ["social"])


class VolunteerActivityFactory(Factory):
    """Four hours of social work three days ago by a volunteer (or, given `group`, a group)."""

    class Meta:
        model = VolunteerActivity

    volunteer = factory.SubFactory(VolunteerFactory)
    area = factory.LazyAttribute(lambda o: (o.volunteer or o.group).area)
    date = factory.LazyFunction(lambda: _in_days(-3))
    kind = "social"
    action = "Помощь ветеранам"
    hours = Decimal("4")


class InterestLeadFactory(Factory):
    """A resident's new interest in becoming an assistant, naming `beat` (None: the area's)."""

    class Meta:
        model = InterestLead

    beat = factory.SubFactory(BeatFactory)
    area = factory.LazyAttribute(lambda o: o.beat.police_point.department.area)
    kind = LeadKind.ASSISTANT
    name = factory.Sequence(lambda n: f"Сапаров Ерлан {n}")
    contact = "+7 701 555 12 34"
    consent_given_at = factory.LazyFunction(timezone.now)
