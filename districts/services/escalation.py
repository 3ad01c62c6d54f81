"""An appeal not answered by its due date is escalated to the supervisors of its department.

`appeals_escalate` finds the open appeals whose due date has passed and that were not yet
escalated, records the moment in `Appeal.escalated_at` and, once that commits, e-mails the
supervisors of each appeal's department at once (`districts.tasks.send_escalation_notices`).
It is idempotent: an escalated appeal is never escalated again, so its e-mail goes once;
two runs at the same time lock the rows they take (on PostgreSQL) and skip each other's.

Celery beat runs it every hour (`districts.escalate_overdue_appeals`, CELERY_BEAT_SCHEDULE);
`manage.py escalate_overdue_appeals` does the same from cron. The supervisors' start pages
and digests list the overdue appeals per beat (districts.selectors.work_queue).
"""

import copy

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from audit import record as audit
from districts.models import Appeal
from portal import policy
from portal.tasks import after_commit

# Appeals per notice task, so that a first run over a long backlog stays in small tasks.
NOTICE_BATCH = 200


@transaction.atomic
def appeals_escalate(*, now=None) -> list[int]:
    """Escalate the appeals that became overdue; returns their ids (none when run again)."""
    from districts import tasks  # the tasks module imports this one

    now = now or timezone.now()
    today = timezone.localdate(now)
    waiting = (
        Appeal.objects.overdue(today)
        .filter(escalated_at__isnull=True)
        .select_for_update(skip_locked=True)
        .order_by("pk")
    )
    appeals = list(waiting)
    if not appeals:
        return []
    ids = [appeal.pk for appeal in appeals]
    Appeal.objects.filter(pk__in=ids, escalated_at__isnull=True).update(escalated_at=now)
    changes = []
    for appeal in appeals:
        before = copy.copy(appeal)
        appeal.escalated_at = now
        changes.append((before, appeal))
    audit.changed_in_bulk(changes)
    for start in range(0, len(ids), NOTICE_BATCH):
        after_commit(tasks.send_escalation_notices, ids[start : start + NOTICE_BATCH])
    return ids


def department_supervisors(department_ids):
    """The active supervisors of the departments, by department id."""
    supervisors = {}
    users = get_user_model().objects.filter(
        role__in=policy.roles_for("start.supervisor"),
        is_active=True,
        department_id__in=department_ids,
    )
    for user in users.order_by("pk"):
        supervisors.setdefault(user.department_id, []).append(user)
    return supervisors
