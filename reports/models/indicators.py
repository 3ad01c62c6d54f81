"""Targets of the effectiveness indicators, set by an administrator per area."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Indicator(models.TextChoices):
    """The indicators of an inspector's effectiveness (reports.indicators computes them)."""

    PROPOSALS_DONE = "proposals_done", _("Residents' proposals done, %")
    APPEALS_IN_TIME = "appeals_in_time", _("Appeals answered in time, %")
    CHECKLIST = "checklist", _("Checklist compliance, %")
    RESIDENTS_REACHED = "residents_reached", _("Residents reached")
    TRUST = "trust", _("Trust index, %")
    OFFENCES = "offences", _("Offences against the same quarter last year, %")


# Indicators measured as a share in per cent: a target above 100 means nothing.
SHARES = frozenset(
    {Indicator.PROPOSALS_DONE, Indicator.APPEALS_IN_TIME, Indicator.CHECKLIST, Indicator.TRUST}
)
# Offences may grow: this quarter at three times last year's is 300 %, and a target of
# "no more than 120 %" is a fair one. Anything beyond this limit is a typing error.
RATIO_LIMIT = Decimal(1000)


def check_target(indicator, value):
    """The translated complaint about a target value, or None when it is acceptable."""
    if value is None:
        return None
    if value < 0:
        return _("A target cannot be negative.")
    if indicator in SHARES and value > 100:
        return _("A share cannot be more than 100 %.")
    if indicator == Indicator.OFFENCES and value > RATIO_LIMIT:
        return _("A target more than ten times last year's figure is not plausible.")
    if indicator == Indicator.RESIDENTS_REACHED and value != value.to_integral_value():
        return _("Residents are counted in whole numbers.")
    return None


class IndicatorTarget(models.Model):
    """What an area expects of each of its inspectors per quarter, for one indicator.

    Shares and the offence ratio in per cent; residents reached as a number per inspector
    and quarter. Offences are better below their target, everything else above it.
    """

    territory_paths = {"area": "area"}

    area = models.ForeignKey(
        "districts.Area",
        on_delete=models.CASCADE,
        related_name="indicator_targets",
        verbose_name=_("area"),
    )
    indicator = models.CharField(_("indicator"), max_length=32, choices=Indicator.choices)
    target = models.DecimalField(
        _("target"), max_digits=7, decimal_places=1, validators=[MinValueValidator(0)]
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("updated by"),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["area", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["area", "indicator"], name="indicator_target_once")
        ]

    def __str__(self):
        return f"{self.area} · {self.get_indicator_display()}: {self.target}"

    def clean(self):
        super().clean()
        problem = check_target(self.indicator, self.target)
        if problem:
            raise ValidationError({"target": problem})
