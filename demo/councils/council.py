"""The public council at the area's police department: members, sessions, decisions and
recommendations followed through their statuses."""

import datetime

from django.utils import timezone

from councils.membership import share_needed
from councils.models import (
    CouncilMember,
    CouncilSession,
    MemberRole,
    MemberSide,
    PublicCouncil,
    Recommendation,
    RecommendationStatus,
)
from councils.models.councils import CIVIL_SOCIETY_SHARE
from councils.quorum import quorum_needed
from councils.services.councils import decision_add
from demo.councils.texts import (
    AGENDAS,
    CIVIL_ORGANISATIONS,
    DECISIONS,
    PROGRESS,
    RECOMMENDATIONS,
    REJECTIONS,
    SECRETARY_ORGANISATION,
    STATE_ORGANISATIONS,
    UPCOMING_AGENDAS,
)
from demo.data import city, staff
from demo.dates import DAY, next_working, previous_working, years_after
from demo.names import full_name, masculine
from demo.places import along, on

RS = RecommendationStatus

# The area whose council has too few members from civil society (the secretary's warning),
# and the area that always has a session without a quorum. Both the demo secretary's area.
SHORT_AREA = city.MAIN_AREA
NO_QUORUM_AREA = city.MAIN_AREA
TERM_YEARS = 3


