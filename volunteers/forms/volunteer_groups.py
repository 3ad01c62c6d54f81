"""Forms for volunteers, volunteer groups and the actions they joined (Law No. 42-VI)."""

import re

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.forms.base import DateInput
from districts.models import Area
from portal import policy
from volunteers.filters.volunteers import years_before
from volunteers.models import Volunteer, VolunteerActivity, VolunteerActivityKind, VolunteerGroup
from volunteers.models.volunteer import ADULT_AGE, ADULTS_ONLY

PHONE_CHARACTERS = re.compile(r"^\+?[\d\s()\-]+$")


def clean_phone(value):
    """A phone as people write it: digits, spaces, brackets, dashes and a leading plus."""
    value = " ".join((value or "").split())
    digits = re.sub(r"\D", "", value)
    if not PHONE_CHARACTERS.match(value) or not 10 <= len(digits) <= 15:
        raise ValidationError(
            _("Enter a phone number of 10 to 15 digits, e.g. +7 701 123 45 67."),
            code="phone",
        )
    return value


def kinds_field(**kwargs):
    return forms.MultipleChoiceField(
        label=_("Kinds of activity"),
        choices=VolunteerActivityKind.choices,
        widget=forms.CheckboxSelectMultiple,
        **kwargs,
    )


class VolunteerRecordForm(forms.ModelForm):
    """Shared plumbing: the area list holds the user's areas only, preselected when single;
    dates use the browser's picker; crispy renders the fields inside the page's own form."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if "area" in self.fields:
            areas = policy.scoped(user, Area.objects.all())
            self.fields["area"].queryset = areas
            if not self.instance.pk and not self.initial.get("area"):
                only = list(areas[:2])
                if len(only) == 1:
                    self.initial["area"] = only[0].pk
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page's <form> carries the token

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone"))


class VolunteerGroupForm(VolunteerRecordForm):
    kinds = kinds_field()

    class Meta:
        model = VolunteerGroup
        fields = ["name", "area", "contact_person", "phone", "kinds"]

    def clean(self):
        cleaned = super().clean()
        area = cleaned.get("area")
        moved = self.instance.pk and area and area.pk != self.instance.area_id
        # Members belong to the group's area: moving the group would split them.
        if moved and self.instance.members.exclude(area=area).exists():
            self.add_error(
                "area", _("Members of this group belong to another area: move them first.")
            )
        return cleaned


class VolunteerForm(VolunteerRecordForm):
    kinds = kinds_field()

    class Meta:
        model = Volunteer
        fields = [
            "last_name",
            "first_name",
            "birth_date",
            "phone",
            "area",
            "group",
            "kinds",
            "parental_consent_on",
            "parent_name",
        ]
        help_texts = {
            "parental_consent_on": _("Required for a volunteer under 14."),
            "parent_name": _("Required for a volunteer under 14."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = policy.scoped(self.user, VolunteerGroup.objects.select_related("area"))
        self.fields["group"].queryset = groups
        self.fields["group"].label_from_instance = lambda group: f"{group} · {group.area}"
        self.fields["birth_date"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["parental_consent_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_parental_consent_on(self):
        value = self.cleaned_data.get("parental_consent_on")
        if value and value > timezone.localdate():
            raise ValidationError(_("This date is in the future."), code="future")
        return value

    def clean(self):
        cleaned = super().clean()
        area, group = cleaned.get("area"), cleaned.get("group")
        if area and group and group.area_id != area.pk:
            self.add_error("group", _("Choose a group of the volunteer's area."))
        return cleaned


class VolunteerActivityForm(forms.ModelForm):
    """An action joined by exactly one volunteer or one group; the area is theirs."""

    class Meta:
        model = VolunteerActivity
        fields = ["volunteer", "group", "date", "kind", "action", "hours"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        volunteers = self.fields["volunteer"]
        volunteers.queryset = policy.scoped(user, Volunteer.objects.all())
        groups = self.fields["group"]
        groups.queryset = policy.scoped(user, VolunteerGroup.objects.all())
        # Opened from a volunteer's or a group's page: the choice is made already.
        if self.initial.get("volunteer") or self.initial.get("group"):
            volunteers.widget = forms.HiddenInput()
            groups.widget = forms.HiddenInput()
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()
        hours = self.fields["hours"]
        hours.widget.attrs.update(min="0.5", max="500", step="0.5")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self):
        cleaned = super().clean()
        volunteer, group = cleaned.get("volunteer"), cleaned.get("group")
        if bool(volunteer) == bool(group):
            return cleaned  # VolunteerActivity.clean refuses both and neither
        party = volunteer or group
        self.instance.area_id = party.area_id
        kind, date = cleaned.get("kind"), cleaned.get("date")
        if group and kind in ADULTS_ONLY and date:
            # A group with members under 18 cannot be recorded on a raid as a whole.
            minors = group.members.filter(birth_date__gt=years_before(date, ADULT_AGE))
            if minors.exists():
                self.add_error(
                    "kind",
                    _(
                        "This group has members under 18: minors are never assigned to raids "
                        "or hazardous work. Record the adult members one by one."
                    ),
                )
        return cleaned
