"""Partner organisations, and the form plumbing of every record shared within an area.

Partners and joint actions belong to an area and are shared by everyone working there.
The area list of a form holds the areas whose shared records the user works with (what
`portal.policy` gives for a record with `police_area_visible`); the beats and partners
must lie in the chosen area.
"""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from councils.models import PartnerOrganization
from districts.forms.base import DateTimeInput
from districts.models import Beat
from districts.selectors.territory import shared_areas
from portal import policy

BEAT_RELATED = ("police_point__department__area",)


def shared_beats(user):
    """The beats of the user's shared areas."""
    return Beat.objects.filter(
        police_point__department__area__in=shared_areas(user).values("pk")
    ).select_related(*BEAT_RELATED)


class AreaSharedForm(forms.ModelForm):
    """A record of an area, shared by its police, akimat and council: beats (and partners)
    must lie in the record's area. The area is preselected and hidden when the user has one."""

    area_bound_fields = ("beats",)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        areas = shared_areas(user)
        only = list(areas[:2])
        self.single_area = only[0] if len(only) == 1 else None
        area_field = self.fields["area"]
        area_field.queryset = areas
        if self.single_area is not None:
            if not self.instance.pk:
                self.initial.setdefault("area", self.single_area.pk)
            if not self.instance.pk or self.instance.area_id == self.single_area.pk:
                area_field.widget = forms.HiddenInput()
        # A new record of a known area (or a record being edited) offers that area's beats only;
        # a submitted form checks against all the user's areas, to say what is wrong.
        known_area = None if self.is_bound else (self.instance.area_id or self.initial.get("area"))
        if "beats" in self.fields:
            beats = shared_beats(user)
            if known_area:
                beats = beats.filter(police_point__department__area=known_area)
            if not self.instance.pk and not self.is_bound and "beats" not in self.initial:
                # An inspector with one beat: that beat, to start with.
                own = list(policy.scoped(user, Beat.objects.only("pk"))[:2])
                if len(own) == 1:
                    self.initial["beats"] = [own[0].pk]
            field = self.fields["beats"]
            field.widget = forms.CheckboxSelectMultiple()  # before the queryset: it takes choices
            field.queryset = beats
            if self.single_area is not None:
                field.label_from_instance = str
            else:
                field.label_from_instance = lambda beat: (
                    f"{beat} · {beat.police_point.department.area}"
                )
        self.known_area = known_area
        for field in self.fields.values():
            if isinstance(field, forms.DateTimeField):
                field.widget = DateTimeInput()
            elif isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page's <form> carries the token

    def clean(self):
        cleaned = super().clean()
        area = cleaned.get("area")
        if area is None:
            return cleaned
        beats = cleaned.get("beats") if "beats" in self.area_bound_fields else None
        if beats and any(b.police_point.department.area_id != area.pk for b in beats):
            self.add_error("beats", _("Choose beats of the selected area only."))
        partners = cleaned.get("partners") if "partners" in self.area_bound_fields else None
        if partners and any(p.area_id != area.pk for p in partners):
            self.add_error("partners", _("Choose partner organisations of the selected area only."))
        return cleaned


class PartnerForm(AreaSharedForm):
    class Meta:
        model = PartnerOrganization
        fields = [
            "kind",
            "name",
            "area",
            "beats",
            "contact_person",
            "phone",
            "email",
            "helps_with",
        ]
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }

    def clean(self):
        cleaned = super().clean()
        name, area = cleaned.get("name"), cleaned.get("area")
        if name and area:
            # Case-insensitive where the database can (the constraint itself is exact).
            same = PartnerOrganization.objects.filter(name__iexact=name, area=area).exclude(
                pk=self.instance.pk
            )
            if same.exists():
                self.add_error(
                    "name",
                    _("A partner organisation with this name is already recorded in the area."),
                )
        return cleaned
