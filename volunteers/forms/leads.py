"""The public interest form ("call me back about becoming an assistant or volunteer") and
the police's answers to an interest.

The public form asks for a name and a phone or e-mail only. It never asks for an IIN or a
birth date (the application to the police does, in person), and it refuses a valid IIN
typed into any of its fields, so none reaches the portal from the public site by mistake.
"""

import re

from crispy_forms.layout import Field
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from districts.models import Beat
from portal.public_forms import TEXT_MAX_LENGTH, HoneypotForm, clean_contact
from volunteers.forms.assistants import HelperMixin
from volunteers.iin import parse_iin
from volunteers.models import LeadKind

TWELVE_DIGITS = re.compile(r"(?<!\d)\d{12}(?!\d)")
NO_IIN = _(
    "Please do not send your IIN here: the police ask for your documents when you apply in person."
)


def contains_iin(text: str) -> bool:
    """Whether `text` holds a valid IIN (12 digits with a right check digit), spaces and
    dashes between the digits ignored."""
    squeezed = re.sub(r"(?<=\d)[\s\-]+(?=\d)", "", text or "")
    for candidate in TWELVE_DIGITS.findall(squeezed):
        try:
            parse_iin(candidate)
        except ValidationError:
            continue
        return True
    return False


def _refuse_iin(value):
    if contains_iin(value):
        raise ValidationError(NO_IIN, code="iin")
    return value


class InterestForm(HoneypotForm):
    kind = forms.ChoiceField(
        label=_("I would like to become"),
        choices=LeadKind.choices,
        widget=forms.RadioSelect,
        initial=LeadKind.ASSISTANT,
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact = forms.CharField(
        label=_("Phone or e-mail"),
        max_length=200,
        help_text=_("The police call or write to you here. Seen by the police only."),
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    residence = forms.CharField(
        label=_("Your street (or beat number)"),
        required=False,
        max_length=200,
        help_text=_(
            "Optional. Street and house, or the number of your beat: your district "
            "inspector calls you back."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    message = forms.CharField(
        label=_("Anything you would like to add"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        help_text=_("Optional. For example, when it is convenient to call you."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_("I agree that the police contact me about this by phone or e-mail"),
    )
    # The beat the resident came from (its page links here); checked against the area.
    beat = forms.CharField(required=False, max_length=32, widget=forms.HiddenInput)

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area
        self.helper = self._helper(
            Field("kind"), "name", "contact", "residence", "message", "consent", "beat"
        )

    def clean_name(self):
        return _refuse_iin(" ".join(self.cleaned_data["name"].split()))

    def clean_contact(self):
        value = self.cleaned_data.get("contact")
        if contains_iin(value):
            raise ValidationError(NO_IIN, code="iin")
        contact = clean_contact(value)
        if not contact:
            raise ValidationError(_("Enter a phone number or an e-mail address."), code="contact")
        return contact

    def clean_residence(self):
        return _refuse_iin(" ".join(self.cleaned_data["residence"].split()))

    def clean_message(self):
        return _refuse_iin(self.cleaned_data["message"].strip())

    def clean_beat(self):
        """The beat of the area with this code, or None (a code of another area is ignored)."""
        code = (self.cleaned_data.get("beat") or "").strip()
        if not code:
            return None
        return Beat.objects.filter(code=code, police_point__department__area=self.area).first()


class LeadNoteForm(HelperMixin, forms.Form):
    """Contacted: what was agreed, optionally."""

    note = forms.CharField(
        label=_("What was agreed"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class LeadDeclineForm(LeadNoteForm):
    """Declined: the reason is required."""

    note = forms.CharField(
        label=_("Reason"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: changed their mind, under 18, could not be reached."),
    )
