import django_filters
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from districts.filters.base import BeatRecordFilter, ListDefaultsMixin, OrderFilter, date_range
from districts.models import (
    Meeting,
    MeetingKind,
    MeetingStatus,
    Moderation,
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


# New proposals (nobody has acted on them yet) before the others.
NEW_FIRST = Case(
    When(status=ProposalStatus.NEW, then=Value(0)), default=Value(1), output_field=IntegerField()
)


class ProposalFilter(ListDefaultsMixin, BeatRecordFilter):
    """Opens on the new proposals first, the newest first; then the others, newest first."""

    defaults = {"order": "new"}
    default_note = _("Shown first: new proposals, the newest at the top.")

    recorded_from, recorded_to = date_range("created_at__date")
    status = django_filters.ChoiceFilter(choices=ProposalStatus.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=ProposalKind.choices, label=_("Kind"))
    source = django_filters.ChoiceFilter(choices=ProposalSource.choices, label=_("Source"))
    moderation = django_filters.ChoiceFilter(
        choices=Moderation.choices, label=_("Publication"), method="filter_moderation"
    )
    order = OrderFilter(
        {
            "new": (_("New first"), (NEW_FIRST.asc(), "-created_at", "-pk")),
            "-created": (_("Newest first"), ("-created_at", "-pk")),
            "created": (_("Oldest first"), ("created_at", "pk")),
        }
    )

    class Meta:
        model = Proposal
        fields = []

    def filter_moderation(self, queryset, name, value):
        # Moderation is a question about texts sent from the beat's page only.
        if value:
            return queryset.filter(source=ProposalSource.RESIDENT_SITE, moderation=value)
        return queryset
