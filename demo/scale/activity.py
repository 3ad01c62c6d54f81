"""Two years of every beat's logged work, about 330 rows a beat, plus the coming public events.

A month of a beat: a residents' meeting (with a proposal or two raised at most of them), a
door-to-door round of two of its streets, two or three preventive visits, two appeals, two
service records and a couple of checklist ticks; a problem place every half-year with its
measures. Coming up: a public meeting announced on every fifth beat, and two public joint
actions per area.
"""

import datetime

from django.utils import timezone

from councils.models import JointAction
from districts.models import (
    Appeal,
    AppealChannel,
    AppealStatus,
    ChecklistItem,
    DoorToDoorRound,
    Meeting,
    MeetingKind,
    MeetingStatus,
    PreventiveCategory,
    PreventiveVisit,
    ProblemKind,
    ProblemMeasure,
    ProblemSpot,
    ProblemStatus,
    Proposal,
    ProposalStatus,
    RoundStreet,
    ServiceKind,
    ServiceRecord,
)
from portal.periods import period_of

DAY = datetime.timedelta(days=1)
MONTHS = 24
MONTH = 30  # days: the synthetic calendar needs no real months
PLACE = "Двор дома по ул. Абая, 10"
PLACE_KK = "Абай көшесі, 10 үйдің ауласы"
TOPICS = "Освещение двора, парковка, безопасность детей."
PROPOSALS = [
    "Установить освещение во дворе.",
    "Поставить камеры у школы.",
    "Чаще патрулировать парк вечером.",
    "Убрать брошенные автомобили.",
]
MEETING_KINDS = [
    MeetingKind.RESIDENTS,
    MeetingKind.OSI_KSK,
    MeetingKind.PARENTS,
    MeetingKind.RECEPTION,
    MeetingKind.LESSON,
]


def moment(day, hour):
    tz = timezone.get_current_timezone()
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=tz)


def build_activity(writer, country, today):
    meetings(writer, country, today)
    rounds(writer, country, today)
    field_work(writer, country, today)
    problems(writer, country, today)
    checklist(writer, country, today)
    public_events(writer, country, today)


def meetings(writer, country, today):
    rng = country.rng("meetings")
    m0 = writer.reserve(Meeting, country.beats * MONTHS)
    raised = []

    def rows():
        for i in range(country.beats):
            beat, inspector = country.beat_id(i), country.inspector_id(i)
            for month in range(MONTHS):
                pk = m0 + i * MONTHS + month
                day = today - DAY * (MONTH * month + rng.randint(1, MONTH - 1))
                for _ in range(rng.choice([0, 1, 1, 2])):
                    raised.append((pk, beat, month))
                yield (
                    pk,
                    beat,
                    inspector,
                    rng.choice(MEETING_KINDS),
                    MeetingStatus.HELD,
                    moment(day, 18),
                    PLACE,
                    PLACE,
                    PLACE_KK,
                    rng.randint(8, 60),
                    TOPICS,
                    TOPICS,
                    False,
                )

    writer.insert(
        Meeting,
        [
            "id",
            "beat_id",
            "created_by_id",
            "kind",
            "status",
            "held_at",
            "place",
            "place_ru",
            "place_kk",
            "attendance",
            "topics",
            "topics_ru",
            "is_public",
        ],
        rows(),
    )
    p0 = writer.reserve(Proposal, len(raised))
    writer.insert(
        Proposal,
        ["id", "beat_id", "meeting_id", "text", "status", "outcome"],
        (
            (
                p0 + n,
                beat,
                meeting,
                PROPOSALS[n % len(PROPOSALS)],
                proposal_status(month, n),
                "Включено в план работы." if month else "",
            )
            for n, (meeting, beat, month) in enumerate(raised)
        ),
    )


def proposal_status(month, n):
    if month == 0:
        return ProposalStatus.NEW
    return [ProposalStatus.DONE, ProposalStatus.PLANNED, ProposalStatus.DONE][n % 3]


