"""Volunteer groups, volunteers and their activities (Law No. 42-VI)."""

from decimal import Decimal

from demo.dates import DAY, random_day, years_before
from demo.names import draw_name, feminine, masculine, origin_of, phone
from demo.places import along, on
from demo.register.clearing import historied
from demo.register.texts import (
    GROUP_AGES,
    GROUP_KINDS,
    PREVENTION_BY_AUDIENCE,
    VOLUNTEER_ACTIONS,
    VOLUNTEER_GROUPS,
)
from volunteers.iin import age_on
from volunteers.models import Volunteer, VolunteerActivity, VolunteerActivityKind, VolunteerGroup
from volunteers.models.volunteer import ADULTS_ONLY

V = VolunteerActivityKind


class VolunteerWork:
    """The volunteers part of `AreaRegister`."""

    def volunteers(self, first_day):
        rng = self.rng
        today = self.today
        groups = []
        for name, kind in VOLUNTEER_GROUPS.get(self.slug, [(f"Волонтёры {self.area}", "area")]):
            contact = draw_name(rng, rng.choice("MF"), 1985)
            kinds = GROUP_KINDS[kind]
            groups.append(
                (
                    VolunteerGroup(
                        name=name,
                        area=self.area,
                        contact_person=" ".join(contact),
                        phone=phone(rng),
                        kinds=[k.value for k in kinds],
                    ),
                    kind,
                )
            )
        self.group_types = {id(group): kind for group, kind in groups}
        self.save_with_history(
            VolunteerGroup,
            [(group, first_day - DAY * rng.randint(200, 700)) for group, _ in groups],
        )

        people = []
        count = rng.randint(6, 12)
        for index in range(count):
            # Members of each group first, then a few on their own.
            group, kind = groups[index % len(groups)] if index < count - 2 else (None, None)
            low, high = GROUP_AGES[kind]
            if kind == "school" and index < len(groups):
                high = 13  # every school squad has a pupil under 14
            age = rng.randint(low, high)
            born = years_before(today, age) - DAY * rng.randint(1, 360)
            sex = rng.choice("MF")
            last_name, first_name, _ = draw_name(rng, sex, born.year)
            pool = GROUP_KINDS[kind] if kind else list(V)
            kinds = rng.sample(pool, rng.randint(1, min(3, len(pool))))
            if age_on(born, today) < 19:
                kinds = [k for k in kinds if k not in ADULTS_ONLY] or [V.PREVENTION]
            elif kind != "school" and rng.random() < 0.3 and V.RAIDS not in kinds:
                kinds.append(V.RAIDS)
            volunteer = Volunteer(
                last_name=last_name,
                first_name=first_name,
                birth_date=born,
                phone=phone(rng),
                area=self.area,
                group=group,
                kinds=[k.value for k in V if k in kinds],
            )
            if age_on(born, today) < 18:
                # Parents sign for every minor; the law requires it below 14.
                parent_sex = rng.choice("MF")
                _, parent_name, parent_patronymic = draw_name(
                    rng, parent_sex, 1980, origin_of(last_name)
                )
                family = masculine(last_name)
                surname = feminine(family) if parent_sex == "F" else family
                volunteer.parent_name = f"{surname} {parent_name} {parent_patronymic}"
                volunteer.parental_consent_on = first_day - DAY * rng.randint(10, 120)
            volunteer.full_clean()
            people.append(volunteer)
        self.save_with_history(
            Volunteer,
            [
                (person, person.parental_consent_on or first_day - DAY * rng.randint(10, 300))
                for person in people
            ],
        )

        activities = []
        total = rng.randint(10, 20)
        for group, _ in groups:
            for _ in range(rng.randint(1, 3)):
                kind = rng.choice(group.kinds)
                activities.append(
                    self.activity(first_day, kind, group=group, hours=rng.randint(12, 80))
                )
        while len(activities) < total:
            volunteer = rng.choice(people)
            kind = rng.choice(volunteer.kinds)
            activities.append(
                self.activity(
                    first_day, kind, volunteer=volunteer, hours=Decimal(rng.randint(4, 16)) / 2
                )
            )
        for activity in activities:
            activity.full_clean()
        VolunteerActivity.objects.bulk_create(activities)
        self.totals["volunteer groups"] += len(groups)
        self.totals["volunteers"] += len(people)
        self.totals["volunteer activities"] += len(activities)

    def save_with_history(self, model, rows):
        """Bulk insert (record, day recorded) rows, with their history when the model keeps it."""
        objects = [record for record, _ in rows]
        model.objects.bulk_create(objects)
        if historied(model):
            for record, day in rows:
                record._history_date = self.moment(day)
                record._history_user = self.akimat_user
            model.history.bulk_history_create(objects)

    def activity(self, first_day, kind, *, hours, volunteer=None, group=None):
        rng = self.rng
        street = rng.choice(self.all_streets).name_ru
        audience = self.group_types.get(id(group or (volunteer and volunteer.group)))
        texts = VOLUNTEER_ACTIONS[V(kind)]
        if kind == V.PREVENTION and audience in PREVENTION_BY_AUDIENCE:
            texts = PREVENTION_BY_AUDIENCE[audience]
        action = rng.choice(texts).format(along=along(street), on=on(street), street=street)
        return VolunteerActivity(
            area=self.area,
            volunteer=volunteer,
            group=group,
            date=random_day(rng, first_day, self.today),
            kind=kind,
            action=action,
            hours=Decimal(hours),
        )
