"""A beat's quarter of logged work with known figures, for the report's tests: what the
assembly counts, what the workflow publishes and what must never be published."""

import datetime
import zoneinfo
from decimal import Decimal
from types import SimpleNamespace

from councils.models import ActionAssistant, ActionVolunteer, PartnerOrganization
from districts.models import (
    AppealStatus,
    MeetingKind,
    MeetingStatus,
    ProblemMeasure,
    ProblemStatus,
    ProposalSource,
    ProposalStatus,
    WorkPlanStatus,
)
from portal.models import PoliceRank
from reports.models import OffenceCategory, OffenceStatistic
from tests.factories import (
    AppealFactory,
    AssistantFactory,
    BeatFactory,
    DoorToDoorRoundFactory,
    JointActionFactory,
    MeetingFactory,
    PreventiveVisitFactory,
    ProblemSpotFactory,
    ProposalFactory,
    QuarterlyReportFactory,
    ServiceRecordFactory,
    TrustCaseFactory,
    VolunteerFactory,
    VolunteerGroupFactory,
    WorkPlanItemFactory,
)

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
# The sections of a report page, by the ids of their headings (templates/reports/_snapshot.html).
REPORT_SECTIONS = (
    "report-beat",
    "report-summary",
    "report-statistics",
    "report-measures",
    "report-residents",
    "report-joint",
    "report-proposals",
    "report-cases",
    "report-plan",
    "report-next",
)
YEAR, QUARTER = 2025, 3  # 1 July – 30 September 2025, a quarter in the past

# Personal data that must never reach a snapshot or a PDF.
ASSISTANT_PHONE = "+7 701 987 65 43"
ASSISTANT_ADDRESS = "ул. Домашняя, 7, кв. 21"
VISIT_ADDRESS = "ул. Тайная, 99, кв. 13"
VISIT_REFERENCE = "ПУ-777"
RESIDENT_NAME = "Иванова Жанар Болатовна"
RESIDENT_CONTACT = "+7 777 000 11 22"
VOLUNTEER_PHONE = "+7 705 999 88 77"
PARTNER_CONTACT = "Ахметова Гульнара"
PARTNER_PHONE = "+7 701 555 44 33"


def local(year, month, day, hour=12, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ALMATY)


def day(month, number, year=YEAR):
    return datetime.date(year, month, number)


def categories():
    return {c.code: c for c in OffenceCategory.objects.all()}


