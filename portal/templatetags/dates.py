"""Long dates in the active language, for pages, PDFs and e-mails (portal/dates.py):

    {% load dates %}
    {{ revision.published_at|long_date }}      2026 жылғы 15 желтоқсан · 15 декабря 2026 г.
    {{ meeting.held_at|long_datetime }}        15 December 2026, 18:30
    {{ period.start|month_year }}              декабрь 2026 г.

A published snapshot's ISO strings work as they are. Short dates stay with Django's
`|date:"SHORT_DATE_FORMAT"` (09.12.2026 in every language).
"""

from django import template

from portal import dates

register = template.Library()


@register.filter
def long_date(value):
    return dates.long_date(value)


@register.filter
def long_datetime(value):
    return dates.long_datetime(value)


@register.filter
def month_year(value):
    return dates.month_year(value)
