"""Forms of the assistants' register: the application, the contact data and each step."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from districts.forms.base import DateInput
from districts.models import Beat
from portal import images, policy
from volunteers.iin import age_on, parse_iin
from volunteers.models import Assistant, DeregistrationGround, ParticipationForm
from volunteers.models.assistant import MINIMUM_AGE

PHOTO_MAX_BYTES = 2 * 1024 * 1024
DUPLICATE_IIN = _(
    "This IIN already has a registration that is not refused or ended in your territory. "
    "Find the person in the register instead of applying again."
)


def _label(name):
    return capfirst(Assistant._meta.get_field(name).verbose_name)


def _not_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(_("This date is in the future."), code="future")


class IINField(forms.CharField):
    """Twelve digits; spaces and dashes typed for readability are dropped."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("label", _label("iin"))
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "off", "pattern": r"[\d\s\-]*"}
        )

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace(" ", "").replace("-", "")

    def validate(self, value):
        super().validate(value)
        if value:
            parse_iin(value)  # a ValidationError with the reason: format, date or check digit


class IINLookupForm(forms.Form):
    """The full IIN to find in the register (sent by POST: never part of an address)."""

    iin = IINField(help_text=_("12 digits. Sent with the form, never in the page address."))


class PhotoField(images.PhotoField):
    """An optional photo, at most 2 MB, stored re-encoded without its metadata and under a
    random name (`portal.images`).

    A plain file input: the current photo is never linked from the media folder.
    """

    widget = forms.FileInput

    @property
    def max_bytes(self):
        return PHOTO_MAX_BYTES

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _label("photo"))
        kwargs.setdefault(
            "help_text", _("Optional. A JPEG or PNG portrait for the certificate, up to 2 MB.")
        )
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp")


class FormsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", ParticipationForm.choices)
        kwargs.setdefault("label", _label("forms"))
        super().__init__(**kwargs)


class HelperMixin:
    def _helper(self):
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


def beat_choices(queryset):
    return queryset.select_related("police_point__department__area")


def _beat_label(beat):
    return f"{beat} · {beat.police_point.department.area}"


