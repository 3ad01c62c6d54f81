"""Meetings with residents, the proposals raised at them and the beat's work plan."""

import datetime

from django.utils import timezone

from demo.dates import DAY, random_day, random_days
from demo.places import address, address_kk, house_ref
from demo.work.meeting_texts import (
    ATTENDANCE,
    GENERIC_TASKS,
    HOURS,
    MAIN_KINDS,
    MAX_PLANNED_PROPOSALS,
    OTHER_KINDS,
    PROPOSALS,
    SCHOOL_KINDS,
    TOPICS,
)
from districts.models import (
    Cadence,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Proposal,
    ProposalStatus,
    WorkPlanItem,
    WorkPlanStatus,
)
from portal.periods import previous_period

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class MeetingWork:
    """The meetings part of `BeatWork` (which holds the beat, its calendar and its rng)."""

    def meetings(self):
        rng, cal = self.rng, self.cal
        plans = []  # (day, kind, status)
        for first, last in cal.months():
            last = min(last, cal.yesterday)
            if last < first:
                continue
            span = (last - first).days + 1
            if span >= 20:
                count = rng.choice([1, 2, 2])
            elif span >= 7:
                count = 1
            else:
                count = 0
            for index, day in enumerate(random_days(rng, first, last, count)):
                kind = rng.choice(MAIN_KINDS if index == 0 else OTHER_KINDS)
                plans.append((day, kind, MeetingStatus.HELD))
            if span >= 20 and rng.random() < 0.06:
                plans.append(
                    (random_day(rng, first, last), MeetingKind.RESIDENTS, MeetingStatus.CANCELLED)
                )
        # The report meeting on the quarter before, held early in the previous quarter.
        prev = cal.previous
        plans.append(
            (
                random_day(rng, prev.start + 5 * DAY, prev.start + 25 * DAY),
                MeetingKind.REPORT,
                MeetingStatus.HELD,
            )
        )
        # A joint event with a school in most quarters.
        for first, last in [(prev.start, prev.last_day), (cal.current.start, cal.yesterday)]:
            has_school = any(
                kind in SCHOOL_KINDS and first <= day <= last for day, kind, _ in plans
            )
            if not has_school and first <= last and rng.random() < 0.9:
                plans.append(
                    (
                        random_day(rng, first, last),
                        rng.choice(SCHOOL_KINDS),
                        MeetingStatus.HELD,
                    )
                )
        # Always a held meeting this quarter, even on its first day.
        if not any(
            day >= cal.current.start and status == MeetingStatus.HELD for day, _, status in plans
        ):
            first = max(cal.current.start, cal.today - 14 * DAY)
            day = random_day(rng, first, cal.yesterday) if first <= cal.yesterday else cal.today
            plans.append((day, MeetingKind.RESIDENTS, MeetingStatus.HELD))

        for day, kind, status in sorted(plans):
            self.held_meeting(day, kind, status)
        self.planned_meetings()
        self.work_plan()

    def topics(self, kind, count=None):
        """(Russian, Kazakh) of what a meeting of this kind is about."""
        options = TOPICS[kind]
        count = count or self.rng.randint(1, min(3, len(options)))
        chosen = self.rng.sample(options, count)
        return "; ".join(ru for ru, _kk in chosen), "; ".join(kk for _ru, kk in chosen)

    def venue(self, kind):
        """(place in Russian, place in Kazakh, partners) of a meeting of this kind."""
        rng = self.rng
        street = rng.choice(self.streets)
        number = self.house(street)
        addr, addr_kk = address(street, number), address_kk(street, number)
        number = self.house(street)
        house, house_kk = house_ref(street, number), address_kk(street, number)
        osi = rng.choice(self.osi)
        school, school_genitive, school_kk = rng.choice(self.schools)
        housing = rng.choice(self.housing)
        match kind:
            case MeetingKind.RESIDENTS:
                place, place_kk = rng.choice(
                    [
                        (f"Двор ЖК «{housing}», {addr}", f"«{housing}» ТК ауласы, {addr_kk}"),
                        (f"Двор дома {house}", f"{house_kk} үйдің ауласы"),
                        (
                            f"Детская площадка у дома {house}",
                            f"{house_kk} үйдің жанындағы балалар алаңы",
                        ),
                    ]
                )
                partners = rng.choice(["", osi, f"{osi}, общественные помощники полиции"])
            case MeetingKind.OSI_KSK:
                place, place_kk = f"Офис {osi}, {addr}", f"{osi} кеңсесі, {addr_kk}"
                partners = osi
            case MeetingKind.PARENTS:
                place = f"{school[0].upper()}{school[1:]}, актовый зал, {addr}"
                place_kk = f"{school_kk}, мәжіліс залы, {addr_kk}"
                partners = f"{school}, родительский комитет"
            case MeetingKind.LESSON:
                place, place_kk = (
                    f"{school[0].upper()}{school[1:]}, {addr}",
                    f"{school_kk}, {addr_kk}",
                )
                partners = school
            case MeetingKind.RECEPTION:
                point = self.beat.police_point
                place = f"{point.name_ru}, {point.address_ru}"
                place_kk = f"{point.name_kk}, {point.address_kk}"
                partners = rng.choice(["", "общественные помощники полиции"])
            case _:  # report meetings
                place, place_kk = rng.choice(
                    [
                        (
                            f"Актовый зал {school_genitive}, {addr}",
                            f"{school_kk} мәжіліс залы, {addr_kk}",
                        ),
                        (f"Двор ЖК «{housing}», {addr}", f"«{housing}» ТК ауласы, {addr_kk}"),
                    ]
                )
                partners = f"Акимат {self.genitive}, {osi}, {school}"
        return place, place_kk, partners

    def report_topics(self, day):
        """(Russian, Kazakh) of what a report meeting is about."""
        reported = previous_period(Cadence.QUARTERLY, day)
        quarter = (reported.start.month - 1) // 3 + 1
        year, roman = reported.start.year, ROMAN[quarter]
        heading = f"Отчёт участкового инспектора о работе за {quarter} квартал {year} г."
        heading_kk = f"Учаскелік инспектордың {year} жылғы {roman} тоқсандағы жұмысы туралы есебі"
        topic, topic_kk = self.topics(MeetingKind.REPORT, 1)
        return f"{heading}; {topic}", f"{heading_kk}; {topic_kk}"

    def meeting_topics(self, kind, day):
        return self.report_topics(day) if kind == MeetingKind.REPORT else self.topics(kind)

    def held_meeting(self, day, kind, status):
        rng, cal = self.rng, self.cal
        hour, minute = rng.choice(HOURS[kind])
        held_at = cal.past(day, hour, minute)
        place, place_kk, partners = self.venue(kind)
        held = status == MeetingStatus.HELD
        meeting = Meeting(
            beat=self.beat,
            created_by=self.inspector,
            created_at=min(held_at + datetime.timedelta(hours=2), cal.now),
            kind=kind,
            status=status,
            held_at=held_at,
            place_ru=place,
            place_kk=place_kk,
            partners=partners,
            attendance=rng.randint(*ATTENDANCE[kind]) if held else None,
        )
        meeting.topics_ru, meeting.topics_kk = self.meeting_topics(kind, day)
        self.batch.meetings.append(meeting)
        if held:
            self.proposals(meeting, day)

    def planned_meetings(self):
        rng, cal = self.rng, self.cal
        days = random_days(rng, cal.today + 2 * DAY, cal.today + 20 * DAY, rng.randint(1, 2))
        kinds = [
            MeetingKind.REPORT if rng.random() < 0.4 else MeetingKind.RESIDENTS,
            rng.choice([MeetingKind.OSI_KSK, MeetingKind.PARENTS, MeetingKind.LESSON]),
        ]
        for index, (day, kind) in enumerate(zip(days, kinds, strict=False)):
            hour, minute = rng.choice(HOURS[kind])
            place, place_kk, partners = self.venue(kind)
            topics, topics_kk = self.meeting_topics(kind, day)
            self.batch.meetings.append(
                Meeting(
                    beat=self.beat,
                    created_by=self.inspector,
                    created_at=cal.now - datetime.timedelta(days=rng.randint(1, 6), hours=3),
                    kind=kind,
                    status=MeetingStatus.PLANNED,
                    held_at=cal.at(day, hour, minute),
                    place_ru=place,
                    place_kk=place_kk,
                    partners=partners,
                    topics_ru=topics,
                    topics_kk=topics_kk,
                    is_public=index == 0,
                )
            )

    def proposals(self, meeting, day):
        rng = self.rng
        if meeting.kind in {MeetingKind.RESIDENTS, MeetingKind.OSI_KSK, MeetingKind.REPORT}:
            count = rng.choice([0, 1, 1, 2, 3])
        else:
            count = rng.choice([0, 0, 1])
        recent = self.cal.quarter_of(day) == "current"
        for template in rng.sample(PROPOSALS, count):
            kind, text, _plan, done, declined = template
            house = self.house_in_text()
            if recent:
                status = rng.choice(["new", "new", "planned", "planned", "done", "declined"])
            else:
                status = rng.choice(["done", "done", "done", "declined", "planned", "new"])
            planned = sum(p.status == ProposalStatus.PLANNED for p, _ in self.beat_proposals)
            if (status == "planned" and planned >= MAX_PLANNED_PROPOSALS) or (
                status == "declined" and not declined
            ):
                status = "new" if recent else "done"
            outcome = {
                "done": done,
                "declined": declined,
                "planned": "Включено в план работы участка.",
                "new": "",
            }[status]
            proposal = Proposal(
                beat=self.beat,
                meeting=meeting,
                kind=kind,
                text=text.format(house=house),
                status=ProposalStatus(status),
                outcome=outcome,
                created_at=meeting.created_at,
            )
            proposal._history_user = self.inspector
            proposal._history_date = meeting.created_at
            self.beat_proposals.append((proposal, template[2].format(house=house)))
            self.batch.proposals.append(proposal)

    def work_plan(self):
        rng, cal = self.rng, self.cal
        items = []
        for proposal, task in self.beat_proposals:
            if proposal.status == ProposalStatus.PLANNED:
                items.append(
                    WorkPlanItem(
                        title=task,
                        proposal=proposal,
                        due_on=cal.today + rng.randint(7, 30) * DAY,
                        status=rng.choice([WorkPlanStatus.PLANNED, WorkPlanStatus.IN_PROGRESS]),
                        created_at=min(proposal.created_at + DAY, cal.now),
                    )
                )
        done = [(p, task) for p, task in self.beat_proposals if p.status == ProposalStatus.DONE]
        proposal, task = rng.choice(done) if done else (None, rng.choice(GENERIC_TASKS))
        created = proposal.created_at + DAY if proposal else cal.at(cal.first + 3 * DAY, 10)
        created = min(created, cal.now)
        done_on = random_day(rng, timezone.localdate(created), cal.today)
        items.append(
            WorkPlanItem(
                title=task,
                proposal=proposal,
                due_on=done_on + rng.randint(0, 10) * DAY,
                status=WorkPlanStatus.DONE,
                done_on=done_on,
                note=proposal.outcome if proposal else "Выполнено.",
                created_at=created,
            )
        )
        spare = [t for t in GENERIC_TASKS if t != task]
        extra = 2 - len(items) if len(items) < 2 else int(len(items) < 4 and rng.random() < 0.4)
        for title in rng.sample(spare, extra):
            items.append(
                WorkPlanItem(
                    title=title,
                    due_on=cal.today + rng.randint(5, 30) * DAY,
                    status=WorkPlanStatus.PLANNED,
                    created_at=cal.past(cal.today - rng.randint(0, 20) * DAY, 9),
                )
            )
        for item in items:
            item.beat, item.created_by = self.beat, self.inspector
        self.batch.plan_items.extend(items)
