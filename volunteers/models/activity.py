"""Training and briefings of assistants, and their duty log."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from districts.models.base import not_in_future
from volunteers.models.assistant import ParticipationForm


class TrainingKind(models.TextChoices):
    LEGAL_TRAINING = "legal_training", _("Legal training at a police point")
    ART7_BRIEFING = (
        "art7_briefing",
        _("Briefing on rights and duties (Art. 7), including when force may not be used"),
    )


class Training(models.Model):
    territory_paths = {"area": "area"}
    police_area_visible = True

    area = models.ForeignKey(
        "districts.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=TrainingKind.choices)
    date = models.DateField(_("date"), validators=[not_in_future])
    police_point = models.ForeignKey(
        "districts.PolicePoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("police point"),
    )
    held_by = models.CharField(_("held by"), max_length=200)
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    attendees = models.ManyToManyField(
        "volunteers.Assistant", related_name="trainings", verbose_name=_("attended")
    )
    history = HistoricalRecords(m2m_fields=[attendees])

    class Meta:
        verbose_name = _("training or briefing")
        verbose_name_plural = _("trainings and briefings")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.date:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("training-edit", args=[self.pk])


class Duty(models.Model):
    """One participation of an assistant in ensuring public order."""

    territory_paths = {"beat": "beat", "area": "assistant__area"}

    assistant = models.ForeignKey(
        "volunteers.Assistant",
        on_delete=models.PROTECT,
        related_name="duties",
        verbose_name=_("public assistant"),
    )
    date = models.DateField(_("date"), validators=[not_in_future])
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0.5), MaxValueValidator(24)],
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ParticipationForm.choices)
    beat = models.ForeignKey(
        "districts.Beat", on_delete=models.PROTECT, related_name="+", verbose_name=_("beat")
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("supervising inspector"),
        limit_choices_to={"role": "inspector"},
    )
    offences_stopped = models.PositiveIntegerField(_("offences stopped"), default=0)
    persons_handed_over = models.PositiveIntegerField(
        _("persons handed over to the police"), default=0
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    joint_action = models.CharField(
        _("joint action"), max_length=200, blank=True, help_text=_("When on a joint action.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("duty")
        verbose_name_plural = _("duty log")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["assistant", "date"]),
            models.Index(fields=["-date", "-id"], name="duty_newest_first"),
        ]

    def __str__(self):
        return f"{self.assistant} · {self.date:%d.%m.%Y} · {self.hours}"

    def get_absolute_url(self):
        return reverse("duty-edit", args=[self.pk])

    def clean(self):
        super().clean()
        from volunteers.models.assistant import AssistantStatus

        # Checked when the duty is logged; a later suspension does not freeze the record.
        new_assistant = self._state.adding or (
            type(self).objects.filter(pk=self.pk).exclude(assistant_id=self.assistant_id).exists()
        )
        if self.assistant_id and new_assistant and self.assistant.status != AssistantStatus.ACTIVE:
            raise ValidationError({"assistant": _("Only an active assistant may be on duty.")})
