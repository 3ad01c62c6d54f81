"""Forms of commission decisions, encouragements and the area's budget line."""

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.forms.base import DateInput
from districts.models import Area
from portal import policy
from volunteers.forms.activity import AreaRecordForm, _form_helper, assistant_label
from volunteers.models import Assistant, CommissionDecision, Encouragement
from volunteers.services.encouragement import ELIGIBLE_STATUSES, FIRST_BUDGET_YEAR, check_amounts


class CommissionDecisionForm(AreaRecordForm):
    class Meta:
        model = CommissionDecision
        fields = ["area", "level", "date", "members_present"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members_present"].help_text = _("One member per line: name and position.")
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())
            self.initial.setdefault("level", "district")

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."), code="future")
        return date


class EncouragementForm(forms.ModelForm):
    """An award on a commission's decision; the service checks the money and saves it."""

    class Meta:
        model = Encouragement
        fields = [
            "assistant",
            "kind",
            "resolution_number",
            "resolution_date",
            "amount_kzt",
            "amount_mrp",
        ]

    def __init__(self, *args, user, decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.decision = decision
        self.fields["assistant"].queryset = (
            policy.scoped(user, Assistant.objects.all())
            .filter(area_id=decision.area_id, status__in=ELIGIBLE_STATUSES)
            .select_related("beat")
            .order_by("last_name", "first_name")
        )
        self.fields["assistant"].label_from_instance = assistant_label
        self.fields["resolution_date"].widget = DateInput(attrs={"min": decision.date.isoformat()})
        self.fields["amount_kzt"].help_text = _(
            "For a money reward or a valuable gift: the amount in KZT or in MRP, not both."
        )
        self.fields["amount_mrp"].help_text = _("Multiplied by the MRP of the resolution's year.")
        for name in ("amount_kzt", "amount_mrp"):
            self.fields[name].widget.attrs.update({"inputmode": "decimal", "min": "0"})
        self.initial.setdefault("resolution_date", max(decision.date, timezone.localdate()))
        self.helper = _form_helper()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("kind"):
            return cleaned
        for field, messages in check_amounts(
            cleaned.get("kind"), cleaned.get("amount_kzt"), cleaned.get("amount_mrp")
        ).items():
            for message in messages:
                self.add_error(field, message)
        return cleaned

    def _post_clean(self):
        # The model's own checks run again in the service; here they would repeat the
        # amount message already given by `clean`.
        pass


class BudgetLineForm(forms.Form):
    """The area's encouragement budget of one year."""

    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_BUDGET_YEAR)
    amount_kzt = forms.DecimalField(
        label=_("Amount, KZT"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        last_year = timezone.localdate().year + 1
        self.fields["year"].max_value = last_year
        self.fields["year"].validators.append(MaxValueValidator(last_year))
        self.fields["year"].widget.attrs.update({"max": last_year, "inputmode": "numeric"})
        self.fields["amount_kzt"].widget.attrs.update({"inputmode": "decimal"})
        if user.is_administrator:
            self.fields["area"].queryset = policy.scoped(user, Area.objects.all())
        else:
            del self.fields["area"]
        self.helper = _form_helper()

    def clean(self):
        cleaned = super().clean()
        if "area" not in self.fields:
            if self.user.area is None:
                raise forms.ValidationError(
                    _("Your account has no area: ask an administrator to set it.")
                )
            cleaned["area"] = self.user.area
        return cleaned
