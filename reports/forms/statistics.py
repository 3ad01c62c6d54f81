"""Forms of the offence statistics: the period picker, the entry form and the import upload."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from districts.models import Beat
from portal import policy
from portal.imports.forms import ImportUploadForm
from portal.periods import Quarter, current_quarter, last_completed_quarter
from reports.services import statistics_import as service

QUARTER_CHOICES = [
    (1, _("Q1 (January–March)")),
    (2, _("Q2 (April–June)")),
    (3, _("Q3 (July–September)")),
    (4, _("Q4 (October–December)")),
]


def _helper():
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True  # the page's <form> carries the token
    return helper


def beat_label(beat):
    return f"{beat} · {beat.police_point.department.area}"


class PeriodForm(forms.Form):
    """A beat of the user's scope and a quarter that has begun, from the query string.

    Missing values default to the user's first beat and the last completed quarter. A beat
    outside the scope (or a garbled id) is reported by `beat_outside_scope()`: the views
    answer it with a 404, so a guessed id reveals nothing.
    """

    beat = forms.ModelChoiceField(label=_("Beat"), queryset=Beat.objects.none(), empty_label=None)
    year = forms.IntegerField(
        label=_("Year"),
        min_value=service.MIN_YEAR,
        max_value=9999,
        error_messages={
            "min_value": _("Statistics are kept from %(limit_value)s on."),
            "invalid": _("Enter a year, for example 2025."),
        },
    )
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTER_CHOICES, coerce=int)

    def __init__(self, query, *, user, today=None):
        self.today = today
        beats = policy.scoped(user, Beat.objects.all()).select_related(
            "police_point__department__area"
        )
        year, quarter = last_completed_quarter(today)
        data = {"year": year, "quarter": quarter}
        first = beats.first()
        if first is not None:
            data["beat"] = first.pk
        self.has_beats = first is not None
        for name in ("beat", "year", "quarter"):
            value = (query.get(name) or "").strip()
            if value:
                data[name] = value
        super().__init__(data)
        self.fields["beat"].queryset = beats
        self.fields["beat"].label_from_instance = beat_label
        self.fields["year"].widget.attrs.update(
            min=service.MIN_YEAR, max=current_quarter(today).year, inputmode="numeric"
        )
        self.helper = _helper()

    def beat_outside_scope(self):
        return "beat" in self.errors

    def clean(self):
        cleaned = super().clean()
        year, quarter = cleaned.get("year"), cleaned.get("quarter")
        if year is not None and quarter and not Quarter(year, quarter).has_begun(self.today):
            self.add_error(
                "quarter",
                ValidationError(
                    _("This quarter has not begun yet: statistics are entered for past quarters."),
                    code="future",
                ),
            )
        return cleaned

    def period(self):
        """(beat, year, quarter) once the form is valid."""
        data = self.cleaned_data
        return data["beat"], data["year"], data["quarter"]


def field_name(category):
    return f"count_{category.code}"


class StatisticsEntryForm(forms.Form):
    """One number per active category: empty = no data, 0 = no offences registered."""

    def __init__(self, *args, categories, current, previous, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = list(categories)
        for category in self.categories:
            last_year = previous.get(category.pk)
            if last_year is None:
                hint = _("Same quarter last year: no data.")
            else:
                hint = _("Same quarter last year: %(count)s.") % {"count": last_year}
            self.fields[field_name(category)] = forms.IntegerField(
                label=category.name,
                required=False,
                min_value=0,
                max_value=service.MAX_COUNT,
                initial=current.get(category.pk),
                help_text=hint,
                error_messages={
                    "invalid": _("Enter a whole number, or leave the field empty for no data."),
                    "min_value": _("The number of offences cannot be negative."),
                },
                widget=forms.NumberInput(attrs={"min": 0, "step": 1, "inputmode": "numeric"}),
            )
        self.helper = _helper()

    def counts(self):
        """{category: count or None} from the cleaned data. A field the request did not send
        at all (a category activated since the page was opened) is left as it is; only an
        emptied field removes a value."""
        return {
            category: self.cleaned_data.get(field_name(category))
            for category in self.categories
            if field_name(category) in self.data
        }


class StatisticsImportForm(ImportUploadForm):
    spec = service.STATISTICS
    label = _("File with statistics")
