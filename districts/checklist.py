"""The Appendix B checklist evaluated for beats and periods.

An item is done in a period when logged work satisfies its automatic rule, or when
the inspector ticked it by hand with a note (a ChecklistMark). Every automatic rule
says in one line why it is ticked or not. Evaluation is batched: one query per rule
for any number of beats, so pages stay flat.

The rules on the inspector's own work live here; the apps above add theirs through
`rule()` (councils: joint actions and council sessions; reports: the published report),
the same way they add their work queues.

Periods come from portal.periods: weekly = ISO week from Monday, monthly, quarterly,
yearly; `end` is exclusive.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, F, Max, Min, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from districts.models import (
    Appeal,
    AppealStatus,
    ChecklistItem,
    ChecklistMark,
    DoorToDoorRound,
    InspectorStudy,
    Meeting,
    MeetingKind,
    MeetingStatus,
    PreventiveCategory,
    PreventiveVisit,
    ProblemSpot,
    ServiceRecord,
    StudyKind,
    TrustCase,
    WorkPlanItem,
)
from districts.models.checklist import AutoRule
from portal.periods import Period, aware_bounds, period_of, previous_period


@dataclass(frozen=True)
class Verdict:
    """Whether a rule ticks an item for a beat, and the one line that says why."""

    done: bool
    why: str


@dataclass(frozen=True)
class Rule:
    check: Callable  # (beat_ids, period, today) -> {beat_id: Verdict}
    missing: str  # why the item is open for a beat the check said nothing about


RULES: dict[str, Rule] = {}


def rule(code, *, missing):
    """Register the check of an automatic rule (a decorator)."""

    def register(check):
        RULES[code] = Rule(check, missing)
        return check

    return register


def day_label(day):
    return date_format(day, "SHORT_DATE_FORMAT")


def logged(what, rows):
    """Done verdicts from (beat_id, count, last day) rows: "Door-to-door rounds: 3, the last on
    12.11.2026." """
    return {
        beat_id: Verdict(
            True,
            _("%(what)s: %(count)s, the last on %(date)s.")
            % {"what": what, "count": count, "date": day_label(last)},
        )
        for beat_id, count, last in rows
    }


def tally(queryset, beat_ids, day_field):
    """(beat_id, count, last day) of `queryset`'s rows per beat, in one query."""
    rows = (
        queryset.filter(beat_id__in=beat_ids)
        .order_by()
        .values("beat_id")
        .annotate(count=Count("pk", distinct=True), last=Max(day_field))
        .values_list("beat_id", "count", "last")
    )
    return [(beat_id, count, local_day(last)) for beat_id, count, last in rows]


def local_day(value):
    """A date, or the local date of an aware date-time."""
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value)
    return value


def merged(row_lists, *, count=sum):
    """(beat_id, count, last day) rows of several sources as one row per beat: the counts
    combined by `count` (added up by default), the latest day."""
    found = {}
    for rows in row_lists:
        for beat_id, number, last in rows:
            numbers, latest = found.get(beat_id, ([], last))
            found[beat_id] = ([*numbers, number], max(latest, last))
    return [(beat_id, count(numbers), last) for beat_id, (numbers, last) in found.items()]


def dated(model, beat_ids, period, **extra):
    return tally(
        model.objects.filter(date__gte=period.start, date__lt=period.end, **extra),
        beat_ids,
        "date",
    )


def held_meetings(beat_ids, period, kinds):
    start, end = aware_bounds(period)
    meetings = Meeting.objects.filter(
        status=MeetingStatus.HELD, kind__in=kinds, held_at__gte=start, held_at__lt=end
    )
    return tally(meetings, beat_ids, "held_at")


@rule(AutoRule.ROUND, missing=_("No door-to-door round is logged in this period."))
def _round(beat_ids, period, today):
    return logged(_("Door-to-door rounds"), dated(DoorToDoorRound, beat_ids, period))