def rounds(writer, country, today):
    rng = country.rng("rounds")
    r0 = writer.reserve(DoorToDoorRound, country.beats * MONTHS)
    writer.insert(
        DoorToDoorRound,
        ["id", "beat_id", "created_by_id", "date", "apartments_visited", "residents_met"],
        (
            (
                r0 + i * MONTHS + month,
                country.beat_id(i),
                country.inspector_id(i),
                today - DAY * (MONTH * month + rng.randint(1, MONTH - 1)),
                rng.randint(20, 120),
                rng.randint(10, 80),
            )
            for i in range(country.beats)
            for month in range(MONTHS)
        ),
    )
    s0 = writer.reserve(RoundStreet, country.beats * MONTHS * 2)
    writer.insert(
        RoundStreet,
        ["id", "round_id", "street_id"],
        (
            (
                s0 + 2 * (i * MONTHS + month) + j,
                r0 + i * MONTHS + month,
                country.street_ids(i)[(month + j) % len(country.street_ids(i))],
            )
            for i in range(country.beats)
            for month in range(MONTHS)
            for j in range(2)
        ),
    )


def field_work(writer, country, today):
    """Preventive visits, appeals and service records."""
    rng = country.rng("field")
    categories = list(PreventiveCategory)
    per_beat = MONTHS * 5 // 2
    v0 = writer.reserve(PreventiveVisit, country.beats * per_beat)
    writer.insert(
        PreventiveVisit,
        ["id", "beat_id", "created_by_id", "category", "date", "address", "reference"],
        (
            (
                v0 + i * per_beat + n,
                country.beat_id(i),
                country.inspector_id(i),
                rng.choice(categories),
                today - DAY * rng.randint(1, MONTHS * MONTH),
                f"ул. Абая, {rng.randint(1, 120)}",
                f"ПУ-{i + 1}-{n + 1}",
            )
            for i in range(country.beats)
            for n in range(per_beat)
        ),
    )
    channels = list(AppealChannel)
    per_beat = MONTHS * 2

    def appeals():
        pk = writer.reserve(Appeal, country.beats * per_beat)
        for i in range(country.beats):
            for n in range(per_beat):
                received = today - DAY * rng.randint(1, MONTHS * MONTH)
                due = Appeal.default_due(received) if n < 4 else received + DAY * 21
                answered = (today - received).days > 25 or n % 3 == 0
                status = AppealStatus.ANSWERED if answered else AppealStatus.IN_WORK
                answered_on = min(today, received + DAY * rng.randint(1, 14)) if answered else None
                yield (
                    pk,
                    country.beat_id(i),
                    country.inspector_id(i),
                    rng.choice(channels),
                    received,
                    due,
                    "Шум в подъезде по ночам",
                    status,
                    "Проведена профилактическая беседа." if answered else "",
                    answered_on,
                )
                pk += 1

    writer.insert(
        Appeal,
        [
            "id",
            "beat_id",
            "created_by_id",
            "channel",
            "received_on",
            "due_on",
            "subject",
            "status",
            "answer",
            "answered_on",
        ],
        appeals(),
    )
    kinds = list(ServiceKind)
    s0 = writer.reserve(ServiceRecord, country.beats * per_beat)
    writer.insert(
        ServiceRecord,
        ["id", "beat_id", "created_by_id", "date", "kind", "count"],
        (
            (
                s0 + i * per_beat + n,
                country.beat_id(i),
                country.inspector_id(i),
                today - DAY * rng.randint(1, MONTHS * MONTH),
                rng.choice(kinds),
                rng.randint(1, 6),
            )
            for i in range(country.beats)
            for n in range(per_beat)
        ),
    )


