"""Numbers without gaps per area: registration numbers and certificate numbers.

A counter row per (area, series) is locked with SELECT … FOR UPDATE while the next
number is taken, so concurrent issues wait for each other instead of colliding; the
number is taken inside the caller's transaction, so a failed issue leaves no gap.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Series(models.TextChoices):
    REGISTRATION = "registration", _("Registration numbers")
    CERTIFICATE = "certificate", _("Certificate numbers")


class AreaCounter(models.Model):
    area = models.ForeignKey("districts.Area", on_delete=models.CASCADE, related_name="+")
    series = models.CharField(max_length=16, choices=Series.choices)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["area", "series"], name="area_counter_once")]

    def __str__(self):
        return f"{self.area_id}/{self.series}: {self.last}"

    @classmethod
    def next_number(cls, area, series):
        """Must run inside a transaction (requests are atomic)."""
        cls.objects.get_or_create(area=area, series=series)
        counter = cls.objects.select_for_update().get(area=area, series=series)
        counter.last += 1
        counter.save(update_fields=["last"])
        return counter.last
