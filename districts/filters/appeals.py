import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.filters.base import BeatRecordFilter, date_range
from districts.models import Appeal, AppealChannel, AppealStatus, ServiceKind, ServiceRecord


class AppealFilter(BeatRecordFilter):
    received_from, received_to = date_range("received_on")
    channel = django_filters.ChoiceFilter(choices=AppealChannel.choices, label=_("Channel"))
    status = django_filters.ChoiceFilter(choices=AppealStatus.choices, label=_("Status"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue only"))
    due_today = django_filters.BooleanFilter(
        method="filter_due_today", label=_("Open and due today")
    )

    class Meta:
        model = Appeal
        fields = []

    def filter_overdue(self, queryset, name, value):
        if value:
            return queryset.overdue()
        return queryset

    def filter_due_today(self, queryset, name, value):
        if value:
            return queryset.open().filter(due_on=timezone.localdate())
        return queryset


class ServiceRecordFilter(BeatRecordFilter):
    date_from, date_to = date_range("date")
    kind = django_filters.ChoiceFilter(choices=ServiceKind.choices, label=_("Kind"))

    class Meta:
        model = ServiceRecord
        fields = []
