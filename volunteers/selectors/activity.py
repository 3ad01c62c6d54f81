"""Read-side queries of the duty log and the encouragement budget.

Every function here takes querysets the caller has already narrowed with
`portal.policy.scoped`, and answers in a fixed number of queries whatever the
amount of data.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from portal.periods import Quarter, year_period
from volunteers.models import BudgetLine, Encouragement, MonthlyCalculationIndex

ZERO = Decimal(0)


def _hours(condition):
    return Coalesce(
        Sum("duties__hours", filter=condition),
        Value(ZERO),
        output_field=DecimalField(max_digits=10, decimal_places=1),
    )


def _count(condition):
    return Count("duties", filter=condition)


def _total(field, condition):
    return Coalesce(Sum(field, filter=condition), Value(0), output_field=IntegerField())


def _dated_in(period):
    return Q(duties__date__gte=period.start, duties__date__lt=period.end)


def _period_annotations(prefix, condition):
    return {
        f"{prefix}_hours": _hours(condition),
        f"{prefix}_duties": _count(condition),
        f"{prefix}_offences": _total("duties__offences_stopped", condition),
        f"{prefix}_handed_over": _total("duties__persons_handed_over", condition),
        f"{prefix}_outcomes": _total(
            F("duties__offences_stopped") + F("duties__persons_handed_over"), condition
        ),
    }


def duty_totals(assistants: QuerySet, *, year: int, quarter: int | None = None) -> QuerySet:
    """The assistants annotated with their duty totals for the year and for a quarter of it.

    Every row carries `year_hours`, `year_duties`, `year_offences`, `year_handed_over`
    and `year_outcomes` (offences stopped + persons handed over to the police); with a
    quarter also the same five as `quarter_*`. One grouped query, so the caller can
    still order, filter and paginate by any of them.
    """
    annotations = _period_annotations("year", _dated_in(year_period(year)))
    if quarter is not None:
        annotations.update(_period_annotations("quarter", _dated_in(Quarter(year, quarter).period)))
    return assistants.annotate(**annotations)


# --- the encouragement budget ---------------------------------------------------------------


def used_in_year(area_id, year: int) -> Decimal:
    """What the area's encouragements with a resolution of that year cost, in KZT."""
    total = Encouragement.objects.filter(
        decision__area_id=area_id, resolution_date__year=year
    ).aggregate(total=Sum("cost_kzt"))["total"]
    return total or ZERO


@dataclass(frozen=True)
class BudgetState:
    amount: Decimal | None  # None: no budget line for the year
    used: Decimal

    @property
    def left(self) -> Decimal | None:
        return None if self.amount is None else self.amount - self.used


def budget_state(area_id, year: int) -> BudgetState:
    line = BudgetLine.objects.filter(area_id=area_id, year=year).values_list(
        "amount_kzt", flat=True
    )
    return BudgetState(amount=next(iter(line), None), used=used_in_year(area_id, year))


def areas_with_budget(areas: QuerySet, *, year: int) -> QuerySet:
    """The areas annotated with `budget` (None without a line), `used` and `left` for a year."""
    used = (
        Encouragement.objects.filter(decision__area=OuterRef("pk"), resolution_date__year=year)
        .order_by()
        .values("decision__area")
        .annotate(total=Sum("cost_kzt"))
        .values("total")
    )
    money = DecimalField(max_digits=14, decimal_places=2)
    budget = BudgetLine.objects.filter(area=OuterRef("pk"), year=year).values("amount_kzt")[:1]
    return areas.annotate(
        budget=Subquery(budget, output_field=money),
        used=Coalesce(Subquery(used, output_field=money), Value(ZERO), output_field=money),
    ).annotate(left=F("budget") - F("used"))


def mrp_of(year: int) -> Decimal | None:
    return (
        MonthlyCalculationIndex.objects.filter(year=year).values_list("amount", flat=True).first()
    )


def current_year() -> int:
    return timezone.localdate().year
