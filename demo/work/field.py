"""The inspector's work between meetings: door-to-door rounds, preventive visits, problem
places with their measures, appeals, consultations and help, positive cases and the
checklist items ticked by hand."""

import zlib
from decimal import Decimal

from demo.dates import DAY, at, random_day, random_days
from demo.work.field_texts import (
    APPEALS,
    CHANNELS,
    CHECKLIST_NOTE_DEFAULT,
    CHECKLIST_NOTES,
    PROBLEM_SENT_TO,
    PROBLEM_TEXTS,
    ROUND_NOTES,
    ROUTINE_MEASURES,
    SERVICE_KINDS,
    SERVICE_NOTES,
    SHOPS,
    STUDIES,
    TRUST_CASES,
    VISIT_NOTES,
)
from districts.models import (
    Appeal,
    AppealStatus,
    ChecklistMark,
    DoorToDoorRound,
    InspectorStudy,
    PreventiveCategory,
    PreventiveVisit,
    ProblemKind,
    ProblemMeasure,
    ProblemSpot,
    ProblemStatus,
    RoundStreet,
    ServiceRecord,
    TrustCase,
)
from portal.periods import previous_period

# Beat code → days since its inspector was appointed. The first full round of the beat is
# due within a month: done by the inspector of 40 days, under way for those of 10 days.
NEW_INSPECTORS = {"almaly-03": 10, "medeu-02": 10, "almaly-05": 40}
FIRST_ROUND_DAYS = 30
# Beats that always show a street not visited this quarter and an overdue appeal, so the
# demo inspector and supervisor (Almaly) see both warnings; more beats are drawn at random.
ALWAYS_GAP = {"almaly-01"}
ALWAYS_OVERDUE = {"almaly-01"}
# Preventive groups besides families and teenagers, spread over the beats.
OTHER_GROUPS = [
    PreventiveCategory.SUPERVISED,
    PreventiveCategory.DOMESTIC_VIOLENCE,
    PreventiveCategory.ADDICTION,
    PreventiveCategory.RELEASED,
    PreventiveCategory.OTHER,
]


