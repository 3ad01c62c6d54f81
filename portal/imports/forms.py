"""The upload form of an import: a CSV or XLSX file, not empty, within the import's size."""

from pathlib import Path

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ACCEPTED_SUFFIXES = (".csv", ".xlsx")


class ImportUploadForm(forms.Form):
    """Subclasses set `max_bytes`, and the field's `label` and `help_text`."""

    max_bytes: int
    label = help_text = None

    file = forms.FileField(
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = self.label
        self.fields["file"].help_text = self.help_text
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page's <form> carries the token

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ACCEPTED_SUFFIXES:
            raise ValidationError(_("Upload a CSV (UTF-8) or an XLSX file."), code="type")
        if upload.size > self.max_bytes:
            raise ValidationError(
                _("The file is larger than %(limit)s MB."),
                code="size",
                params={"limit": self.max_bytes // (1024 * 1024)},
            )
        if upload.size == 0:
            raise ValidationError(_("The file is empty."), code="empty")
        return upload
