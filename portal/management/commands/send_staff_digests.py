"""Send today's daily digest to every staff user something waits for (for cron).

Celery beat does the same every morning (`celery -A portal beat`); either may run, or
both: nobody gets a second digest the same day.
"""

from django.core.management.base import BaseCommand

from portal import digests


class Command(BaseCommand):
    help = "Send the staff's daily digest of what is waiting for them (once a day per user)."

    def handle(self, *args, **options):
        sent = digests.staff_digests_send()
        self.stdout.write(f"Digests sent: {sent}")
