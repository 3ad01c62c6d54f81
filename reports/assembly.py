"""The quarterly report assembled from the logged work of a beat (see reports.snapshot).

`assemble(report, language=...)` reads the beat's work in the report's quarter (local
dates, Asia/Almaty by default) and returns a Snapshot: exactly the structure that is
frozen into a ReportRevision at publication, and that the draft preview shows. Names and
labels come out in the requested language.

Nothing personal goes in: no names of residents, assistants or volunteers, no addresses of
preventive visits (a count only), no resident's name or contact on a proposal, no IIN or
phone but the inspector's work phone and the police point's public phone.

The number of queries does not depend on the amount of data.
"""

import copy
import datetime

from django.db.models import Count, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext

from councils.models import ActionAssistant, ActionVolunteer, JointAction
from districts.models import (
    Appeal,
    AppealStatus,
    Beat,
    DoorToDoorRound,
    Meeting,
    MeetingKind,
    MeetingStatus,
    PreventiveVisit,
    ProblemMeasure,
    ProblemSpot,
    ProblemStatus,
    Proposal,
    ProposalSource,
    ProposalStatus,
    ServiceRecord,
    TrustCase,
    WorkPlanItem,
    WorkPlanStatus,
)
from districts.trust_index import TrustIndex
from portal.periods import Quarter, aware_bounds
from reports.charts import statistics_chart
from reports.snapshot import SCHEMA_VERSION, Snapshot
from reports.statistics import compare, total_row
from trust.charts import trend_chart
from trust.selectors import report_trust


def _hours(value):
    return float(value or 0)


def _beat(beat) -> dict:
    point = beat.police_point
    inspector = beat.inspector
    return {
        "code": beat.code,
        "number": beat.number,
        "area": point.department.area.name,
        "population": beat.population,
        "police_point": {
            "name": point.name,
            "address": point.address,
            "phone": point.phone,
            "reception_hours": point.reception_hours,
        },
        "inspector": (
            {
                "name": inspector.display_name or inspector.get_username(),
                "rank": inspector.rank_label,
                "phone": inspector.work_phone,  # the work phone only, never a private one
            }
            if inspector is not None
            else None
        ),
    }


def _statistic_row(row, *, category, code) -> dict:
    return {
        "category": category,
        "code": code,
        "current": row.current,
        "previous": row.previous,
        "change_percent": row.change_percent,
        "trend": row.trend,
    }


def _statistics(beat, year, quarter) -> dict:
    rows = compare(beat_ids=[beat.pk], year=year, quarter=quarter)
    return {
        "rows": [
            _statistic_row(row, category=str(row.category.name), code=row.category.code)
            for row in rows
        ],
        "total": _statistic_row(total_row(rows), category=gettext("Total"), code="total"),
    }


def _measures(report, beat, period) -> dict:
    resolved = ProblemSpot.objects.filter(
        beat=beat,
        status=ProblemStatus.RESOLVED,
        resolved_on__gte=period.start,
        resolved_on__lt=period.end,
    ).order_by("resolved_on", "pk")
    submissions = ProblemMeasure.objects.filter(
        spot__beat=beat, is_submission=True, date__gte=period.start, date__lt=period.end
    ).count()
    return {
        "text": report.text("measures", translation.get_language()),
        "problems_resolved": [
            {
                "kind": spot.get_kind_display(),
                # A problem place (a yard, a corner, a shop): public, not a home address.
                "place": spot.address,
                "resolved_on": spot.resolved_on.isoformat(),
            }
            for spot in resolved
        ],
        "submissions": submissions,
    }


