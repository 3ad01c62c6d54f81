"""Reads of published reports that pages outside this app show."""

from dataclasses import dataclass

from django.db.models import Case, OuterRef, Subquery, When
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime

from districts.models import Meeting, MeetingKind, MeetingStatus
from reports.models import QuarterlyReport, ReportRevision


def _aware(value):
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = parse_datetime(value)
    except ValueError:
        return None
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


@dataclass(frozen=True)
class Versions:
    """A published version among the revisions of its report."""

    in_language: list  # the report's revisions in the version's language, newest first
    others: list  # the same revision in the other languages
    latest: ReportRevision  # the newest revision, in the version's language where it has one
    is_latest: bool


def versions_of(revision) -> Versions:
    """Where `revision` (one language version) stands among its report's revisions; one
    query."""
    every = list(
        ReportRevision.objects.filter(report_id=revision.report_id)
        .only("pk", "report_id", "number", "language", "published_at", "reason", "pdf_sha256")
        .order_by("-number", "language")
    )
    newest = every[0].number
    return Versions(
        in_language=[r for r in every if r.language == revision.language],
        others=[r for r in every if r.number == revision.number and r.pk != revision.pk],
        latest=next(
            (r for r in every if r.number == newest and r.language == revision.language),
            every[0],
        ),
        is_latest=revision.number == newest,
    )


def published_reports_of(beat, *, now=None):
    """Published reports of a beat (newest first), each in the reader's language where it
    has a version in it, and the beat's next report meeting.

    At most three queries whatever the number of reports: the reports with their
    latest revision, the next meeting in the newest report's snapshot, and the next
    announced report meeting.
    """
    now = now or timezone.now()
    # The latest revision, in the reader's language where it has a version in it.
    reader = translation.get_language()
    latest = (
        ReportRevision.objects.filter(report=OuterRef("pk"))
        .annotate(other_language=Case(When(language=reader, then=0), default=1))
        .order_by("-number", "other_language")
    )
    reports = list(
        QuarterlyReport.objects.filter(beat=beat)
        .annotate(
            latest_revision_id=Subquery(latest.values("pk")[:1]),
            latest_published_at=Subquery(latest.values("published_at")[:1]),
            latest_number=Subquery(latest.values("number")[:1]),
        )
        .filter(latest_revision_id__isnull=False)
        .only("pk", "beat_id", "year", "quarter")
        .order_by("-year", "-quarter")
    )
    candidates = []
    if reports:
        planned = (
            ReportRevision.objects.filter(pk=reports[0].latest_revision_id)
            .values_list("snapshot__next_meeting", flat=True)
            .first()
        )
        if isinstance(planned, dict):
            at = _aware(planned.get("at"))
            if at is not None and at >= now:
                candidates.append({"at": at, "place": planned.get("place") or "", "order": 1})
    meeting = (
        Meeting.objects.filter(
            beat=beat,
            kind=MeetingKind.REPORT,
            status=MeetingStatus.PLANNED,
            is_public=True,
            held_at__gte=now,
        )
        .only("pk", "held_at", "place")
        .order_by("held_at", "pk")
        .first()
    )
    if meeting is not None:
        candidates.append({"at": meeting.held_at, "place": meeting.place, "order": 0})
    next_meeting = min(candidates, key=lambda c: (c["at"], c["order"])) if candidates else None
    return {"beat": beat, "reports": reports, "next_meeting": next_meeting}
