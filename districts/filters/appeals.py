import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.filters.base import BeatRecordFilter, ListDefaultsMixin, OrderFilter, date_range
from districts.models import Appeal, AppealChannel, AppealStatus, ServiceKind, ServiceRecord

OPEN = "open"


class AppealFilter(ListDefaultsMixin, BeatRecordFilter):
    """Opens on the open appeals, the nearest due date first: the overdue ones come first,
    then those due soonest. "All" in the status shows the answered ones too."""

    defaults = {"status": OPEN, "order": "due"}
    default_note = _("Shown first: open appeals, the nearest due date first (overdue at the top).")

    received_from, received_to = date_range("received_on")
    channel = django_filters.ChoiceFilter(choices=AppealChannel.choices, label=_("Channel"))
    status = django_filters.ChoiceFilter(
        choices=[(OPEN, _("Open (new or in work)")), *AppealStatus.choices],
        empty_label=_("All"),
        label=_("Status"),
        method="filter_status",
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue only"))
    due_today = django_filters.BooleanFilter(
        method="filter_due_today", label=_("Open and due today")
    )
    order = OrderFilter(
        {
            "due": (_("Nearest due date first"), ("due_on", "-pk")),
            "-due": (_("Latest due date first"), ("-due_on", "-pk")),
            "-received": (_("Newest received first"), ("-received_on", "-pk")),
        }
    )

    class Meta:
        model = Appeal
        fields = []

    def filter_status(self, queryset, name, value):
        if value == OPEN:
            return queryset.open()
        return queryset.filter(status=value) if value else queryset

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
