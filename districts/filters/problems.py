import django_filters
from django.utils.translation import gettext_lazy as _

from districts.filters.base import BeatRecordFilter
from districts.models import ProblemKind, ProblemSpot, ProblemStatus


class ProblemSpotFilter(BeatRecordFilter):
    kind = django_filters.ChoiceFilter(choices=ProblemKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=ProblemStatus.choices, label=_("Status"))

    class Meta:
        model = ProblemSpot
        fields = []
