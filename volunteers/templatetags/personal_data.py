"""Personal data in templates, masked for users without the right to see it.

    {% load personal_data %}
    {% pii assistant "iin" %}                 → 900101300123 or ********0123
    {% pii assistant "birth_date" %}          → 01.01.1990 or "hidden"
    {% can_see_pii assistant as show_pii %}
    {% with photo_url=assistant|pii_photo:request.user %}…{% endwith %}

The user is the request's user. No tag here queries the database.
"""

import datetime

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format

from volunteers import privacy

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


@register.simple_tag(takes_context=True)
def pii(context, obj, field):
    """A personal-data field of `obj` as the current user may see it ("—" when empty)."""
    user = _user(context)
    if user is None:
        value = privacy.mask_value(field, getattr(obj, field))
    else:
        value = privacy.masked(obj, field, user)
    if field == "photo":
        return ""  # photos: the pii_photo filter
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if value in (None, ""):
        return "—"
    return value


@register.simple_tag(takes_context=True)
def can_see_pii(context, obj):
    user = _user(context)
    return bool(user is not None and privacy.can_see(user, obj))


@register.filter
def pii_photo(obj, user):
    """The address of an assistant's photo for a user who may see it, else None.

    Photos are served by a guarded view, never straight from the media folder.
    """
    if not getattr(obj, "photo", None) or not privacy.can_see(user, obj):
        return None
    try:
        return reverse("assistant-photo", args=[obj.pk])
    except NoReverseMatch:
        return None
