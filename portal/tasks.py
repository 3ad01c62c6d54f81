"""Celery tasks of the portal itself: the staff's daily digest, and `after_commit`, which
queues any task once the current transaction has committed.

Celery beat starts `send_staff_digests` every morning (CELERY_BEAT_SCHEDULE in
portal/settings.py); it queues one `send_staff_digest` per recipient, so a worker's
failure for one user leaves the others unharmed and many workers share the work.
"""

import datetime
import logging

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from portal import digests

logger = logging.getLogger(__name__)


def _send(task, args):
    try:
        task.apply_async(args)
    except OperationalError:
        logger.exception("The task queue does not answer: %s%r was not queued", task.name, args)


def send(task, *args):
    """Queue `task(*args)` now; a task queue that does not answer is logged, never raised."""
    _send(task, args)


def after_commit(task, *args):
    """Queue `task(*args)` once the transaction commits (at once, outside a transaction).

    Without a broker (`make run`, the tests) it runs right there, after the commit.
    """

    def send():
        _send(task, args)

    # A named function, not a partial: a robust hook that fails is logged by its __qualname__.
    send.__qualname__ = f"after_commit({task.name})"
    transaction.on_commit(send, robust=True)


@shared_task(name="portal.send_staff_digest")
def send_staff_digest(user_id, day=None):
    """Today's digest for one user (`day` as ISO date, the day the run started)."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return False
    today = datetime.date.fromisoformat(day) if day else None
    return digests.staff_digest_send(user=user, today=today)


@shared_task(name="portal.send_staff_digests")
def send_staff_digests():
    """Queue today's digest of every recipient; returns how many were queued."""
    today = timezone.localdate()
    user_ids = list(digests.digest_recipients(today).values_list("pk", flat=True))
    for user_id in user_ids:
        _send(send_staff_digest, (user_id, today.isoformat()))
    return len(user_ids)


@shared_task(name="portal.forget_old_submissions")
def forget_old_submissions():
    """The tokens of forms sent more than a day ago (portal.once) are of no use any more."""
    from portal import once

    return once.forget_old_submissions()
