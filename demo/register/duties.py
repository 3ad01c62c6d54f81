"""The duty log of the area's active assistants."""

from decimal import Decimal

from demo.dates import DAY
from demo.places import along
from demo.register.texts import DUTY_HOURS, DUTY_NOTES, MASS_EVENTS
from districts.models import Cadence
from portal.periods import period_of
from volunteers.models import AssistantStatus, Duty, ParticipationForm

S = AssistantStatus
F = ParticipationForm


class DutyLog:
    """The duty-log part of `AreaRegister`."""

    def duties(self, first_day):
        """1–3 duties a month of every active assistant, from `first_day` until today."""
        rng = self.rng
        duties = []
        for person in self.persons:
            if person.assistant.status != S.ACTIVE:
                continue
            beat = person.beat
            forms = person.fields["forms"]
            start = first_day
            while start <= self.today:
                following = period_of(Cadence.MONTHLY, start).end
                first = max(start, person.activated_on + DAY)
                last = min(following - DAY, self.today, (person.expires_on or self.today) - DAY)
                start = following
                if first > last:
                    continue
                span = (last - first).days + 1
                for offset in sorted(rng.sample(range(span), min(span, rng.randint(1, 3)))):
                    duties.append(self.duty(person, beat, forms, first + DAY * offset))
        Duty.objects.bulk_create(duties, batch_size=500)
        self.totals["duties"] += len(duties)
        return duties

    def duty(self, person, beat, forms, day):
        rng = self.rng
        kind = rng.choice(forms)
        low, high = DUTY_HOURS[kind]
        hours = Decimal(rng.randint(low * 2, high * 2)) / 2
        street = rng.choice(self.streets[beat.pk]).name_ru
        note = rng.choice(DUTY_NOTES[kind]).format(
            along=along(street), street=street, event=rng.choice(MASS_EVENTS)
        )
        offences = handed_over = 0
        if kind in (F.PATROLS, F.RAIDS, F.MASS_EVENTS) and rng.random() < 0.18:
            offences = rng.choice([1, 1, 1, 2])
            handed_over = 1 if rng.random() < 0.4 else 0
        return Duty(
            assistant=person.assistant,
            date=day,
            hours=hours,
            kind=kind,
            beat=beat,
            supervisor=beat.inspector,
            offences_stopped=offences,
            persons_handed_over=handed_over,
            note=note,
        )
