"""Forms of the resident site: a proposal to the inspector and an e-mail subscription.

Both carry a honeypot: a field people never see (hidden from sight and from screen
readers, out of the Tab order) that simple bots fill in. A filled honeypot is answered
as a success and nothing is saved, so the bot learns nothing.
"""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from districts.models import Proposal, ProposalKind, ProposalSource, ProposalStatus

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


class ResidentProposalForm(HoneypotForm):
    text = forms.CharField(
        label=_("Your proposal or the problem you see"),
        min_length=TEXT_MIN_LENGTH,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For example: a dark yard, a dangerous crossing, noise at night."),
    )
    name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=200,
        help_text=_("Optional."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact = forms.CharField(
        label=_("Phone or e-mail for an answer"),
        required=False,
        max_length=200,
        help_text=_("Optional. Seen by the police only, never published."),
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._helper("text", "name", "contact")

    def clean_contact(self):
        return clean_contact(self.cleaned_data.get("contact"))

    def save(self, *, beat):
        """The proposal, for the inspector of `beat`: new, from the site, no meeting."""
        return Proposal.objects.create(
            beat=beat,
            meeting=None,
            source=ProposalSource.RESIDENT_SITE,
            kind=ProposalKind.PROPOSAL,
            status=ProposalStatus.NEW,
            text=self.cleaned_data["text"],
            resident_name=self.cleaned_data["name"],
            resident_contact=self.cleaned_data["contact"],
        )


class SubscriptionForm(HoneypotForm):
    email = forms.EmailField(
        label=_("Your e-mail"),
        max_length=254,
        help_text=_("We will send a link to confirm the subscription."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._helper("email")
