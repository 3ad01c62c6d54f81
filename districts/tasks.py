"""Celery tasks of the inspector's workspace: the escalation of overdue appeals.

`escalate_overdue_appeals` runs every hour from Celery beat (CELERY_BEAT_SCHEDULE);
`send_escalation_notices` is queued by it after the escalation commits.
"""

from celery import shared_task
from django.urls import reverse
from django.utils.translation import ngettext

from districts.models import Appeal
from districts.services.escalation import appeals_escalate, department_supervisors
from portal import mail


@shared_task(name="districts.escalate_overdue_appeals")
def escalate_overdue_appeals():
    """Escalate the appeals that became overdue; returns how many."""
    return len(appeals_escalate())


@shared_task(name="districts.send_escalation_notices")
def send_escalation_notices(appeal_ids):
    """E-mail the supervisors of each department about its newly escalated appeals: one
    message per supervisor, in their language. Appeals answered meanwhile are left out."""
    appeals = list(
        Appeal.objects.open()
        .filter(pk__in=appeal_ids, escalated_at__isnull=False)
        .select_related("beat__police_point", "beat__inspector")
        .order_by("due_on", "pk")
    )
    by_department = {}
    for appeal in appeals:
        by_department.setdefault(appeal.beat.police_point.department_id, []).append(appeal)
    supervisors = department_supervisors(list(by_department))
    messages = []
    for department_id, escalated in by_department.items():
        for supervisor in supervisors.get(department_id, []):
            messages.append(_notice(supervisor, escalated))
    return mail.send(messages)


def _notice(supervisor, appeals):
    with mail.in_language_of(supervisor):
        subject = ngettext(
            "An appeal is escalated to you: not answered by its due date",
            "%(count)s appeals are escalated to you: not answered by their due date",
            len(appeals),
        ) % {"count": len(appeals)}
        rows = [
            {"appeal": a, "url": mail.absolute(reverse("appeal-edit", args=[a.pk]))}
            for a in appeals
        ]
        return mail.staff_message(
            supervisor,
            subject=subject,
            template="districts/email/appeals_escalated.txt",
            context={
                "rows": rows,
                "list_url": mail.absolute(reverse("appeal-list") + "?overdue=true"),
            },
        )
