import django_filters
from django.utils.translation import gettext_lazy as _

from districts.filters.base import BeatRecordFilter, date_range
from districts.models import PreventiveCategory, PreventiveVisit


class PreventiveVisitFilter(BeatRecordFilter):
    date_from, date_to = date_range("date")
    category = django_filters.ChoiceFilter(choices=PreventiveCategory.choices, label=_("Category"))

    class Meta:
        model = PreventiveVisit
        fields = []
