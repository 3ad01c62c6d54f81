import django_filters
from django.utils.translation import gettext_lazy as _

from districts.forms.base import DateInput
from districts.models import Beat
from portal import policy


def scoped_beats(request):
    if request is None:
        return Beat.objects.none()
    return policy.scoped(request.user, Beat.objects.select_related("police_point"))


class BeatRecordFilter(django_filters.FilterSet):
    """Filters for a beat's records; the beat choice lists the user's beats only."""

    beat = django_filters.ModelChoiceFilter(queryset=scoped_beats, label=_("Beat"))


def date_range(field_name):
    """From / to filters on a date field, with the browser's date picker."""
    return (
        django_filters.DateFilter(
            field_name=field_name, lookup_expr="gte", label=_("From"), widget=DateInput()
        ),
        django_filters.DateFilter(
            field_name=field_name, lookup_expr="lte", label=_("To"), widget=DateInput()
        ),
    )
