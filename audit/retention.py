"""How long the audit log is kept: AUDIT_RETENTION_DAYS (settings), then it is deleted.

`purge_expired` runs every night from Celery beat (`audit.purge_expired_entries`,
CELERY_BEAT_SCHEDULE); `manage.py purge_audit_log` does the same from cron. It deletes in
batches, so a first run over years of entries never holds a long lock.
"""

import datetime

from auditlog.models import LogEntry
from django.conf import settings
from django.db import transaction
from django.utils import timezone

BATCH = 5000


def cutoff(now=None) -> datetime.datetime:
    """Entries older than this moment are past their retention."""
    return (now or timezone.now()) - datetime.timedelta(days=settings.AUDIT_RETENTION_DAYS)


def purge_expired(*, now=None) -> int:
    """Delete the entries older than the retention period; returns how many."""
    expired = LogEntry.objects.filter(timestamp__lt=cutoff(now)).order_by("pk")
    deleted = 0
    while True:
        ids = list(expired.values_list("pk", flat=True)[:BATCH])
        if not ids:
            return deleted
        with transaction.atomic():
            deleted += LogEntry.objects.filter(pk__in=ids).delete()[0]