class FieldWork:
    """The field-work part of `BeatWork` (which holds the beat, its calendar and its rng)."""

    # -- door-to-door rounds

    def rounds(self):
        rng, cal = self.rng, self.cal
        code = self.beat.code
        days = []
        for first, last in cal.weeks():
            if rng.random() < 0.9 or (first <= cal.current.start <= last):
                days.append(random_day(rng, first, last))
        if not any(day >= cal.current.start for day in days):
            days.append(cal.today)

        streets = list(self.streets)
        rng.shuffle(streets)
        # Most beats walked every street last quarter; a few missed one, and some have a
        # street not visited yet this quarter.
        since_days = NEW_INSPECTORS.get(code)
        since = cal.today - since_days * DAY if since_days else None
        prev_pool = streets[1:] if rng.random() < 0.12 and since_days is None else streets
        gap = code in ALWAYS_GAP or (since_days is None and rng.random() < 0.25)
        cur_pool = streets[1:] if gap and len(streets) > 1 else streets
        first_round = since and since_days >= FIRST_ROUND_DAYS
        if since:
            # The new inspector's own rounds start on their first days.
            if not any(since <= day for day in days):
                days.append(min(since + 2 * DAY, cal.today))
            if first_round:
                window = [d for d in days if since <= d < since + FIRST_ROUND_DAYS * DAY]
                if len(window) < 2:
                    days.append(since + 12 * DAY)
        days = sorted(set(days))

        rotations = {
            "previous": Rotation(prev_pool, self),
            "current": Rotation(cur_pool, self),
            "new": Rotation(streets[1:] or streets, self),  # a first round not finished yet
        }
        first_round_days = []
        for day in days:
            if first_round and since <= day < since + FIRST_ROUND_DAYS * DAY:
                first_round_days.append(day)
                continue
            key = "new" if since and not first_round and day >= since else cal.quarter_of(day)
            self.add_round(day, rotations[key].take(rng.randint(1, 3)))
        # The appointed inspector's first round: every street of the beat, whole.
        for index, day in enumerate(first_round_days):
            share = streets[index :: len(first_round_days)]
            self.add_round(day, [(street, "") for street in share] or rotations["current"].take(1))

    def add_round(self, day, visits):
        rng = self.rng
        apartments = rng.randint(15, 80)
        visit = DoorToDoorRound(
            **self.common(day),
            date=day,
            apartments_visited=apartments,
            residents_met=rng.randint(apartments * 2 // 5, apartments * 9 // 10),
            notes=rng.choice(ROUND_NOTES),
        )
        self.batch.rounds.append(visit)
        for street, houses in visits:
            self.batch.round_streets.append(RoundStreet(round=visit, street=street, houses=houses))

    # -- preventive visits

    def preventive_visits(self):
        rng, cal = self.rng, self.cal
        # Two of the other groups the recommendations name, in turn from beat to beat.
        turn = zlib.crc32(self.beat.code.encode()) % len(OTHER_GROUPS)
        categories = [
            PreventiveCategory.FAMILY,
            PreventiveCategory.TEENAGER,
            PreventiveCategory.FAMILY,
            PreventiveCategory.TEENAGER,
            OTHER_GROUPS[turn],
            OTHER_GROUPS[(turn + 1) % len(OTHER_GROUPS)],
        ][: rng.randint(3, 6)]
        numbers = rng.sample(range(1, 800), len(categories))
        register = []
        for category, number in zip(categories, numbers, strict=True):
            year = cal.today.year - rng.choice([0, 1, 1, 2])
            street = rng.choice(self.streets)
            flat = f", кв. {rng.randint(1, 180)}" if rng.random() < 0.8 else ""
            register.append((category, f"ПУ-{year}-{number:04d}", f"{self.place(street)}{flat}"))
        by_category = {}
        for entry in register:
            by_category.setdefault(entry[0], []).append(entry)
        for first, last in cal.months():
            span = (last - first).days + 1
            count = rng.randint(2, 6)
            if span < 28:
                count = max(1, round(count * span / 30))
            for index, day in enumerate(random_days(rng, first, last, count)):
                # The families and teenagers of the register are seen every month.
                wanted = [PreventiveCategory.FAMILY, PreventiveCategory.TEENAGER]
                if index < 2:
                    category, reference, where = rng.choice(by_category[wanted[index]])
                else:
                    category, reference, where = rng.choice(register)
                self.batch.visits.append(
                    PreventiveVisit(
                        **self.common(day),
                        category=category,
                        date=day,
                        address=where,
                        reference=reference,
                        notes=rng.choice(VISIT_NOTES[category]),
                    )
                )

    # -- problem places

    def problem_places(self):
        rng, cal = self.rng, self.cal
        kinds = rng.sample(list(ProblemKind), rng.randint(2, 5))
        for kind in kinds:
            where, description, submission, fixed = PROBLEM_TEXTS[kind]
            street = rng.choice(self.streets)
            found = random_day(rng, cal.first - 60 * DAY, cal.today - 5 * DAY)
            status = rng.choice(
                [
                    ProblemStatus.OPEN,
                    ProblemStatus.IN_WORK,
                    ProblemStatus.IN_WORK,
                    ProblemStatus.RESOLVED,
                ]
            )
            coordinates = {}
            if rng.random() < 0.7:
                lat = min(max(self.centre[0] + rng.uniform(-0.004, 0.004), 43.2), 43.35)
                lon = min(max(self.centre[1] + rng.uniform(-0.005, 0.005), 76.85), 77.05)
                coordinates = {
                    "latitude": Decimal(f"{lat:.6f}"),
                    "longitude": Decimal(f"{lon:.6f}"),
                }
            spot = ProblemSpot(
                **self.common(found, hour=11),
                kind=kind,
                address=where.format(
                    addr=self.place(street),
                    house=self.house_in_text(street),
                    shop=rng.choice(SHOPS),
                ),
                description=description,
                status=status,
                **coordinates,
            )
            spot._history_user = self.inspector
            spot._history_date = spot.created_at
            count = {
                ProblemStatus.OPEN: rng.randint(0, 1),
                ProblemStatus.IN_WORK: rng.randint(1, 3),
                ProblemStatus.RESOLVED: rng.randint(1, 3),
            }[status]
            dates = random_days(rng, found, cal.today, count)
            sent_to = PROBLEM_SENT_TO.get(kind, "Акимат {genitive}").format(genitive=self.genitive)
            for index, day in enumerate(dates):
                # The first measure about a place in work is a submission; one in five of
                # the places still open has had one too.
                is_submission = index == 0 and (status != ProblemStatus.OPEN or rng.random() < 0.2)
                self.batch.measures.append(
                    ProblemMeasure(
                        spot=spot,
                        date=day,
                        description=submission if is_submission else rng.choice(ROUTINE_MEASURES),
                        is_submission=is_submission,
                        sent_to=sent_to if is_submission else "",
                    )
                )
            if status == ProblemStatus.RESOLVED:
                last = dates[-1] if dates else found
                spot.resolved_on = min(last + rng.randint(0, 10) * DAY, cal.today)
                self.batch.measures.append(
                    ProblemMeasure(spot=spot, date=spot.resolved_on, description=fixed)
                )
            self.batch.spots.append(spot)

    # -- appeals

    def appeals(self):
        rng, cal = self.rng, self.cal
        prev, current = cal.previous, cal.current
        received = [random_day(rng, prev.start, prev.last_day) for _ in range(rng.randint(4, 10))]
        if cal.today - 3 * DAY >= current.start:
            elapsed = (cal.today - current.start).days + 1
            count = round(rng.randint(4, 10) * min(elapsed, 91) / 91)
            received += [random_day(rng, current.start, cal.today - 3 * DAY) for _ in range(count)]
        for day in sorted(received):
            answered_on = min(day + rng.randint(1, 12) * DAY, cal.today)
            self.appeal(day, AppealStatus.ANSWERED, answered_on)
        # One or two still open, received in the last days of this quarter.
        for _ in range(rng.randint(1, 2)):
            first = max(current.start, cal.today - 12 * DAY)
            day = random_day(rng, first, cal.today)
            self.appeal(day, rng.choice([AppealStatus.NEW, AppealStatus.IN_WORK]))
        # An overdue one in a few beats.
        if self.beat.code in ALWAYS_OVERDUE or rng.random() < 0.06:
            # 15 working days are three weeks and more: received a month or more ago.
            self.appeal(cal.today - rng.randint(30, 40) * DAY, AppealStatus.IN_WORK)

    def appeal(self, day, status, answered_on=None):
        rng = self.rng
        subject, details, answer = rng.choice(APPEALS)
        appeal = Appeal(
            **self.common(day, hour=rng.randint(9, 18)),
            channel=rng.choice(CHANNELS),
            received_on=day,
            due_on=Appeal.default_due(day),
            subject=subject,
            details=details,
            status=status,
            answer=answer if answered_on else "",
            answered_on=answered_on,
        )
        if answered_on is None and appeal.due_on < self.cal.today:
            # Escalated to the supervisor by the first hourly run after its due day
            # (districts.services.escalation).
            appeal.escalated_at = at(appeal.due_on + DAY, 0, 5)
        appeal._history_user = self.inspector
        appeal._history_date = appeal.created_at
        self.batch.appeals.append(appeal)

    # -- consultations and help, positive cases

    def service_records(self):
        rng, cal = self.rng, self.cal
        days = []
        for first, last in cal.weeks():
            if rng.random() < 0.8:
                days += random_days(rng, first, last, rng.randint(1, 2))
        if not any(day >= cal.current.start for day in days):
            days.append(random_day(rng, cal.current.start, cal.today))
        for day in days:
            kind = rng.choice(SERVICE_KINDS)
            self.batch.services.append(
                ServiceRecord(
                    **self.common(day),
                    date=day,
                    kind=kind,
                    count=rng.randint(1, 6),
                    note=rng.choice(SERVICE_NOTES[kind]),
                )
            )

    def trust_cases(self):
        rng, cal = self.rng, self.cal
        current_days = (cal.today - cal.current.start).days + 1
        days = random_days(rng, cal.previous.start, cal.previous.last_day, rng.randint(1, 2))
        days += random_days(
            rng, cal.current.start, cal.today, rng.randint(1, 2) if current_days > 45 else 1
        )
        for day, (title, story) in zip(days, rng.sample(TRUST_CASES, len(days)), strict=True):
            self.batch.trust_cases.append(
                TrustCase(**self.common(day), date=day, title=title, story=story)
            )

    # -- the inspector's own development

    def studies(self):
        """A training and a digital service studied this year, for most inspectors; the
        rest still have them ahead (their checklist shows the items open)."""
        rng, cal = self.rng, self.cal
        first = max(cal.today.replace(month=1, day=1), cal.previous.start)
        for kind in ("training", "digital"):
            if rng.random() < 0.25:
                continue
            _kind, topic, held_by, hours = rng.choice([s for s in STUDIES if s[0] == kind])
            day = random_day(rng, first, cal.today)
            self.batch.studies.append(
                InspectorStudy(
                    **self.common(day),
                    kind=kind,
                    date=day,
                    topic=topic,
                    organiser=held_by,
                    hours=hours,
                )
            )

    # -- the checklist

    def checklist_marks(self):
        rng, cal = self.rng, self.cal
        if not self.manual_items:
            return
        count = rng.randint(min(2, len(self.manual_items)), min(5, len(self.manual_items)))
        for item in rng.sample(self.manual_items, count):
            period = previous_period(item.cadence, cal.today)
            note = next(
                (text for start, text in CHECKLIST_NOTES.items() if item.text_ru.startswith(start)),
                CHECKLIST_NOTE_DEFAULT,
            )
            self.batch.marks.append(
                ChecklistMark(
                    beat=self.beat,
                    item=item,
                    period_start=period.start,
                    note=note,
                    marked_by=self.inspector,
                    marked_at=cal.past(period.last_day, 17, rng.choice([0, 15, 30])),
                )
            )


class Rotation:
    """Walks the streets of a pool in turn; a street's first visit covers all its houses."""

    def __init__(self, pool, work):
        self.pool = list(pool)
        self.work = work
        self.next = 0
        self.whole = set()

    def take(self, count):
        visits = []
        for _ in range(min(count, len(self.pool))):
            street = self.pool[self.next % len(self.pool)]
            self.next += 1
            if street.pk not in self.whole or self.work.rng.random() < 0.5:
                self.whole.add(street.pk)
                visits.append((street, ""))
            else:
                visits.append((street, self.work.sub_range(street)))
        return visits
