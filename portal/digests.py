"""The daily digest: one e-mail per staff user with what waits for them.

The items are the user's work queue (portal.work_queues), the same as the top of their
start page, written in the user's language. Nothing is sent to a user who switched the
digest off (`User.wants_digest`, on the "My settings" page), who has no e-mail address, who
has no queue (an administrator), or for whom nothing waits. A user gets at most one digest
a day (`User.digest_sent_on`), however often the task or the command runs.

Celery beat runs `portal.tasks.send_staff_digests` every morning (CELERY_BEAT_SCHEDULE,
STAFF_DIGEST_HOUR); `manage.py send_staff_digests` does the same from cron.
"""

import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from portal import mail, work_queues

logger = logging.getLogger(__name__)


def digest_recipients(today=None):
    """Active users who want the digest, have an address and got none today (a queryset)."""
    today = today or timezone.localdate()
    users = get_user_model().objects.filter(is_active=True, wants_digest=True).exclude(email="")
    return users.exclude(digest_sent_on=today).order_by("pk")


def digest_message(user, items):
    """The digest of `items` for `user`, in the user's language (None without an address)."""
    with mail.in_language_of(user):
        subject = ngettext(
            "Waiting for you on the portal: %(count)s item",
            "Waiting for you on the portal: %(count)s items",
            len(items),
        ) % {"count": len(items)}
        lines = [
            {"item": item, "url": mail.absolute(item.url) if item.url else ""} for item in items
        ]
        return mail.staff_message(
            user,
            subject=subject,
            template="portal/email/digest.txt",
            context={"lines": lines},
        )


def staff_digest_send(*, user, today=None) -> bool:
    """Send `user` today's digest if something waits for them; True when it was sent."""
    today = today or timezone.localdate()
    if not (user.wants_digest and mail.reachable(user)) or user.digest_sent_on == today:
        return False
    if not work_queues.has_queue(user):
        return False
    with mail.in_language_of(user):
        items = work_queues.queue_for(user, today)
    if not items:
        return False
    with transaction.atomic():
        # Claim the day first: a second run, even a concurrent one, finds it taken.
        claimed = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .exclude(digest_sent_on=today)
            .update(digest_sent_on=today)
        )
        if not claimed:
            return False
        if not mail.send([digest_message(user, items)]):
            transaction.set_rollback(True)  # not sent: the next run tries again
            return False
    user.digest_sent_on = today
    return True


def staff_digests_send(*, today=None) -> int:
    """Send today's digest to every recipient; returns how many were sent."""
    today = today or timezone.localdate()
    sent = 0
    for user in digest_recipients(today).iterator():
        try:
            sent += staff_digest_send(user=user, today=today)
        except Exception:  # one user's failure must not stop the others
            logger.exception("The digest of user %s could not be sent", user.pk)
    return sent
