"""The inspector's own development: trainings attended and digital services studied.

Appendix B asks for a training or seminar on legal or psychological matters and for the
study of new digital services for work with residents, once a year each; recording them
here ticks those checklist items.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from districts.models.base import BeatRecord, not_in_future


class StudyKind(models.TextChoices):
    TRAINING = "training", _("Training or seminar (legal or psychological)")
    DIGITAL = "digital", _("Study of a digital service for work with residents")


class InspectorStudy(BeatRecord):
    kind = models.CharField(_("kind"), max_length=16, choices=StudyKind.choices)
    date = models.DateField(_("date"), validators=[not_in_future])
    topic = models.CharField(_("topic"), max_length=300)
    organiser = models.CharField(
        _("held by"),
        max_length=300,
        blank=True,
        help_text=_("Who held the training, or which service was studied (eGov, 102, …)."),
    )
    hours = models.PositiveSmallIntegerField(
        _("hours"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    notes = models.TextField(_("what was learnt"), blank=True)

    class Meta:
        verbose_name = _("training or study")
        verbose_name_plural = _("trainings and studies")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.topic

    def get_absolute_url(self):
        return reverse("study-edit", args=[self.pk])
