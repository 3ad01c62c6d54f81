"""Public councils, partner organisations and joint actions of the demo areas, for
`manage.py seed_demo`.

For every demo area it writes what the police's work with civil society looks like:

* 6–10 partner organisations of mixed kinds (ОСИ and КСК of the beats' houses, a school,
  a college or university, a polyclinic, a security company, the veterans' council, the
  youth resource centre, NGOs…) with a contact person, work phone, e-mail, what they help
  with, and the one to three beats they work on;
* the public council at the area's police department: a three-year term, 7–11 members
  with a chair from civil society who is not a civil servant and a secretary; at least
  two thirds from civil society — except in `SHORT_AREA`, whose composition falls short
  so that the secretary sees the warning; two or three sessions over the last two
  quarters with their attendance and decisions (one of them in `NO_QUORUM_AREA` without a
  quorum), an open session in the coming month for the public calendar, and three to six
  recommendations to the police followed through their statuses (with history);
* 4–8 joint actions over the previous and current quarter in the default campaigns
  («Безопасный двор», «Студенты против правонарушений», «Семья без насилия», legal
  lessons, raids, road safety, anti-fraud information…) on the streets of the area's
  beats with its partners, reach and results, plus one or two public actions in the next
  three weeks for the residents' calendar. Active assistants and volunteers take part in
  the past actions through councils.services.actions, so their hours are in the duty log
  and in the volunteers' activities.

Assistants join an action only when the register would have put them on such a duty:
active before the day, a certificate valid on it, the action's form among their forms of
participation, the action on their own beat, and fewer than three duties that month.
Volunteers join only in the kinds of activity they signed up for; minors never go on a
raid (the service refuses them; such a refusal is skipped).

Everything is relative to today and deterministic: each area draws from its own
`random.Random` seeded with its code, and picks its participants from the register
`demo.register` has just written. Running it again first deletes the areas' councils,
partners and actions (with the history rows of their recommendations and of the duties
their participants logged), so a second run on the same day gives the same records.
"""

import datetime
from collections import Counter, defaultdict

from django.utils import timezone

from councils.models import Campaign
from councils.services.actions import campaigns_ensure_defaults
from demo.councils.area import AreaCouncils
from demo.councils.context import Context, clear_councils, register_of
from demo.councils.council import NO_QUORUM_AREA, SHORT_AREA
from demo.councils.texts import CAMPAIGN_NAMES
from districts.models import Beat, Cadence, PoliceDepartment
from portal.models import User
from portal.periods import period_of, previous_period

__all__ = ["NO_QUORUM_AREA", "SHORT_AREA", "seed_councils"]


def seed_councils(areas, *, now=None):
    """Replace the councils, partners and joint actions of `areas` with a fresh demo;
    return counts by record type."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    areas = list(areas.order_by("pk"))
    area_ids = [area.pk for area in areas]
    clear_councils(area_ids)
    campaigns_ensure_defaults()
    campaigns = {c.name_ru: c for c in Campaign.objects.filter(name_ru__in=CAMPAIGN_NAMES)}

    beats_by_area = defaultdict(list)
    for beat in (
        Beat.objects.filter(police_point__department__area_id__in=area_ids)
        .select_related("inspector", "police_point__department")
        .prefetch_related("streets")
        .order_by("code")
    ):
        beats_by_area[beat.police_point.department.area_id].append(beat)
    departments = {}
    for department in PoliceDepartment.objects.filter(area_id__in=area_ids).order_by("pk"):
        departments.setdefault(department.area_id, department)
    eligible, per_month, groups, volunteers = register_of(area_ids, today)
    context = Context(
        today=today,
        now=now,
        latest=now - datetime.timedelta(minutes=1),
        previous=previous_period(Cadence.QUARTERLY, today),
        current=period_of(Cadence.QUARTERLY, today),
        users={
            u.username: u
            for u in User.objects.filter(username__in=["secretary", "supervisor", "admin"])
        },
        campaigns=campaigns,
        eligible=eligible,
        per_month=per_month,
        groups=groups,
        volunteers=volunteers,
        totals=Counter(
            dict.fromkeys(
                [
                    "partner organisations",
                    "public councils",
                    "council members",
                    "council sessions",
                    "decisions",
                    "recommendations",
                    "joint actions",
                    "assistants on actions",
                    "volunteers on actions",
                ],
                0,
            )
        ),
    )
    for area in areas:
        beats = [beat for beat in beats_by_area.get(area.pk, []) if beat.streets.all()]
        department = departments.get(area.pk)
        if not beats or department is None:
            continue
        slug = beats[0].code.rsplit("-", 1)[0]
        seeder = AreaCouncils(area, slug, department, beats, context)
        seeder.seed_partners()
        seeder.seed_council()
        seeder.seed_actions()
    return dict(context.totals)
