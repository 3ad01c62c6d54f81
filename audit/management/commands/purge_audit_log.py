from django.conf import settings
from django.core.management.base import BaseCommand

from audit.retention import purge_expired


class Command(BaseCommand):
    help = (
        "Delete the audit log entries older than AUDIT_RETENTION_DAYS (Celery beat does it "
        "every night; this is the same for cron)."
    )

    def handle(self, *args, **options):
        deleted = purge_expired()
        self.stdout.write(
            f"Deleted {deleted} audit log entries older than {settings.AUDIT_RETENTION_DAYS} days."
        )
