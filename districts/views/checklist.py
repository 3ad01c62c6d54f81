"""The Appendix B checklist of a beat: each item's period and whether it is done.

An item is ticked automatically by logged work (districts.checklist) or by hand with a
note. The page is read by the police; the beat's inspector (and an administrator) ticks.
"""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from districts import checklist as engine
from districts.forms.checklist import (
    EARLIEST_DAY,
    ChecklistMarkForm,
    ChecklistPeriodForm,
    ChecklistTickForm,
)
from districts.models import Beat, Cadence, ChecklistSection
from portal import periods, policy
from portal.dates import month_year
from portal.models import User
from portal.query_params import id_or_404

BEAT_RELATED = ("police_point__department__area", "inspector")


def period_label(cadence, period):
    """A period as people say it: "week of 23.11–29.11", "November 2025" ("2025 жылғы
    қараша", "ноябрь 2025 г."), "Q4 2025", "2025"."""
    if cadence == Cadence.WEEKLY:
        return _("week of %(start)s–%(end)s") % {
            "start": period.start.strftime("%d.%m"),
            "end": period.last_day.strftime("%d.%m"),
        }
    if cadence == Cadence.MONTHLY:
        return month_year(period.start)
    if cadence == Cadence.QUARTERLY:
        return _("quarter %(quarter)s of %(year)s") % {
            "quarter": periods.quarter_of(period.start).number,
            "year": period.start.year,
        }
    return _("year %(year)s") % {"year": period.start.year}


def resolve_markers(states):
    """Load who ticked by hand in one query (evaluate() does not fetch the users)."""
    marks = [state.mark for state in states if state.mark is not None]
    users = User.objects.in_bulk({mark.marked_by_id for mark in marks if mark.marked_by_id})
    for mark in marks:
        mark.marked_by = users.get(mark.marked_by_id)


def checklist_url(beat, day, anchor=""):
    query = urlencode({"beat": beat.pk, "day": day.isoformat()})
    return f"{reverse('checklist')}?{query}{'#' + anchor if anchor else ''}"


def _scoped_beats(user):
    return policy.scoped(user, Beat.objects.select_related(*BEAT_RELATED))


def _beat_from(user, raw):
    """The beat named by a request parameter, if the user may see it; else a 404."""
    beat_id = id_or_404(raw)
    return policy.get_scoped_or_404(user, Beat.objects.select_related(*BEAT_RELATED), pk=beat_id)


def _day_from(raw, today):
    """The day asked for, or today when it is malformed or out of range; never a day after
    today (no future periods)."""
    try:
        day = datetime.date.fromisoformat(raw) if raw else today
    except ValueError:
        return today
    if day < EARLIEST_DAY:
        return today
    return min(day, today)


def _navigation(beat, day, today):
    """Links to the previous and next week and month (next only up to today's period)."""
    links = []
    for cadence, previous_label, next_label in (
        (Cadence.WEEKLY, _("Previous week"), _("Next week")),
        (Cadence.MONTHLY, _("Previous month"), _("Next month")),
    ):
        current = periods.period_of(cadence, day)
        before = periods.previous_period(cadence, day)
        links.append(("previous", previous_label, checklist_url(beat, before.start)))
        if current.end <= today:
            links.append(("next", next_label, checklist_url(beat, current.end)))
    return links


def _sections(states):
    """[(section label, [row, ...])] in the order of the sections, each row an ItemState
    with the label of its period."""
    grouped = {section: [] for section in ChecklistSection}
    for state in states:
        state.period_label = period_label(state.item.cadence, state.period)
        grouped.setdefault(state.item.section, []).append(state)
    labels = dict(ChecklistSection.choices)
    return [(labels.get(key, key), rows) for key, rows in grouped.items() if rows]


@policy.guard("workspace.view")
@require_safe
def checklist_page(request):
    today = timezone.localdate()
    beats = _scoped_beats(request.user)
    beat = _beat_from(request.user, request.GET["beat"]) if "beat" in request.GET else beats.first()
    day = _day_from(request.GET.get("day"), today)
    context = {
        "beat": beat,
        "day": day,
        "today": today,
        "can_write": policy.may(request.user, "workspace.record"),
    }
    if beat is not None:
        states = engine.evaluate([beat.pk], day=day)[beat.pk]
        resolve_markers(states)
        context.update(
            form=ChecklistPeriodForm(initial={"beat": beat.pk, "day": day}, beats=beats),
            sections=_sections(states),
            done=sum(state.done for state in states),
            total=len(states),
            navigation=_navigation(beat, day, today),
            today_url=checklist_url(beat, today),
        )
    return render(request, "districts/checklist/checklist.html", context)


def _mark_request(request, form_class):
    """The beat (in scope, else 404) and the bound form of a tick or untick."""
    beat = _beat_from(request.user, request.POST.get("beat"))
    return beat, form_class(request.POST)


def _back(beat, form):
    """Back to the checklist page of the beat and period, at the item."""
    cleaned = getattr(form, "cleaned_data", {})
    item = cleaned.get("item")
    anchor = f"item-{item.pk}" if item else ""
    return redirect(checklist_url(beat, cleaned.get("day") or timezone.localdate(), anchor))


def _refuse(request, form):
    errors = [str(error) for errors in form.errors.values() for error in errors]
    messages.error(request, _("The tick was not saved: %(errors)s") % {"errors": " ".join(errors)})


@policy.guard("workspace.record")
def checklist_tick(request):
    """Tick an item by hand for a beat and a period, with a required note."""
    if request.method != "POST":
        return redirect("checklist")
    beat, form = _mark_request(request, ChecklistTickForm)
    if form.is_valid():
        form.save(beat=beat, user=request.user)
        messages.success(request, _("The item is ticked."))
    else:
        _refuse(request, form)
    return _back(beat, form)


@policy.guard("workspace.record")
def checklist_untick(request):
    """Remove a hand tick (an automatic tick follows the logged work and cannot be removed)."""
    if request.method != "POST":
        return redirect("checklist")
    beat, form = _mark_request(request, ChecklistMarkForm)
    if form.is_valid():
        deleted, _details = form.existing(beat).delete()
        if deleted:
            messages.success(request, _("The tick is removed."))
    else:
        _refuse(request, form)
    return _back(beat, form)
