"""Celery tasks of the quarterly reports: the e-mail to the inspector whose report the
supervisor returned, queued by `reports.services.publishing.report_return` after commit, and
the news to a beat's subscribers (reports/notifications.py), which may be hundreds of
messages. A database that does not answer is tried again, with a growing pause; the mail
server's failures are logged by `subscriptions.send`, never retried (a message sent twice
is worse than one late)."""

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import InterfaceError, OperationalError
from django.urls import reverse
from django.utils.translation import gettext

from portal import mail
from reports import notifications
from reports.models import QuarterlyReport, ReportStatus


@shared_task(name="reports.send_report_returned")
def send_report_returned(report_id, reviewer_id=None):
    """Tell the beat's inspector, in their language, that their report is returned: with the
    supervisor's comments and the link to the report. Returns how many messages went."""
    report = (
        QuarterlyReport.objects.select_related("beat__inspector")
        .filter(pk=report_id, status=ReportStatus.RETURNED)
        .first()
    )
    if report is None:  # submitted again (or deleted) before the task ran
        return 0
    inspector = report.beat.inspector
    if not mail.reachable(inspector):
        return 0
    reviewer = get_user_model().objects.filter(pk=reviewer_id).first() if reviewer_id else None
    with mail.in_language_of(inspector):
        message = mail.staff_message(
            inspector,
            subject=gettext("Your report is returned with comments: %(report)s")
            % {"report": report},
            template="reports/email/report_returned.txt",
            context={
                "report": report,
                "reviewer": reviewer,
                "url": mail.absolute(reverse("report-edit", args=[report.pk])),
            },
        )
    return mail.send([message])


NEWS = {
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": 5,
    "retry_jitter": True,
    "max_retries": 3,
}


@shared_task(name="reports.send_report_published", **NEWS)
def send_report_published(revision_ids):
    return notifications._send_report_published(revision_ids)


@shared_task(name="reports.send_meeting_announced", **NEWS)
def send_meeting_announced(meeting_id):
    return notifications._send_meeting_announced(meeting_id)


@shared_task(name="reports.send_action_announced", **NEWS)
def send_action_announced(action_id, beat_ids=None):
    return notifications._send_action_announced(action_id, beat_ids)
