import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """The six-digit code an authenticator app shows, checked against the user's devices.

    `device` is the device that accepted the code. A wrong code counts against the device,
    which then refuses to check another one for a while (longer after each failure).
    """

    code = forms.CharField(
        label=_("Code from the app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "class": "font-monospace",
            }
        ),
    )

    def __init__(self, *args, devices, **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = devices
        self.device = None

    def clean_code(self):
        code = re.sub(r"\s", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise ValidationError(_("Enter the six digits the app shows."), code="format")
        for device in self.devices:
            allowed, _details = device.verify_is_allowed()
            if not allowed:
                raise ValidationError(
                    _("Too many wrong codes. Wait a minute and enter the code the app shows then."),
                    code="throttled",
                )
            if device.verify_token(code):
                self.device = device
                return code
        raise ValidationError(
            _("This code is not right. Enter the code the app shows now."), code="wrong"
        )
