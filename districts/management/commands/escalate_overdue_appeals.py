"""Escalate the appeals not answered by their due date to their supervisors (for cron).

Celery beat does the same every hour (`celery -A portal beat`); running both, or running
again, escalates nothing twice and sends no e-mail twice.
"""

from django.core.management.base import BaseCommand

from districts.services.escalation import appeals_escalate


class Command(BaseCommand):
    help = "Escalate overdue appeals to the supervisors of their department (idempotent)."

    def handle(self, *args, **options):
        escalated = appeals_escalate()
        self.stdout.write(f"Appeals escalated: {len(escalated)}")
