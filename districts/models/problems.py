"""Problem addresses and places of a beat, and the measures taken about them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from districts.models.base import BeatRecord, not_in_future


class ProblemKind(models.TextChoices):
    DARK_YARD = "dark_yard", _("Poorly lit yard")
    YOUTH_GATHERING = "youth", _("Gathering place of young people")
    ABANDONED_BUILDING = "abandoned", _("Abandoned building")
    ALCOHOL_TO_MINORS = "alcohol", _("Shop selling alcohol to minors")
    TRAFFIC = "traffic", _("Traffic danger")
    OTHER = "other", _("Other")


class ProblemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_WORK = "in_work", _("Measures under way")
    RESOLVED = "resolved", _("Resolved")


class ProblemSpot(BeatRecord):
    kind = models.CharField(_("kind"), max_length=16, choices=ProblemKind.choices)
    address = models.CharField(_("address or place"), max_length=300)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    description = models.TextField(_("description"))
    status = models.CharField(
        _("status"), max_length=16, choices=ProblemStatus.choices, default=ProblemStatus.OPEN
    )
    resolved_on = models.DateField(
        _("resolved on"), null=True, blank=True, validators=[not_in_future]
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("problem place")
        verbose_name_plural = _("problem places")
        ordering = ["status", "-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.address}"

    def get_absolute_url(self):
        return reverse("problem-detail", args=[self.pk])

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Enter both latitude and longitude, or neither."))
        if self.status == ProblemStatus.RESOLVED and not self.resolved_on:
            raise ValidationError({"resolved_on": _("Enter the date the problem was resolved.")})


class ProblemMeasure(models.Model):
    """A measure taken; a submission (представление) to remove causes and conditions names
    the body it was sent to."""

    territory_paths = {"beat": "spot__beat", "area": "spot__beat__police_point__department__area"}

    spot = models.ForeignKey(
        ProblemSpot, on_delete=models.CASCADE, related_name="measures", verbose_name=_("place")
    )
    date = models.DateField(_("date"), validators=[not_in_future])
    description = models.TextField(_("measure taken"))
    is_submission = models.BooleanField(
        _("submission to remove causes and conditions"), default=False
    )
    sent_to = models.CharField(
        _("sent to"), max_length=300, blank=True, help_text=_("For a submission: the addressee.")
    )

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return f"{reverse('problem-detail', args=[self.spot_id])}#measure-{self.pk}"

    def clean(self):
        super().clean()
        if self.is_submission and not self.sent_to.strip():
            raise ValidationError({"sent_to": _("Say to whom the submission was sent.")})