@rule(AutoRule.PROBLEM_LIST, missing=_("No problem place was added, updated or acted on."))
def _problem_list(beat_ids, period, today):
    start, end = aware_bounds(period)
    touched = tally(
        ProblemSpot.objects.filter(updated_at__gte=start, updated_at__lt=end),
        beat_ids,
        "updated_at",
    )
    measured = tally(
        ProblemSpot.objects.filter(measures__date__gte=period.start, measures__date__lt=period.end),
        beat_ids,
        "measures__date",
    )
    # A place both updated and acted on is one place: the larger count, not their sum.
    return logged(_("Problem places updated"), merged([touched, measured], count=max))


@rule(AutoRule.RESIDENTS_MEETING, missing=_("No meeting with residents was held in this period."))
def _residents_meeting(beat_ids, period, today):
    kinds = [MeetingKind.RESIDENTS, MeetingKind.OSI_KSK, MeetingKind.REPORT]
    return logged(_("Meetings with residents held"), held_meetings(beat_ids, period, kinds))


@rule(AutoRule.APPEALS_ANSWERED, missing="")
def _appeals_answered(beat_ids, period, today):
    """Done while no appeal of the beat was overdue on any day of the period (up to today).

    An appeal is overdue on the days after its due date until it is answered: one due in
    the period and answered late or not at all, or one due before the period and still
    open when the period began. An appeal due today is not overdue yet.
    """
    last = min(period.last_day, today)
    open_or_late = ~Q(status=AppealStatus.ANSWERED) | Q(answered_on__gt=F("due_on"))
    due_in_period = Q(due_on__gte=period.start, due_on__lt=last) & open_or_late
    still_open = Q(due_on__lt=period.start) & (
        ~Q(status=AppealStatus.ANSWERED) | Q(answered_on__gte=period.start)
    )
    rows = (
        Appeal.objects.filter(beat_id__in=beat_ids)
        .filter(due_in_period | still_open)
        .order_by()
        .values("beat_id")
        .annotate(count=Count("pk"), earliest=Min("due_on"))
        .values_list("beat_id", "count", "earliest")
    )
    late = {
        beat_id: Verdict(
            False,
            _("Appeals overdue in this period: %(count)s, the earliest due %(date)s.")
            % {"count": count, "date": day_label(earliest)},
        )
        for beat_id, count, earliest in rows
    }
    in_time = Verdict(True, _("No appeal was overdue in this period."))
    return {beat_id: late.get(beat_id, in_time) for beat_id in beat_ids}


def _visits(category, what):
    def check(beat_ids, period, today):
        return logged(what, dated(PreventiveVisit, beat_ids, period, category=category))

    return check


rule(AutoRule.FAMILY_VISIT, missing=_("No visit to a family on the preventive register."))(
    _visits(PreventiveCategory.FAMILY, _("Visits to families on the preventive register"))
)
rule(AutoRule.TEENAGER_TALK, missing=_("No talk with a teenager at risk is logged."))(
    _visits(PreventiveCategory.TEENAGER, _("Talks with teenagers at risk"))
)


@rule(AutoRule.SCHOOL_EVENT, missing=_("No event with a school or college was held."))
def _school_event(beat_ids, period, today):
    kinds = [MeetingKind.LESSON, MeetingKind.PARENTS]
    return logged(_("School and college events held"), held_meetings(beat_ids, period, kinds))


@rule(AutoRule.SERVICE_RECORDS, missing=_("No consultation or help is recorded."))
def _service_records(beat_ids, period, today):
    return logged(_("Consultations and help recorded"), dated(ServiceRecord, beat_ids, period))


@rule(AutoRule.TRUST_CASE, missing=_("No positive case is recorded."))
def _trust_case(beat_ids, period, today):
    return logged(_("Positive cases recorded"), dated(TrustCase, beat_ids, period))


@rule(AutoRule.WORK_PLAN, missing=_("No work plan task was added this year."))
def _work_plan(beat_ids, period, today):
    start, end = aware_bounds(period)
    added = WorkPlanItem.objects.filter(created_at__gte=start, created_at__lt=end)
    return logged(_("Work plan tasks added"), tally(added, beat_ids, "created_at"))


