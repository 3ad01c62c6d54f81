"""The resident site's pieces of the public beat page, and a filter for snapshot dates.

{% load beat_reports %}
{% beat_reports beat %}          published reports of the beat and the next report meeting
{% beat_resident_links beat %}   "send a proposal" and "subscribe by e-mail"
{{ snapshot.next_meeting.at|isodatetime|date:"j E Y, H:i" }}
"""

from django import template
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from reports.views.public import beat_report_context

register = template.Library()


@register.inclusion_tag("reports/public/_beat_reports.html")
def beat_reports(beat):
    """Published reports of the beat, newest first, and its next report meeting."""
    return beat_report_context(beat)


@register.inclusion_tag("reports/public/_beat_links.html")
def beat_resident_links(beat):
    return {"beat": beat}


@register.filter
def isodatetime(value):
    """A snapshot's ISO date-time string as a date-time in the portal's time zone."""
    if not isinstance(value, str) or not value:
        return value
    try:
        parsed = parse_datetime(value)
    except ValueError:
        return value
    if parsed is None:
        return value
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return timezone.localtime(parsed)
