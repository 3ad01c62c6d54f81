"""A realistic half-year of every demo beat's work, for `manage.py seed_demo`.

For each beat it writes the previous quarter and the current quarter up to today:
meetings with residents and the proposals raised at them, weekly door-to-door rounds,
preventive visits, problem places with their measures, appeals, consultations and help,
positive cases, the work plan and a few checklist ticks made by hand. It also plans one
or two meetings for the next three weeks and appoints three inspectors recently
(`Beat.inspector_since`) so the first-round reminder has something to show.

Everything is relative to today, so the demo always looks current, and deterministic:
each beat draws from its own `random.Random` seeded with its code. Running it again
first deletes the beats' workspace records (and the history rows of the historied
ones), so a second run on the same day gives the same data.

Texts are in Russian, like real entries of an Almaty inspector, and name nobody:
preventive visits carry a category, an address and a register number only.

The modules: `calendar` (the days of the half-year), `beat` (one beat's drawing),
`meetings` and `field` (what is drawn), `meeting_texts` and `field_texts` (the
phrases), `batch` (the bulk insert).
"""

from django.utils import timezone

from demo.dates import DAY
from demo.recording import without_history
from demo.work.batch import HISTORIED_MODELS, WORKSPACE_MODELS, Batch
from demo.work.beat import BeatWork
from demo.work.calendar import Calendar
from demo.work.field import NEW_INSPECTORS
from districts.models import Beat, ChecklistItem

__all__ = ["NEW_INSPECTORS", "clear_work", "seed_work"]


def clear_work(beat_ids):
    """Delete the workspace records of the beats and the history rows of the historied ones."""
    with without_history():
        for model in WORKSPACE_MODELS:
            model.objects.filter(beat_id__in=beat_ids).delete()
    for model in HISTORIED_MODELS:
        model.history.model.objects.filter(beat_id__in=beat_ids).delete()


def appoint_inspectors(beats, today):
    """Set `inspector_since` of the recently appointed demo inspectors; clear the others."""
    since = {
        beat.pk: today - NEW_INSPECTORS[beat.code] * DAY if beat.code in NEW_INSPECTORS else None
        for beat in beats
    }
    Beat.objects.filter(pk__in=[pk for pk, day in since.items() if day is None]).update(
        inspector_since=None
    )
    for beat in beats:
        beat.inspector_since = since[beat.pk]
        if beat.inspector_since:
            Beat.objects.filter(pk=beat.pk).update(inspector_since=beat.inspector_since)


def seed_work(beats, *, now=None):
    """Replace the workspace records of `beats` with a fresh demo half-year; return counts."""
    calendar = Calendar.at_moment(now or timezone.now())
    beats = list(
        beats.select_related("inspector", "police_point")
        .prefetch_related("streets")
        .order_by("code")
    )
    beat_ids = [beat.pk for beat in beats]
    clear_work(beat_ids)
    appoint_inspectors(beats, calendar.today)
    manual_items = list(
        ChecklistItem.objects.filter(is_active=True, auto_rule="").order_by("order", "pk")
    )
    batch = Batch()
    for beat in beats:
        if beat.streets.all():
            BeatWork(beat, calendar, batch, manual_items).draw()
    return batch.save()
