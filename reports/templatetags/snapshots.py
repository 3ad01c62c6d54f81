"""Filters for values kept in a published snapshot.

{{ snapshot.next_meeting.at|isodatetime|date:"j E Y, H:i" }}
{{ snapshot.proposals|answered_count }}
"""

from django import template
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from reports.snapshot import ANSWERED_PROPOSAL_STATUSES

register = template.Library()


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


@register.filter
def answered_count(proposals):
    """How many of a snapshot's proposals the report answers (reports.snapshot)."""
    return sum(
        1
        for proposal in proposals or []
        if isinstance(proposal, dict) and proposal.get("status") in ANSWERED_PROPOSAL_STATUSES
    )
