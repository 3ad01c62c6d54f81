"""Delete the tokens of forms sent more than a day ago (portal.once), for cron.

Celery beat does the same every night (`celery -A portal beat`)."""

from django.core.management.base import BaseCommand

from portal import once


class Command(BaseCommand):
    help = "Delete the tokens of forms sent more than a day ago."

    def handle(self, *args, **options):
        self.stdout.write(f"Tokens deleted: {once.forget_old_submissions()}")
