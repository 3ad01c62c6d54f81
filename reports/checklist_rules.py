"""The Appendix B item "prepare a short report on the preventive work done" is ticked when
the beat's quarterly report for the period is published (see districts.checklist)."""

from django.db.models import Min
from django.utils.translation import gettext_lazy as _

from districts.checklist import Verdict, day_label, local_day, rule
from districts.models import AutoRule
from portal.periods import Quarter, quarter_of
from reports.models import ReportRevision


def quarters_in(period):
    """The (year, quarter) pairs that begin inside the period (one for a quarterly item)."""
    found, day = [], period.start
    while day < period.end:
        quarter = quarter_of(day)
        if quarter.start >= period.start or not found:
            found.append((quarter.year, quarter.number))
        day = quarter.end
    return found


@rule(AutoRule.REPORT_PUBLISHED, missing=_("The report for this quarter is not published yet."))
def report_published(beat_ids, period, today):
    wanted = quarters_in(period)
    rows = (
        ReportRevision.objects.filter(report__beat_id__in=beat_ids)
        .filter(report__year__in={year for year, _q in wanted})
        .filter(report__quarter__in={quarter for _y, quarter in wanted})
        .order_by()
        .values("report__beat_id", "report__year", "report__quarter")
        .annotate(first=Min("published_at"))
        .values_list("report__beat_id", "report__year", "report__quarter", "first")
    )
    found = {}
    for beat_id, year, quarter, first in rows:
        if (year, quarter) in wanted and beat_id not in found:
            found[beat_id] = Verdict(
                True,
                _("The report for %(period)s was published on %(date)s.")
                % {"period": Quarter(year, quarter).label, "date": day_label(local_day(first))},
            )
    return found
