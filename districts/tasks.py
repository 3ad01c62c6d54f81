"""Celery tasks of the inspector's workspace: the escalation of overdue appeals and the
e-mails about residents' submissions from the beat's page.

`escalate_overdue_appeals` runs every hour from Celery beat (CELERY_BEAT_SCHEDULE);
`send_escalation_notices` is queued by it after the escalation commits.
"""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from districts.models import Appeal, ResidentSubmission
from districts.services import drafts, submissions
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


@shared_task(name="districts.send_submission_received")
def send_submission_received(submission_id):
    """The inspector learns of a new submission from the beat's page; the resident, when they
    left an e-mail address, gets the reference and the status link."""
    submission = (
        ResidentSubmission.objects.select_related("beat__inspector", "appeal", "proposal")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None:
        return 0
    messages = []
    inspector = submission.beat.inspector
    if inspector is not None:
        with mail.in_language_of(inspector):
            record_url = mail.absolute(submission.record.get_absolute_url())
            messages.append(
                mail.staff_message(
                    inspector,
                    subject=gettext("%(reference)s: a resident wrote from the beat's page")
                    % {"reference": submission.reference},
                    template="districts/email/submission_to_inspector.txt",
                    context={"submission": submission, "record_url": record_url},
                )
            )
    messages.append(_resident_message(submission, "districts/email/submission_received.txt"))
    return mail.send(messages)


@shared_task(name="districts.send_submission_answer")
def send_submission_answer(submission_id):
    """Tell the resident that their submission has an answer (once per status)."""
    submission = (
        ResidentSubmission.objects.select_related("beat", "appeal", "proposal")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None:
        return 0
    status = submission.record.status
    if status == submission.notified_status:
        return 0
    sent = mail.send([_resident_message(submission, "districts/email/submission_answered.txt")])
    if sent:
        ResidentSubmission.objects.filter(pk=submission.pk).update(notified_status=status)
    return sent


def _resident_message(submission, template):
    if not submission.email:
        return None
    with translation.override(submission.language):
        context = {
            "submission": submission,
            "status_url": mail.absolute(submission.get_absolute_url()),
            "answer": submissions.answer_of(submission),
            "status_label": submissions.status_of(submission)[1],
        }
        return EmailMessage(
            subject=gettext("Your submission %(reference)s") % {"reference": submission.reference},
            body=render_to_string(template, context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[submission.email],
            headers={"Auto-Submitted": "auto-generated"},
        )


@shared_task(name="districts.forget_old_draft_receipts")
def forget_old_draft_receipts():
    """The ids of drafts received long ago (field mode) are of no use any more."""
    return drafts.forget_old_receipts()
