"""When the inspector may submit a quarter's report: in the quarter's last days or after it.

A report tells residents what came of a quarter, so it cannot go to review half-way through
it with the statistics still empty. The submission opens `REPORT_SUBMIT_DAYS_BEFORE_END`
days before the quarter ends (10 by default: on 21 September for the third quarter, whose
last day is 30 September) and stays open afterwards, for a report written after the fact.
With 0 it opens on the first day after the quarter.

Days are the portal's local dates (portal.periods).
"""

import datetime

from django.conf import settings
from django.utils import dateformat, timezone
from django.utils.translation import gettext, ngettext

from portal.periods import Quarter


def days_before_end() -> int:
    return settings.REPORT_SUBMIT_DAYS_BEFORE_END


def opens_on(quarter: Quarter) -> datetime.date:
    """The first day on which a report of `quarter` may be submitted."""
    opening = quarter.end - datetime.timedelta(days=days_before_end())
    return max(opening, quarter.start)


def is_open(quarter: Quarter, today: datetime.date | None = None) -> bool:
    return (today or timezone.localdate()) >= opens_on(quarter)


def too_early(quarter: Quarter) -> str:
    """Why a report of `quarter` cannot be submitted yet, in the active language. The date is
    day-first (09.12.2026) whatever the language."""
    days = days_before_end()
    if days == 0:
        return gettext(
            "The report for %(quarter)s can be submitted once the quarter has ended, from %(date)s."
        ) % {"quarter": quarter.label, "date": dateformat.format(opens_on(quarter), "d.m.Y")}
    return ngettext(
        "The report for %(quarter)s can be submitted from %(date)s: on the last %(days)s day "
        "of the quarter or after it ends, when its figures are in.",
        "The report for %(quarter)s can be submitted from %(date)s: in the last %(days)s days "
        "of the quarter or after it ends, when its figures are in.",
        days,
    ) % {
        "quarter": quarter.label,
        "date": dateformat.format(opens_on(quarter), "d.m.Y"),
        "days": days,
    }