@rule(AutoRule.REPORT_MEETING, missing=_("No report meeting was held in this period."))
def _report_meeting(beat_ids, period, today):
    return logged(_("Report meetings held"), held_meetings(beat_ids, period, [MeetingKind.REPORT]))


@rule(AutoRule.TRAINING, missing=_("No training or seminar is recorded this year."))
def _training(beat_ids, period, today):
    studies = dated(InspectorStudy, beat_ids, period, kind=StudyKind.TRAINING)
    return logged(_("Trainings and seminars attended"), studies)


@rule(AutoRule.DIGITAL_STUDY, missing=_("No study of a digital service is recorded this year."))
def _digital_study(beat_ids, period, today):
    studies = dated(InspectorStudy, beat_ids, period, kind=StudyKind.DIGITAL)
    return logged(_("Digital services studied"), studies)


def verdicts(code, beat_ids, period, today):
    """{beat_id: Verdict} of a rule for every beat; an unknown rule ticks nothing."""
    registered = RULES.get(code)
    if registered is None:
        return {beat_id: Verdict(False, "") for beat_id in beat_ids}
    found = registered.check(beat_ids, period, today)
    return {
        beat_id: found.get(beat_id) or Verdict(False, str(registered.missing))
        for beat_id in beat_ids
    }


def satisfied(code, beat_ids, period, today=None):
    """The ids of the beats whose logged work satisfies rule `code` in `period`."""
    found = verdicts(code, list(beat_ids), period, today or timezone.localdate())
    return {beat_id for beat_id, verdict in found.items() if verdict.done}


@dataclass
class ItemState:
    item: ChecklistItem
    period: Period
    done_auto: bool
    mark: ChecklistMark | None
    why: str = ""  # the automatic rule's one line: why it is ticked or not

    @property
    def done(self):
        return self.done_auto or self.mark is not None


def evaluate(beat_ids, *, day=None, previous=False, items=None):
    """{beat_id: [ItemState, ...]} for the periods containing `day` (or the ones before).

    `day` picks the periods; rules that depend on the date (appeals answered in time) look
    up to the real today, so a past period is judged on everything that was due in it.
    """
    today = timezone.localdate()
    day = day or today
    beat_ids = list(beat_ids)
    items = list(items if items is not None else ChecklistItem.objects.filter(is_active=True))
    periods = {
        item.pk: (previous_period if previous else period_of)(item.cadence, day) for item in items
    }
    marks = {
        (m.beat_id, m.item_id, m.period_start): m
        for m in ChecklistMark.objects.filter(
            beat_id__in=beat_ids,
            item__in=items,
            period_start__in={p.start for p in periods.values()},
        )
    }
    cache = {}
    result = {beat_id: [] for beat_id in beat_ids}
    for item in items:
        period = periods[item.pk]
        found = {}
        if item.auto_rule:
            key = (item.auto_rule, period)
            if key not in cache:
                cache[key] = verdicts(item.auto_rule, beat_ids, period, today)
            found = cache[key]
        for beat_id in beat_ids:
            mark = marks.get((beat_id, item.pk, period.start))
            verdict = found.get(beat_id) or Verdict(False, "")
            result[beat_id].append(ItemState(item, period, verdict.done, mark, verdict.why))
    return result


def compliance(beat_ids, *, day=None):
    """{beat_id: share of items done in their last completed period}, from 0 to 1."""
    states = evaluate(beat_ids, day=day, previous=True)
    return {
        beat_id: (sum(s.done for s in rows) / len(rows) if rows else 1.0)
        for beat_id, rows in states.items()
    }


def overdue(beat_ids, *, day=None, current=None, items=None):
    """{beat_id: [ItemState]} missed in the last completed period and not yet done in this one.

    `current` may pass in an evaluation of this period the caller already made (same items).
    """
    before = evaluate(beat_ids, day=day, previous=True, items=items)
    now = current if current is not None else evaluate(beat_ids, day=day, items=items)
    return {
        beat_id: [
            current
            for missed, current in zip(before[beat_id], now[beat_id], strict=True)
            if not missed.done and not current.done
        ]
        for beat_id in before
    }
