"""Positive cases of trust earned, and the beat's work plan."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from districts.models.base import BeatRecord, not_in_future


class TrustCase(BeatRecord):
    date = models.DateField(_("date"), validators=[not_in_future])
    title = models.CharField(_("title"), max_length=200)
    story = models.TextField(
        _("story"), help_text=_("A short story for the public report. No names without consent.")
    )

    class Meta:
        verbose_name = _("positive case")
        verbose_name_plural = _("positive cases")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("trustcase-edit", args=[self.pk])


class WorkPlanStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class WorkPlanItem(BeatRecord):
    title = models.CharField(_("task"), max_length=300)
    proposal = models.ForeignKey(
        "districts.Proposal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_items",
        verbose_name=_("from residents' proposal"),
    )
    due_on = models.DateField(_("due by"))
    status = models.CharField(
        _("status"), max_length=16, choices=WorkPlanStatus.choices, default=WorkPlanStatus.PLANNED
    )
    done_on = models.DateField(_("done on"), null=True, blank=True, validators=[not_in_future])
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("work plan item")
        verbose_name_plural = _("work plan items")
        ordering = ["status", "due_on"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workplan-edit", args=[self.pk])

    def clean(self):
        super().clean()
        if self.status == WorkPlanStatus.DONE and not self.done_on:
            raise ValidationError({"done_on": _("Enter the date the task was done.")})
        if self.proposal_id and self.beat_id and self.proposal.beat_id != self.beat_id:
            raise ValidationError({"proposal": _("This proposal belongs to another beat.")})
