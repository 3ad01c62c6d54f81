"""Filters of the assistants' register."""

import re

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.filters.base import scoped_beats
from districts.models import Area, Beat
from portal import policy
from portal.text_search import text_contains
from volunteers import due
from volunteers.models import Assistant, AssistantStatus, ParticipationForm

IIN_PATTERN = re.compile(r"\d{12}")


def scoped_areas(request):
    """The areas of the user's territory: those of their beats for the police, their own
    area or region for the akimat."""
    if request is None:
        return Area.objects.none()
    user = request.user
    of_beats = policy.scoped(user, Beat.objects.all()).values("police_point__department__area")
    areas = policy.scoped(user, Area.objects.all()).values("pk")
    return Area.objects.filter(Q(pk__in=of_beats) | Q(pk__in=areas)).order_by("name")


class AssistantFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name, registration number or full IIN"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AssistantStatus.choices)
    area = django_filters.ModelChoiceFilter(label=_("Area"), queryset=scoped_areas)
    beat = django_filters.ModelChoiceFilter(label=_("Beat"), queryset=scoped_beats)
    form = django_filters.ChoiceFilter(
        label=_("Form of participation"),
        choices=ParticipationForm.choices,
        method="with_form",
    )
    needs = django_filters.ChoiceFilter(
        label=_("Waiting for"),
        choices=[
            ("overdue", _("A step of Art. 5 overdue")),
            ("briefing", _("The Art. 7 briefing")),
            ("training", _("Legal training (none in the last year)")),
        ],
        method="waiting_for",
    )

    class Meta:
        model = Assistant
        fields = ["q", "status", "area", "beat", "form", "needs"]

    def search(self, queryset, name, value):
        """Words of the name or the registration number; an IIN only when given in full.

        A part of an IIN finds nothing: the register is not a way to guess numbers.
        """
        value = value.strip()
        compact = value.replace(" ", "").replace("-", "")
        if IIN_PATTERN.fullmatch(compact):
            return queryset.filter(iin=compact)
        fields = ("last_name", "first_name", "middle_name", "registration_number")
        return queryset.filter(text_contains(fields, value, max_words=5))

    def waiting_for(self, queryset, name, value):
        # The rules of volunteers.due, the same the start pages count.
        return queryset.filter(due.NEEDS[value](timezone.localdate()))

    def with_form(self, queryset, name, value):
        # The codes are stored as a JSON list; no code is a part of another, and the
        # quotes make the match exact on every database.
        return queryset.filter(forms__icontains=f'"{value}"')
