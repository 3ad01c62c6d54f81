"""Problem places: recording measures, and reading a place's status history."""

import datetime

from districts.models import ProblemMeasure, ProblemSpot, ProblemStatus


def problem_measure_create(
    *,
    spot: ProblemSpot,
    date: datetime.date,
    description: str,
    is_submission: bool = False,
    sent_to: str = "",
) -> ProblemMeasure:
    """Record a measure taken about a place.

    The first measure about an open place puts it "under way"; that status change is kept
    in the place's history like any other. Raises ValidationError for bad input (a
    submission must name its addressee), saving nothing.
    """
    measure = ProblemMeasure(
        spot=spot,
        date=date,
        description=description,
        is_submission=is_submission,
        sent_to=sent_to.strip(),
    )
    measure.full_clean()
    measure.save()
    if spot.status == ProblemStatus.OPEN:
        spot.status = ProblemStatus.IN_WORK
        spot.save(update_fields=["status", "updated_at"])
    return measure


def problem_status_history(*, spot: ProblemSpot) -> list:
    """The place's historical records where its status changed, oldest first.

    The first record (the place being entered) always counts; edits that left the status
    as it was are skipped. One query.
    """
    rows = spot.history.select_related("history_user").order_by("history_date", "history_id")
    changes = []
    previous = None
    for row in rows:
        if row.status != previous:
            changes.append(row)
            previous = row.status
    return changes
