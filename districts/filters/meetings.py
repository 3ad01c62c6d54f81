import django_filters
from django.utils.translation import gettext_lazy as _

from districts.filters.base import BeatRecordFilter, date_range
from districts.models import (
    Meeting,
    MeetingKind,
    MeetingStatus,
    Proposal,
    ProposalKind,
    ProposalSource,
    ProposalStatus,
)


class MeetingFilter(BeatRecordFilter):
    # Compare the local calendar day, so "to" includes meetings held on that day.
    held_from, held_to = date_range("held_at__date")
    kind = django_filters.ChoiceFilter(choices=MeetingKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices, label=_("Status"))

    class Meta:
        model = Meeting
        fields = []


class ProposalFilter(BeatRecordFilter):
    recorded_from, recorded_to = date_range("created_at__date")
    status = django_filters.ChoiceFilter(choices=ProposalStatus.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=ProposalKind.choices, label=_("Kind"))
    source = django_filters.ChoiceFilter(choices=ProposalSource.choices, label=_("Source"))

    class Meta:
        model = Proposal
        fields = []
