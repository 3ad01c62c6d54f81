"""Encouragement of assistants: commission decisions, akimat resolutions, the area budget."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class MonthlyCalculationIndex(models.Model):
    """The MRP (месячный расчётный показатель) of a year, set by the budget law."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    amount = models.DecimalField(_("MRP, KZT"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("monthly calculation index")
        verbose_name_plural = _("monthly calculation index by year")
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}: {self.amount} ₸"


class CommissionLevel(models.TextChoices):
    DISTRICT = "district", _("District commission")
    REGIONAL = "regional", _("Regional commission")


class CommissionDecision(models.Model):
    territory_paths = {"area": "area"}

    area = models.ForeignKey(
        "districts.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    level = models.CharField(_("commission"), max_length=16, choices=CommissionLevel.choices)
    date = models.DateField(_("date of the decision"))
    members_present = models.TextField(_("members present"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commission decision")
        verbose_name_plural = _("commission decisions")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.get_level_display()} · {self.date:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("commission-detail", args=[self.pk])


class EncouragementKind(models.TextChoices):
    THANKS = "thanks", _("Letter of thanks")
    HONOUR = "honour", _("Certificate of honour")
    GIFT = "gift", _("Valuable gift")
    MONEY = "money", _("Money reward")


class Encouragement(models.Model):
    territory_paths = {"beat": "assistant__beat", "area": "assistant__area"}

    assistant = models.ForeignKey(
        "volunteers.Assistant",
        on_delete=models.PROTECT,
        related_name="encouragements",
        verbose_name=_("public assistant"),
    )
    decision = models.ForeignKey(
        CommissionDecision,
        on_delete=models.PROTECT,
        related_name="encouragements",
        verbose_name=_("commission decision"),
    )
    resolution_number = models.CharField(_("akimat resolution number"), max_length=50)
    resolution_date = models.DateField(_("akimat resolution date"))
    kind = models.CharField(_("kind"), max_length=16, choices=EncouragementKind.choices)
    amount_kzt = models.DecimalField(
        _("amount, KZT"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    amount_mrp = models.DecimalField(
        _("amount, MRP"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    # The money in KZT, fixed when recorded (MRP × the year's MRP value, or the KZT amount).
    cost_kzt = models.DecimalField(
        _("cost, KZT"), max_digits=12, decimal_places=2, default=Decimal(0), editable=False
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("encouragement")
        verbose_name_plural = _("encouragements")
        ordering = ["-resolution_date"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.assistant}"

    def get_absolute_url(self):
        return f"{reverse('commission-detail', args=[self.decision_id])}#encouragement-{self.pk}"

    def clean(self):
        super().clean()
        money = self.kind in (EncouragementKind.MONEY, EncouragementKind.GIFT)
        if money and (self.amount_kzt is None) == (self.amount_mrp is None):
            raise ValidationError(_("Give the amount either in KZT or in MRP."))
        if self.decision_id and self.resolution_date and self.resolution_date < self.decision.date:
            raise ValidationError(
                {"resolution_date": _("The resolution cannot precede the commission's decision.")}
            )


class BudgetLine(models.Model):
    """The area's budget for encouraging assistants in a year."""

    territory_paths = {"area": "area"}

    area = models.ForeignKey(
        "districts.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    year = models.PositiveIntegerField(_("year"))
    amount_kzt = models.DecimalField(
        _("amount, KZT"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="budget_line_per_area_year")
        ]

    def __str__(self):
        return f"{self.area} · {self.year}"
