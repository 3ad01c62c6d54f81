"""A new draft of a quarterly report, with its next report meeting taken from the plan.

The report announces where residents can next hear the inspector. When the beat already
has a report meeting planned (districts: kind "report", status "planned", still ahead — see
reports.selectors.meetings), a new draft starts with its date and place and remembers the
meeting it took them from; the inspector can change both, which forgets it.
"""

from django.db import transaction
from django.utils import timezone

from portal.periods import Quarter
from reports.models import REPORT_LANGUAGES, QuarterlyReport
from reports.selectors.meetings import planned_report_meeting


def report_prefill_next_meeting(*, report: QuarterlyReport, now=None):
    """Fill an unsaved draft's next meeting from the beat's planned report meeting, if there
    is one and the draft has no meeting of its own. Returns the meeting, or None."""
    if report.next_meeting_at is not None:
        return None
    meeting = planned_report_meeting(report.beat_id, Quarter(report.year, report.quarter), now=now)
    if meeting is not None:
        report.next_meeting_at = meeting.held_at
        for language in REPORT_LANGUAGES:
            # The meeting's place in each language where it has one (else as it was written).
            place = getattr(meeting, f"place_{language}", None) or meeting.place
            setattr(report, f"next_meeting_place_{language}", place[:300])
        report.next_meeting_from = meeting
    return meeting


@transaction.atomic
def report_create(*, report: QuarterlyReport, user, now=None) -> QuarterlyReport:
    """Save a new draft (beat, year and quarter set) with its next meeting pre-filled."""
    report_prefill_next_meeting(report=report, now=now or timezone.now())
    report._history_user = user
    report.save()
    return report
