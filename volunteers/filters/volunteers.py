"""Filters for the lists of volunteers, volunteer groups and their activities."""

import django_filters
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.filters.base import date_range
from districts.models import Area
from portal import policy
from portal.text_search import text_contains
from volunteers.models import Volunteer, VolunteerActivity, VolunteerActivityKind, VolunteerGroup
from volunteers.models.volunteer import ADULT_AGE, PARENTAL_CONSENT_BELOW


def scoped_areas(request):
    if request is None:
        return Area.objects.none()
    return policy.scoped(request.user, Area.objects.all())


def scoped_groups(request):
    if request is None:
        return VolunteerGroup.objects.none()
    return policy.scoped(request.user, VolunteerGroup.objects.all())


def filter_kind(queryset, name, value):
    """Records whose list of kinds holds `value`.

    JSON containment is not portable (SQLite lacks it), so the list is read as its JSON
    text, where each kind is a quoted word: `["social", "raids"]`.
    """
    if not value:
        return queryset
    return queryset.alias(kinds_text=Cast("kinds", TextField())).filter(
        kinds_text__contains=f'"{value}"'
    )


def years_before(day, years):
    """The latest birth date of a person who is `years` old on `day`."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


class AgeGroup:
    UNDER_14 = "under14"
    TEEN = "14to17"
    ADULT = "adult"
    CHOICES = (
        (UNDER_14, _("under 14")),
        (TEEN, _("14–17")),
        (ADULT, _("adult")),
    )


def age_group_q(value, today=None):
    today = today or timezone.localdate()
    born_14 = years_before(today, PARENTAL_CONSENT_BELOW)  # 14 today if born on or before
    born_18 = years_before(today, ADULT_AGE)
    if value == AgeGroup.UNDER_14:
        return Q(birth_date__gt=born_14)
    if value == AgeGroup.TEEN:
        return Q(birth_date__gt=born_18, birth_date__lte=born_14)
    if value == AgeGroup.ADULT:
        return Q(birth_date__lte=born_18)
    return Q()


class VolunteerFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(method="filter_name", label=_("Surname or name"))
    area = django_filters.ModelChoiceFilter(queryset=scoped_areas, label=_("Area"))
    group = django_filters.ModelChoiceFilter(queryset=scoped_groups, label=_("Group"))
    kind = django_filters.ChoiceFilter(
        choices=VolunteerActivityKind.choices, method="filter_kind", label=_("Kind of activity")
    )
    age = django_filters.ChoiceFilter(
        choices=AgeGroup.CHOICES, method="filter_age", label=_("Age group")
    )

    class Meta:
        model = Volunteer
        fields = []

    def filter_name(self, queryset, name, value):
        return queryset.filter(text_contains(("last_name", "first_name"), value))

    def filter_kind(self, queryset, name, value):
        return filter_kind(queryset, name, value)

    def filter_age(self, queryset, name, value):
        return queryset.filter(age_group_q(value))


class VolunteerGroupFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(method="filter_name", label=_("Name"))
    area = django_filters.ModelChoiceFilter(queryset=scoped_areas, label=_("Area"))
    kind = django_filters.ChoiceFilter(
        choices=VolunteerActivityKind.choices, method="filter_kind", label=_("Kind of activity")
    )

    class Meta:
        model = VolunteerGroup
        fields = []

    def filter_name(self, queryset, name, value):
        return queryset.filter(text_contains(("name", "contact_person"), value))

    def filter_kind(self, queryset, name, value):
        return filter_kind(queryset, name, value)


class Party:
    VOLUNTEERS = "volunteers"
    GROUPS = "groups"
    CHOICES = ((VOLUNTEERS, _("Volunteers")), (GROUPS, _("Groups")))


class VolunteerActivityFilter(django_filters.FilterSet):
    date_from, date_to = date_range("date")
    kind = django_filters.ChoiceFilter(choices=VolunteerActivityKind.choices, label=_("Kind"))
    area = django_filters.ModelChoiceFilter(queryset=scoped_areas, label=_("Area"))
    party = django_filters.ChoiceFilter(
        choices=Party.CHOICES, method="filter_party", label=_("Who took part")
    )

    class Meta:
        model = VolunteerActivity
        fields = []

    def filter_party(self, queryset, name, value):
        if value == Party.VOLUNTEERS:
            return queryset.filter(volunteer__isnull=False)
        if value == Party.GROUPS:
            return queryset.filter(group__isnull=False)
        return queryset
