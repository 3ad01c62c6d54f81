"""A small synthetic country built with bulk inserts, for the query-plan checks of the staff
pages (tests/portal/test_explain.py): every table a staff page reads holds a few thousand
rows, spread over regions, areas, departments and beats like the national data, so that the
planner's choices are those of a real country when sequential scans are switched off.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from districts.models import (
    Appeal,
    AppealStatus,
    Area,
    Beat,
    BeatStreet,
    DoorToDoorRound,
    Meeting,
    MeetingStatus,
    PoliceDepartment,
    PolicePoint,
    PreventiveVisit,
    Proposal,
    Region,
    ServiceRecord,
)
from portal.models import Role
from tests.factories import UserFactory
from volunteers.iin import make_iin
from volunteers.models import Assistant, AssistantStatus, Duty

STREETS = ["Абая", "Желтоксан", "Толе би", "Сейфуллина", "Достык", "Назарбаева", "Жибек жолы"]
SURNAMES = ["Ахметов", "Жумабеков", "Сапаров", "Ким", "Иванов", "Нурланов", "Оспанова"]


@dataclass
class Country:
    regions: list = field(default_factory=list)
    areas: list = field(default_factory=list)
    departments: list = field(default_factory=list)
    beats: list = field(default_factory=list)
    users: dict = field(default_factory=dict)  # role -> user


def _iins(count):
    serial, found = 1, []
    while len(found) < count:
        iin = make_iin(
            datetime.date(1980 + serial % 20, 1 + serial % 12, 1 + serial % 28), "M", serial
        )
        if iin:
            found.append(iin)
        serial += 1
    return found


def build_country(*, regions=2, areas=3, departments=2, beats=12, per_beat=6, seed=7):
    """`regions` × `areas` × `departments` × `beats` beats, each with `per_beat` meetings,
    appeals, rounds, visits, service records and assistants (a few duties each)."""
    rng = random.Random(seed)
    country = Country()
    today = timezone.localdate()
    now = timezone.now()
    for r in range(regions):
        region = Region.objects.create(name=f"Область {r}")
        country.regions.append(region)
        for a in range(areas):
            area = Area.objects.create(region=region, name=f"Район {r}-{a}", akimat="Акимат")
            country.areas.append(area)
            for d in range(departments):
                department = PoliceDepartment.objects.create(area=area, name=f"УП {r}-{a}-{d}")
                country.departments.append(department)
                point = PolicePoint.objects.create(
                    department=department,
                    name="УПП",
                    address="ул. Абая, 1",
                    phone="1",
                    reception_hours="9–18",
                )
                inspector = UserFactory(role=Role.INSPECTOR, department=department)
                country.beats += Beat.objects.bulk_create(
                    Beat(
                        code=f"b-{r}-{a}-{d}-{b}",
                        number=b + 1,
                        police_point=point,
                        inspector=inspector,
                        population=1000 + b,
                        area_km2=Decimal("1.5"),
                    )
                    for b in range(beats)
                )
    first_department = country.departments[0]
    country.users = {
        Role.INSPECTOR: country.beats[0].inspector,
        Role.SUPERVISOR: UserFactory(role=Role.SUPERVISOR, department=first_department),
        Role.AKIMAT_REGISTRAR: UserFactory(role=Role.AKIMAT_REGISTRAR, area=country.areas[0]),
        Role.REGIONAL_REGISTRAR: UserFactory(
            role=Role.REGIONAL_REGISTRAR, region=country.regions[0]
        ),
        Role.ADMINISTRATOR: UserFactory(role=Role.ADMINISTRATOR),
    }
    area_of = {
        beat.pk: area.pk
        for area in country.areas
        for beat in Beat.objects.filter(police_point__department__area=area)
    }
    streets, meetings, appeals, rounds, visits, services, assistants = [], [], [], [], [], [], []
    iins = iter(_iins(len(country.beats) * per_beat))
    statuses = list(AssistantStatus)
    for beat in country.beats:
        for i in range(per_beat):
            days = rng.randrange(1, 700)
            name = STREETS[(beat.pk + i) % len(STREETS)]
            streets.append(
                BeatStreet(
                    beat=beat,
                    name_ru=f"ул. {name} {beat.pk}-{i}",
                    name_kk=f"{name} көшесі",
                    houses=f"{i * 10 + 1}–{i * 10 + 9}",
                )
            )
            meetings.append(
                Meeting(
                    beat=beat,
                    held_at=now - datetime.timedelta(days=days, hours=i),
                    status=MeetingStatus.HELD,
                    place="Двор",
                    place_ru="Двор",
                    place_kk="Аула",
                    attendance=10 + i,
                    is_public=i % 3 == 0,
                )
            )
            received = today - datetime.timedelta(days=days)
            appeals.append(
                Appeal(
                    beat=beat,
                    channel="phone",
                    received_on=received,
                    due_on=received + datetime.timedelta(days=21),
                    subject="Шум",
                    status=AppealStatus.ANSWERED if i % 2 else AppealStatus.NEW,
                )
            )
            rounds.append(
                DoorToDoorRound(
                    beat=beat,
                    date=today - datetime.timedelta(days=days),
                    apartments_visited=20,
                    residents_met=10,
                )
            )
            visits.append(
                PreventiveVisit(
                    beat=beat,
                    category="family",
                    date=today - datetime.timedelta(days=days),
                    address="ул. Абая, 1",
                    reference=f"ПУ-{beat.pk}-{i}",
                )
            )
            services.append(
                ServiceRecord(
                    beat=beat, date=today - datetime.timedelta(days=days), kind="consultation"
                )
            )
            assistants.append(
                Assistant(
                    last_name=SURNAMES[(beat.pk * 7 + i) % len(SURNAMES)] + str(i),
                    first_name="Асхат",
                    middle_name="Серикович",
                    iin=next(iins),
                    birth_date=datetime.date(1985, 1, 1),
                    sex="M",
                    phone="+7 701 000 00 00",
                    address="ул. Абая, 1",
                    area_id=area_of[beat.pk],
                    beat=beat,
                    status=statuses[i % len(statuses)],
                    applied_on=received,
                    consent_given_on=received,
                    petition_sent_on=received if i % len(statuses) else None,
                    registration_number=f"{beat.pk}-{i}",
                )
            )
    BeatStreet.objects.bulk_create(streets)
    meetings = Meeting.objects.bulk_create(meetings)
    Proposal.objects.bulk_create(
        Proposal(beat_id=m.beat_id, meeting=m, text="Освещение") for m in meetings[::2]
    )
    Appeal.objects.bulk_create(appeals)
    DoorToDoorRound.objects.bulk_create(rounds)
    PreventiveVisit.objects.bulk_create(visits)
    ServiceRecord.objects.bulk_create(services)
    assistants = Assistant.objects.bulk_create(assistants)
    Duty.objects.bulk_create(
        Duty(
            assistant=assistant,
            date=today - datetime.timedelta(days=k * 40 + 1),
            hours=Decimal("4.0"),
            kind="patrols",
            beat=assistant.beat,
            supervisor=country.users[Role.INSPECTOR],
        )
        for assistant in assistants
        if assistant.status == AssistantStatus.ACTIVE
        for k in range(4)
    )
    return country
