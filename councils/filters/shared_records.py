"""Search and filters for partner organisations and joint actions."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from councils.forms.partners import shared_beats
from councils.models import Campaign, JointAction, PartnerKind, PartnerOrganization
from districts.filters.base import BeatChoiceFilter, date_range
from districts.models import Beat


def _beats(request):
    if request is None:
        return Beat.objects.none()
    return shared_beats(request.user)


class SearchFilter(django_filters.FilterSet):
    """A free-text search over `search_fields`, and the beats of the user's areas."""

    search_fields = ()

    q = django_filters.CharFilter(method="search", label=_("Search"))
    # A drop-down of a few beats, a box for the beat's code when the areas hold many.
    beat = BeatChoiceFilter(queryset=_beats, field_name="beats", distinct=True)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)


class PartnerFilter(SearchFilter):
    search_fields = ("name", "contact_person", "helps_with")

    kind = django_filters.ChoiceFilter(choices=PartnerKind.choices, label=_("Kind"))

    class Meta:
        model = PartnerOrganization
        fields = []


class JointActionFilter(SearchFilter):
    # Both languages of the title and the place, whichever the user reads.
    search_fields = ("title_kk", "title_ru", "place_kk", "place_ru", "results")

    campaign = django_filters.ModelChoiceFilter(
        queryset=Campaign.objects.order_by("name"), label=_("Campaign")
    )
    is_public = django_filters.BooleanFilter(
        label=_("Announced to residents"),
        widget=forms.Select(choices=[("", "—"), ("true", _("yes")), ("false", _("no"))]),
    )
    starts_from, starts_to = date_range("starts_at__date")

    class Meta:
        model = JointAction
        fields = []
