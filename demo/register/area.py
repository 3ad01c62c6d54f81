"""One area's register: who applies when, and what becomes of each applicant."""

import datetime
import random

from django.utils import timezone, translation

from demo.data import city
from demo.data.areas import AREAS
from demo.dates import (
    DAY,
    next_working,
    previous_working,
    random_day,
    years_before,
)
from demo.names import draw_name, masculine, phone, short_name
from demo.places import address, house_number
from demo.register.awards import Awards
from demo.register.duties import DutyLog
from demo.register.people import Person, certificate_lapse
from demo.register.steps import RecordedSteps
from demo.register.texts import (
    ART7_TOPIC,
    DEREGISTRATIONS,
    LEGAL_TOPICS,
    REFUSAL_REASONS,
    SUSPENSION_REASONS,
)
from demo.register.volunteers import VolunteerWork
from portal.periods import add_working_days
from volunteers.iin import make_iin
from volunteers.models import ParticipationForm, TrainingKind

F = ParticipationForm


# Intakes: application dates between these many days ago. The founding intake's
# certificates (valid three years) ran out one to four months ago.
INTAKES = {"founding": (1195, 1230), "middle": (560, 640), "recent": (190, 260)}


class AreaRegister(RecordedSteps, DutyLog, Awards, VolunteerWork):
    """Draws and records the register of one area: the people and their steps here, the
    recording, the duty log, the awards and the volunteers in the mixed-in parts."""

    def __init__(self, area, slug, beats, users, *, today, latest, used_iins, totals):
        self.area = area
        self.slug = slug
        self.main = slug == city.MAIN_AREA
        self.beats = beats
        self.points = sorted({beat.police_point for beat in beats}, key=lambda p: p.pk)
        self.today = today
        self.latest = latest  # nothing is dated later
        self.used_iins = used_iins
        self.totals = totals
        self.rng = random.Random(f"seed-demo-register:{slug}")
        self.streets = {
            beat.pk: sorted(beat.streets.all(), key=lambda s: (s.name_ru, s.houses))
            for beat in beats
        }
        self.all_streets = [street for beat in beats for street in self.streets[beat.pk]]
        first_inspector = beats[0].inspector
        # Who records the steps: the police (inspector, or the Almaly supervisor for the
        # check of records) and the akimat (the registrar in Almaly).
        self.akimat_user = (users.get("registrar") if self.main else None) or first_inspector
        self.check_user = users.get("supervisor") if self.main else None
        self.persons = []
        self.surnames = set()
        self.group_types = {}
        self.trainings = []  # (day, kind, point, held_by, topic, attendees)
        self.petitions = 0
        slugs = [area["slug"] for area in AREAS]
        self.code = slugs.index(slug) + 1 if slug in slugs else 0

    # -- helpers

    def moment(self, day, hour=None):
        """`day` at an office hour, but not later than `latest`."""
        rng = self.rng
        hour = rng.randint(9, 17) if hour is None else hour
        tz = timezone.get_current_timezone()
        moment = datetime.datetime.combine(
            day, datetime.time(hour, rng.choice([0, 10, 20, 30, 40, 50])), tzinfo=tz
        )
        return min(moment, self.latest)

    def days_ago(self, low, high):
        return self.today - DAY * self.rng.randint(low, high)

    def house(self, street):
        return house_number(self.rng, street, whole_street=60)

    def home(self, beat):
        rng = self.rng
        # Most assistants live on their own beat; some come from a neighbouring one.
        if rng.random() < 0.2:
            beat = rng.choice(self.beats)
        street = rng.choice(self.streets[beat.pk])
        line = address(street, self.house(street))
        if street.name_ru.startswith("мкр.") or rng.random() < 0.7:
            line += f", кв. {rng.randint(1, 180)}"
        return line

    def iin(self, birth_date, sex):
        while True:
            iin = make_iin(birth_date, sex, self.rng.randint(1, 9999))
            if iin and iin not in self.used_iins:
                self.used_iins.add(iin)
                return iin

    def birth_date(self, applied_on):
        """Aged 19–60 today and at least 18 (with a margin) on applying."""
        rng = self.rng
        age = int(rng.triangular(19, 60, 30))
        born = years_before(self.today, age) - DAY * rng.randint(1, 360)
        latest = years_before(applied_on, 18) - DAY * 30
        if born > latest:
            born = latest - DAY * rng.randint(0, 300)
        return born

    def forms(self, sex):
        rng = self.rng
        weights = {
            F.PATROLS: 10,
            F.MASS_EVENTS: 6,
            F.RAIDS: 5 if sex == "M" else 2,
            F.LEGAL_PROPAGANDA: 3 if sex == "M" else 7,
            F.MISSING_SEARCH: 3,
            F.OTHER: 1,
        }
        chosen = []
        for _ in range(rng.choice([1, 2, 2, 3])):
            pool = [form for form in weights if form not in chosen]
            chosen.append(rng.choices(pool, weights=[weights[form] for form in pool])[0])
        return [form.value for form in F if form in chosen]

    def person(self, role, applied_on, beat):
        rng = self.rng
        sex = "F" if rng.random() < 0.3 else "M"
        born = self.birth_date(applied_on)
        # Different surnames within an area, so nobody looks related by accident.
        for _ in range(10):
            last_name, first_name, middle_name = draw_name(rng, sex, born.year)
            if masculine(last_name) not in self.surnames:
                break
        self.surnames.add(masculine(last_name))
        fields = {
            "last_name": last_name,
            "first_name": first_name,
            "middle_name": middle_name,
            "iin": self.iin(born, sex),
            "phone": phone(rng),
            "address": self.home(beat),
            "area": self.area,
            "beat": beat,
            "forms": self.forms(sex),
            "applied_on": applied_on,
            "consent_given_on": applied_on,
        }
        person = Person(role=role, beat=beat, fields=fields)
        person.add(applied_on, "apply")
        self.persons.append(person)
        return person

    def through_registration(self, person, applied_on):
        """Petition within the 30 days of the check, registration within 7 working days."""
        rng = self.rng
        petition = applied_on + DAY * rng.randint(6, 27)
        registered = add_working_days(petition, rng.randint(1, 7))
        person.add(petition, "petition")
        person.add(registered, "register")
        return registered

    # -- the people

    def plan(self):
        rng = self.rng
        roles = [
            "expired",
            "veteran",
            "deregistered-founding",
            "suspended",
            "registered",
            "certified",
            "applied-near",
            "applied-missed",
            "refused",
        ]
        if self.main:
            roles += ["petitioned-near", "petitioned-missed"]
        else:
            roles.append(rng.choice(["petitioned-near", "petitioned-missed"]))
            if rng.random() < 0.4:
                roles.append("petitioned-ok")
        for extra in ("veteran", "deregistered-middle", "applied-fresh"):
            if rng.random() < 0.5:
                roles.append(extra)
        total = rng.randint(16, 20)
        ordinary = max(5, total - len(roles))
        middle = ordinary // 2 + rng.randint(0, 1)
        roles += ["active-middle"] * middle + ["active-recent"] * (ordinary - middle)

        beats = []
        while len(beats) < len(roles):
            beats += rng.sample(self.beats, len(self.beats))
        assigned = dict(zip(range(len(roles)), beats, strict=False))

        cohorts = {name: [] for name in INTAKES}
        for index, role in enumerate(roles):
            beat = assigned[index]
            cohort = {
                "expired": "founding",
                "veteran": "founding",
                "deregistered-founding": "founding",
                "suspended": "middle",
                "deregistered-middle": "middle",
                "active-middle": "middle",
                "active-recent": "recent",
            }.get(role)
            if cohort:
                applied = self.days_ago(*INTAKES[cohort])
                person = self.person(role, applied, beat)
                registered = self.through_registration(person, applied)
                issued = next_working(registered + DAY * rng.randint(2, 20), self.today)
                person.add(issued, "issue")
                cohorts[cohort].append((person, issued))
            else:
                self.pipeline(role, beat)

        for cohort, members in cohorts.items():
            self.briefing(cohort, members)
        for person in self.persons:
            self.after_activation(person)
        self.legal_trainings()

    def pipeline(self, role, beat):
        """The assistants still on their way, with deadlines near and missed."""
        rng = self.rng
        today = self.today
        if role == "registered":
            registered = previous_working(self.days_ago(1, 6))
            petition = self.petition_before(registered)
            person = self.person(role, petition - DAY * rng.randint(8, 25), beat)
            person.add(petition, "petition")
            person.add(registered, "register")
        elif role == "certified":
            applied = self.days_ago(45, 75)
            person = self.person(role, applied, beat)
            registered = self.through_registration(person, applied)
            person.add(next_working(registered + DAY * rng.randint(2, 8), today), "issue")
        elif role.startswith("petitioned"):
            state = role.split("-")[1]
            petition = self.petition_with_deadline(state)
            person = self.person(role, petition - DAY * rng.randint(8, 26), beat)
            person.add(petition, "petition")
        elif role.startswith("applied"):
            applied = {
                "near": lambda: self.days_ago(26, 28),  # the 30-day check ends in 2–4 days
                "missed": lambda: self.days_ago(32, 38),
                "fresh": lambda: self.days_ago(2, 12),
            }[role.split("-")[1]]()
            self.person(role, applied, beat)
        elif role == "refused":
            applied = self.days_ago(60, 300)
            person = self.person(role, applied, beat)
            person.add(
                applied + DAY * rng.randint(10, 29),
                "refuse",
                reason=rng.choice(REFUSAL_REASONS),
            )

    def petition_before(self, registered):
        """A petition day from which `registered` is within the 7 working days."""
        day = registered - DAY * self.rng.randint(1, 6)
        while add_working_days(day, 7) < registered:
            day += DAY
        return day

    def petition_with_deadline(self, state):
        """A petition day whose registration deadline is near (1–4 days), missed or far."""
        today = self.today
        for back in range(0, 40):
            day = today - DAY * back
            due = add_working_days(day, 7)
            if state == "near" and 1 <= (due - today).days <= 4:
                return day
            if state == "missed" and (today - due).days >= 2:
                return day - DAY * self.rng.randint(0, 4)
            if state == "ok" and (due - today).days >= 7:
                return day
        return today  # unreachable in practice

    def briefing(self, cohort, members):
        """The Art. 7 briefing of an intake; each member is admitted to duty right after."""
        rng = self.rng
        if not members:
            return
        day = next_working(
            max(issued for _, issued in members) + DAY * rng.randint(2, 10), self.today
        )
        point = rng.choice(self.points)
        self.trainings.append(
            (
                day,
                TrainingKind.ART7_BRIEFING,
                point,
                self.instructor(point, senior=True),
                ART7_TOPIC,
                [person for person, _ in members],
            )
        )
        for person, _ in members:
            person.activated_on = next_working(day + DAY * rng.randint(0, 3), self.today)
            person.add(person.activated_on, "activate")

    def after_activation(self, person):
        rng = self.rng
        today = self.today
        if person.activated_on is None:
            return
        issued = next(day for day, action, _ in person.steps if action == "issue")
        lapse = certificate_lapse(issued)
        if person.role == "veteran":
            person.add(previous_working(min(lapse - DAY * rng.randint(0, 14), today)), "renew")
        elif person.role == "expired":
            person.expires_on = lapse
        elif person.role == "suspended":
            person.ended_on = previous_working(self.days_ago(15, 90))
            person.add(person.ended_on, "suspend", reason=rng.choice(SUSPENSION_REASONS))
        elif person.role.startswith("deregistered"):
            founding = person.role.endswith("founding")
            # The founders leave while their certificate is still valid.
            latest = min(today - DAY * 20, lapse - DAY * 30)
            earliest = person.activated_on + DAY * (200 if founding else 60)
            person.ended_on = previous_working(random_day(rng, min(earliest, latest), latest))
            choices = DEREGISTRATIONS[:2] if founding else DEREGISTRATIONS
            ground, note = rng.choice(choices)
            person.add(person.ended_on, "deregister", ground=ground, note=note)

    def instructor(self, point, *, senior=False):
        """'капитан полиции Сапаров Е. М.': an inspector of the point, or the Almaly supervisor."""
        if senior and self.check_user:
            user = self.check_user
        else:
            inspectors = [beat.inspector for beat in self.beats if beat.police_point == point]
            user = self.rng.choice(inspectors or [self.beats[0].inspector])
        with translation.override("ru"):  # the register is kept in Russian
            rank = user.rank_label
        return f"{rank} {short_name(user.last_name, user.first_name, user.middle_name)}".strip()

    def legal_trainings(self):
        rng = self.rng
        count = rng.randint(2, 3)
        days = sorted(self.days_ago(10, 330) for _ in range(count))
        for day, topic in zip(days, rng.sample(LEGAL_TOPICS, count), strict=True):
            active = [person for person in self.persons if person.active_on(day)]
            if not active:
                continue
            attendees = rng.sample(active, max(1, round(len(active) * rng.uniform(0.6, 1))))
            point = rng.choice(self.points)
            self.trainings.append(
                (day, TrainingKind.LEGAL_TRAINING, point, self.instructor(point), topic, attendees)
            )
