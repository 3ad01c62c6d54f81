"""Delete the ids of field-mode drafts received more than 90 days ago, for cron.

Celery beat does the same every night (`celery -A portal beat`)."""

from django.core.management.base import BaseCommand

from districts.services import drafts


class Command(BaseCommand):
    help = "Delete the ids of drafts received from devices more than 90 days ago."

    def handle(self, *args, **options):
        self.stdout.write(f"Draft ids deleted: {drafts.forget_old_receipts()}")
