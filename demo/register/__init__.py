"""The register of the demo areas, for `manage.py seed_demo`.

For every demo area it writes what an akimat's register of public assistants (Law
No. 590) and volunteers (Law No. 42-VI) looks like after a few years of work:

* 16–20 assistants with Kazakh, Russian and Korean names, valid synthetic IINs, phones
  and home addresses on the streets of the area's beats, at every step of the
  lifecycle: a founding intake of about three years ago (one of them still active with
  a certificate that has run out, for the verification page; the others renewed it or
  were deregistered), an intake of about a year and a half ago (one since suspended),
  a recent intake, and the pipeline of today: registered, certificate issued, petitions
  to the akimat and applications to the police with deadlines near and missed, and a
  refusal with reasons;
* an Art. 7 briefing per intake (the lifecycle admits nobody to duty without one) and
  two or three legal trainings at a police point over the last year;
* the duty log of the active assistants over the previous and current quarter;
* the area's encouragement budget for this year and the last, and a district
  commission decision of the last quarter with its encouragements;
* one or two volunteer groups, volunteers aged 12–40 and their activities;
* five residents' interests in becoming an assistant or volunteer, in the police's queue
  at every stage (demo.register.leads).

The assistants go through the lifecycle services (volunteers.services.lifecycle) in
the order of their dates, so registration and certificate numbers run without gaps
in date order, and every step is in the history with its user and its date.

Everything is relative to today and deterministic: each area draws from its own
`random.Random` seeded with its code. Running it again first deletes the areas'
register (with the history rows of assistants and certificates and the numbering
counters), so a second run on the same day gives the same records and numbers.
Only the certificates' verification tokens differ: they are random by design.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from demo.register.area import AreaRegister
from demo.register.awards import BUDGETS, MAIN_BUDGET, MRP, mrp_value
from demo.register.clearing import clear_register
from demo.register.leads import seed_leads
from demo.register.people import certificate_lapse
from demo.register.texts import VOLUNTEER_GROUPS
from districts.models import Beat, Cadence
from portal.models import User
from portal.periods import previous_period
from volunteers.models import Assistant, Certificate, MonthlyCalculationIndex
from volunteers.services.encouragement import budget_set

__all__ = ["MRP", "VOLUNTEER_GROUPS", "certificate_lapse", "seed_register"]


def seed_mrp(today):
    """The MRP of the previous and the current year; returns year → value."""
    values = {}
    for year in (today.year - 1, today.year):
        values[year] = mrp_value(year)
        MonthlyCalculationIndex.objects.update_or_create(
            year=year, defaults={"amount": values[year]}
        )
    return values


def seed_register(areas, *, now=None):
    """Replace the register of `areas` with a fresh demo; return counts by record type."""
    now = now or timezone.now()
    latest = now - datetime.timedelta(minutes=1)
    today = timezone.localdate(now)
    seed_mrp(today)
    areas = list(areas.order_by("pk"))
    area_ids = [area.pk for area in areas]
    clear_register(area_ids)

    beats_by_area = {}
    beats = (
        Beat.objects.filter(police_point__department__area_id__in=area_ids)
        .select_related("inspector", "police_point__department")
        .prefetch_related("streets")
        .order_by("code")
    )
    for beat in beats:
        beats_by_area.setdefault(beat.police_point.department.area_id, []).append(beat)
    users = {
        user.username: user
        for user in User.objects.filter(username__in=["registrar", "supervisor"])
    }
    # IINs with a live registration elsewhere stay out of the demo's way.
    used_iins = set(Assistant.objects.live().values_list("iin", flat=True))
    previous = previous_period(Cadence.QUARTERLY, today)
    totals = dict.fromkeys(
        [
            "assistants",
            "certificates",
            "trainings",
            "duties",
            "budget lines",
            "commission decisions",
            "encouragements",
            "volunteer groups",
            "volunteers",
            "volunteer activities",
            "interest leads",
        ],
        0,
    )
    for area in areas:
        area_beats = [beat for beat in beats_by_area.get(area.pk, []) if beat.streets.all()]
        if not area_beats:
            continue
        slug = area_beats[0].code.rsplit("-", 1)[0]
        register = AreaRegister(
            area,
            slug,
            area_beats,
            users,
            today=today,
            latest=latest,
            used_iins=used_iins,
            totals=totals,
        )
        register.plan()
        register.record()
        budgets = {}
        this_year = MAIN_BUDGET if register.main else register.rng.choice(BUDGETS)
        for year, amount in ((today.year - 1, this_year - 200_000), (today.year, this_year)):
            budgets[year] = budget_set(
                area=area,
                year=year,
                amount_kzt=Decimal(amount),
                user=register.akimat_user,
                today=today,
            )
        totals["budget lines"] += 2
        duties = register.duties(previous.start)
        register.encouragement(duties, budgets)
        register.volunteers(previous.start)
        totals["assistants"] += len(register.persons)
        totals["interest leads"] += seed_leads(area, area_beats, rng=register.rng, now=latest)
    totals["certificates"] = Certificate.objects.filter(area_id__in=area_ids).count()
    return totals
