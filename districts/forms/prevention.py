"""Preventive visits: a category, an address and an internal reference, never a name."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from districts.forms.base import BeatRecordForm
from districts.models import PreventiveVisit

# Runs of letters (any script), with a trailing dot kept to recognise initials ("А.").
_WORD = re.compile(r"[^\W\d_]+\.?")


def _looks_like_name_part(word: str) -> bool:
    """A capitalised word ("Иванов", "Aigerim") or an initial ("А.")."""
    letters = word.rstrip(".")
    if len(letters) == 1:
        return letters.isupper() and word.endswith(".")
    return letters[0].isupper() and letters[1:].islower()


def name_like_parts(value: str) -> list[str]:
    return [word for word in _WORD.findall(value) if _looks_like_name_part(word)]


def check_reference(value: str) -> None:
    """Refuse a reference that could be a person's name.

    A record number has digits ("ПУ-0012", "КДН/2025-14"); a name has none, or has two or
    more capitalised words or initials ("Иванов А.", "Айгерим Сеитова 12").
    """
    if not any(char.isdigit() for char in value):
        raise forms.ValidationError(
            _("The reference is the number of the preventive record and must contain digits."),
            code="no_digit",
        )
    if len(name_like_parts(value)) >= 2:
        raise forms.ValidationError(
            _(
                "This looks like a person's name. Enter the number of the preventive record "
                "only: names of minors and families are never recorded here."
            ),
            code="name",
        )


class PreventiveVisitForm(BeatRecordForm):
    class Meta:
        model = PreventiveVisit
        fields = ["beat", "category", "date", "address", "reference", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        check_reference(reference)
        return reference
