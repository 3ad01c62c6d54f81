"""Forms of the register's import and of the regional record."""

from django import forms
from django.utils.translation import gettext_lazy as _

from districts.models import Region
from portal.imports.forms import ImportUploadForm
from volunteers.services.registry_import import REGISTER


class RegisterImportForm(ImportUploadForm):
    spec = REGISTER
    label = _("File of the register")


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
