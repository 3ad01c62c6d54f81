"""Offence statistics of a beat by category and quarter, entered by hand or imported."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from districts.models.base import BEAT_TERRITORY


class OffenceCategory(models.Model):
    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("offence category")
        verbose_name_plural = _("offence categories")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class OffenceStatistic(models.Model):
    territory_paths = BEAT_TERRITORY

    beat = models.ForeignKey(
        "districts.Beat", on_delete=models.PROTECT, related_name="offence_statistics"
    )
    category = models.ForeignKey(
        OffenceCategory, on_delete=models.PROTECT, related_name="statistics"
    )
    year = models.PositiveIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    count = models.PositiveIntegerField(_("registered offences"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("offence statistic")
        verbose_name_plural = _("offence statistics")
        ordering = ["-year", "-quarter", "category__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["beat", "category", "year", "quarter"], name="statistic_once_per_quarter"
            )
        ]

    def __str__(self):
        return f"{self.beat} · {self.year} Q{self.quarter} · {self.category}: {self.count}"
