"""What the inspector's workspace puts in the work queues (portal.work_queues).

For the inspector: appeals due today and overdue, new proposals from residents, this
period's open checklist items, and the next report meeting (or none this quarter). For
the supervisor: the department's overdue appeals per beat (each escalated to them, see
districts.services.escalation) and the beats with no report meeting this quarter.

Every source reads through `policy.scoped` and costs a fixed number of queries: grouped
counts, one query for the beats, and the checklist engine's batched rules.
"""

from collections import defaultdict

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from districts import checklist as engine
from districts.models import (
    Appeal,
    AppealChannel,
    AppealStatus,
    Beat,
    Cadence,
    ChecklistItem,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Moderation,
    Proposal,
    ProposalSource,
    ProposalStatus,
)
from portal import policy, work_queues
from portal.periods import aware_bounds, current_quarter
from portal.work_queues import DUE_SOON, OVERDUE, TO_DO, QueueItem, link, severity_of

# How many beats an item's detail names before it says "and N more".
NAMED_BEATS = 8


def _beats(user):
    return policy.scoped(user, Beat.objects.select_related("inspector")).order_by("number", "pk")


def _named(beats):
    names = [str(beat) for beat in beats[:NAMED_BEATS]]
    rest = len(beats) - len(names)
    if rest > 0:
        names.append(ngettext("and %(count)s more", "and %(count)s more", rest) % {"count": rest})
    return ", ".join(names)


# --- the inspector -----------------------------------------------------------------------------


def inspector_appeals(user, today):
    """Appeals overdue and appeals due today, each kind one line."""
    site = Q(status=AppealStatus.NEW, channel=AppealChannel.ONLINE)
    row = (
        policy.scoped(user, Appeal.objects.open())
        .filter(Q(due_on__lte=today) | site)
        .aggregate(
            overdue=Count("pk", filter=Q(due_on__lt=today)),
            oldest=Min("due_on", filter=Q(due_on__lt=today)),
            due_today=Count("pk", filter=Q(due_on=today)),
            from_site=Count("pk", filter=site),
            from_site_due=Min("due_on", filter=site),
        )
    )
    return [
        QueueItem(
            "appeals-from-site",
            gettext("New problems reported on the beat's page: register them in work"),
            row["from_site"],
            link(user, "appeal-list", status=AppealStatus.NEW, channel=AppealChannel.ONLINE),
            row["from_site_due"],
            severity_of(row["from_site_due"], today),
        ),
        QueueItem(
            "appeals-overdue",
            gettext("Overdue appeals: answer them"),
            row["overdue"],
            link(user, "appeal-list", overdue="true"),
            row["oldest"],
            OVERDUE,
        ),
        QueueItem(
            "appeals-due-today",
            gettext("Appeals to answer today"),
            row["due_today"],
            link(user, "appeal-list", due_today="true"),
            today,
            DUE_SOON,
        ),
    ]


def inspector_proposals(user, today):
    """New proposals from residents (sent from the beat's page, and raised at meetings), and
    the suggestions from the page still waiting for a decision on publication: one query."""
    site, meeting = ProposalSource.RESIDENT_SITE, ProposalSource.MEETING
    pending = Q(source=site, moderation=Moderation.PENDING)
    row = (
        policy.scoped(user, Proposal.objects.filter(Q(status=ProposalStatus.NEW) | pending))
        .order_by()
        .aggregate(
            site=Count("pk", filter=Q(status=ProposalStatus.NEW, source=site)),
            meeting=Count("pk", filter=Q(status=ProposalStatus.NEW, source=meeting)),
            pending=Count("pk", filter=pending),
        )
    )
    labels = {
        site: gettext("New suggestions from residents on the beat's page"),
        meeting: gettext("New proposals raised by residents at meetings"),
    }
    return [
        *(
            QueueItem(
                f"proposals-{source}",
                label,
                row[source.value],
                link(user, "proposal-list", status=ProposalStatus.NEW, source=source),
            )
            for source, label in labels.items()
        ),
        QueueItem(
            "proposals-moderation",
            gettext("Suggestions from the beat's page waiting for a decision on publication"),
            row["pending"],
            link(user, "proposal-list", moderation=Moderation.PENDING),
        ),
    ]


CADENCE_LABELS = {
    Cadence.WEEKLY: lambda: gettext("Checklist: items of this week still open"),
    Cadence.MONTHLY: lambda: gettext("Checklist: items of this month still open"),
    Cadence.QUARTERLY: lambda: gettext("Checklist: items of this quarter still open"),
    Cadence.YEARLY: lambda: gettext("Checklist: items of this year still open"),
}


def inspector_checklist(user, today):
    """This period's open checklist items, per beat and cadence, due at the period's end."""
    beats = list(_beats(user))
    items = list(ChecklistItem.objects.filter(is_active=True))
    states = engine.evaluate([beat.pk for beat in beats], day=today, items=items)
    several = len(beats) > 1
    result = []
    for beat in beats:
        open_by_cadence = defaultdict(list)
        for state in states[beat.pk]:
            if not state.done:
                open_by_cadence[state.item.cadence].append(state)
        for cadence, label in CADENCE_LABELS.items():
            waiting = open_by_cadence.get(cadence)
            if not waiting:
                continue
            due = waiting[0].period.last_day
            result.append(
                QueueItem(
                    f"checklist-{beat.pk}-{cadence}",
                    label(),
                    len(waiting),
                    link(user, "checklist", beat=beat.pk),
                    due,
                    severity_of(due, today),
                    detail=str(beat) if several else "",
                )
            )
    return result


