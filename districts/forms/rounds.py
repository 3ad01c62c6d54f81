"""Forms for door-to-door rounds and the streets of the beat they covered."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from districts.forms.base import BeatRecordForm
from districts.houses import houses_within
from districts.models import BeatStreet, DoorToDoorRound, RoundStreet
from portal import policy

# A round rarely covers more streets than this; the formset refuses more rows.
MAX_STREETS = 60


class RoundForm(BeatRecordForm):
    class Meta:
        model = DoorToDoorRound
        fields = ["beat", "date", "apartments_visited", "residents_met", "notes"]
        widgets = {
            "apartments_visited": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            "residents_met": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            # An inspector with one beat need not be asked which beat.
            beat = self.fields["beat"]
            if self.initial.get("beat") and len(beat.queryset[:2]) == 1:
                beat.widget = forms.HiddenInput()


def street_label(street):
    """'ул. Абая — 1–45, 2–60 — Beat No. 7', in Kazakh when the page is."""
    name = street.name_kk if get_language() == "kk" and street.name_kk else street.name_ru
    return f"{name} — {street.houses or _('whole street')} — {street.beat}"


class RoundStreetForm(forms.ModelForm):
    """One street of the beat walked during the round; blank houses mean all of them."""

    class Meta:
        model = RoundStreet
        fields = ["street", "houses"]
        help_texts = {
            "houses": _(
                "The houses visited, e.g. 1–45 or 2, 4, 10А. Leave empty when every house of "
                "the street in this beat was visited."
            )
        }

    def __init__(self, *args, streets, street_choices, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["street"]
        field.queryset = streets
        # The labels are built once for the whole formset, not once per row.
        field.choices = street_choices
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self):
        cleaned = super().clean()
        street, houses = cleaned.get("street"), (cleaned.get("houses") or "").strip()
        cleaned["houses"] = houses
        if street and houses and not houses_within(street.houses, houses):
            self.add_error(
                "houses",
                _("Some of these houses are not in the beat's part of the street (%(houses)s).")
                % {"houses": street.houses},
            )
        return cleaned


class BaseRoundStreetFormSet(forms.BaseInlineFormSet):
    """The streets of a round. Street choices are the streets of the user's beats; each chosen
    street must belong to the round's beat (`self.beat`, set by the view from the main form)."""

    def __init__(self, *args, user, extra=None, **kwargs):
        streets = policy.scoped(user, BeatStreet.objects.select_related("beat")).order_by(
            "beat__number", "name_ru", "pk"
        )
        choices = [("", "---------")] + [(street.pk, street_label(street)) for street in streets]
        kwargs["form_kwargs"] = {"streets": streets, "street_choices": choices}
        kwargs.setdefault(
            "queryset",
            RoundStreet.objects.select_related("street").order_by("street__name_ru", "pk"),
        )
        if extra is not None:
            self.extra = extra
        self.beat = None
        super().__init__(*args, **kwargs)

    def disable(self):
        """Read-only: every field of every row, for a role that may not change the round."""
        for form in self.forms:
            for field in form.fields.values():
                field.disabled = True

    def kept_forms(self):
        """Filled rows that are not marked for deletion."""
        return [
            form
            for form in self.forms
            if form.cleaned_data.get("street") and not self._should_delete_form(form)
        ]

    def clean(self):
        super().clean()
        kept = self.kept_forms()
        seen = set()
        for form in kept:
            street = form.cleaned_data["street"]
            if self.beat is not None and street.beat_id != self.beat.pk:
                form.add_error(
                    "street",
                    _("This street belongs to %(other)s, not to the round's %(beat)s.")
                    % {"other": street.beat, "beat": self.beat},
                )
            elif street.pk in seen:
                form.add_error("street", _("This street is listed twice."))
            seen.add(street.pk)
        if self.beat is not None and not kept and self.beat.streets.exists():
            raise forms.ValidationError(
                _("Choose at least one street of the beat that the round covered."),
                code="no_streets",
            )


RoundStreetFormSet = forms.inlineformset_factory(
    DoorToDoorRound,
    RoundStreet,
    form=RoundStreetForm,
    formset=BaseRoundStreetFormSet,
    extra=3,
    max_num=MAX_STREETS,
    validate_max=True,
    can_delete=True,
    can_delete_extra=False,
)
