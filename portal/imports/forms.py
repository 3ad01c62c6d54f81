"""The upload form of an import: a CSV or XLSX file, not empty, within the import's limits.

The checks that need no parsing run here, before a job is made: the size and, for an XLSX
file, what its package says of itself (part sizes and packing, the sheet's declared width),
so a file built to exhaust a worker is refused on the upload page at once, with its reason.
"""

from pathlib import Path

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.imports.errors import ImportFileError

ACCEPTED_SUFFIXES = (".csv", ".xlsx")
MB = 1024 * 1024


class ImportUploadForm(forms.Form):
    """Subclasses set `spec` (the ImportSpec) and the field's `label`; the help text names
    the import's size limit."""

    spec = None
    label = None
    help_text = _(
        "CSV in UTF-8 (columns separated by “;” or “,”) or XLSX, up to %(size)s MB, with a "
        "header row. Nothing is written until you have seen the check and confirmed it."
    )

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
        self.max_bytes = self.spec.limits.max_bytes
        self.fields["file"].label = self.label
        self.fields["file"].help_text = self.help_text % {"size": self.max_bytes // MB}
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
                params={"limit": self.max_bytes // MB},
            )
        if upload.size == 0:
            raise ValidationError(_("The file is empty."), code="empty")
        upload.seek(0)
        content = upload.read()
        try:
            self.spec.inspect(content, upload.name)
        except ImportFileError as error:
            raise ValidationError(str(error), code=error.code) from error
        self.content = content
        return upload
