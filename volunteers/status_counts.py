"""The register's counts of assistants by area and status, as the regional record reads them,
kept in the cache until the register changes.

Counting a country's 100,000 assistants by area and status takes tens of milliseconds even
from an index; the counts change only when an assistant is added, moves or changes status.
Every such write bumps one version (a saved or deleted Assistant, through the signals in
volunteers/signals.py; the import's bulk writes, which send none, call `register_changed`
themselves), so a count kept under an older version is never read again.
"""

import hashlib

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count

VERSION_KEY = "register:counts-version"
TIMEOUT = 60 * 60


def _version():
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def _bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(VERSION_KEY, 2, timeout=None)


def register_changed():
    """Call after writing assistants without their signals (bulk writes). Bumped now and
    again at the commit: a count made meanwhile by another request missed this change."""
    _bump()
    if connection.in_atomic_block:
        transaction.on_commit(_bump)


def counts_by_area_and_status(area_ids) -> dict:
    """{(area id, status): number of assistants} of the areas."""
    from volunteers.models import Assistant

    area_ids = sorted(set(area_ids))
    digest = hashlib.sha256(",".join(map(str, area_ids)).encode()).hexdigest()[:32]
    key = f"register:counts:{_version()}:{digest}"
    counts = cache.get(key)
    if counts is None:
        rows = (
            Assistant.objects.filter(area__in=area_ids)
            .order_by()
            .values_list("area", "status")
            .annotate(n=Count("*"))  # COUNT(*): an index-only read of (area, status)
        )
        counts = {(area_id, status): n for area_id, status, n in rows}
        cache.set(key, counts, TIMEOUT)
    return counts
