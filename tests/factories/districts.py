"""The inspector's workspace: meetings, proposals, rounds, visits, problem places, appeals,
services, positive cases and the work plan."""

import datetime

import factory
from django.utils import timezone

from districts.models import (
    Appeal,
    AppealChannel,
    DoorToDoorRound,
    InspectorStudy,
    Meeting,
    MeetingKind,
    MeetingStatus,
    PreventiveCategory,
    PreventiveVisit,
    ProblemKind,
    ProblemSpot,
    Proposal,
    ServiceKind,
    ServiceRecord,
    StudyKind,
    TrustCase,
    WorkPlanItem,
)
from tests.factories.base import Factory
from tests.factories.territory import BeatFactory


def days_ago(days):
    """A date `days` before today (the factories' defaults lie in the past)."""
    return datetime.date.today() - datetime.timedelta(days=days)


class MeetingFactory(Factory):
    class Meta:
        model = Meeting

    beat = factory.SubFactory(BeatFactory)
    kind = MeetingKind.RESIDENTS
    status = MeetingStatus.HELD
    held_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=3))
    place = "Двор дома 12"
    attendance = 25
    topics = "Освещение двора, парковка"


class ProposalFactory(Factory):
    class Meta:
        model = Proposal

    meeting = factory.SubFactory(MeetingFactory)
    beat = factory.SelfAttribute("meeting.beat")
    text = "Установить освещение во дворе"


class DoorToDoorRoundFactory(Factory):
    class Meta:
        model = DoorToDoorRound

    beat = factory.SubFactory(BeatFactory)
    date = factory.LazyFunction(lambda: days_ago(2))
    apartments_visited = 40
    residents_met = 28


class PreventiveVisitFactory(Factory):
    class Meta:
        model = PreventiveVisit

    beat = factory.SubFactory(BeatFactory)
    category = PreventiveCategory.FAMILY
    date = factory.LazyFunction(lambda: days_ago(5))
    address = "ул. Абая, 10, кв. 5"
    reference = factory.Sequence(lambda n: f"ПУ-{n:04d}")


class ProblemSpotFactory(Factory):
    class Meta:
        model = ProblemSpot

    beat = factory.SubFactory(BeatFactory)
    kind = ProblemKind.DARK_YARD
    address = "Двор домов 12–14"
    description = "Нет освещения во дворе"


class AppealFactory(Factory):
    class Meta:
        model = Appeal

    beat = factory.SubFactory(BeatFactory)
    channel = AppealChannel.PHONE
    received_on = factory.LazyFunction(lambda: days_ago(3))
    due_on = factory.LazyAttribute(lambda o: Appeal.default_due(o.received_on))
    subject = "Шум по ночам"


class ServiceRecordFactory(Factory):
    class Meta:
        model = ServiceRecord

    beat = factory.SubFactory(BeatFactory)
    date = factory.LazyFunction(lambda: days_ago(1))
    kind = ServiceKind.CONSULTATION
    count = 2


class TrustCaseFactory(Factory):
    class Meta:
        model = TrustCase

    beat = factory.SubFactory(BeatFactory)
    date = factory.LazyFunction(lambda: days_ago(7))
    title = "Вернули потерявшегося ребёнка"
    story = "Жители позвонили участковому, ребёнок найден за час."


class InspectorStudyFactory(Factory):
    class Meta:
        model = InspectorStudy

    beat = factory.SubFactory(BeatFactory)
    kind = StudyKind.TRAINING
    date = factory.LazyFunction(lambda: days_ago(10))
    topic = "Психологические аспекты работы с пострадавшими от бытового насилия"
    organiser = "Академия МВД"
    hours = 8


class WorkPlanItemFactory(Factory):
    class Meta:
        model = WorkPlanItem

    beat = factory.SubFactory(BeatFactory)
    title = "Провести встречу с ОСИ"
    due_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=20))
