"""Filter of the residents' interests in the police's queue: status and kind."""

import django_filters
from django.utils.translation import gettext_lazy as _

from volunteers.models import InterestLead, LeadKind, LeadStatus


class LeadFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=LeadStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Interested in"), choices=LeadKind.choices)

    class Meta:
        model = InterestLead
        fields = ["status", "kind"]
