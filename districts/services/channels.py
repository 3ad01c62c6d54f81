"""Writes of a beat's channels: the inspector's reception hours and messenger groups."""

from django.db import transaction

from districts.models import Beat
from portal.published import bump_published_version


@transaction.atomic
def beat_channels_save(*, form, formset, user) -> Beat:
    """Save the reception hours and the messenger groups of a beat, or nothing at all.

    `form` is a bound ReceptionHoursForm and `formset` a bound MessengerGroupFormSet of the
    same beat; both must be valid. Each group's change is kept in its history under `user`;
    the open-data API's cached answers are renewed once the change is committed.
    """
    if not (form.is_valid() and formset.is_valid()):
        raise ValueError("beat_channels_save() needs a valid form and formset")
    beat = form.save()
    formset.instance = beat
    for group in formset.save(commit=False):
        group.beat = beat
        group._history_user = user
        group.save()
    for group in formset.deleted_objects:
        group._history_user = user
        group.delete()
    transaction.on_commit(bump_published_version)
    return beat
