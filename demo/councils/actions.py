"""Joint actions in the named campaigns, with the assistants and volunteers who took part."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError

from councils.models import JointAction
from councils.services.actions import (
    action_assistant_add,
    action_volunteer_add,
    duty_kind,
    volunteer_activity_kind,
)
from demo.councils.texts import (
    FAMILY,
    HOURS,
    INDOORS,
    INSTITUTIONS,
    PARTNER_KINDS,
    PAST_WEIGHTS,
    RAIDS,
    REACH,
    RESULTS,
    SAFE_YARD,
    STARTS,
    TERM_TIME,
    TITLES,
    UPCOMING,
)
from demo.dates import DAY
from demo.places import address, address_kk, along, house_ref, on
from portal.periods import is_working_day
from volunteers.models import Assistant

MAX_ACTION_BEATS = 3
# The register logs one to three duties a month for each active assistant; actions keep to it.
MAX_DUTIES_A_MONTH = 3


@dataclass
class Eligible:
    """An active assistant of the register, with what decides which actions they may join."""

    assistant: Assistant
    activated_on: datetime.date
    valid_until: datetime.date

    def may_join(self, day, kind, per_month):
        """On duty of this kind that day, as the register would have put them: admitted
        before it, with a certificate still valid, and fewer than three duties that month."""
        return (
            self.activated_on < day < self.valid_until
            and kind in self.assistant.forms
            and per_month[(self.assistant.pk, day.replace(day=1))] < MAX_DUTIES_A_MONTH
        )


class JointActions:
    """The joint-actions part of `AreaCouncils`."""

    def seed_actions(self):
        rng, today = self.rng, self.today
        first = self.ctx.previous.start
        last = today - DAY
        count = rng.randint(4, 8)
        span = (last - first).days + 1
        offsets = sorted(rng.sample(range(span), min(count, span)))
        plan = []
        for offset in offsets:
            day = first + DAY * offset
            # Mostly a campaign some assistant of the area may be on duty in that day.
            for _ in range(3):
                campaign = self.campaign_on(day, PAST_WEIGHTS)
                if self.assistants_for(campaign, day):
                    break
            plan.append([day, campaign, campaign != RAIDS and rng.random() < 0.6])
        # Some announced to residents, some internal (raids always are).
        announceable = [item for item in plan if item[1] != RAIDS]
        if announceable and not any(public for _, _, public in plan):
            announceable[0][2] = True
        if len(announceable) > 1 and all(public for _, _, public in announceable):
            announceable[-1][2] = False
        for day, campaign, public in plan:
            self.past_action(campaign, day, public)
        for _ in range(rng.randint(1, 2)):
            day = today + DAY * rng.randint(2, 20)
            self.upcoming_action(self.campaign_on(day, dict.fromkeys(UPCOMING, 1)), day)

    def campaign_on(self, day, weights):
        """A campaign for the day: schools and colleges only on their working days."""
        in_term = is_working_day(day) and day.month not in (7, 8)
        names = [name for name in weights if in_term or name not in TERM_TIME]
        return self.rng.choices(names, weights=[weights[name] for name in names])[0]

    def partners_for(self, campaign, beat_ids, count):
        kinds = PARTNER_KINDS[campaign]
        ranked = sorted(
            self.partners,
            key=lambda item: (
                kinds.index(item[0].kind) if item[0].kind in kinds else len(kinds),
                not any(b.pk in beat_ids for b in item[1]),
                item[0].name,
            ),
        )
        # Without a partner of a fitting kind, the nearest one of another kind.
        fitting = [p for p, _ in ranked if p.kind in kinds] or [p for p, _ in ranked][:1]
        return fitting[: max(1, count)]

    def place_and_title(self, campaign, beat, partners):
        """{"title_ru": …, "title_kk": …, "place_ru": …, "place_kk": …} of an action."""
        rng = self.rng
        street = rng.choice(self.streets[beat.pk])
        house = self.house(street)
        where, where_kk = address(street, house), address_kk(street, house)
        title, title_kk = rng.choice(TITLES[campaign])
        title = title.format(along=along(street.name_ru), on=on(street.name_ru))
        title_kk = title_kk.format(street=street.name_kk)
        host = partners[0] if partners else None
        if campaign in INDOORS and host and host.kind in INSTITUTIONS:
            place, place_kk = f"{host.name}, {where}", f"{host.name}, {where_kk}"
        elif campaign in (SAFE_YARD, FAMILY):
            place = f"Двор дома {house_ref(street, house)}"
            place_kk = f"{where_kk} үйдің ауласы"
        else:
            place, place_kk = where, where_kk
        return {"title_ru": title, "title_kk": title_kk, "place_ru": place, "place_kk": place_kk}

    def action(self, campaign, day, beats, *, public, past):
        rng = self.rng
        beats = sorted(beats, key=lambda b: b.code)
        beat_ids = {b.pk for b in beats}
        partners = self.partners_for(campaign, beat_ids, rng.randint(1, 3))
        names = self.place_and_title(campaign, beats[0], partners)
        low, high = HOURS.get(campaign, (2, 3))
        hours = rng.randint(low, high)
        start = self.at(day, rng.choice(STARTS.get(campaign, [10, 11, 15, 16])))
        low, high = REACH[campaign]
        reached = rng.randint(low, high) if past else None
        results = ""
        if past:
            results = rng.choice(RESULTS[campaign]).format(
                n=reached, m=rng.randint(1, 6), k=rng.randint(2, 9)
            )
        action = JointAction(
            campaign=self.ctx.campaigns[campaign],
            **names,
            area=self.area,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=hours),
            is_public=public,
            people_reached=reached,
            results=results,
            created_by=beats[0].inspector or self.recorder,
        )
        action.full_clean()
        action.save()
        action.beats.set(beats)
        action.partners.set(partners)
        self.ctx.totals["joint actions"] += 1
        return action, Decimal(hours)

    def upcoming_action(self, campaign, day):
        """Announced to residents; nobody has taken part yet."""
        beats = self.rng.sample(self.beats, self.rng.randint(1, 2))
        self.action(campaign, day, beats, public=True, past=False)

    def past_action(self, campaign, day, public):
        rng = self.rng
        # Assistants who may be on such a duty that day; the action covers their beats.
        pool = self.assistants_for(campaign, day)
        wanted = rng.randint(1, 4)
        chosen, beats = [], []
        for entry in rng.sample(pool, len(pool)):
            beat = entry.assistant.beat
            if beat not in beats:
                if len(beats) == MAX_ACTION_BEATS:
                    continue
                beats.append(beat)
            chosen.append(entry)
            if len(chosen) == wanted:
                break
        if not beats:
            beats = [rng.choice(self.beats)]
        action, hours = self.action(campaign, day, beats, public=public, past=True)
        self.join_assistants(action, day, chosen, hours)
        self.join_volunteers(action, hours)

    def assistants_for(self, campaign, day):
        kind = duty_kind(JointAction(campaign=self.ctx.campaigns[campaign], title=campaign))
        return [
            e
            for e in self.ctx.eligible.get(self.area.pk, [])
            if e.may_join(day, kind, self.ctx.per_month)
        ]

    def join_assistants(self, action, day, chosen, hours):
        ctx = self.ctx
        for entry in chosen:
            # Recorded when the action ended: the duty log's history shows that moment.
            action_assistant_add(
                action=action,
                assistant=entry.assistant,
                hours=hours,
                user=action.created_by,
                now=min(action.ends_at, ctx.latest),
            )
            ctx.per_month[(entry.assistant.pk, day.replace(day=1))] += 1
            ctx.totals["assistants on actions"] += 1

    def join_volunteers(self, action, hours):
        rng, ctx = self.rng, self.ctx
        kind = volunteer_activity_kind(action)
        groups = [g for g in ctx.groups.get(self.area.pk, []) if kind in g.kinds]
        people = [v for v in ctx.volunteers.get(self.area.pk, []) if kind in v.kinds]
        pool = [("group", g) for g in groups] + [("volunteer", v) for v in people]
        for what, who in rng.sample(pool, min(len(pool), rng.randint(1, 3))):
            # A group gives the hours of the members who came.
            given = hours * rng.randint(3, 8) if what == "group" else hours
            try:
                action_volunteer_add(action=action, hours=given, now=ctx.now, **{what: who})
            except ValidationError:
                continue  # minors never go on raids: the service refuses them
            ctx.totals["volunteers on actions"] += 1
