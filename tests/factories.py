"""Factories shared by the whole suite."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from districts.models import (
    Appeal,
    AppealChannel,
    Area,
    Beat,
    BeatStreet,
    DoorToDoorRound,
    Meeting,
    MeetingKind,
    MeetingStatus,
    PoliceDepartment,
    PolicePoint,
    PreventiveCategory,
    PreventiveVisit,
    ProblemKind,
    ProblemSpot,
    Proposal,
    Region,
    ServiceKind,
    ServiceRecord,
    TrustCase,
    WorkPlanItem,
)
from portal.models import Role, User
from reports.models import QuarterlyReport, ReportRevision
from reports.snapshot import example as snapshot_example
from volunteers.iin import make_iin
from volunteers.models import Assistant

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Region {n}")


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Area {n}")
    akimat = factory.LazyAttribute(lambda o: f"Akimat of {o.name}")


class PoliceDepartmentFactory(DjangoModelFactory):
    class Meta:
        model = PoliceDepartment

    area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Police department {n}")


class PolicePointFactory(DjangoModelFactory):
    class Meta:
        model = PolicePoint

    department = factory.SubFactory(PoliceDepartmentFactory)
    name = factory.Sequence(lambda n: f"Police point {n}")
    address = factory.Sequence(lambda n: f"Abai avenue {n}")
    phone = "+7 727 000 00 00"
    reception_hours = "Mon–Fri 9:00–18:00"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Ерлан"
    last_name = factory.Sequence(lambda n: f"Сейткали{n}")
    role = Role.INSPECTOR
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class BeatFactory(DjangoModelFactory):
    class Meta:
        model = Beat

    code = factory.Sequence(lambda n: f"beat-{n}")
    number = factory.Sequence(lambda n: n + 1)
    police_point = factory.SubFactory(PolicePointFactory)
    population = 5000
    area_km2 = 1.5
    inspector = factory.SubFactory(UserFactory, role=Role.INSPECTOR)


class BeatStreetFactory(DjangoModelFactory):
    class Meta:
        model = BeatStreet

    beat = factory.SubFactory(BeatFactory)
    name_ru = "ул. Абая"
    name_kk = "Абай көшесі"
    houses = ""


# --- the inspector's workspace ---------------------------------------------------------------


def _days_ago(days):
    return datetime.date.today() - datetime.timedelta(days=days)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    beat = factory.SubFactory(BeatFactory)
    kind = MeetingKind.RESIDENTS
    status = MeetingStatus.HELD
    held_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=3))
    place = "Двор дома 12"
    attendance = 25
    topics = "Освещение двора, парковка"


class ProposalFactory(DjangoModelFactory):
    class Meta:
        model = Proposal

    meeting = factory.SubFactory(MeetingFactory)
    beat = factory.SelfAttribute("meeting.beat")
    text = "Установить освещение во дворе"


class DoorToDoorRoundFactory(DjangoModelFactory):
    class Meta:
        model = DoorToDoorRound

    beat = factory.SubFactory(BeatFactory)
    date = factory.LazyFunction(lambda: _days_ago(2))
    apartments_visited = 40
    residents_met = 28


class PreventiveVisitFactory(DjangoModelFactory):
    class Meta:
        model = PreventiveVisit

    beat = factory.SubFactory(BeatFactory)
    category = PreventiveCategory.FAMILY
    date = factory.LazyFunction(lambda: _days_ago(5))
    address = "ул. Абая, 10, кв. 5"
    reference = factory.Sequence(lambda n: f"ПУ-{n:04d}")


class ProblemSpotFactory(DjangoModelFactory):
    class Meta:
        model = ProblemSpot

    beat = factory.SubFactory(BeatFactory)
    kind = ProblemKind.DARK_YARD
    address = "Двор домов 12–14"
    description = "Нет освещения во дворе"


class AppealFactory(DjangoModelFactory):
    class Meta:
        model = Appeal

    beat = factory.SubFactory(BeatFactory)
    channel = AppealChannel.PHONE
    received_on = factory.LazyFunction(lambda: _days_ago(3))
    due_on = factory.LazyAttribute(lambda o: Appeal.default_due(o.received_on))
    subject = "Шум по ночам"


class ServiceRecordFactory(DjangoModelFactory):
    class Meta:
        model = ServiceRecord

    beat = factory.SubFactory(BeatFactory)
    date = factory.LazyFunction(lambda: _days_ago(1))
    kind = ServiceKind.CONSULTATION
    count = 2


class TrustCaseFactory(DjangoModelFactory):
    class Meta:
        model = TrustCase

    beat = factory.SubFactory(BeatFactory)
    date = factory.LazyFunction(lambda: _days_ago(7))
    title = "Вернули потерявшегося ребёнка"
    story = "Жители позвонили участковому, ребёнок найден за час."


class WorkPlanItemFactory(DjangoModelFactory):
    class Meta:
        model = WorkPlanItem

    beat = factory.SubFactory(BeatFactory)
    title = "Провести встречу с ОСИ"
    due_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=20))


# --- the Law No. 590 register and volunteers -------------------------------------------------


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
    applied_on = factory.LazyFunction(lambda: _days_ago(40))
    consent_given_on = factory.LazyAttribute(lambda o: o.applied_on)


# --- quarterly reports -------------------------------------------------------------------------


class QuarterlyReportFactory(DjangoModelFactory):
    class Meta:
        model = QuarterlyReport

    beat = factory.SubFactory(BeatFactory)
    year = 2026
    quarter = 3


class ReportRevisionFactory(DjangoModelFactory):
    """A published revision with an example snapshot and a small stored PDF."""

    class Meta:
        model = ReportRevision

    report = factory.SubFactory(QuarterlyReportFactory, status="published")
    number = 1
    language = "ru"
    snapshot = factory.LazyAttribute(
        lambda o: snapshot_example(
            beat_code=o.report.beat.code, year=o.report.year, quarter=o.report.quarter
        )
    )
    pdf = factory.django.FileField(filename="report.pdf", data=b"%PDF-1.7\n%%EOF\n")
    pdf_sha256 = factory.LazyAttribute(lambda o: "0" * 64)
    published_at = factory.LazyFunction(timezone.now)
    published_by = factory.SubFactory(UserFactory, role=Role.SUPERVISOR)