def build_quarter(world, *, beat=None, extra=0):
    """A beat's quarter of logged work with known figures (and `extra` more of everything
    outside the quarter or the beat, to show the figures and queries stay the same)."""
    beat = beat or world.beat
    inspector = beat.inspector
    inspector.last_name, inspector.first_name, inspector.middle_name = (
        "Сапаров",
        "Ерлан",
        "Маратович",
    )
    inspector.rank = PoliceRank.CAPTAIN
    inspector.work_phone = "+7 727 272 31 17"
    inspector.save()
    area = beat.police_point.department.area
    area.name_kk = "Алмалы ауданы"
    area.save()
    point = beat.police_point
    point.name_ru, point.name_kk = "УПП № 1 «Жибек Жолы»", "№ 1 «Жібек Жолы» УПП"
    point.save()
    neighbour = BeatFactory(police_point=beat.police_point)

    cats = categories()
    OffenceStatistic.objects.create(
        beat=beat, category=cats["theft"], year=YEAR, quarter=QUARTER, count=6
    )
    OffenceStatistic.objects.create(
        beat=beat, category=cats["theft"], year=YEAR - 1, quarter=QUARTER, count=8
    )
    OffenceStatistic.objects.create(
        beat=beat, category=cats["fraud"], year=YEAR, quarter=QUARTER, count=3
    )
    OffenceStatistic.objects.create(  # another quarter: not counted
        beat=beat, category=cats["theft"], year=YEAR, quarter=QUARTER - 1, count=50
    )

    # Meetings: the quarter is Almaty's local dates, not UTC's.
    MeetingFactory(beat=beat, held_at=local(YEAR, 7, 1, 3), attendance=20)  # 30 June in UTC
    MeetingFactory(beat=beat, held_at=local(YEAR, 8, 14, 18), attendance=30)
    MeetingFactory(beat=beat, held_at=local(YEAR, 10, 1, 2), attendance=99)  # 30 Sep in UTC
    MeetingFactory(
        beat=beat, held_at=local(YEAR, 9, 1), status=MeetingStatus.PLANNED, attendance=None
    )
    # The previous report meeting and what residents proposed there.
    report_meeting = MeetingFactory(
        beat=beat, kind=MeetingKind.REPORT, held_at=local(YEAR, 6, 20, 18), attendance=40
    )
    older_report_meeting = MeetingFactory(
        beat=beat, kind=MeetingKind.REPORT, held_at=local(YEAR, 3, 20, 18), attendance=35
    )
    done = ProposalFactory(
        meeting=report_meeting,
        text="Установить освещение во дворе домов 12–14",
        status=ProposalStatus.DONE,
        outcome="Освещение установлено акиматом",
        resident_name=RESIDENT_NAME,
        resident_contact=RESIDENT_CONTACT,
    )
    declined = ProposalFactory(
        meeting=report_meeting,
        text="Закрыть проезд через двор",
        status=ProposalStatus.DECLINED,
        outcome="Проезд нужен пожарным машинам",
    )
    ProposalFactory(meeting=older_report_meeting, text="Старое предложение")
    ProposalFactory(  # from the public form, with the resident's contact: never published
        meeting=None,
        beat=beat,
        source=ProposalSource.RESIDENT_SITE,
        text="Письмо с сайта",
        resident_name=RESIDENT_NAME,
        resident_contact=RESIDENT_CONTACT,
    )

    DoorToDoorRoundFactory(beat=beat, date=day(7, 10), apartments_visited=40)
    DoorToDoorRoundFactory(beat=beat, date=day(9, 30), apartments_visited=35)
    DoorToDoorRoundFactory(beat=beat, date=day(10, 1), apartments_visited=500)

    AppealFactory(beat=beat, received_on=day(7, 2))
    AppealFactory(
        beat=beat,
        received_on=day(8, 2),
        status=AppealStatus.ANSWERED,
        answer="Ответ дан",
        answered_on=day(8, 10),
    )
    AppealFactory(beat=beat, received_on=day(9, 29))
    AppealFactory(  # received last quarter, answered in this one
        beat=beat,
        received_on=day(6, 25),
        status=AppealStatus.ANSWERED,
        answer="Ответ дан",
        answered_on=day(7, 3),
    )

    ServiceRecordFactory(beat=beat, date=day(7, 5), count=2)
    ServiceRecordFactory(beat=beat, date=day(9, 5), count=5)
    ServiceRecordFactory(beat=beat, date=day(6, 30), count=100)

    PreventiveVisitFactory(
        beat=beat, date=day(7, 7), address=VISIT_ADDRESS, reference=VISIT_REFERENCE
    )
    PreventiveVisitFactory(beat=beat, date=day(8, 7), address=VISIT_ADDRESS)

    yard = ProblemSpotFactory(
        beat=beat,
        address="Двор домов 12–14",
        status=ProblemStatus.RESOLVED,
        resolved_on=day(8, 15),
    )
    ProblemSpotFactory(  # resolved in another quarter
        beat=beat, address="Гаражи", status=ProblemStatus.RESOLVED, resolved_on=day(6, 1)
    )
    ProblemSpotFactory(beat=beat, address="Заброшенный дом")  # still open
    ProblemMeasure.objects.create(
        spot=yard,
        date=day(7, 20),
        description="Представление в акимат",
        is_submission=True,
        sent_to="Акимат района",
    )
    ProblemMeasure.objects.create(spot=yard, date=day(7, 21), description="Обход двора")

    partner, _created = PartnerOrganization.objects.get_or_create(
        area=area,
        name="ОСИ «Бахыт-10»",
        defaults={"kind": "osi", "contact_person": PARTNER_CONTACT, "phone": PARTNER_PHONE},
    )
    school, _created = PartnerOrganization.objects.get_or_create(
        area=area, name="Школа № 9", defaults={"kind": "school"}
    )
    public_action = JointActionFactory(
        title="Безопасный двор",
        area=area,
        starts_at=local(YEAR, 8, 20, 10),
        ends_at=local(YEAR, 8, 20, 13),
        place="Двор домов 12–14",
        is_public=True,
        people_reached=150,
        beats=[beat, neighbour],
        partners=[partner, school],
    )
    internal_action = JointActionFactory(
        title="Рейд по торговым точкам",
        area=area,
        starts_at=local(YEAR, 9, 5, 20),
        ends_at=local(YEAR, 9, 5, 23),
        place="Магазины района",
        is_public=False,
        beats=[beat],
        partners=[partner],
    )
    elsewhere = JointActionFactory(  # the neighbour's only
        title="Чужая акция",
        area=area,
        starts_at=local(YEAR, 8, 1),
        ends_at=local(YEAR, 8, 1, 14),
        place="Там",
        beats=[neighbour],
    )

    assistant = AssistantFactory(beat=beat, phone=ASSISTANT_PHONE, address=ASSISTANT_ADDRESS)
    other_assistant = AssistantFactory(beat=beat)
    ActionAssistant.objects.create(action=public_action, assistant=assistant, hours=Decimal("4"))
    ActionAssistant.objects.create(
        action=internal_action, assistant=assistant, hours=Decimal("2.5")
    )
    ActionAssistant.objects.create(
        action=public_action, assistant=other_assistant, hours=Decimal("3")
    )
    ActionAssistant.objects.create(action=elsewhere, assistant=other_assistant, hours=Decimal("8"))
    volunteer = VolunteerFactory(
        last_name="Садыков",
        first_name="Ерасыл",
        birth_date=datetime.date(2000, 5, 1),
        phone=VOLUNTEER_PHONE,
        area=area,
    )
    group = VolunteerGroupFactory(
        name="Студенческий отряд", area=area, contact_person="Омаров Данияр", phone=VOLUNTEER_PHONE
    )
    ActionVolunteer.objects.create(action=public_action, volunteer=volunteer, hours=Decimal("2"))
    ActionVolunteer.objects.create(action=public_action, group=group, hours=Decimal("10"))

    TrustCaseFactory(beat=beat, date=day(7, 10), title="Вернули потерявшегося ребёнка")
    TrustCaseFactory(beat=beat, date=day(5, 10), title="Старый случай")

    WorkPlanItemFactory(beat=beat, title="Встреча с ОСИ", due_on=day(10, 20))
    WorkPlanItemFactory(
        beat=beat, title="Рейд по дворам", due_on=day(11, 5), status=WorkPlanStatus.IN_PROGRESS
    )
    WorkPlanItemFactory(
        beat=beat,
        title="Уже сделано",
        due_on=day(10, 25),
        status=WorkPlanStatus.DONE,
        done_on=day(9, 1),
    )
    WorkPlanItemFactory(beat=beat, title="В следующем году", due_on=day(1, 20, YEAR + 1))

    for n in range(extra):
        # Work of the neighbour beat and of other quarters: the same figures, the same queries.
        MeetingFactory(beat=neighbour, held_at=local(YEAR, 8, 1 + n % 28))
        MeetingFactory(beat=beat, held_at=local(YEAR - 1, 8, 1 + n % 28))
        DoorToDoorRoundFactory(beat=neighbour, date=day(8, 1 + n % 28))
        AppealFactory(beat=neighbour, received_on=day(8, 1 + n % 28))
        PreventiveVisitFactory(beat=neighbour, date=day(8, 1 + n % 28))
        TrustCaseFactory(beat=beat, date=day(4, 1 + n % 28))

    report = QuarterlyReportFactory(
        beat=beat,
        year=YEAR,
        quarter=QUARTER,
        summary_ru="Обстановка на участке стабильная.",
        summary_kk="Учаскедегі жағдай тұрақты.",
        measures_ru="Внесено представление об освещении двора.",
        measures_kk="Ауланы жарықтандыру туралы ұсыныс енгізілді.",
        plan_next_quarter_ru="Провести рейды по дворам.",
        plan_next_quarter_kk="Аулаларда рейдтер өткізу.",
        next_meeting_at=local(YEAR, 10, 25, 18),
        next_meeting_place_ru="Школа № 9, актовый зал",
        next_meeting_place_kk="№ 9 мектеп, мәжіліс залы",
    )
    return SimpleNamespace(
        beat=beat,
        report=report,
        assistant=assistant,
        proposals=(done, declined),
        report_meeting=report_meeting,
        partner=partner,
    )


