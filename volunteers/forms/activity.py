"""Forms of trainings and briefings, of the duty log, and of the period of the totals."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.forms.base import BeatRecordForm, DateInput
from districts.models import Area, Beat, PolicePoint
from portal import policy
from portal.models import Role, User
from portal.periods import QUARTER_NUMBERS, quarter_of
from volunteers.models import Assistant, AssistantStatus, Duty, Training

# Who may attend a training or briefing: registered, with or without a certificate yet,
# active, or suspended (a briefing may be the condition of resuming).
ATTENDEE_STATUSES = (
    AssistantStatus.REGISTERED,
    AssistantStatus.CERTIFIED,
    AssistantStatus.ACTIVE,
    AssistantStatus.SUSPENDED,
)


def assistant_label(assistant):
    """Name, beat and registration number: enough to tell two namesakes apart, no personal data."""
    parts = [assistant.full_name, str(assistant.beat)]
    if assistant.registration_number:
        parts.append(assistant.registration_number)
    return " · ".join(parts)


def _form_helper():
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True  # the page's <form> carries the token
    return helper


class AreaRecordForm(forms.ModelForm):
    """A record of one area: an akimat registrar's own area; an administrator chooses it."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fixed_area = None
        if user.is_administrator:
            self.fields["area"].queryset = policy.scoped(user, Area.objects.all())
        else:
            del self.fields["area"]
            self.fixed_area = user.area
            if self.fixed_area is not None and not self.instance.area_id:
                self.instance.area = self.fixed_area
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
            elif isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3
        self.helper = _form_helper()

    def chosen_area_id(self):
        if self.fixed_area is not None:
            return self.fixed_area.pk
        if "area" in self.fields:
            area = self.cleaned_data.get("area") if hasattr(self, "cleaned_data") else None
            return area.pk if area else None
        return self.instance.area_id

    def clean(self):
        cleaned = super().clean()
        if "area" not in self.fields and self.fixed_area is None:
            raise forms.ValidationError(
                _("Your account has no area: ask an administrator to set it.")
            )
        return cleaned


class TrainingForm(AreaRecordForm):
    class Meta:
        model = Training
        fields = ["area", "kind", "date", "police_point", "held_by", "topic", "attendees"]
        widgets = {"attendees": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        points = policy.scoped(self.user, PolicePoint.objects.all()).select_related(
            "department__area"
        )
        assistants = policy.scoped(self.user, Assistant.objects.all())
        if self.fixed_area is not None:
            points = points.filter(department__area=self.fixed_area)
            assistants = assistants.filter(area=self.fixed_area)
        eligible = Q(status__in=ATTENDEE_STATUSES)
        if self.instance.pk:
            # Someone deregistered since still attended: keep them on the record.
            eligible |= Q(pk__in=self.instance.attendees.values("pk"))
        self.fields["police_point"].queryset = points
        self.fields["police_point"].label_from_instance = lambda point: (
            f"{point} · {point.department.area}"
        )
        self.fields["attendees"].queryset = (
            assistants.filter(eligible).select_related("beat").order_by("last_name", "first_name")
        )
        self.fields["attendees"].label_from_instance = assistant_label
        self.fields["attendees"].help_text = _(
            "Registered, certified, active and suspended assistants of the area."
        )
        self.fields["held_by"].help_text = _("Name and position of whoever held it.")
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        area_id = self.chosen_area_id()
        if area_id is None:
            return cleaned
        point = cleaned.get("police_point")
        if point and point.department.area_id != area_id:
            self.add_error("police_point", _("The police point must lie in the area."))
        outsiders = [a for a in cleaned.get("attendees") or [] if a.area_id != area_id]
        if outsiders:
            self.add_error(
                "attendees",
                _("Only assistants of the area can be recorded: %(names)s.")
                % {"names": ", ".join(a.full_name for a in outsiders)},
            )
        return cleaned


class DutyForm(BeatRecordForm):
    """One duty of an active assistant, recorded by the inspector who supervised it."""

    class Meta:
        model = Duty
        fields = [
            "assistant",
            "date",
            "hours",
            "kind",
            "beat",
            "supervisor",
            "offences_stopped",
            "persons_handed_over",
            "joint_action",
            "note",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        active = Q(status=AssistantStatus.ACTIVE)
        if self.instance.pk:
            active |= Q(pk=self.instance.assistant_id)
        self.fields["assistant"].queryset = (
            policy.scoped(user, Assistant.objects.all())
            .filter(active)
            .select_related("beat")
            .order_by("last_name", "first_name")
        )
        self.fields["assistant"].label_from_instance = assistant_label
        self.fields["assistant"].help_text = _("Active assistants of your beats.")
        self.fields["supervisor"].queryset = supervising_inspectors(user)
        self.fields["supervisor"].label_from_instance = lambda u: u.display_name or u.username
        self.fields["hours"].widget.attrs.update({"step": "0.5", "inputmode": "decimal"})
        for name in ("offences_stopped", "persons_handed_over"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "min": "0"})
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())
            if user.role == Role.INSPECTOR:
                self.initial.setdefault("supervisor", user.pk)


def supervising_inspectors(user):
    """Inspectors who may be named as supervising a duty: of the user's department and beats."""
    inspectors = User.objects.filter(role=Role.INSPECTOR, is_active=True).order_by(
        "last_name", "first_name"
    )
    if user.is_administrator:
        return inspectors
    condition = Q(beats__in=policy.scoped(user, Beat.objects.all()))
    if user.department_id:
        condition |= Q(department_id=user.department_id)
    if user.role == Role.INSPECTOR:
        condition |= Q(pk=user.pk)
    return inspectors.filter(condition).distinct()


class PeriodForm(forms.Form):
    """A year and one of its quarters: `quarter` is "required", "optional" or "none"."""

    year = forms.IntegerField(label=_("Year"), min_value=2000)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Whole year")), *((q, str(q)) for q in QUARTER_NUMBERS)],
    )

    def __init__(self, data=None, *, quarter="optional", **kwargs):
        today = timezone.localdate()
        self.default_year = today.year
        self.default_quarter = quarter_of(today).number if quarter == "required" else None
        values = {"year": str(self.default_year), "quarter": str(self.default_quarter or "")}
        for name in values:
            if data is not None and data.get(name):
                values[name] = data.get(name)
        super().__init__(values, **kwargs)
        last_year = today.year + 1
        self.fields["year"].max_value = last_year
        self.fields["year"].validators.append(MaxValueValidator(last_year))
        self.fields["year"].widget.attrs.update({"max": last_year, "inputmode": "numeric"})
        if quarter == "required":
            self.fields["quarter"].required = True
            self.fields["quarter"].choices = [(q, str(q)) for q in QUARTER_NUMBERS]
        elif quarter == "none":
            del self.fields["quarter"]

    def period(self):
        """(year, quarter or None); the defaults when the request asked for nonsense."""
        if self.is_valid():
            return self.cleaned_data["year"], self.cleaned_data.get("quarter")
        return self.default_year, self.default_quarter
