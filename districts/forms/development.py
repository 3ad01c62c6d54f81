"""The inspector's trainings and studies of digital services."""

from django import forms

from districts.forms.base import BeatRecordForm
from districts.models import InspectorStudy


class InspectorStudyForm(BeatRecordForm):
    class Meta:
        model = InspectorStudy
        fields = ["beat", "kind", "date", "topic", "organiser", "hours", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
