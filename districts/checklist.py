"""The Appendix B checklist evaluated for beats and periods.

An item is done in a period when logged work satisfies its automatic rule, or when
the inspector ticked it by hand with a note (a ChecklistMark). Evaluation is
batched: one query per rule for any number of beats, so pages stay flat.

Periods come from portal.periods: weekly = ISO week from Monday, monthly, quarterly,
yearly; `end` is exclusive.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils import timezone

from districts.models import (
    Appeal,
    AppealStatus,
    ChecklistItem,
    ChecklistMark,
    DoorToDoorRound,
    Meeting,
    MeetingKind,
    MeetingStatus,
    PreventiveCategory,
    PreventiveVisit,
    ProblemSpot,
    ServiceRecord,
    TrustCase,
    WorkPlanItem,
)
from districts.models.checklist import AutoRule
from portal.periods import Period, aware_bounds, period_of, previous_period


def _beats_with(queryset, beat_ids):
    rows = queryset.filter(beat_id__in=beat_ids).order_by().values_list("beat_id", flat=True)
    return set(rows.distinct())


def _held_meetings(beat_ids, period, kinds):
    start, end = aware_bounds(period)
    meetings = Meeting.objects.filter(
        status=MeetingStatus.HELD, kind__in=kinds, held_at__gte=start, held_at__lt=end
    )
    return _beats_with(meetings, beat_ids)


def _dated(model, beat_ids, period, **extra):
    return _beats_with(
        model.objects.filter(date__gte=period.start, date__lt=period.end, **extra), beat_ids
    )


def _appeals_answered(beat_ids, period, today):
    """Done when no appeal due in the period (up to today) was left unanswered past its due
    date. A period with nothing due is done: there was nothing to answer."""
    horizon = min(period.end, today + datetime.timedelta(days=1))
    due = Appeal.objects.filter(due_on__gte=period.start, due_on__lt=horizon)
    late = due.filter(~Q(status=AppealStatus.ANSWERED) | Q(answered_on__gt=F("due_on")))
    return set(beat_ids) - _beats_with(late, beat_ids)


def _problem_list(beat_ids, period):
    start, end = aware_bounds(period)
    touched = ProblemSpot.objects.filter(updated_at__gte=start, updated_at__lt=end)
    measured = ProblemSpot.objects.filter(
        measures__date__gte=period.start, measures__date__lt=period.end
    )
    return _beats_with(touched, beat_ids) | _beats_with(measured, beat_ids)


def _work_plan(beat_ids, period):
    start, end = aware_bounds(period)
    return _beats_with(
        WorkPlanItem.objects.filter(created_at__gte=start, created_at__lt=end), beat_ids
    )


def satisfied(rule, beat_ids, period, today=None):
    """The ids of the beats whose logged work satisfies `rule` in `period`."""
    today = today or timezone.localdate()
    match rule:
        case AutoRule.ROUND:
            return _dated(DoorToDoorRound, beat_ids, period)
        case AutoRule.PROBLEM_LIST:
            return _problem_list(beat_ids, period)
        case AutoRule.RESIDENTS_MEETING:
            kinds = [MeetingKind.RESIDENTS, MeetingKind.OSI_KSK, MeetingKind.REPORT]
            return _held_meetings(beat_ids, period, kinds)
        case AutoRule.APPEALS_ANSWERED:
            return _appeals_answered(beat_ids, period, today)
        case AutoRule.FAMILY_VISIT:
            return _dated(PreventiveVisit, beat_ids, period, category=PreventiveCategory.FAMILY)
        case AutoRule.TEENAGER_TALK:
            return _dated(PreventiveVisit, beat_ids, period, category=PreventiveCategory.TEENAGER)
        case AutoRule.SCHOOL_EVENT:
            return _held_meetings(beat_ids, period, [MeetingKind.LESSON, MeetingKind.PARENTS])
        case AutoRule.SERVICE_RECORDS:
            return _dated(ServiceRecord, beat_ids, period)
        case AutoRule.TRUST_CASE:
            return _dated(TrustCase, beat_ids, period)
        case AutoRule.WORK_PLAN:
            return _work_plan(beat_ids, period)
        case AutoRule.REPORT_MEETING:
            return _held_meetings(beat_ids, period, [MeetingKind.REPORT])
    return set()


@dataclass
class ItemState:
    item: ChecklistItem
    period: Period
    done_auto: bool
    mark: ChecklistMark | None

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
        done = set()
        if item.auto_rule:
            key = (item.auto_rule, period)
            if key not in cache:
                cache[key] = satisfied(item.auto_rule, beat_ids, period, today=today)
            done = cache[key]
        for beat_id in beat_ids:
            mark = marks.get((beat_id, item.pk, period.start))
            result[beat_id].append(ItemState(item, period, beat_id in done, mark))
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
