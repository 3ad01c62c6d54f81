"""Offence statistics compared with the same period of the previous year (АППГ)."""

from dataclasses import dataclass

from django.db.models import Sum

from portal.periods import Quarter
from reports.models import OffenceCategory, OffenceStatistic


@dataclass(frozen=True)
class StatisticRow:
    category: OffenceCategory
    current: int | None  # None: nothing recorded for this period
    previous: int | None  # the same quarter of the previous year (АППГ)
    change_percent: float | None  # None when there is nothing to compare with

    @property
    def trend(self):
        """'up', 'down', 'same', or 'unknown' when one of the periods has no data."""
        if self.current is None or self.previous is None:
            return "unknown"
        if self.current == self.previous:
            return "same"
        return "up" if self.current > self.previous else "down"


def change_percent(current, previous):
    """The change in per cent, rounded to one decimal.

    No data for either period → None. Zero last year: 0 → 0 is no change (0.0), while
    anything → from 0 has no finite percentage (None; the trend still says "up").
    """
    if current is None or previous is None:
        return None
    if previous == 0:
        return 0.0 if current == 0 else None
    return round((current - previous) * 100 / previous, 1)


def compare(*, beat_ids, year, quarter, categories=None):
    """Rows per active category for the beats (summed), this quarter against АППГ.

    Two grouped queries whatever the number of beats or categories.
    """
    categories = list(
        categories if categories is not None else OffenceCategory.objects.filter(is_active=True)
    )
    this = Quarter(year, quarter)
    last_year = this.same_quarter_last_year()
    sums = (
        OffenceStatistic.objects.filter(
            beat_id__in=list(beat_ids), quarter=quarter, year__in=[this.year, last_year.year]
        )
        .values("category_id", "year")
        .annotate(total=Sum("count"))
        .order_by()
    )
    totals = {(row["category_id"], row["year"]): row["total"] for row in sums}
    rows = []
    for category in categories:
        current = totals.get((category.pk, this.year))
        previous = totals.get((category.pk, last_year.year))
        rows.append(StatisticRow(category, current, previous, change_percent(current, previous)))
    return rows


def total_row(rows):
    """The sum over categories, with its own АППГ comparison."""
    currents = [r.current for r in rows if r.current is not None]
    previouses = [r.previous for r in rows if r.previous is not None]
    current = sum(currents) if currents else None
    previous = sum(previouses) if previouses else None
    return StatisticRow(None, current, previous, change_percent(current, previous))
