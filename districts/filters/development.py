import django_filters
from django.utils.translation import gettext_lazy as _

from districts.filters.base import BeatRecordFilter, date_range
from districts.models import InspectorStudy, StudyKind


class InspectorStudyFilter(BeatRecordFilter):
    date_from, date_to = date_range("date")
    kind = django_filters.ChoiceFilter(choices=StudyKind.choices, label=_("Kind"))

    class Meta:
        model = InspectorStudy
        fields = []