class PublicCouncilWork:
    """The council part of `AreaCouncils`."""

    def seed_council(self):
        rng = self.rng
        previous = self.ctx.previous
        term_start = previous_working(previous.start - DAY * rng.randint(30, 800))
        council = PublicCouncil(
            department=self.department,
            name_ru=f"Общественный совет при Управлении полиции {self.genitive}",
            name_kk=f"{self.genitive_kk} полиция басқармасы жанындағы қоғамдық кеңес",
            term_start=term_start,
            term_end=years_after(term_start, TERM_YEARS) - DAY,
        )
        council.full_clean()
        council.save()
        members = self.members(council)
        self.ctx.totals["public councils"] += 1
        self.ctx.totals["council members"] += len(members)

        past_days = self.session_days(term_start)
        no_quorum = None
        if self.slug == NO_QUORUM_AREA or rng.random() < 0.2:
            no_quorum = past_days[-1] if self.slug == NO_QUORUM_AREA else rng.choice(past_days)
        agendas = rng.sample(AGENDAS, len(past_days))
        sessions = []
        for day, agenda in zip(past_days, agendas, strict=True):
            sessions.append(self.past_session(council, members, day, agenda, day == no_quorum))
        self.upcoming_session(council)
        self.recommendations(council, sessions)

    def members(self, council):
        rng = self.rng
        total = rng.randint(7, 11)
        needed = share_needed(CIVIL_SOCIETY_SHARE, total)
        # One short of two thirds in SHORT_AREA; the secretary is always from the state body.
        civil = needed - 1 if self.slug == SHORT_AREA else rng.randint(needed, total - 1)
        state = total - civil
        surnames = set()

        def name(sex=None, born=1970):
            for _ in range(10):
                parts = self.person(sex, born)
                if masculine(parts[0]) not in surnames:
                    break
            surnames.add(masculine(parts[0]))
            return full_name(parts)

        # The chair is a public figure; the other members speak for the area's partners.
        generic = rng.sample(CIVIL_ORGANISATIONS, len(CIVIL_ORGANISATIONS))
        partner_orgs = [partner.name for partner, _ in self.partners]
        rng.shuffle(partner_orgs)
        civil_orgs = [generic[0], *partner_orgs, *generic[1:]][:civil]
        joined = council.term_start
        rows = []
        # The chair: a public figure from civil society, never a civil servant.
        rows.append(
            CouncilMember(
                council=council,
                full_name=name(born=1958),
                role=MemberRole.CHAIR,
                side=MemberSide.CIVIL_SOCIETY,
                is_civil_servant=False,
                organisation=civil_orgs[0],
                joined_on=joined,
            )
        )
        # The secretary: an officer of the police body (Almaly: the demo secretary).
        if self.main:
            last, first, middle = staff.STAFF["secretary"][2]
            secretary = f"{last} {first} {middle}"
            surnames.add(masculine(last))
        else:
            secretary = name(born=1988)
        rows.append(
            CouncilMember(
                council=council,
                full_name=secretary,
                role=MemberRole.SECRETARY,
                side=MemberSide.STATE_BODY,
                is_civil_servant=True,
                organisation=SECRETARY_ORGANISATION.format(genitive=self.genitive),
                joined_on=joined,
            )
        )
        for organisation in civil_orgs[1:]:
            rows.append(
                CouncilMember(
                    council=council,
                    full_name=name(born=rng.randint(1955, 1992)),
                    role=MemberRole.MEMBER,
                    side=MemberSide.CIVIL_SOCIETY,
                    is_civil_servant=False,
                    organisation=organisation,
                    joined_on=joined,
                )
            )
        state_orgs = rng.sample(STATE_ORGANISATIONS, len(STATE_ORGANISATIONS))
        for index in range(state - 1):
            rows.append(
                CouncilMember(
                    council=council,
                    full_name=name(born=rng.randint(1970, 1990)),
                    role=MemberRole.MEMBER,
                    side=MemberSide.STATE_BODY,
                    is_civil_servant=True,
                    organisation=state_orgs[index % len(state_orgs)].format(genitive=self.genitive),
                    joined_on=joined,
                )
            )
        for member in rows:
            member.full_clean()
        CouncilMember.objects.bulk_create(rows)
        return rows

    def session_days(self, term_start):
        """Two or three working days over the last two quarters, oldest first."""
        rng, today = self.rng, self.today
        previous, current = self.ctx.previous, self.ctx.current
        days = [previous_working(previous.start + DAY * rng.randint(20, 45))]
        if rng.random() < 0.6:
            days.append(previous_working(previous.end - DAY * rng.randint(10, 25)))
        if (today - current.start).days >= 12:
            days.append(previous_working(current.start + DAY * rng.randint(5, 11)))
        if len(days) < 2:
            days.append(previous_working(previous.end - DAY * rng.randint(5, 9)))
        return sorted({max(day, term_start + DAY) for day in days if day < today})

    def police_hall(self):
        """(Russian, Kazakh) of the assembly hall of the area's police department."""
        return (
            f"Актовый зал Управления полиции {self.genitive}",
            f"{self.genitive_kk} полиция басқармасының мәжіліс залы",
        )

    def past_session(self, council, members, day, agenda, without_quorum):
        rng = self.rng
        (place_ru, place_kk), (agenda_ru, agenda_kk) = self.police_hall(), agenda
        session = CouncilSession.objects.create(
            council=council,
            held_at=self.at(day, 15),
            place_ru=place_ru,
            place_kk=place_kk,
            agenda_ru=agenda_ru,
            agenda_kk=agenda_kk,
            is_open=rng.random() < 0.5,
        )
        needed = quorum_needed(len(members))
        if without_quorum:
            present = rng.sample(members, needed - rng.randint(1, 2))
        else:
            # The chair and the secretary come whenever there is a quorum.
            others = rng.sample(members[2:], len(members) - 2)
            present = [*members[:2], *others][: rng.randint(needed, len(members))]
        session.present.set(present)
        decisions = rng.sample(DECISIONS, rng.randint(1, 3))
        for text in decisions:
            # The service records whether two thirds of the members were present.
            decision_add(session=session, text=text, now=self.ctx.now)
        self.ctx.totals["council sessions"] += 1
        self.ctx.totals["decisions"] += len(decisions)
        return session

    def upcoming_session(self, council):
        rng, today = self.rng, self.today
        day = next_working(today + DAY * rng.randint(5, 24))
        held_at = self.at(day, rng.choice([11, 15, 16]))
        place_ru, place_kk = rng.choice(
            [
                self.police_hall(),
                (
                    f"Актовый зал аппарата акима {self.genitive}",
                    f"{self.genitive_kk} әкімі аппаратының мәжіліс залы",
                ),
            ]
        )
        agenda_ru, agenda_kk = rng.choice(UPCOMING_AGENDAS)
        CouncilSession.objects.create(
            council=council,
            held_at=held_at,
            place_ru=place_ru,
            place_kk=place_kk,
            agenda_ru=agenda_ru,
            agenda_kk=agenda_kk,
            is_open=True,
        )
        self.ctx.totals["council sessions"] += 1

    def recommendations(self, council, sessions):
        """3–6 recommendations of the past sessions, each followed to its current status."""
        rng, today = self.rng, self.today
        count = rng.randint(3, 6)
        others = ["overdue", "in_progress", "rejected"]
        rng.shuffle(others)
        plan = ["implemented", *others][: min(count, 4)]
        plan += rng.choices(["partly", "sent", "implemented", "in_progress"], k=count - len(plan))
        templates = rng.sample(RECOMMENDATIONS, count)
        streets = [s for beat in self.beats for s in self.streets[beat.pk]]
        user = self.secretary_user
        for state, (text, unit, outcome) in zip(plan, templates, strict=True):
            street = rng.choice(streets).name_ru
            # Overdue ones come from the oldest session; those just sent from the latest.
            if state == "overdue":
                session = sessions[0]
            elif state == "sent":
                session = sessions[-1]
            else:
                session = rng.choice(sessions)
            sent = timezone.localdate(session.held_at)
            if state == "overdue":
                waited = (today - sent).days
                due = min(sent + DAY * rng.randint(14, max(14, waited - 3)), today - DAY)
            elif state in ("in_progress", "sent"):
                due = today + DAY * rng.randint(10, 60)
            else:
                due = sent + DAY * rng.randint(30, 90)
            if unit.endswith("Управления полиции"):
                unit = f"{unit} {self.genitive}"
            else:
                unit = f"{unit} Управления полиции {self.genitive}"
            recommendation = Recommendation(
                council=council,
                session=session,
                text=text.format(on=on(street), along=along(street)),
                responsible_unit=unit,
                due_on=due,
                status=RS.SENT,
                created_by=user,
            )
            recommendation._history_user = user
            moment = self.stamp(self.at(sent, 17))
            recommendation._history_date = moment
            recommendation.full_clean()
            recommendation.save()
            for day, status, outcome_text, score in self.recommendation_steps(
                state, sent, due, outcome
            ):
                recommendation.status = status
                recommendation.outcome = outcome_text
                recommendation.service_quality_score = score
                moment = self.stamp(self.at(day, rng.randint(10, 16)), after=moment)
                recommendation._history_date = moment
                recommendation.full_clean()
                recommendation.save()
            self.ctx.totals["recommendations"] += 1

    def stamp(self, moment, after=None):
        """`moment`, but after `after` (by ten minutes at least) and never later than now."""
        if after is not None and moment <= after:
            moment = after + datetime.timedelta(minutes=10)
        return min(moment, self.ctx.latest)

    def recommendation_steps(self, state, sent, due, outcome):
        """(day, status, outcome, score) of each change after the recommendation was sent."""
        rng, today = self.rng, self.today
        latest = today - DAY
        started = max(min(sent + DAY * rng.randint(3, 12), latest), sent)
        done = outcome.format(n=rng.randint(2, 12))
        match state:
            case "implemented" | "partly":
                finished = min(max(started + DAY, due - DAY * rng.randint(0, 20)), latest)
                status = RS.IMPLEMENTED if state == "implemented" else RS.PARTLY
                score = rng.randint(4, 5) if state == "implemented" else rng.randint(3, 4)
                return [
                    (started, RS.IN_PROGRESS, "", None),
                    (max(finished, started), status, done, score),
                ]
            case "in_progress":
                return [(started, RS.IN_PROGRESS, rng.choice(PROGRESS), rng.randint(3, 5))]
            case "overdue":
                return [(started, RS.IN_PROGRESS, rng.choice(PROGRESS), 3)]
            case "rejected":
                return [(started, RS.REJECTED, rng.choice(REJECTIONS), 3)]
        return []  # sent: waiting for the police
