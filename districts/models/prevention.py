"""Preventive visits. No names of minors or families: a category, an address and an internal
reference only. Seen by the police alone; published only as counts."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from districts.models.base import BeatRecord, not_in_future


class PreventiveCategory(models.TextChoices):
    """The groups of preventive work the methodological recommendations name (section 3)."""

    FAMILY = "family", _("Family on the preventive register")
    TEENAGER = "teenager", _("Teenager at risk")
    SUPERVISED = "supervised", _("Person under administrative supervision")
    DOMESTIC_VIOLENCE = "domestic", _("Person who committed domestic violence")
    ADDICTION = "addiction", _("Person dependent on alcohol or drugs")
    RELEASED = "released", _("Person released from prison")
    OTHER = "other", _("Other")


class PreventiveVisit(BeatRecord):
    # Akimat and council staff never see these records, whatever their territory.
    view_action = "workspace.view"

    category = models.CharField(_("category"), max_length=16, choices=PreventiveCategory.choices)
    date = models.DateField(_("date"), validators=[not_in_future])
    address = models.CharField(_("address"), max_length=300)
    reference = models.CharField(
        _("internal reference"),
        max_length=64,
        help_text=_("The number of the preventive record. Never a name."),
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("What was done. Do not write names of minors.")
    )

    class Meta:
        verbose_name = _("preventive visit")
        verbose_name_plural = _("preventive visits")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["beat", "date"], name="preventive_beat_date"),
            models.Index(fields=["-date", "-id"], name="preventive_newest_first"),
        ]

    def __str__(self):
        return f"{self.get_category_display()} · {self.date:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("preventive-edit", args=[self.pk])
