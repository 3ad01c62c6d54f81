"""Forms of the resident site: the beat search, the calendar's and the archive's filters, a
problem or a suggestion sent to the inspector and an e-mail subscription.

The submission and the subscription carry a honeypot (portal.public_forms).
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from districts.models import Area, Beat, SubmissionKind
from districts.services import submissions
from portal.public_forms import TEXT_MAX_LENGTH, TEXT_MIN_LENGTH, HoneypotForm, clean_contact
from portal.widgets import QuickSelect


class ResidentSubmissionForm(HoneypotForm):
    """A problem (registered as an appeal with a legal term) or a suggestion (a proposal)."""

    kind = forms.ChoiceField(
        label=_("What would you like to do?"),
        choices=[
            (SubmissionKind.PROBLEM, _("Report a problem or make a complaint")),
            (SubmissionKind.SUGGESTION, _("Suggest something")),
        ],
        initial=SubmissionKind.PROBLEM,
        widget=forms.RadioSelect,
        help_text=_(
            "A problem is registered as an appeal and answered within 15 working days. "
            "A suggestion is considered by the inspector and, once checked, may be published "
            "on the beat's page without your name."
        ),
    )
    text = forms.CharField(
        label=_("Describe the problem or your suggestion"),
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
        help_text=_(
            "Optional. Seen by the police only, never published. "
            "An e-mail address receives the link to follow your submission and the answer."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._helper("kind", "text", "name", "contact")

    def clean_contact(self):
        return clean_contact(self.cleaned_data.get("contact"))

    def save(self, *, beat):
        """Register the submission for the inspector of `beat`; returns it with its reference."""
        return submissions.submission_receive(
            beat=beat,
            kind=self.cleaned_data["kind"],
            text=self.cleaned_data["text"],
            name=self.cleaned_data["name"],
            contact=self.cleaned_data["contact"],
            language=translation.get_language(),
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


class BeatSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Street, street and house, or beat number"),
        max_length=100,
        required=False,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "street-address",
                "inputmode": "search",
                "type": "search",
            }
        ),
    )

    def __init__(self, *args, example=None, **kwargs):
        """`example`: a query that finds a beat of the data (`beat_search_example`), shown
        under the field and as its placeholder."""
        super().__init__(*args, **kwargs)
        if example:
            self.fields["q"].widget.attrs["placeholder"] = example["query"]
            # Crispy forms prints help text as HTML: the street name is escaped here.
            self.fields["q"].help_text = _(
                "For example: “%(query)s” or the beat number %(number)s."
            ) % {"query": escape(example["query"]), "number": example["number"]}
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_id = "beat-search"
        self.helper.attrs = {"novalidate": ""}  # the server's messages only
        self.helper.layout = Layout(Field("q", css_class="form-control-lg"))
        self.helper.add_input(Submit("", _("Find my beat"), css_class="btn-lg w-100"))

    def clean_q(self):
        query = " ".join(self.cleaned_data["q"].split())
        # Punctuation alone ("%_", "?!") names no street, house or beat.
        if query and not any(ch.isalnum() for ch in query):
            raise ValidationError(
                _("Type a street name (with the house number if you like) or a beat number."),
                code="no_letters",
            )
        return query


class EventFilterForm(forms.Form):
    """An area drop-down and a beat by its code (a country has thousands of beats: no list of
    them all on a page that every resident opens). A beat says its area."""

    area = forms.ModelChoiceField(
        queryset=Area.objects.order_by("name"),
        required=False,
        label=_("Area"),
        empty_label="—",
        widget=QuickSelect,
    )
    beat = forms.SlugField(
        label=_("Beat code"),
        required=False,
        max_length=Beat._meta.get_field("code").max_length,
    )

    def clean_beat(self):
        code = self.cleaned_data.get("beat")
        if not code:
            return None
        beat = (
            Beat.objects.select_related("police_point__department__area").filter(code=code).first()
        )
        if beat is None:
            raise ValidationError(_("There is no beat with this code."), code="unknown")
        return beat

    def clean(self):
        cleaned = super().clean()
        beat, area = cleaned.get("beat"), cleaned.get("area")
        if beat is not None:
            beat_area = beat.police_point.department.area
            if area is not None and area != beat_area:
                self.add_error("beat", _("This beat is not in the chosen area."))
            else:
                cleaned["area"] = beat_area
        return cleaned


class PastEventFilterForm(forms.Form):
    """The archive's filter: an area, and a beat by its number in that area (a country has
    thousands of beats: no list of them all)."""

    area = forms.ModelChoiceField(
        queryset=Area.objects.order_by("name"),
        required=False,
        label=_("Area"),
        empty_label="—",
        widget=QuickSelect,
    )
    beat = forms.IntegerField(
        label=_("Beat number"),
        required=False,
        min_value=1,
        max_value=99999,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def clean(self):
        cleaned = super().clean()
        number, area = cleaned.get("beat"), cleaned.get("area")
        cleaned["beat_ids"] = None
        if number is not None:
            if area is None:
                self.add_error("area", _("Choose the area of the beat."))
            else:
                beats = Beat.objects.filter(police_point__department__area=area, number=number)
                cleaned["beat_ids"] = list(beats.values_list("pk", flat=True))
        return cleaned