def _report_meetings(beat_ids, quarter, now):
    """For the beats: {beat id: (id, time) of its next planned report meeting}, and the set
    of beats with a report meeting held or planned within the quarter. One query on the
    (beat, held_at) index, not a subquery per beat."""
    start, end = aware_bounds(quarter.period)
    planned, held = MeetingStatus.PLANNED, MeetingStatus.HELD
    rows = (
        Meeting.objects.filter(beat__in=beat_ids, kind=MeetingKind.REPORT)
        .filter(
            Q(status=planned, held_at__gte=now)
            | Q(status__in=[planned, held], held_at__gte=start, held_at__lt=end)
        )
        .order_by("held_at", "pk")
        .values_list("beat", "pk", "held_at", "status")
    )
    ahead, in_quarter = {}, set()
    for beat_id, pk, held_at, status in rows:
        if status == planned and held_at >= now:
            ahead.setdefault(beat_id, (pk, held_at))
        if start <= held_at < end:
            in_quarter.add(beat_id)
    return ahead, in_quarter


def inspector_report_meeting(user, today):
    """Per beat: the next report meeting; or, when none is held or planned this quarter,
    a reminder to schedule one by the quarter's end."""
    quarter = current_quarter(today)
    beats = list(_beats(user))
    ahead, with_meeting = _report_meetings([b.pk for b in beats], quarter, timezone.now())
    for beat in beats:
        beat.next_meeting_id, beat.next_meeting_at = ahead.get(beat.pk, (None, None))
        beat.has_report_meeting = beat.pk in with_meeting
    several = len(beats) > 1
    result = []
    for beat in beats:
        detail = str(beat) if several else ""
        if beat.next_meeting_id:
            day = timezone.localdate(beat.next_meeting_at)
            result.append(
                QueueItem(
                    f"report-meeting-{beat.pk}",
                    gettext("Next report meeting to the residents"),
                    1,
                    link(user, "meeting-detail", beat.next_meeting_id),
                    day,
                    DUE_SOON if severity_of(day, today) == DUE_SOON else TO_DO,
                    detail=detail,
                )
            )
        elif not beat.has_report_meeting:
            result.append(
                QueueItem(
                    f"no-report-meeting-{beat.pk}",
                    gettext("No report meeting scheduled this quarter"),
                    1,
                    link(user, "meeting-create"),
                    quarter.last_day,
                    severity_of(quarter.last_day, today),
                    detail=detail,
                )
            )
    return result


# --- the supervisor ---------------------------------------------------------------------------


def supervisor_overdue_appeals(user, today):
    """Overdue appeals of the department, one line per beat: each is escalated to the
    supervisor once it is late (districts.services.escalation)."""
    rows = list(
        policy.scoped(user, Appeal.objects.overdue(today))
        .order_by()
        .values("beat")
        .annotate(count=Count("pk"), oldest=Min("due_on"))
    )
    beats = _beats(user).in_bulk([row["beat"] for row in rows])
    result = []
    for row in rows:
        beat = beats[row["beat"]]
        inspector = beat.inspector.display_name if beat.inspector else gettext("no inspector")
        result.append(
            QueueItem(
                f"escalated-appeals-{beat.pk}",
                gettext("Overdue appeals escalated to you: %(beat)s") % {"beat": beat},
                row["count"],
                link(user, "appeal-list", beat=beat.pk, overdue="true"),
                row["oldest"],
                OVERDUE,
                detail=inspector,
            )
        )
    return result


def supervisor_report_meetings(user, today):
    """The beats of the department with no report meeting held or planned this quarter."""
    quarter = current_quarter(today)
    beats = list(_beats(user))
    _ahead, with_meeting = _report_meetings([b.pk for b in beats], quarter, timezone.now())
    missing = [beat for beat in beats if beat.pk not in with_meeting]
    if not missing:
        return []
    return [
        QueueItem(
            "beats-without-report-meeting",
            gettext("Beats with no report meeting scheduled this quarter"),
            len(missing),
            link(user, "meeting-list", kind=MeetingKind.REPORT),
            quarter.last_day,
            severity_of(quarter.last_day, today),
            detail=_named(missing),
        )
    ]


def register():
    """Called from DistrictsConfig.ready()."""
    inspector = "start.inspector"
    work_queues.register("districts.appeals", inspector_appeals, action=inspector)
    work_queues.register("districts.proposals", inspector_proposals, action=inspector)
    work_queues.register("districts.checklist", inspector_checklist, action=inspector)
    work_queues.register("districts.report_meeting", inspector_report_meeting, action=inspector)
    supervisor = "start.supervisor"
    work_queues.register(
        "districts.escalated_appeals", supervisor_overdue_appeals, action=supervisor
    )
    work_queues.register("districts.report_meetings", supervisor_report_meetings, action=supervisor)
