"""Rendering of record values in generic lists."""

import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def cell(obj, name):
    """A record's field or attribute as a reader sees it: choice labels, local dates, yes/no."""
    display = getattr(obj, f"get_{name}_display", None)
    value = display() if display else getattr(obj, name)
    if callable(value):
        value = value()
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if value is None or value == "":
        return "—"
    return value


@register.simple_tag
def row_class(view, obj):
    return view.row_class(obj)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination links)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()
