"""Storing a draft of field mode sent from a device: once, whatever the number of times it
arrives (the kinds of drafts are in districts/drafts.py)."""

import datetime
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.drafts import Rejected, check_beat, kind_for
from districts.models import DraftReceipt
from portal import once

# How long a received draft's id is remembered: a device that lost the answer sends the
# draft again within days (when it next has signal), not months.
KEEP_RECEIPTS = datetime.timedelta(days=90)


class InProgress(Exception):
    """The form this draft was made from is being handled right now: try again shortly."""


@dataclass(frozen=True)
class Stored:
    location: str  # the record's page
    message: str
    again: bool = False  # the draft had been stored before


def send_draft(*, user, client_id: uuid.UUID, action: str, data, version: str = "") -> Stored:
    """Store the draft `client_id`, filled in the form at `action`, as its record (`version`:
    of the record a draft changes, as it was when the draft was made).

    The receipt is claimed before the record is saved, in one transaction: a second sending
    of the same draft waits for the first (the unique id) and is answered with the record
    the first one stored; a draft that fails stores nothing, so it can be corrected and sent
    again. Raises Rejected with the reason, InProgress while the form the draft was made
    from is being handled.
    """
    kind, kwargs = kind_for(action)
    # A draft made from a form whose sending seemed to fail bears the form's token: had the
    # form reached the server after all, its record is the draft's (portal/once.py).
    earlier = once.first_location(user, str(client_id))
    if earlier == "":
        raise InProgress
    if earlier:
        return _again(earlier)
    with transaction.atomic():
        try:
            with transaction.atomic():
                receipt = DraftReceipt.objects.create(
                    client_id=client_id, user=user, kind=kind.url_name
                )
        except IntegrityError:
            return _stored_before(user, client_id)
        check_beat(user, data)
        record = kind.store(user=user, data=data, kwargs=kwargs, version=version)
        receipt.location = record.get_absolute_url()
        receipt.save(update_fields=["location"])
        # The form itself, should it still arrive, is sent to this record (portal/once.py).
        once.remember(user, str(client_id), receipt.location)
    return Stored(location=receipt.location, message=str(kind.saved_message))


def _stored_before(user, client_id):
    receipt = DraftReceipt.objects.filter(client_id=client_id).first()
    if receipt is None or receipt.user_id != user.pk:
        # Another account's draft id (or one that vanished meanwhile): nothing to tell.
        raise Rejected(_("This draft cannot be sent from your account."))
    return _again(receipt.location)


def _again(location):
    return Stored(
        location=location, message=str(_("Saved (the draft had been sent before).")), again=True
    )


def forget_old_receipts(now=None) -> int:
    """Delete the receipts older than KEEP_RECEIPTS; returns how many."""
    cutoff = (now or timezone.now()) - KEEP_RECEIPTS
    deleted, _ = DraftReceipt.objects.filter(created_at__lt=cutoff).delete()
    return deleted
