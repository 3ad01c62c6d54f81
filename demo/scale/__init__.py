"""A synthetic country for benchmarks (`manage.py seed_scale --beats N`), written in bulk.

Per 10,000 beats: 16 regions, 192 areas, 384 police departments, 1,152 police points,
40,000 beat streets, an inspector per beat (demo.scale.territory); 100,000 public
assistants in every status of the Law No. 590 lifecycle with their certificates, trainings
and duties (demo.scale.register); two years of logged work, about 3.3 million rows
(demo.scale.activity); two years of offence statistics and the published reports of the
last four quarters sharing ONE stored PDF (demo.scale.reports). Everything is derived from
`--seed`, so the same arguments give the same country.

Synthetic rows are recognisable: every region's name starts with "SYN " and every
username with "scale-" (areas, departments and points carry "SYN" too, beats the code
"syn-00001"…). The benchmark accounts are scale-admin, scale-regional, scale-akimat,
scale-supervisor, scale-inspector and scale-secretary.

The command only fills an EMPTY territory: it refuses (and writes nothing) when any region
or user exists, whether made by someone else or by an earlier seed_scale. To rebuild, drop
and recreate the database, migrate, and run it again.

Rows go in with COPY on PostgreSQL (bulk_create on SQLite), with primary keys given by the
writer (demo.scale.writer); django-simple-history and auditlog see none of it, so the
history and audit tables stay empty for synthetic data.
"""

import time

from django.db import transaction
from django.utils import timezone

from demo.scale.activity import build_activity
from demo.scale.register import build_register
from demo.scale.reports import build_reports
from demo.scale.territory import REGION_PREFIX, USERNAME_PREFIX, build_territory
from demo.scale.writer import Writer
from districts.models import Region
from portal.models import User
from volunteers.status_counts import register_changed


class NotEmpty(Exception):
    """The database holds regions or users already; `foreign` when not all are synthetic."""

    def __init__(self, foreign):
        super().__init__(foreign)
        self.foreign = foreign


def check_empty():
    foreign = (
        Region.objects.exclude(name__startswith=REGION_PREFIX).exists()
        or User.objects.exclude(username__startswith=USERNAME_PREFIX).exists()
    )
    if foreign or Region.objects.exists() or User.objects.exists():
        raise NotEmpty(foreign)


def build(*, beats, seed=1, password, log=print):
    """Build the country in one transaction; return {model name: rows written}."""
    check_empty()
    started = time.monotonic()
    writer = Writer()
    today = timezone.localdate(writer.now)

    def step(label, function, *args):
        began = time.monotonic()
        result = function(*args)
        log(f"{label}: {time.monotonic() - began:.1f} s (total {time.monotonic() - started:.1f} s)")
        return result

    with transaction.atomic():
        country = step("territory", build_territory, writer, beats, seed, password)
        step("register", build_register, writer, country, today)
        step("activity", build_activity, writer, country, today)
        step("reports", build_reports, writer, country, today, writer.now)
        writer.finish()
        committing = time.monotonic()
    # PostgreSQL checks the deferred foreign keys of every row at the commit.
    log(f"commit: {time.monotonic() - committing:.1f} s (total {time.monotonic() - started:.1f} s)")
    step("vacuum and analyze", writer.analyze)
    register_changed()  # counts a cache may hold of an earlier database are stale

    return writer.counts
