import django_filters
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from districts.filters.base import BeatRecordFilter, ListDefaultsMixin, OrderFilter
from districts.models import ProblemKind, ProblemSpot, ProblemStatus

# Open places first, then those under way, then resolved; the newest first within each.
STATUS_ORDER = Case(
    When(status=ProblemStatus.OPEN, then=Value(0)),
    When(status=ProblemStatus.IN_WORK, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
SPOT_ORDERING = (STATUS_ORDER.asc(), "-created_at", "-pk")


class ProblemSpotFilter(BeatRecordFilter):
    kind = django_filters.ChoiceFilter(choices=ProblemKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=ProblemStatus.choices, label=_("Status"))

    class Meta:
        model = ProblemSpot
        fields = []


class ProblemSpotListFilter(ListDefaultsMixin, ProblemSpotFilter):
    """The list opens on the open places, then those under way, then the resolved ones."""

    defaults = {"order": "status"}
    default_note = _("Shown first: open problem places, then those in work, the newest first.")

    order = OrderFilter(
        {
            "status": (_("Open first"), SPOT_ORDERING),
            "-created": (_("Newest first"), ("-created_at", "-pk")),
        }
    )
