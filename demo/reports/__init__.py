"""Offence statistics and quarterly reports of every demo beat, for `manage.py seed_demo`.

For each beat it writes:

* offence statistics by category for every quarter of the year before the last completed
  quarter and of that quarter's year up to it, so every published report compares with
  the same period of the previous year (АППГ): small counts that depend on the category
  and the beat's criminogenic level, with a few categories missing in some quarters;
* the report for the last completed quarter, written by the inspector (a summary in the
  inspector's words — the figures beside it are the report's own, computed from the data,
  so it quotes none — the measures taken and the plan for the next quarter, all on the
  beat's own streets), with the next report meeting in the coming weeks, submitted by the
  inspector and published by the area's supervisor through `reports.services.publishing`
  — which renders and stores its PDF. The beats of Almaly are written and published in
  Kazakh, the others in Russian. A few beats then publish a correction (revision 2 with a
  reason) after a statistic of the quarter was corrected;
* the report for the current quarter: a draft with its texts partly written, a few of
  them complete — and submitted, so the demo supervisor has something to review, once the
  quarter's last days have come (`REPORT_SUBMIT_DAYS_BEFORE_END`); earlier in the quarter
  a report cannot be submitted yet, and they wait as complete drafts. In that window the
  demo inspector's (almaly-01) is submitted too and returned by the supervisor with comments.

So that the demo looks like work done over the weeks after the quarter ended, each step
of the workflow is taken at its own moment (the services' `now`): the report's history,
`submitted_at`, `published_at` and the date printed in the PDF all agree, and none is in
the future.

Everything is relative to today and deterministic: each beat draws from its own
`random.Random` seeded with its code. Running it again first deletes the beats' revisions
(their stored PDFs once the transaction commits), reports and statistics with their
history rows, so a second run gives the same records (the PDFs differ only in the moment
they were rendered).
"""

from django.db import transaction
from django.utils import timezone

from demo.recording import without_history
from demo.reports.workflow import CORRECTIONS, RETURNED_NOW, SUBMITTED_NOW, ReportSeed
from reports.models import OffenceStatistic, QuarterlyReport, ReportRevision

__all__ = ["CORRECTIONS", "RETURNED_NOW", "SUBMITTED_NOW", "seed_reports"]


def clear_reports(beat_ids):
    """Delete the beats' revisions, reports and statistics, with their history rows.

    Returns the names of the revisions' stored PDFs, for deletion once this commits.
    """
    revisions = ReportRevision.objects.filter(report__beat_id__in=beat_ids)
    names = [name for name in revisions.values_list("pdf", flat=True) if name]
    # The queryset's delete: ReportRevision.delete() refuses on purpose (published is final),
    # but the demo's own publications are rewritten.
    revisions.delete()
    for model in (QuarterlyReport, OffenceStatistic):
        with without_history():
            model.objects.filter(beat_id__in=beat_ids).delete()
        model.history.model.objects.filter(beat_id__in=beat_ids).delete()
    return names


def delete_files(storage, names):
    for name in names:
        storage.delete(name)


def seed_reports(beats, *, now=None):
    """Replace the statistics and reports of `beats` with fresh demo ones; return counts."""
    now = now or timezone.now()
    beats = list(
        beats.select_related("inspector", "police_point__department__area")
        .prefetch_related("streets")
        .order_by("code")
    )
    storage = ReportRevision._meta.get_field("pdf").storage
    old_files = clear_reports([beat.pk for beat in beats])
    seed = ReportSeed([beat for beat in beats if beat.streets.all()], now)
    try:
        with transaction.atomic():
            counts = seed.run()
    except BaseException:
        delete_files(storage, seed.new_files)
        raise
    # A stored file is deleted only when the database no longer needs it.
    stale = sorted(set(old_files) - set(seed.new_files))
    transaction.on_commit(lambda: delete_files(storage, stale), robust=True)
    return counts
