"""The public calendar's queries read their partial indexes on PostgreSQL: at national size
upcoming public events are a small part of every meeting, action and session."""

import pytest
from django.db import connection
from django.utils import timezone

from councils.selectors.events import _action_queryset, _meeting_queryset, _session_queryset
from districts.models import MeetingStatus

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="partial indexes are planned on PostgreSQL"
)


def plan(queryset):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table would be scanned
    return queryset.explain()


@pytest.mark.django_db(transaction=False)
def test_upcoming_events_use_their_indexes():
    now = timezone.now()
    meetings = _meeting_queryset().filter(status=MeetingStatus.PLANNED, held_at__gte=now)
    assert "meeting_upcoming_public" in plan(meetings.order_by("held_at", "pk")[:100])
    sessions = _session_queryset().filter(held_at__gte=now)
    assert "session_upcoming_open" in plan(sessions.order_by("held_at", "pk")[:100])
    actions = _action_queryset().filter(ends_at__gte=now)
    assert "action_public_ends" in plan(actions.order_by("starts_at", "pk")[:100])
