import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.filters.base import BeatRecordFilter, date_range
from districts.models import TrustCase, WorkPlanItem, WorkPlanStatus

# Work plan items that no longer need doing.
CLOSED_STATUSES = (WorkPlanStatus.DONE, WorkPlanStatus.CANCELLED)


def open_plan_items(queryset):
    return queryset.exclude(status__in=CLOSED_STATUSES)


def overdue_plan_items(queryset, today=None):
    return open_plan_items(queryset).filter(due_on__lt=today or timezone.localdate())


class TrustCaseFilter(BeatRecordFilter):
    date_from, date_to = date_range("date")

    class Meta:
        model = TrustCase
        fields = []


class WorkPlanItemFilter(BeatRecordFilter):
    due_from, due_to = date_range("due_on")
    status = django_filters.ChoiceFilter(choices=WorkPlanStatus.choices, label=_("Status"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue only"))

    class Meta:
        model = WorkPlanItem
        fields = []

    def filter_overdue(self, queryset, name, value):
        if value:
            return overdue_plan_items(queryset)
        return queryset
