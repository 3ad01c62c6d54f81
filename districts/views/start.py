"""The inspector's start page: for each beat, what needs doing now.

Per beat: this period's checklist (done / total), what is overdue from the last
period, appeals due today or overdue, planned meetings of the next two weeks and the
open work plan tasks due within two weeks; plus buttons to record new work. Every
list is read in one query for all beats, so the page's query count does not grow.
"""

import datetime
from collections import defaultdict

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from districts import checklist as engine
from districts.filters.plans import open_plan_items
from districts.models import Appeal, ChecklistItem, Meeting, MeetingStatus, WorkPlanItem
from districts.views.checklist import period_label
from districts.views.plans import is_overdue
from districts.views.territory import beat_rows
from portal import policy

LOOKAHEAD = datetime.timedelta(days=14)

# Buttons to record new work: (URL name, label, icon). Forms not built yet are skipped.
QUICK_ADD = (
    ("appeal-create", _("Appeal"), "bi-envelope"),
    ("service-create", _("Consultation or help"), "bi-life-preserver"),
    ("meeting-create", _("Meeting"), "bi-people"),
    ("round-create", _("Door-to-door round"), "bi-door-open"),
    ("problem-create", _("Problem place"), "bi-exclamation-triangle"),
    ("preventive-create", _("Preventive visit"), "bi-house-heart"),
    ("trustcase-create", _("Positive case"), "bi-hand-thumbs-up"),
    ("workplan-create", _("Work plan task"), "bi-list-check"),
    ("study-create", _("Training or study"), "bi-mortarboard"),
)


def quick_add_links():
    """[(url, label, icon)] of the record forms."""
    return [(reverse(name), label, icon) for name, label, icon in QUICK_ADD]


def _by_beat(queryset):
    grouped = defaultdict(list)
    for obj in queryset:
        grouped[obj.beat_id].append(obj)
    return grouped


def _checklist_summary(beat_ids, today):
    items = list(ChecklistItem.objects.filter(is_active=True))
    current = engine.evaluate(beat_ids, day=today, items=items)
    late = engine.overdue(beat_ids, day=today, current=current, items=items)
    for states in late.values():
        for state in states:
            state.period_label = period_label(state.item.cadence, state.period)
    return current, late


def _agenda(user, beat_ids, today):
    """Appeals due today or overdue, planned meetings and open tasks of the next two weeks."""
    now = timezone.now()
    appeals = policy.scoped(
        user, Appeal.objects.open().filter(beat_id__in=beat_ids, due_on__lte=today)
    ).order_by("due_on", "pk")
    meetings = policy.scoped(
        user,
        Meeting.objects.filter(
            beat_id__in=beat_ids,
            status=MeetingStatus.PLANNED,
            held_at__gte=now,
            held_at__lt=now + LOOKAHEAD,
        ),
    ).order_by("held_at", "pk")
    tasks = policy.scoped(
        user,
        open_plan_items(WorkPlanItem.objects.filter(beat_id__in=beat_ids)).filter(
            due_on__lte=today + LOOKAHEAD
        ),
    ).order_by("due_on", "pk")
    appeals, meetings, tasks = list(appeals), list(meetings), list(tasks)
    for appeal in appeals:
        appeal.url = reverse("appeal-edit", args=[appeal.pk])
    for meeting in meetings:
        meeting.url = reverse("meeting-detail", args=[meeting.pk])
    for task in tasks:
        task.url = reverse("workplan-edit", args=[task.pk])
        task.overdue = is_overdue(task, today)
    return _by_beat(appeals), _by_beat(meetings), _by_beat(tasks)


@policy.guard("start.inspector")
@require_safe
def inspector_home(request):
    today = timezone.localdate()
    beats = list(beat_rows(request.user))
    beat_ids = [beat.pk for beat in beats]
    current, late = _checklist_summary(beat_ids, today)
    appeals, meetings, tasks = _agenda(request.user, beat_ids, today)
    checklist_url = reverse("checklist")
    for beat in beats:
        states = current[beat.pk]
        beat.checklist_done = sum(state.done for state in states)
        beat.checklist_total = len(states)
        beat.checklist_url = f"{checklist_url}?beat={beat.pk}"
        beat.checklist_overdue = late[beat.pk]
        beat.appeals_due = appeals[beat.pk]
        beat.meetings_soon = meetings[beat.pk]
        beat.tasks_soon = tasks[beat.pk]
    return render(
        request,
        "districts/inspector_home.html",
        {"beats": beats, "today": today, "quick_add": quick_add_links()},
    )
