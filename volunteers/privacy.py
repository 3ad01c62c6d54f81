"""Masking of personal data for users who have no need to see it.

IIN, home address, phone, date of birth and photo of an assistant (and a volunteer's
phone and date of birth) are shown as they are only where `portal.policy` allows it
(`can_see`: the akimat registrar of the record's area and administrators). Everyone
else gets a mask: the IIN keeps only its last four digits (`********0123`: the first six
are the birth date), a phone keeps its operator code and last two digits
(`+7 701 *** ** 67`), an address or a date of birth becomes "hidden", a photo disappears.

Views, exports and templates use `masked()` (or the `personal_data` template tags built
on it); nothing else should read these fields for display.
"""

import logging
import re

from django.utils.translation import gettext_lazy as _

from audit import record as audit
from portal import policy
from volunteers.iin import mask_iin

logger = logging.getLogger("volunteers.privacy")


def record_iin_lookup(request, found):
    """A look-up by full IIN is audited: who, when, and which records it found (the IIN
    itself is not written down): in the log, and in the audit log for each record found."""
    logger.info(
        "IIN look-up by user %s found %s",
        request.user.pk,
        [assistant.pk for assistant in found],
    )
    audit.personal_data_seen(request, found, event="lookup")


def can_see(user, obj) -> bool:
    return policy.may(user, "personal_data.view", obj)


# The personal-data fields, by name, on the models that have them.
PERSONAL_FIELDS = frozenset({"iin", "phone", "address", "birth_date", "photo"})
HIDDEN = _("hidden")


def mask_phone(value: str) -> str:
    """'+7 701 123 45 67' → '+7 701 *** ** 67': operator code and last two digits stay."""
    digits = re.sub(r"\D", "", value or "")
    if not digits:
        return ""
    if len(digits) < 4:
        return "***"
    if len(digits) >= 10:
        country = digits[:-10] or "7"
        if country == "8":  # the domestic trunk prefix
            country = "7"
        return f"+{country} {digits[-10:-7]} *** ** {digits[-2:]}"
    return f"*** ** {digits[-2:]}"


def mask_value(field: str, value):
    """The mask of one personal-data value, whoever looks."""
    if field == "photo":
        return None
    if value in (None, ""):
        return value
    if field == "iin":
        return mask_iin(value)
    if field == "phone":
        return mask_phone(value)
    return HIDDEN


def masked(obj, field: str, user):
    """`obj.field` as `user` may see it: the value itself, or its mask.

    Fields that are not personal data are returned unchanged. Needs no database query
    (the policy compares the user's area with `obj.area_id`).
    """
    value = getattr(obj, field)
    if field not in PERSONAL_FIELDS or can_see(user, obj):
        if field == "photo" and not value:
            return None
        return value
    return mask_value(field, value)
