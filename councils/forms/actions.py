"""Joint actions, their participants and photos."""

import datetime

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.forms.partners import AreaSharedForm
from councils.models import (
    ActionAssistant,
    ActionVolunteer,
    Campaign,
    JointAction,
    JointActionPhoto,
    PartnerOrganization,
)
from councils.services.actions import campaigns_ensure_defaults, participants_exist
from portal import images, policy
from portal.bilingual import BilingualFormMixin, bilingual
from volunteers.models import Assistant, AssistantStatus, Volunteer, VolunteerGroup

PHOTO_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_LENGTH = datetime.timedelta(hours=2)


def next_hour():
    """The next full hour, local time: a sensible start for an action being announced."""
    now = timezone.localtime()
    return now.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1)


class JointActionForm(BilingualFormMixin, AreaSharedForm):
    area_bound_fields = ("beats", "partners")

    class Meta:
        model = JointAction
        fields = [
            "campaign",
            *bilingual("title"),
            "area",
            "beats",
            "starts_at",
            "ends_at",
            *bilingual("place"),
            "partners",
            "is_public",
            "people_reached",
            "results",
        ]
        widgets = {
            "people_reached": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        campaigns_ensure_defaults()
        self.fields["campaign"].queryset = Campaign.objects.order_by("name")
        partners = policy.scoped(
            self.user, PartnerOrganization.objects.select_related("area")
        ).order_by("name")
        if self.known_area:
            partners = partners.filter(area=self.known_area)
        field = self.fields["partners"]
        field.widget = forms.CheckboxSelectMultiple()  # before the queryset: it takes choices
        field.queryset = partners
        if self.single_area is None:
            field.label_from_instance = lambda p: f"{p.name} · {p.area}"
        else:
            field.label_from_instance = lambda p: p.name
        if not self.instance.pk:
            start = next_hour()
            self.initial.setdefault("starts_at", start)
            self.initial.setdefault("ends_at", start + DEFAULT_LENGTH)

    def clean(self):
        cleaned = super().clean()
        action = self.instance
        if action.pk and participants_exist(action):
            starts_at, area = cleaned.get("starts_at"), cleaned.get("area")
            if starts_at and starts_at > timezone.now():
                self.add_error(
                    "starts_at",
                    _(
                        "Participants' hours are already recorded for this action: it cannot "
                        "start in the future."
                    ),
                )
            if area and area.pk != action.area_id:
                self.add_error(
                    "area",
                    _("Participants of this area are recorded: the area cannot be changed."),
                )
        return cleaned


class ParticipantForm(forms.ModelForm):
    """A small inline form on the action's page."""

    def __init__(self, *args, action, user, **kwargs):
        self.action, self.user = action, user
        super().__init__(*args, **kwargs)
        hours = self.fields["hours"]
        hours.widget.attrs.update({"step": "0.5", "inputmode": "decimal"})
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class ActionAssistantForm(ParticipantForm):
    """An active assistant of the action's area the user may see, and the hours given."""

    prefix = "assistant"

    class Meta:
        model = ActionAssistant
        fields = ["assistant", "hours"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        candidates = policy.scoped(
            self.user,
            Assistant.objects.filter(area_id=self.action.area_id, status=AssistantStatus.ACTIVE),
        ).select_related("beat")
        field = self.fields["assistant"]
        field.queryset = candidates.order_by("last_name", "first_name", "pk")
        field.label_from_instance = lambda a: f"{a.full_name} · {a.beat}"
        self.fields["hours"].widget.attrs.update({"min": "0.5", "max": "24"})


class ActionVolunteerForm(ParticipantForm):
    """A volunteer or a volunteer group of the action's area, and the hours given."""

    prefix = "volunteer"

    class Meta:
        model = ActionVolunteer
        fields = ["volunteer", "group", "hours"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        area_id = self.action.area_id
        volunteers = policy.scoped(self.user, Volunteer.objects.filter(area_id=area_id))
        groups = policy.scoped(self.user, VolunteerGroup.objects.filter(area_id=area_id))
        self.fields["volunteer"].queryset = volunteers.order_by("last_name", "first_name", "pk")
        self.fields["group"].queryset = groups.order_by("name", "pk")
        self.fields["hours"].widget.attrs.update({"min": "0.5", "max": "500"})


class JointActionPhotoForm(forms.ModelForm):
    """A photo of the action: at most PHOTO_MAX_BYTES, stored re-encoded without its
    metadata and under a random name (`portal.images`)."""

    class Meta:
        model = JointActionPhoto
        fields = ["image", "caption"]
        field_classes = {"image": images.PhotoField}
        widgets = {
            "image": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].max_bytes = PHOTO_MAX_BYTES
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
