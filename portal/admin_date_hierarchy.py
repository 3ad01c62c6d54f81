"""The admin's date hierarchy refuses a date outside the calendar like any other bad filter.

Django 5.2 turns `?<field>__year=` (with `__month`, `__day`) into a range of dates and
catches only ValueError there, so a year of 9999 (its end falls in year 10000), a year of 1
(its start falls before year 1 in UTC) or a number past a C long answered 500 (Django
ticket #37357, fixed in a later Django). A ModelAdmin with a `date_hierarchy` takes
`BoundedDateHierarchy`: such a query is then an IncorrectLookupParameters, which the
changelist answers as it does every bad filter, with a redirect to `?e=1`.
"""

import datetime

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList

# The parts of a date the hierarchy reads, and the numbers each may be. A year one short of
# the calendar's ends on both sides: its range is computed, and converted to UTC.
PARTS = {
    "year": (datetime.MINYEAR + 1, datetime.MAXYEAR - 1),
    "month": (1, 12),
    "day": (1, 31),
}


def check_date_hierarchy(params, field):
    """Raise IncorrectLookupParameters where a part of the hierarchy's date is a number out of
    its range. `params` are the changelist's filter parameters (lists, the last value read);
    what is not a number at all Django refuses itself."""
    for part, (low, high) in PARTS.items():
        values = params.get(f"{field}__{part}")
        if not values:
            continue
        try:
            number = int(values[-1])
        except ValueError:
            continue
        if not low <= number <= high:
            raise IncorrectLookupParameters(f"{field}__{part} out of range: {values[-1]!r}")


class BoundedDateHierarchyChangeList(ChangeList):
    def get_filters(self, request):
        if self.date_hierarchy:
            check_date_hierarchy(self.get_filters_params(), self.date_hierarchy)
        return super().get_filters(request)


class BoundedDateHierarchy:
    """ModelAdmin mixin: the changelist refuses a date hierarchy's out-of-range date."""

    def get_changelist(self, request, **kwargs):
        return BoundedDateHierarchyChangeList
