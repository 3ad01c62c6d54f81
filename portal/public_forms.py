"""What every form of the public site shares: a trap for bots and a resident's contact.

A public form carries a honeypot: a field people never see (hidden from sight and from
screen readers, out of the Tab order) that simple bots fill in. A filled honeypot is
answered as a success and nothing is saved, so the bot learns nothing.
"""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"
TEXT_MIN_LENGTH = 10
TEXT_MAX_LENGTH = 2000
PHONE_DIGITS = (10, 15)
PHONE_CHARACTERS = re.compile(r"^\+?[\d\s()\-]+$")


class HoneypotForm(forms.Form):
    """A form with a trap field for bots; `is_spam()` tells whether it was filled."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self):
        return bool((self.data.get(self.add_prefix(HONEYPOT_FIELD)) or "").strip())

    def _helper(self, *fields):
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True  # the page's <form> carries the token
        helper.layout = Layout(
            *fields,
            # Out of sight, out of the accessibility tree and out of the Tab order.
            Div(Field(HONEYPOT_FIELD), css_class="visually-hidden", aria_hidden="true"),
        )
        return helper


def clean_contact(value):
    """A phone number or an e-mail address, as typed (spaces tidied), or a ValidationError."""
    value = " ".join((value or "").split())
    if not value:
        return ""
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValidationError(
                _("Enter a phone number or an e-mail address."), code="contact"
            ) from None
        return value
    digits = re.sub(r"\D", "", value)
    low, high = PHONE_DIGITS
    if not PHONE_CHARACTERS.match(value) or not low <= len(digits) <= high:
        raise ValidationError(_("Enter a phone number or an e-mail address."), code="contact")
    return value
