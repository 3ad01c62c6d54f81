"""Filters of the training list, the duty log and the commission decisions."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from districts.filters.base import BeatChoiceFilter, date_range
from volunteers.models import (
    Assistant,
    CommissionDecision,
    CommissionLevel,
    Duty,
    ParticipationForm,
    Training,
    TrainingKind,
)


def _name_filter(prefix=""):
    def filter_name(queryset, name, value):
        condition = Q()
        for word in value.split():
            condition &= (
                Q(**{f"{prefix}last_name__icontains": word})
                | Q(**{f"{prefix}first_name__icontains": word})
                | Q(**{f"{prefix}middle_name__icontains": word})
            )
        return queryset.filter(condition)

    return filter_name


class TrainingFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=TrainingKind.choices, label=_("Kind"))
    date_from, date_to = date_range("date")
    attendee = django_filters.CharFilter(method="filter_attendee", label=_("Attendee's name"))

    class Meta:
        model = Training
        fields = []

    def filter_attendee(self, queryset, name, value):
        matching = _name_filter()(Assistant.objects.all(), name, value)
        return queryset.filter(attendees__in=matching).distinct()


class DutyFilter(django_filters.FilterSet):
    assistant_name = django_filters.CharFilter(
        method=lambda qs, name, value: _name_filter("assistant__")(qs, name, value),
        label=_("Assistant's name"),
    )
    beat = BeatChoiceFilter()
    kind = django_filters.ChoiceFilter(choices=ParticipationForm.choices, label=_("Kind"))
    date_from, date_to = date_range("date")

    class Meta:
        model = Duty
        fields = []


class CommissionDecisionFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=CommissionLevel.choices, label=_("Commission"))
    date_from, date_to = date_range("date")

    class Meta:
        model = CommissionDecision
        fields = []
