from django import forms

from districts.forms.base import BeatRecordForm
from districts.models import Appeal, ServiceRecord


class AppealForm(BeatRecordForm):
    class Meta:
        model = Appeal
        fields = [
            "beat",
            "channel",
            "received_on",
            "due_on",
            "subject",
            "details",
            "status",
            "answer",
            "answered_on",
            "internal_note",
        ]
        widgets = {"internal_note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The legal answer period is filled in when left empty.
        self.fields["due_on"].required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("received_on") and not cleaned.get("due_on"):
            cleaned["due_on"] = Appeal.default_due(cleaned["received_on"])
        return cleaned


class ServiceRecordForm(BeatRecordForm):
    class Meta:
        model = ServiceRecord
        fields = ["beat", "date", "kind", "count", "note"]