def _residents(beat, period) -> dict:
    start, end = aware_bounds(period)
    in_dates = {"date__gte": period.start, "date__lt": period.end}
    meetings = Meeting.objects.filter(
        beat=beat, status=MeetingStatus.HELD, held_at__gte=start, held_at__lt=end
    ).aggregate(count=Count("pk"), attendance=Sum("attendance"))
    rounds = DoorToDoorRound.objects.filter(beat=beat, **in_dates).aggregate(
        count=Count("pk"), apartments=Sum("apartments_visited")
    )
    appeals = Appeal.objects.filter(beat=beat).aggregate(
        received=Count("pk", filter=Q(received_on__gte=period.start, received_on__lt=period.end)),
        answered=Count(
            "pk",
            filter=Q(
                status=AppealStatus.ANSWERED,
                answered_on__gte=period.start,
                answered_on__lt=period.end,
            ),
        ),
    )
    consultations = ServiceRecord.objects.filter(beat=beat, **in_dates).aggregate(
        total=Sum("count")
    )["total"]
    return {
        "meetings": meetings["count"],
        "attendance": meetings["attendance"] or 0,
        "rounds": rounds["count"],
        "apartments_visited": rounds["apartments"] or 0,
        "appeals_received": appeals["received"],
        "appeals_answered": appeals["answered"],
        "consultations": consultations or 0,
        # A count only: the addresses and references of the visits stay with the police.
        "preventive_visits": PreventiveVisit.objects.filter(beat=beat, **in_dates).count(),
    }


def _joint_work(beat, period) -> dict:
    start, end = aware_bounds(period)
    actions = list(
        JointAction.objects.filter(beats=beat, starts_at__gte=start, starts_at__lt=end)
        .distinct()
        .prefetch_related("partners")
        .order_by("starts_at", "pk")
    )
    action_ids = [action.pk for action in actions]
    assistants = ActionAssistant.objects.filter(action_id__in=action_ids).aggregate(
        people=Count("assistant", distinct=True), hours=Sum("hours")
    )
    volunteers = ActionVolunteer.objects.filter(action_id__in=action_ids).aggregate(
        people=Count("volunteer", distinct=True),
        groups=Count("group", distinct=True),
        hours=Sum("hours"),
    )
    partners = set()
    items = []
    for action in actions:
        names = sorted(partner.name for partner in action.partners.all())
        partners.update(names)
        items.append(
            {
                "title": action.title,
                "date": timezone.localdate(action.starts_at).isoformat(),
                "people_reached": action.people_reached,
                "partners": names,
            }
        )
    return {
        "actions": items,
        "partners": sorted(partners),
        "assistants": assistants["people"],
        "assistant_hours": _hours(assistants["hours"]),
        "volunteers": volunteers["people"] + volunteers["groups"],
        "volunteer_hours": _hours(volunteers["hours"]),
    }


