"""Upcoming public events on the beat's public page.

{% load events %}{% beat_events beat %}
"""

from django import template

from councils.events import upcoming_public_events

register = template.Library()

BEAT_PAGE_LIMIT = 5


@register.inclusion_tag("councils/calendar/_beat_events.html")
def beat_events(beat, limit=BEAT_PAGE_LIMIT):
    return {"beat": beat, "events": upcoming_public_events(beat=beat, limit=limit)}