def personal_data(data):
    """The personal data of `build_quarter` that must never be published."""
    return [
        data.assistant.iin,
        data.assistant.phone,
        data.assistant.address,
        data.assistant.last_name,
        VISIT_ADDRESS,
        VISIT_REFERENCE,
        RESIDENT_NAME,
        RESIDENT_CONTACT,
        VOLUNTEER_PHONE,
        "Садыков",
        PARTNER_CONTACT,
        PARTNER_PHONE,
    ]


def ready_report(beat, *, year=YEAR, quarter=QUARTER, **fields):
    """The least a report needs for the check before publishing to find nothing blocking:
    one offence figure of the quarter, the next meeting with its place, the measures and the
    plan (reports.readiness)."""
    OffenceStatistic.objects.create(
        beat=beat, category=categories()["theft"], year=year, quarter=quarter, count=4
    )
    values = {
        "measures_ru": "Профилактические беседы во дворах.",
        "measures_kk": "Аулаларда профилактикалық әңгімелер өткізілді.",
        "plan_next_quarter_ru": "Провести встречу с ОСИ.",
        "plan_next_quarter_kk": "ПИБ-пен кездесу өткізу.",
        "next_meeting_at": local(year + 1, 1, 20, 18),
        "next_meeting_place_ru": "Школа № 9, актовый зал",
        "next_meeting_place_kk": "№ 9 мектеп, мәжіліс залы",
        **fields,
    }
    return QuarterlyReportFactory(beat=beat, year=year, quarter=quarter, **values)
