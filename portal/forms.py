from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from portal.models import User


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(autocomplete="username", autofocus=True)
        self.fields["password"].widget.attrs.update(autocomplete="current-password")
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}  # the server's messages only, no browser bubbles
        self.helper.add_input(Submit("submit", _("Sign in"), css_class="w-100"))


class MySettingsForm(forms.ModelForm):
    """A user's own settings: the language of their e-mail and the daily digest."""

    class Meta:
        model = User
        fields = ["language", "wants_digest"]
        widgets = {"language": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each language in its own name, as the language switcher shows them.
        self.fields["language"].choices = [
            (code, get_language_info(code)["name_local"].capitalize())
            for code, _name in settings.LANGUAGES
        ]
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))
