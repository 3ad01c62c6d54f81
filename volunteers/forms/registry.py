"""Forms of the register's import and of the regional record."""

from pathlib import Path

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from districts.models import Region
from volunteers.services.registry_import import MAX_FILE_BYTES

ACCEPTED_SUFFIXES = (".csv", ".xlsx")


class RegisterImportForm(forms.Form):
    file = forms.FileField(
        label=_("File of the register"),
        help_text=_(
            "CSV in UTF-8 (columns separated by “;” or “,”) or XLSX, up to 20 MB, with a "
            "header row. Nothing is written until you have seen the check and confirmed it."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ACCEPTED_SUFFIXES:
            raise ValidationError(_("Upload a CSV (UTF-8) or an XLSX file."), code="type")
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                _("The file is larger than %(limit)s MB."),
                code="size",
                params={"limit": MAX_FILE_BYTES // (1024 * 1024)},
            )
        if upload.size == 0:
            raise ValidationError(_("The file is empty."), code="empty")
        return upload


class RegionChoiceForm(forms.Form):
    """An administrator picks the region whose record to read."""

    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.none(), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Regions are not territorial records; only administrators are offered a choice.
        self.fields["region"].queryset = (
            Region.objects.order_by("name") if user.is_administrator else Region.objects.none()
        )
        self.fields["region"].empty_label = _("All regions")