def _proposals(beat, quarter) -> list:
    """ "You proposed — we did": what residents raised at the last report meeting before the
    quarter (or, without one, at the meetings of the previous quarter), then what they sent
    from the beat's page during the quarter and the inspector approved for publication; each
    with its outcome.

    Only the text residents may read: a meeting's record, or a sent proposal as moderated.
    A resident's name or contact (from the public form) is never published.
    """
    start, end = aware_bounds(quarter.period)
    last_report_meeting = (
        Meeting.objects.filter(
            beat=beat, kind=MeetingKind.REPORT, status=MeetingStatus.HELD, held_at__lt=start
        )
        .order_by("-held_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    raised = Proposal.objects.filter(beat=beat, source=ProposalSource.MEETING)
    if last_report_meeting is not None:
        raised = raised.filter(meeting_id=last_report_meeting)
    else:
        prev_start, prev_end = aware_bounds(quarter.previous().period)
        raised = raised.filter(
            Q(meeting__held_at__gte=prev_start, meeting__held_at__lt=prev_end)
            | Q(meeting__isnull=True, created_at__gte=prev_start, created_at__lt=prev_end)
        )
    sent = Proposal.objects.public().filter(
        beat=beat,
        source=ProposalSource.RESIDENT_SITE,
        created_at__gte=start,
        created_at__lt=end,
    )
    fields = ("text", "public_text", "source", "status", "outcome")
    proposals = [
        *raised.only(*fields).order_by("created_at", "pk"),
        *sent.only(*fields).order_by("created_at", "pk"),
    ]
    return [
        {
            "text": proposal.published_text,
            "status": proposal.status,
            "status_label": proposal.get_status_display(),
            # Not yet decided: no outcome to tell of.
            "outcome": proposal.outcome if proposal.status != ProposalStatus.NEW else "",
            "source": proposal.source,
        }
        for proposal in proposals
    ]


def _positive_cases(beat, period) -> list:
    cases = TrustCase.objects.filter(
        beat=beat, date__gte=period.start, date__lt=period.end
    ).order_by("date", "pk")
    return [
        {"title": case.title, "story": case.story, "date": case.date.isoformat()} for case in cases
    ]


def _plan(report, beat, quarter) -> dict:
    following = quarter.next()
    items = WorkPlanItem.objects.filter(
        beat=beat,
        status__in=[WorkPlanStatus.PLANNED, WorkPlanStatus.IN_PROGRESS],
        due_on__gte=following.start,
        due_on__lt=following.end,
    ).order_by("due_on", "pk")
    return {
        "text": report.text("plan_next_quarter", translation.get_language()),
        "items": [{"title": item.title, "due_on": item.due_on.isoformat()} for item in items],
    }


def assemble(report, *, language) -> Snapshot:
    """The report's snapshot from the current data and the report's texts, in `language`."""
    beat = Beat.objects.select_related("police_point__department__area", "inspector").get(
        pk=report.beat_id
    )
    quarter = Quarter(report.year, report.quarter)
    period = quarter.period
    with translation.override(language):
        return {
            "schema": SCHEMA_VERSION,
            "language": language,
            "beat": _beat(beat),
            "period": {
                "year": report.year,
                "quarter": report.quarter,
                "start": period.start.isoformat(),
                "end": period.last_day.isoformat(),
            },
            "summary": report.text("summary", language),
            "statistics": _statistics(beat, report.year, report.quarter),
            "measures": _measures(report, beat, period),
            "residents": _residents(beat, period),
            "joint_work": _joint_work(beat, period),
            "proposals": _proposals(beat, quarter),
            "positive_cases": _positive_cases(beat, period),
            "plan": _plan(report, beat, quarter),
            "next_meeting": {
                "at": (
                    timezone.localtime(report.next_meeting_at).isoformat()
                    if report.next_meeting_at
                    else None
                ),
                "place": report.text("next_meeting_place", language),
            },
            "trust": report_trust(beat.pk, quarter),
        }


# --- showing a snapshot ----------------------------------------------------------------------


def _date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _datetime(value):
    try:
        return datetime.datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def for_display(snapshot) -> dict:
    """A copy of a snapshot ready for templates/reports/_snapshot.html and the PDF.

    ISO dates become date objects (so templates format them in the reader's language) and
    `chart` holds the statistics chart as inline SVG. The stored snapshot is not touched.
    """
    shown = copy.deepcopy(snapshot)
    period = shown.get("period", {})
    for key in ("start", "end"):
        period[key] = _date(period.get(key)) or period.get(key)
    for item in shown.get("measures", {}).get("problems_resolved", []):
        item["resolved_on"] = _date(item.get("resolved_on")) or item.get("resolved_on")
    for item in shown.get("joint_work", {}).get("actions", []):
        item["date"] = _date(item.get("date")) or item.get("date")
    for item in shown.get("positive_cases", []):
        item["date"] = _date(item.get("date")) or item.get("date")
    for item in shown.get("plan", {}).get("items", []):
        item["due_on"] = _date(item.get("due_on")) or item.get("due_on")
    meeting = shown.get("next_meeting") or {}
    if meeting.get("at"):
        at = _datetime(meeting["at"])
        meeting["at"] = timezone.localtime(at) if at and timezone.is_aware(at) else meeting["at"]
    shown["chart"] = statistics_chart(shown.get("statistics") or {"rows": [], "total": {}})
    if shown.get("trust"):
        shown["trust_chart"] = _trust_chart(shown["trust"])
    return shown


def _trust_chart(trust):
    """The trend chart of a snapshot's `trust` section, from its stored figures."""
    points = []
    for item in trust.get("trend", []):
        try:
            quarter = Quarter(item["year"], item["quarter"])
        except (KeyError, TypeError, ValueError):
            continue
        index = TrustIndex(
            positive=item.get("positive") or 0,
            total=item.get("total") or 0,
            share=item.get("share"),
            low=item.get("low"),
            high=item.get("high"),
            suppressed=bool(item.get("suppressed")) or item.get("share") is None,
        )
        points.append((quarter, index))
    return trend_chart(points, min_sample=trust.get("min_sample"))
