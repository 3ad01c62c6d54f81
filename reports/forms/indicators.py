"""The targets of the effectiveness indicators of an area: one optional field each."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from reports.models import Indicator
from reports.models.indicators import check_target

HELP = {
    Indicator.RESIDENTS_REACHED: _(
        "Per inspector and quarter: meeting attendance plus "
        "apartments and houses visited on rounds."
    ),
    Indicator.OFFENCES: _(
        "At most this share of the same quarter last year: 90 means a tenth fewer offences."
    ),
}


class TargetField(forms.DecimalField):
    """A target as typed: a decimal comma is accepted."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".").replace(" ", "").replace("%", "")
        return super().to_python(value)


class TargetsForm(forms.Form):
    """Blank means no target: the indicator is shown without colour."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for indicator in Indicator:
            self.fields[indicator.value] = TargetField(
                label=indicator.label,
                required=False,
                max_digits=7,
                decimal_places=1,
                help_text=HELP.get(indicator, _("In per cent, from 0 to 100.")),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page's <form> carries the token

    def clean(self):
        cleaned = super().clean()
        for indicator in Indicator:
            problem = check_target(indicator, cleaned.get(indicator.value))
            if problem:
                self.add_error(indicator.value, problem)
        return cleaned

    def targets(self):
        """{indicator code: Decimal or None} once the form is valid."""
        return {indicator.value: self.cleaned_data.get(indicator.value) for indicator in Indicator}
