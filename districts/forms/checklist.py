"""Forms of the Appendix B checklist: choosing the beat and period, ticking an item by hand."""

import datetime

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from districts.forms.base import DateInput
from districts.models import ChecklistItem, ChecklistMark
from districts.models.base import not_in_future
from portal.periods import period_of

# No period before this one is worth a page or a tick (and year 1 has no week before it).
EARLIEST_DAY = datetime.date(2000, 1, 1)


class ChecklistPeriodForm(forms.Form):
    """The beat and a day of the period to show (a GET form)."""

    beat = forms.ModelChoiceField(queryset=None, label=_("Beat"), empty_label=None)
    day = forms.DateField(label=_("Day of the period"), widget=DateInput())

    def __init__(self, *args, beats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beat"].queryset = beats
        self.fields["beat"].label_from_instance = lambda beat: (
            f"{beat} · {beat.police_point.department.area}"
        )


class ChecklistMarkForm(forms.Form):
    """Which item and period a hand tick is about; the beat is checked by the view (scope)."""

    item = forms.ModelChoiceField(
        queryset=ChecklistItem.objects.filter(is_active=True), widget=forms.HiddenInput
    )
    day = forms.DateField(
        widget=forms.HiddenInput, validators=[not_in_future, MinValueValidator(EARLIEST_DAY)]
    )

    def period(self):
        return period_of(self.cleaned_data["item"].cadence, self.cleaned_data["day"])

    def existing(self, beat):
        return ChecklistMark.objects.filter(
            beat=beat, item=self.cleaned_data["item"], period_start=self.period().start
        )


class ChecklistTickForm(ChecklistMarkForm):
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        help_text=_("What was done, so a supervisor can check it."),
    )

    def save(self, *, beat, user):
        """Tick the item for the beat's period; a second tick replaces the note."""
        mark, _created = ChecklistMark.objects.update_or_create(
            beat=beat,
            item=self.cleaned_data["item"],
            period_start=self.period().start,
            defaults={"note": self.cleaned_data["note"].strip(), "marked_by": user},
        )
        return mark
