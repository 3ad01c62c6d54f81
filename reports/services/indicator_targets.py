"""Setting the indicator targets of an area (history kept by django-simple-history)."""

from django.db import transaction

from reports.models import IndicatorTarget


@transaction.atomic
def targets_set(*, area, targets: dict, user) -> None:
    """Save `targets` ({indicator code: value or None}) for `area`; None removes a target.

    Unchanged targets are left alone, so the history shows only real changes.
    """
    current = {t.indicator: t for t in IndicatorTarget.objects.filter(area=area)}
    for code, value in targets.items():
        existing = current.get(code)
        if value is None:
            if existing is not None:
                existing.delete()
            continue
        if existing is None:
            IndicatorTarget.objects.create(area=area, indicator=code, target=value, updated_by=user)
        elif existing.target != value:
            existing.target = value
            existing.updated_by = user
            existing.save()
