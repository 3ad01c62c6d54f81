"""Door-to-door rounds (поквартирный обход) and the streets and houses they covered."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from districts.models.base import BeatRecord, not_in_future
from districts.models.territory import house_list_validator


class DoorToDoorRound(BeatRecord):
    date = models.DateField(_("date"), validators=[not_in_future])
    apartments_visited = models.PositiveIntegerField(_("apartments and houses visited"))
    residents_met = models.PositiveIntegerField(_("residents met"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("door-to-door round")
        verbose_name_plural = _("door-to-door rounds")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["beat", "date"]),
            models.Index(fields=["-date", "-id"], name="round_newest_first"),
        ]

    def __str__(self):
        return _("Round of %(date)s") % {"date": self.date.strftime("%d.%m.%Y")}

    def get_absolute_url(self):
        return reverse("round-edit", args=[self.pk])


class RoundStreet(models.Model):
    """A street of the beat walked during a round; empty houses mean all of its houses."""

    territory_paths = {
        "beat": "round__beat",
        "area": "round__beat__police_point__department__area",
    }

    round = models.ForeignKey(
        DoorToDoorRound, on_delete=models.CASCADE, related_name="streets", verbose_name=_("round")
    )
    street = models.ForeignKey(
        "districts.BeatStreet",
        on_delete=models.CASCADE,
        related_name="round_visits",
        verbose_name=_("street"),
    )
    houses = models.CharField(
        _("houses"),
        max_length=500,
        blank=True,
        validators=[house_list_validator],
        help_text=_("Leave empty when every house of the street in this beat was visited."),
    )

    class Meta:
        verbose_name = _("street of the round")
        verbose_name_plural = _("streets of the round")
        constraints = [
            models.UniqueConstraint(fields=["round", "street"], name="round_street_once")
        ]

    def __str__(self):
        return f"{self.street.name_ru} {self.houses}".strip()

    @property
    def is_whole_street(self):
        return not self.houses.strip()
