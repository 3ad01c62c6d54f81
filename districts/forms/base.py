"""Form plumbing shared by every record of an inspector's work."""

from crispy_forms.helper import FormHelper
from django import forms

from districts.models import Beat
from portal import policy


class DateInput(forms.DateInput):
    """The browser's own date picker; ISO format is what it sends back.

    The picker shows the date as the browser's locale does, which the portal cannot set.
    What a user types where there is no picker (an old browser, a filter in the URL) is
    read by the field in the page's language (portal/formats): 09.12.2026, 9.12.2026 and
    09.12.26 in every language, and ISO; never the US month-first 12/09/2026.
    """

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class BeatRecordForm(forms.ModelForm):
    """A record of one of the user's beats: the beat list holds only beats in the user's scope,
    and is preselected when the user has a single beat."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if "beat" in self.fields:
            beats = policy.scoped(user, Beat.objects.all()).select_related(
                "police_point__department__area"
            )
            self.fields["beat"].queryset = beats
            self.fields["beat"].label_from_instance = lambda beat: (
                f"{beat} · {beat.police_point.department.area}"
            )
            if not self.instance.pk and not self.initial.get("beat"):
                only = list(beats[:2])
                if len(only) == 1:
                    self.initial["beat"] = only[0].pk
        for field in self.fields.values():
            if isinstance(field, forms.DateTimeField):
                field.widget = DateTimeInput()
            elif isinstance(field, forms.DateField):
                field.widget = DateInput()
            elif isinstance(field.widget, forms.Textarea) and field.widget.attrs.get("rows") in (
                None,
                "10",  # Django's default: too tall on a phone
            ):
                field.widget.attrs["rows"] = 3
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page's <form> carries the token