def problems(writer, country, today):
    rng = country.rng("problems")
    per_beat = MONTHS // 6
    s0 = writer.reserve(ProblemSpot, country.beats * per_beat)
    kinds = list(ProblemKind)
    measures = []

    def spots():
        for i in range(country.beats):
            for n in range(per_beat):
                pk = s0 + i * per_beat + n
                found = today - DAY * (180 * n + rng.randint(30, 170))
                resolved = n > 0
                measures.append((pk, found))
                measures.append((pk, found + DAY * 10))
                yield (
                    pk,
                    country.beat_id(i),
                    country.inspector_id(i),
                    rng.choice(kinds),
                    f"Двор дома по ул. Абая, {rng.randint(1, 120)}",
                    "Жители жалуются на темноту и сборища.",
                    ProblemStatus.RESOLVED if resolved else ProblemStatus.IN_WORK,
                    found + DAY * 20 if resolved else None,
                )

    writer.insert(
        ProblemSpot,
        [
            "id",
            "beat_id",
            "created_by_id",
            "kind",
            "address",
            "description",
            "status",
            "resolved_on",
        ],
        spots(),
    )
    m0 = writer.reserve(ProblemMeasure, len(measures))
    writer.insert(
        ProblemMeasure,
        ["id", "spot_id", "date", "description", "is_submission", "sent_to"],
        (
            (
                m0 + n,
                spot,
                min(day, today),
                "Внесено представление в акимат.",
                n % 2 == 0,
                "Акимат района" if n % 2 == 0 else "",
            )
            for n, (spot, day) in enumerate(measures)
        ),
    )


def checklist(writer, country, today):
    """Ticks by hand: the items without an automatic rule, about two a month."""
    items = list(ChecklistItem.objects.filter(is_active=True, auto_rule="").order_by("order"))
    items = items or list(ChecklistItem.objects.filter(is_active=True).order_by("order"))
    if not items:
        return
    marks = []
    for i in range(country.beats):
        seen = set()
        for month in range(MONTHS):
            day = today - DAY * (MONTH * month + 5)
            for item in (items[(month + i) % len(items)], items[(month + i + 1) % len(items)]):
                start = period_of(item.cadence, day).start
                if (item.pk, start) not in seen:
                    seen.add((item.pk, start))
                    marks.append((i, item.pk, start))
    from districts.models import ChecklistMark

    c0 = writer.reserve(ChecklistMark, len(marks))
    writer.insert(
        ChecklistMark,
        ["id", "beat_id", "item_id", "period_start", "note", "marked_by_id"],
        (
            (c0 + n, country.beat_id(i), item, start, "Выполнено.", country.inspector_id(i))
            for n, (i, item, start) in enumerate(marks)
        ),
    )


def public_events(writer, country, today):
    """What the residents' calendar shows: announced meetings and public joint actions."""
    rng = country.rng("events")
    chosen = [i for i in range(country.beats) if i % 5 == 0]
    e0 = writer.reserve(Meeting, len(chosen))
    writer.insert(
        Meeting,
        [
            "id",
            "beat_id",
            "created_by_id",
            "kind",
            "status",
            "held_at",
            "place",
            "place_ru",
            "place_kk",
            "topics",
            "topics_ru",
            "is_public",
        ],
        (
            (
                e0 + n,
                country.beat_id(i),
                country.inspector_id(i),
                MeetingKind.REPORT,
                MeetingStatus.PLANNED,
                moment(today + DAY * rng.randint(1, 30), 18),
                PLACE,
                PLACE,
                PLACE_KK,
                TOPICS,
                TOPICS,
                True,
            )
            for n, i in enumerate(chosen)
        ),
    )
    first_beat = {}
    for i in range(country.beats):
        first_beat.setdefault(country.beat_area[i], i)
    a0 = writer.reserve(JointAction, 2 * len(country.areas))
    actions = [
        (a0 + 2 * n + j, area) for n, (area, _) in enumerate(country.areas) for j in range(2)
    ]
    writer.insert(
        JointAction,
        ["id", "title", "area_id", "starts_at", "ends_at", "place", "is_public", "created_by_id"],
        (
            (
                pk,
                "Безопасный двор",
                area,
                moment(today + DAY * (5 + 7 * (pk % 5)), 11),
                moment(today + DAY * (5 + 7 * (pk % 5)), 14),
                "Сквер у акимата",
                True,
                country.registrars[area],
            )
            for pk, area in actions
        ),
    )
    through = JointAction.beats.through
    b0 = writer.reserve(through, len(actions))
    writer.insert(
        through,
        ["id", "jointaction_id", "beat_id"],
        (
            (b0 + n, pk, country.beat_id(first_beat[area]))
            for n, (pk, area) in enumerate(actions)
            if area in first_beat
        ),
    )
