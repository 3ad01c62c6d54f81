from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _


class BeatSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Street, street and house, or beat number"),
        max_length=100,
        required=False,
        widget=forms.TextInput(
            attrs={
                "placeholder": _("e.g. Abai 45 or 12"),
                "autocomplete": "street-address",
                "inputmode": "search",
                "type": "search",
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_id = "beat-search"
        self.helper.layout = Layout(Field("q", css_class="form-control-lg"))
        self.helper.add_input(Submit("", _("Find my beat"), css_class="btn-lg w-100"))
