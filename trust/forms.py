"""The survey form: five questions answered by choice and an optional comment, with the
resident site's honeypot (residents.forms.HoneypotForm)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from districts.models.survey import (
    COMMENT_MAX_LENGTH,
    KnowsInspector,
    Problem,
    Safety,
    Satisfaction,
    Trust,
)
from portal.public_forms import HoneypotForm


def _choice(label, choices, *, coerce=int):
    return forms.TypedChoiceField(
        label=label, choices=choices, coerce=coerce, widget=forms.RadioSelect
    )


class SurveyForm(HoneypotForm):
    trust = _choice(_("Do you trust your district inspector?"), Trust.choices)
    safety = _choice(_("How safe is it in your yard after dark?"), Safety.choices)
    knows_inspector = _choice(
        _("Do you know who your district inspector is?"), KnowsInspector.choices
    )
    satisfaction = _choice(
        _("Were you satisfied with your last contact with the inspector?"),
        Satisfaction.choices,
    )
    problem = _choice(_("What is the main problem of your beat?"), Problem.choices, coerce=str)
    comment = forms.CharField(
        label=_("Anything else you would like to tell the inspector?"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Optional. Do not write your name, address or phone: the survey is anonymous. "
            "The police may publish a comment on the beat's page after reading it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._helper(
            "trust", "safety", "knows_inspector", "satisfaction", "problem", "comment"
        )

    def clean_comment(self):
        return " ".join((self.cleaned_data.get("comment") or "").split())
