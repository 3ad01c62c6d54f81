"""What the quarterly reports put in the work queues (portal.work_queues): for the
inspector, each report the supervisor returned with comments; for the supervisor, the
reports submitted for their review. One query each, whatever the number of reports."""

from django.db.models import Count, Min
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext

from portal import policy, work_queues
from portal.periods import Quarter
from portal.work_queues import QueueItem, link
from reports.models import QuarterlyReport, ReportStatus, one_language_only

# How many returned reports the inspector's queue names one by one.
RETURNED_SHOWN = 10
COMMENT_CHARS = 300


def returned_reports(user, today):
    """Each returned report, with the supervisor's comments."""
    reports = (
        policy.scoped(user, QuarterlyReport.objects.filter(status=ReportStatus.RETURNED))
        .select_related("beat")
        .order_by("year", "quarter", "beat__number", "pk")[:RETURNED_SHOWN]
    )
    return [
        QueueItem(
            f"report-returned-{report.pk}",
            gettext("Report for %(quarter)s returned with comments: %(beat)s")
            % {"quarter": Quarter(report.year, report.quarter).label, "beat": report.beat},
            1,
            link(user, "report-edit", report.pk),
            detail=Truncator(report.supervisor_comment).chars(COMMENT_CHARS),
        )
        for report in reports
    ]


def reports_in_one_language(user, today):
    """The inspector's reports still to be written whose texts are in one language only:
    residents read the report in Kazakh and in Russian."""
    editable = [ReportStatus.DRAFT, ReportStatus.RETURNED]
    count = policy.scoped(
        user, QuarterlyReport.objects.filter(one_language_only(), status__in=editable)
    ).count()
    return [
        QueueItem(
            "reports-one-language",
            gettext("Reports with texts in one language only"),
            count,
            link(user, "report-list", missing_language="on"),
            detail=gettext("Write each text in Kazakh and in Russian before submitting."),
        )
    ]


def reports_to_review(user, today):
    """The reports of the department submitted and waiting for the supervisor."""
    row = policy.scoped(
        user, QuarterlyReport.objects.filter(status=ReportStatus.SUBMITTED)
    ).aggregate(count=Count("pk"), since=Min("submitted_at"))
    detail = ""
    if row["since"] is not None:
        since = timezone.localdate(row["since"])
        detail = gettext("The oldest was submitted on %(date)s") % {
            "date": date_format(since, "SHORT_DATE_FORMAT")
        }
    return [
        QueueItem(
            "reports-to-review",
            gettext("Reports awaiting your review"),
            row["count"],
            link(user, "report-list", status=ReportStatus.SUBMITTED),
            detail=detail,
        )
    ]


def register():
    """Called from ReportsConfig.ready()."""
    work_queues.register("reports.returned", returned_reports, action="start.inspector")
    work_queues.register("reports.to_review", reports_to_review, action="start.supervisor")
    work_queues.register("reports.one_language", reports_in_one_language, action="start.inspector")
