"""Forms of the quarterly report: a new report, the inspector's texts, and the review steps."""

import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Field, Fieldset, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from districts.filters.base import BeatRecordFilter
from districts.forms.base import BeatRecordForm
from portal.periods import QUARTER_NUMBERS, Quarter, current_quarter
from reports.models import (
    INSPECTOR_TEXTS,
    REPORT_LANGUAGES,
    QuarterlyReport,
    ReportStatus,
    one_language_only,
)

QUARTER_CHOICES = [(q, _("Quarter %(number)s") % {"number": q}) for q in QUARTER_NUMBERS]


def _helper():
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True  # the page's <form> carries the token
    return helper


class ReportCreateForm(BeatRecordForm):
    """A report for one of the user's beats and a quarter that has begun; one per quarter."""

    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTER_CHOICES, coerce=int)

    class Meta:
        model = QuarterlyReport
        fields = ["beat", "year", "quarter"]
        widgets = {"year": forms.NumberInput(attrs={"min": 2000, "max": 2100})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing = None
        year, quarter = current_quarter()
        self.initial.setdefault("year", year)
        self.initial.setdefault("quarter", quarter)

    def clean(self):
        cleaned = super().clean()
        beat, year, quarter = cleaned.get("beat"), cleaned.get("year"), cleaned.get("quarter")
        if year and quarter and not Quarter(year, quarter).has_begun():
            self.add_error("quarter", _("This quarter has not begun yet."))
        if beat and year and quarter and not self.errors.get("quarter"):
            self.existing = QuarterlyReport.objects.filter(
                beat=beat, year=year, quarter=quarter
            ).first()
            if self.existing is not None:
                # Next to the field, so the model's own constraint check is not repeated.
                self.add_error(
                    "quarter",
                    forms.ValidationError(
                        _(
                            "The report of this beat for this quarter already exists: "
                            "open it from the list of reports."
                        ),
                        code="exists",
                    ),
                )
        return cleaned


LANGUAGE_NAMES = {"kk": _("in Kazakh"), "ru": _("in Russian")}
FIELD_LANGUAGES = {"kk": _("In Kazakh"), "ru": _("In Russian")}
# The inspector's texts, each written in both languages side by side; what the help says.
TEXT_LEGENDS = {
    "summary": _("In your words, for residents"),
    "measures": _("Measures to remove causes and conditions of offences"),
    "plan_next_quarter": _("Plan for the next quarter"),
    "next_meeting_place": _("Place of the next report meeting"),
}
TEXT_HELP = {
    "summary": _(
        "A few sentences for residents, in plain words, shown next to the figures in "
        "brief (offences against last year, meetings, rounds, appeals, proposals), "
        "which the report computes from the data: say what they do not, and do not "
        "retype them. Never write names, phone numbers or home addresses of residents."
    ),
    "measures": _(
        "What was done to remove the causes and conditions of offences. "
        "Resolved problem places and submissions are added automatically."
    ),
    "plan_next_quarter": _("Open work plan items due next quarter are added automatically."),
    "next_meeting_place": _("The address residents come to, as they would look for it."),
}


def _text_pair(field):
    """A fieldset with the Kazakh and the Russian text of `field` side by side."""
    help_id = f"help-{field}"
    columns = [
        Column(
            Field(f"{field}_{language}", lang=language, aria_describedby=help_id),
            css_class="col-md-6",
        )
        for language in REPORT_LANGUAGES
    ]
    return Fieldset(
        TEXT_LEGENDS[field],
        # Built in the request's language; HTML() renders its text as a template.
        HTML(format_html('<p class="form-text mt-0" id="{}">{}</p>', help_id, TEXT_HELP[field])),
        Row(*columns),
        css_class="text-pair",
    )


class ReportTextForm(BeatRecordForm):
    """What the inspector writes, in Kazakh and in Russian: residents read the report in
    either language. Everything else in the report comes from the logged work."""

    class Meta:
        model = QuarterlyReport
        fields = [
            *(f"{field}_{language}" for field in INSPECTOR_TEXTS for language in REPORT_LANGUAGES),
            "next_meeting_at",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in INSPECTOR_TEXTS:
            for language in REPORT_LANGUAGES:
                form_field = self.fields[f"{field}_{language}"]
                form_field.label = FIELD_LANGUAGES[language]
                form_field.help_text = ""
                if field != "next_meeting_place":
                    form_field.widget.attrs["rows"] = 5
        self.helper.layout = Layout(
            *(_text_pair(field) for field in ("summary", "measures", "plan_next_quarter")),
            Row(Column("next_meeting_at", css_class="col-md-6")),
            _text_pair("next_meeting_place"),
        )

    def clean_next_meeting_at(self):
        value = self.cleaned_data.get("next_meeting_at")
        if value and "next_meeting_at" in self.changed_data and value < timezone.now():
            raise forms.ValidationError(_("The next meeting cannot be in the past."))
        return value


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the inspector change?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class PublishForm(forms.Form):
    """The publication in Kazakh and in Russian. When the inspector's texts are complete in
    one language only (`missing` names the other), the reviewer may publish that one and
    must say why the other is missing: the report's page shows it."""

    # What is published cannot be changed, only corrected by a new revision: no publication
    # without the reviewer saying they have read it.
    confirm = forms.BooleanField(
        label=_("I have read the report and confirm its publication"),
        error_messages={
            "required": _("Tick the box to confirm that you have read the report."),
        },
    )
    single_language_reason = forms.CharField(
        label=_("Why is the report published in one language only?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("Shown to residents on the report's page."),
    )

    def __init__(self, *args, missing=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.missing = list(missing)
        self.languages = [language for language in REPORT_LANGUAGES if language not in missing]
        if not self.missing:
            del self.fields["single_language_reason"]
        self.helper = _helper()

    @property
    def complete(self):
        """True when some language has all its texts (else nothing can be published)."""
        return bool(self.languages)


class CorrectForm(PublishForm):
    """A correction: a new revision with its reason, written in each language published."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reasons = {}
        for language in self.languages:
            reasons[f"reason_{language}"] = forms.CharField(
                label=_("Reason for the correction (%(language)s)")
                % {"language": LANGUAGE_NAMES[language]},
                widget=forms.Textarea(attrs={"rows": 3, "lang": language}),
                max_length=5000,
                help_text=_("Shown to residents with the corrected report."),
            )
        self.fields = {**reasons, **self.fields}

    @property
    def reasons(self):
        return {
            language: self.cleaned_data.get(f"reason_{language}", "") for language in self.languages
        }


class ReportFilter(BeatRecordFilter):
    year = django_filters.NumberFilter(label=_("Year"))
    quarter = django_filters.ChoiceFilter(label=_("Quarter"), choices=QUARTER_CHOICES)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ReportStatus.choices)
    missing_language = django_filters.BooleanFilter(
        label=_("Texts in one language only"),
        method="filter_missing_language",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = QuarterlyReport
        fields = ["beat", "year", "quarter", "status", "missing_language"]

    def filter_missing_language(self, queryset, name, value):
        return queryset.filter(one_language_only()) if value else queryset
