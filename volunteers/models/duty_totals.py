"""Duty hours per area and year, kept beside the duty log so the regional record reads one
small row per area instead of summing a national year of duties on every request.

A row is a computed total: `area_duty_hours` fills the rows it misses with one grouped
query, and any change of a duty (or of an assistant's area) deletes the rows it makes
stale (volunteers/signals.py), so the next read sums that area's year again.
"""

from decimal import Decimal

from django.db import models
from django.db.models import Sum


class AreaDutyHours(models.Model):
    area = models.ForeignKey("districts.Area", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    hours = models.DecimalField(max_digits=12, decimal_places=1, default=Decimal("0"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year", "area"], name="area_duty_hours_once")
        ]

    def __str__(self):
        return f"{self.area_id}/{self.year}: {self.hours}"


def area_duty_hours(area_ids, year) -> dict:
    """{area id: duty hours of `year`} for the areas, the missing totals computed once."""
    from volunteers.models.activity import Duty

    area_ids = set(area_ids)
    known = dict(
        AreaDutyHours.objects.filter(year=year, area__in=area_ids).values_list("area", "hours")
    )
    missing = area_ids - known.keys()
    if missing:
        sums = dict(
            Duty.objects.filter(assistant__area__in=missing, date__year=year)
            .order_by()
            .values_list("assistant__area")
            .annotate(total=Sum("hours"))
        )
        rows = [
            AreaDutyHours(area_id=pk, year=year, hours=sums.get(pk) or Decimal("0"))
            for pk in missing
        ]
        # A concurrent reader may have stored the same totals: theirs are as good as ours.
        AreaDutyHours.objects.bulk_create(rows, ignore_conflicts=True)
        known.update({row.area_id: row.hours for row in rows})
    return known


def forget_duty_hours(area_ids, years=None):
    """The totals of these areas (of `years`, or every year) are stale."""
    rows = AreaDutyHours.objects.filter(area__in=[pk for pk in area_ids if pk])
    if years is not None:
        rows = rows.filter(year__in=years)
    rows.delete()
