"""Writes for door-to-door rounds: a round and the streets it covered, all or nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from districts.models import DoorToDoorRound, RoundStreet


@transaction.atomic
def round_save(*, form, formset, user) -> DoorToDoorRound:
    """Save a round and its streets, or nothing at all.

    `form` is a bound RoundForm and `formset` a bound RoundStreetFormSet; both must be
    valid. The round's streets become exactly the formset's filled rows, matched by
    street (so rows may swap streets). Every street must belong to the round's beat: a
    ValidationError otherwise (the formset refuses such rows first; this is the last line
    of defence).
    """
    if not (form.is_valid() and formset.is_valid()):
        raise ValueError("round_save() needs a valid form and formset")
    record = form.save(commit=False)
    wanted = {}
    for row in formset.kept_forms():
        street = row.cleaned_data["street"]
        if street.beat_id != record.beat_id:
            raise ValidationError(
                _("A street of another beat cannot be part of this round."), code="other_beat"
            )
        wanted[street.pk] = (row.cleaned_data.get("houses") or "").strip()
    if not record.pk:
        record.created_by = user
    record.save()

    existing = {row.street_id: row for row in record.streets.all()}
    record.streets.exclude(street_id__in=wanted).delete()
    for street_id, houses in wanted.items():
        row = existing.get(street_id)
        if row is None:
            RoundStreet.objects.create(round=record, street_id=street_id, houses=houses)
        elif row.houses != houses:
            row.houses = houses
            row.save(update_fields=["houses"])
    return record
