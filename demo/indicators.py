"""Targets of the effectiveness indicators for the demo districts, for `manage.py seed_demo`.

Every district gets the same modest targets per inspector and quarter, and the city centre
(Almaly, the demo accounts' district) a stricter one for appeals, so the colours of the
indicator pages differ between districts. Running it again sets the same values.
"""

from decimal import Decimal

from reports.models import Indicator, IndicatorTarget

TARGETS = {
    Indicator.PROPOSALS_DONE: Decimal(60),
    Indicator.APPEALS_IN_TIME: Decimal(90),
    Indicator.CHECKLIST: Decimal(70),
    Indicator.RESIDENTS_REACHED: Decimal(150),
    Indicator.TRUST: Decimal(60),
    Indicator.OFFENCES: Decimal(100),
}
# The demo accounts' district asks every appeal to be answered in time.
STRICTER = {Indicator.APPEALS_IN_TIME: Decimal(100)}
STRICTER_AREA = "Алмалинский район"


def seed_targets(areas) -> int:
    """Set the targets of `areas`; returns how many targets there are."""
    count = 0
    for area in areas:
        values = {**TARGETS, **(STRICTER if area.name_ru == STRICTER_AREA else {})}
        for indicator, target in values.items():
            IndicatorTarget.objects.update_or_create(
                area=area, indicator=indicator, defaults={"target": target}
            )
            count += 1
    return count
