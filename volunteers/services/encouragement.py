"""Encouragement of assistants: recording an award against the area's budget, and the budget.

`encouragement_record` is the only way an award is written from the portal: it checks the
assistant, the dates and the amount, fixes the cost in KZT (an MRP amount is multiplied by
the MRP of the resolution's year) and refuses anything that the area's budget line for that
year cannot pay. The budget line row is locked while the money left is computed, so two
awards recorded at the same moment cannot together overspend it.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from volunteers.models import (
    AssistantStatus,
    BudgetLine,
    CommissionDecision,
    Encouragement,
    EncouragementKind,
)
from volunteers.selectors.activity import mrp_of, used_in_year

# "Registered or later and not deregistered."
ELIGIBLE_STATUSES = (
    AssistantStatus.REGISTERED,
    AssistantStatus.CERTIFIED,
    AssistantStatus.ACTIVE,
    AssistantStatus.SUSPENDED,
)
# Awards that cost money and so carry an amount; the others carry none.
PAID_KINDS = (EncouragementKind.MONEY, EncouragementKind.GIFT)
CENT = Decimal("0.01")
FIRST_BUDGET_YEAR = 2000


def kzt(amount: Decimal) -> str:
    return number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)


def check_amounts(kind, amount_kzt, amount_mrp) -> dict:
    """Field errors for the amount of an award of this kind (empty when it is right)."""
    given = [a for a in (amount_kzt, amount_mrp) if a is not None]
    if kind in PAID_KINDS:
        if len(given) != 1:
            message = _("Give the amount either in KZT or in MRP, not both.")
            if not given:
                message = _("A money reward or a valuable gift needs an amount in KZT or in MRP.")
            return {"amount_kzt": [message]}
        if given[0] <= 0:
            field = "amount_kzt" if amount_kzt is not None else "amount_mrp"
            return {field: [_("The amount must be greater than zero.")]}
    elif given:
        field = "amount_kzt" if amount_kzt is not None else "amount_mrp"
        return {field: [_("A letter of thanks or a certificate of honour has no amount.")]}
    return {}


def cost_of(*, year, amount_kzt, amount_mrp) -> Decimal:
    """The award's cost in KZT; ValidationError when the MRP of the year is not set."""
    if amount_kzt is not None:
        return Decimal(amount_kzt).quantize(CENT, ROUND_HALF_UP)
    if amount_mrp is None:
        return Decimal(0)
    mrp = mrp_of(year)
    if mrp is None:
        raise ValidationError(
            {
                "amount_mrp": _(
                    "The MRP for %(year)s is not set: ask an administrator to enter it, "
                    "or give the amount in KZT."
                )
                % {"year": year}
            },
            code="no_mrp",
        )
    return (Decimal(amount_mrp) * mrp).quantize(CENT, ROUND_HALF_UP)


def _check_budget(*, area, year, cost):
    line = BudgetLine.objects.select_for_update().filter(area=area, year=year).first()
    if line is None:
        raise ValidationError(
            {
                "resolution_date": _(
                    "The area has no budget line for encouragement in %(year)s: "
                    "enter the budget for that year first."
                )
                % {"year": year}
            },
            code="no_budget",
        )
    left = line.amount_kzt - used_in_year(area.pk, year)
    if cost > left:
        raise ValidationError(
            _(
                "The award costs %(cost)s ₸ but only %(left)s ₸ is left in the %(year)s budget "
                "of the area."
            )
            % {"cost": kzt(cost), "left": kzt(max(left, Decimal(0))), "year": year},
            code="over_budget",
        )


@transaction.atomic
def encouragement_record(
    *,
    decision: CommissionDecision,
    user,
    assistant,
    resolution_number,
    resolution_date,
    kind,
    amount_kzt=None,
    amount_mrp=None,
    today=None,
) -> Encouragement:
    """Record an award given by the akimat's resolution on the commission's decision.

    The resolution may not be dated after `today` (default: the current date). Raises
    ValidationError (keyed by form field where there is one); nothing is saved then.
    """
    errors = {}
    if assistant.area_id != decision.area_id:
        errors["assistant"] = [_("The assistant must be registered in the commission's area.")]
    elif assistant.status not in ELIGIBLE_STATUSES:
        errors["assistant"] = [
            _("Only a registered assistant who is not deregistered can be encouraged.")
        ]
    if resolution_date < decision.date:
        errors["resolution_date"] = [_("The resolution cannot precede the commission's decision.")]
    elif resolution_date > (today or timezone.localdate()):
        errors["resolution_date"] = [_("This date is in the future.")]
    if not (resolution_number or "").strip():
        errors["resolution_number"] = [_("Give the number of the akimat's resolution.")]
    errors.update(check_amounts(kind, amount_kzt, amount_mrp))
    if errors:
        raise ValidationError(errors)

    year = resolution_date.year
    cost = cost_of(year=year, amount_kzt=amount_kzt, amount_mrp=amount_mrp)
    if cost > 0:
        _check_budget(area=decision.area, year=year, cost=cost)

    award = Encouragement(
        assistant=assistant,
        decision=decision,
        resolution_number=resolution_number.strip(),
        resolution_date=resolution_date,
        kind=kind,
        amount_kzt=amount_kzt,
        amount_mrp=amount_mrp,
        cost_kzt=cost,
    )
    award.full_clean()
    award.save()
    return award


@transaction.atomic
def budget_set(*, area, year, amount_kzt, user, today=None) -> BudgetLine:
    """Set the area's encouragement budget for a year (up to the year after `today`, by default
    the current date); never below what is already used."""
    if year < FIRST_BUDGET_YEAR or year > (today or timezone.localdate()).year + 1:
        raise ValidationError({"year": _("Choose a year from 2000 to next year.")})
    line = BudgetLine.objects.select_for_update().filter(area=area, year=year).first()
    used = used_in_year(area.pk, year)
    if amount_kzt < used:
        raise ValidationError(
            {
                "amount_kzt": _(
                    "Awards of %(used)s ₸ are already recorded for %(year)s: "
                    "the budget cannot be smaller."
                )
                % {"used": kzt(used), "year": year}
            }
        )
    if line is None:
        line = BudgetLine(area=area, year=year)
    line.amount_kzt = amount_kzt
    line.full_clean()
    line.save()
    return line
