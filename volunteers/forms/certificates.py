"""Forms of the certificate steps (issue, return, revoke) and the filters of their register."""

import datetime

import django_filters
from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.forms.base import DateInput
from districts.models import Area
from portal import policy
from portal.query_params import parse_id
from volunteers.models import Certificate, CertificateState
from volunteers.models.certificate import CERTIFICATE_VALID_YEARS

EXPIRY_WARNING_DAYS = 30


def years_later(day, years=CERTIFICATE_VALID_YEARS):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_service_errors(form, error: ValidationError):
    """A lifecycle service's refusal next to the form's fields, the rest at the top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.error_list)


class StepForm(forms.Form):
    """A small form of one certificate step, rendered by crispy inside the page's <form>."""

    today_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
                if name in self.today_fields:
                    field.initial = today
                    field.widget.attrs["max"] = today.isoformat()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page's <form> carries the token

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        for name in self.today_fields:
            day = cleaned.get(name)
            if day and day > today:
                self.add_error(name, _("This date is in the future."))
        return cleaned


class CertificateIssueForm(StepForm):
    issued_on = forms.DateField(label=_("Issued on"))
    valid_until = forms.DateField(
        label=_("Valid until"),
        help_text=_("Three years from the issue date unless the akimat decides otherwise."),
    )
    today_fields = ("issued_on",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_until"].initial = years_later(timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        issued_on, valid_until = cleaned.get("issued_on"), cleaned.get("valid_until")
        if issued_on and valid_until and valid_until <= issued_on:
            self.add_error("valid_until", _("The certificate must be valid after its issue."))
        return cleaned


class CertificateReturnForm(StepForm):
    returned_on = forms.DateField(label=_("Returned on"))
    badge_returned = forms.BooleanField(
        label=_("The breast badge was returned too"), required=False, initial=True
    )
    today_fields = ("returned_on",)


class CertificateRevokeForm(StepForm):
    revoked_on = forms.DateField(label=_("Revoked on"))
    reason = forms.CharField(
        label=_("Reason for revocation"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("I confirm the revocation: the certificate can never be valid again."),
        error_messages={"required": _("Tick the box to confirm the revocation.")},
    )
    today_fields = ("revoked_on",)

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Give the reason for revocation."))
        return reason


# --- the register of certificates and badges -------------------------------------------------


def scoped_areas(request):
    if request is None:
        return Area.objects.none()
    return policy.scoped(request.user, Area.objects.all())


class CertificateFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Number or surname"))
    state = django_filters.ChoiceFilter(choices=CertificateState.choices, label=_("State"))
    area = django_filters.ModelChoiceFilter(queryset=scoped_areas, label=_("Area"))
    expiring = django_filters.BooleanFilter(
        method="expiring_soon",
        label=_("Expires within 30 days"),
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Certificate
        fields = ("q", "state", "area", "expiring")

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q(assistant__last_name__icontains=value)
        number = parse_id(value) if len(value) <= 9 else None
        if number is not None:
            condition |= Q(number=number)
        return queryset.filter(condition)

    def expiring_soon(self, queryset, name, value):
        if not value:
            return queryset
        today = timezone.localdate()
        return queryset.filter(
            state=CertificateState.ISSUED,
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=EXPIRY_WARNING_DAYS),
        )
