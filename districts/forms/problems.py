"""Problem places of a beat and the measures taken about them."""

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from districts.forms.base import BeatRecordForm
from districts.models import ProblemMeasure, ProblemSpot, ProblemStatus

COORDINATE_PLACES = Decimal("0.000001")


class CoordinateField(forms.DecimalField):
    """A coordinate as copied from a map: a comma is accepted and extra decimals are rounded
    to the six the database keeps (about 10 cm)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        value = super().to_python(value)
        # Out-of-range values are left for the validators to refuse.
        if value is not None and value.is_finite() and abs(value) < 1000:
            value = value.quantize(COORDINATE_PLACES, rounding=ROUND_HALF_UP)
        return value


class ProblemSpotForm(BeatRecordForm):
    class Meta:
        model = ProblemSpot
        fields = [
            "beat",
            "kind",
            "address",
            "latitude",
            "longitude",
            "description",
            "status",
            "resolved_on",
        ]
        field_classes = {"latitude": CoordinateField, "longitude": CoordinateField}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "latitude": _("Optional, for the plan of the beat. For example 43.238949."),
            "longitude": _("Optional, for the plan of the beat. For example 76.889709."),
            "resolved_on": _("Required when the status is “Resolved”."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("latitude", "longitude"):
            if name in self.fields:
                self.fields[name].widget.attrs.update(step="any", inputmode="decimal")

    def clean(self):
        cleaned = super().clean()
        # A place that is open again has no resolution date.
        if cleaned.get("status") and cleaned["status"] != ProblemStatus.RESOLVED:
            cleaned["resolved_on"] = None
        return cleaned


class ProblemMeasureForm(BeatRecordForm):
    """A measure taken about a place; the place comes from the page, not from the form."""

    class Meta:
        model = ProblemMeasure
        fields = ["date", "description", "is_submission", "sent_to"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
