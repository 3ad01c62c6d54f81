"""Forms of the quarterly report: a new report, the inspector's texts, and the review steps."""

import django_filters
from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from districts.filters.base import BeatRecordFilter
from districts.forms.base import BeatRecordForm
from portal.periods import QUARTER_NUMBERS, Quarter, current_quarter
from reports.models import QuarterlyReport, ReportStatus

QUARTER_CHOICES = [(q, _("Quarter %(number)s") % {"number": q}) for q in QUARTER_NUMBERS]
# The languages a report is published in: Kazakh or Russian, English optional.
LANGUAGE_LABELS = dict(settings.LANGUAGES)
PUBLICATION_LANGUAGE_CHOICES = [
    (code, LANGUAGE_LABELS[code]) for code in ("kk", "ru", "en") if code in LANGUAGE_LABELS
]


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


class ReportTextForm(BeatRecordForm):
    """What the inspector writes; everything else in the report comes from the logged work."""

    class Meta:
        model = QuarterlyReport
        fields = [
            "summary",
            "measures",
            "plan_next_quarter",
            "next_meeting_at",
            "next_meeting_place",
        ]
        labels = {"summary": _("In your words, for residents")}
        help_texts = {
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
            "plan_next_quarter": _(
                "Open work plan items due next quarter are added automatically."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("summary", "measures", "plan_next_quarter"):
            self.fields[name].widget.attrs["rows"] = 5

    def clean_next_meeting_at(self):
        value = self.cleaned_data.get("next_meeting_at")
        if value and "next_meeting_at" in self.changed_data and value < timezone.now():
            raise forms.ValidationError(_("The next meeting cannot be in the past."))
        return value


def default_language():
    current = translation.get_language() or ""
    return current if current in ("kk", "ru") else "ru"


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
    language = forms.ChoiceField(
        label=_("Language of the publication"),
        choices=PUBLICATION_LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
        help_text=_("The page and the PDF are published in this language."),
    )
    # What is published cannot be changed, only corrected by a new revision: no publication
    # without the reviewer saying they have read it.
    confirm = forms.BooleanField(
        label=_("I have read the report and confirm its publication"),
        error_messages={
            "required": _("Tick the box to confirm that you have read the report."),
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("language", default_language())
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class CorrectForm(PublishForm):
    reason = forms.CharField(
        label=_("Reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("Shown to residents with the corrected report."),
    )

    field_order = ["reason", "language", "confirm"]


class ReportFilter(BeatRecordFilter):
    year = django_filters.NumberFilter(label=_("Year"))
    quarter = django_filters.ChoiceFilter(label=_("Quarter"), choices=QUARTER_CHOICES)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ReportStatus.choices)

    class Meta:
        model = QuarterlyReport
        fields = ["beat", "year", "quarter", "status"]