def add_errors(form, error: ValidationError):
    """Put a service's ValidationError next to the form's fields (others at the top)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = name if name in form.fields else None
            if name == NON_FIELD_ERRORS:
                target = None
            form.add_error(target, errors)
    else:
        form.add_error(None, error)


class AssistantApplicationForm(HelperMixin, forms.Form):
    """A citizen's application to the police (Law No. 590, Art. 5)."""

    last_name = forms.CharField(label=_label("last_name"), max_length=100)
    # The model's "name" meets the catalogue's "name" of things (название): say it plainly.
    first_name = forms.CharField(label=_("Given name"), max_length=100)
    middle_name = forms.CharField(label=_label("middle_name"), max_length=100, required=False)
    iin = IINField(
        help_text=_("12 digits. The date of birth and sex are taken from the IIN."),
    )
    phone = forms.CharField(
        label=_label("phone"),
        max_length=32,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        help_text=_("For example +7 701 123 45 67."),
    )
    address = forms.CharField(label=_label("address"), max_length=300)
    photo = PhotoField()
    beat = forms.ModelChoiceField(
        label=_label("beat"),
        queryset=Beat.objects.none(),
        help_text=_("The area of activity is the area of this beat."),
    )
    applied_on = forms.DateField(
        label=_label("applied_on"), widget=DateInput(), validators=[_not_future]
    )
    consent = forms.BooleanField(
        label=_("The citizen has given written consent to the processing of personal data"),
        help_text=_(
            "Only the fact and date of the consent are recorded. No scans or copies of the "
            "identity card or of other documents are stored in the portal."
        ),
    )
    consent_given_on = forms.DateField(
        label=_label("consent_given_on"), widget=DateInput(), validators=[_not_future]
    )
    # Last: the name shadows django.forms in the class body.
    forms = FormsField()

    field_order = [
        "last_name",
        "first_name",
        "middle_name",
        "iin",
        "phone",
        "address",
        "photo",
        "beat",
        "forms",
        "applied_on",
        "consent",
        "consent_given_on",
    ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        today = timezone.localdate()
        self.fields["applied_on"].initial = today
        self.fields["consent_given_on"].initial = today
        beats = beat_choices(policy.scoped(user, Beat.objects.all()))
        self.fields["beat"].queryset = beats
        self.fields["beat"].label_from_instance = _beat_label
        if not self.is_bound:
            only = list(beats[:2])
            if len(only) == 1:
                self.initial["beat"] = only[0].pk
        self._helper()

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if sum(c.isdigit() for c in phone) < 10:
            raise ValidationError(
                _("Enter the phone number with the operator code, 10 or 11 digits.")
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        iin, applied_on = cleaned.get("iin"), cleaned.get("applied_on")
        if iin and "iin" not in self.errors:
            birth_date = parse_iin(iin).birth_date
            on = applied_on or timezone.localdate()
            if age_on(birth_date, on) < MINIMUM_AGE:
                self.add_error(
                    "iin",
                    ValidationError(
                        _("A public assistant must be at least 18 years old."), code="under_age"
                    ),
                )
            # Only the user's own territory is asked: the form must not tell whether a person
            # is registered anywhere else (the registration step settles that, see
            # lifecycle.assistant_register).
            elif policy.scoped(self.user, Assistant.objects.live()).filter(iin=iin).exists():
                self.add_error("iin", ValidationError(DUPLICATE_IIN, code="duplicate"))
        consent_on = cleaned.get("consent_given_on")
        if consent_on and applied_on and consent_on > applied_on:
            self.add_error(
                "consent_given_on",
                _("The consent is given with the application, not after it."),
            )
        return cleaned

    def service_fields(self):
        """Keyword arguments for lifecycle.assistant_apply."""
        data = self.cleaned_data
        beat = data["beat"]
        fields = {
            name: data[name]
            for name in (
                "last_name",
                "first_name",
                "middle_name",
                "iin",
                "phone",
                "address",
                "beat",
                "forms",
                "applied_on",
                "consent_given_on",
            )
        }
        fields["area"] = beat.police_point.department.area
        if data.get("photo"):
            fields["photo"] = data["photo"]
        return fields


class AssistantContactForm(HelperMixin, forms.ModelForm):
    """Contact data, forms of participation and the beat within the assistant's area.

    Not the status (only the lifecycle steps change it) and not the IIN.
    """

    photo = PhotoField(help_text=_("Optional. Choose a file to replace the photo, up to 2 MB."))
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)
    forms = FormsField()

    class Meta:
        model = Assistant
        fields = ["phone", "address", "photo", "forms", "beat"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        beats = beat_choices(
            policy.scoped(
                user, Beat.objects.filter(police_point__department__area=self.instance.area_id)
            )
        )
        self.fields["beat"].queryset = beats
        self.fields["beat"].label_from_instance = _beat_label
        self.fields["beat"].help_text = _("Beats of the assistant's area only.")
        self._helper()

    def save(self, commit=True):
        old_photo = self.initial.get("photo")
        old_name = getattr(old_photo, "name", "") or ""
        assistant = super().save(commit=False)
        if self.cleaned_data.get("remove_photo") and "photo" not in self.files:
            assistant.photo = ""
        assistant._history_user = self.user
        if commit:
            # Only the form's own fields: a lifecycle step taken meanwhile keeps its status
            # and number (the view also locks the row).
            assistant.save(update_fields=self._meta.fields)
            if old_name and assistant.photo.name != old_name:
                # A replaced or removed photo is personal data no longer needed: delete it.
                storage = assistant.photo.storage
                transaction.on_commit(lambda: storage.delete(old_name))
        return assistant


# --- the lifecycle steps ---------------------------------------------------------------------


class StepForm(HelperMixin, forms.Form):
    """The small form of one step; `service_kwargs()` feeds the lifecycle function."""

    # Form field → keyword argument of the service, where the names differ.
    renames = {}
    today_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.today_fields:
            self.fields[name].initial = timezone.localdate()
            self.fields[name].widget = DateInput()
        self._helper()

    def service_kwargs(self):
        return {self.renames.get(k, k): v for k, v in self.cleaned_data.items() if k != "confirm"}


def confirmation(label, required_message):
    """The box a destructive step needs ticked: the server refuses the step without it."""
    return forms.BooleanField(label=label, error_messages={"required": required_message})


class PetitionForm(StepForm):
    sent_on = forms.DateField(label=_label("petition_sent_on"))
    petition_number = forms.CharField(label=_label("petition_number"), max_length=50)
    today_fields = ("sent_on",)


class RefuseForm(StepForm):
    refused_on = forms.DateField(label=_label("refused_on"))
    reason = forms.CharField(
        label=_label("refusal_reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The written refusal with its reasons is given to the citizen."),
    )
    confirm = confirmation(
        _("I confirm the refusal: the application is closed and cannot be taken further."),
        _("Tick the box to confirm the refusal."),
    )
    today_fields = ("refused_on",)


class RegisterForm(StepForm):
    registered_on = forms.DateField(
        label=_label("registered_on"),
        help_text=_("The registration number is given automatically, without gaps per area."),
    )
    today_fields = ("registered_on",)


class ConfirmForm(StepForm):
    """A step without data: activate or resume."""


class SuspendForm(StepForm):
    suspended_on = forms.DateField(label=_label("suspended_on"))
    reason = forms.CharField(
        label=_label("suspension_reason"), widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = confirmation(
        _("I confirm the suspension: the assistant may not go on duty until resumed."),
        _("Tick the box to confirm the suspension."),
    )
    today_fields = ("suspended_on",)


class DeregisterForm(StepForm):
    deregistered_on = forms.DateField(label=_label("deregistered_on"))
    ground = forms.ChoiceField(
        label=_label("deregistration_ground"),
        choices=[("", "—"), *DeregistrationGround.choices],
    )
    note = forms.CharField(
        label=_label("deregistration_note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when the ground is “Other”. A certificate still held is revoked."),
    )
    confirm = confirmation(
        _("I confirm the deregistration: it ends the registration for good."),
        _("Tick the box to confirm the deregistration."),
    )
    today_fields = ("deregistered_on",)
