"""The planned report meeting a quarter's report announces as its next one."""

from django.utils import timezone

from districts.models import Meeting, MeetingKind, MeetingStatus
from portal.periods import Period, Quarter, aware_bounds
from reports import submission


def planned_report_meeting(beat_id, quarter: Quarter, *, now=None):
    """The beat's earliest planned report meeting that is still ahead and can present the
    report of `quarter`: not before the day the report may be submitted (a meeting held
    before the quarter's figures are in cannot present them). None without one. One query.
    """
    now = now or timezone.now()
    opens, _end = aware_bounds(Period(submission.opens_on(quarter), quarter.end))
    return (
        Meeting.objects.filter(
            beat_id=beat_id,
            kind=MeetingKind.REPORT,
            status=MeetingStatus.PLANNED,
            held_at__gt=max(now, opens),
        )
        .order_by("held_at", "pk")
        .first()
    )
