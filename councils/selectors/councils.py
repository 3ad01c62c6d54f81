"""Reads of public councils: the councils in a user's scope with their composition, sessions,
decisions taken without a quorum, recommendations and whether they are overdue, and the
secretary's start page. Every function costs a fixed number of queries, whatever the
amount of data.
"""

import datetime

from django.db.models import BooleanField, Count, ExpressionWrapper, Q
from django.utils import timezone

from councils.composition import attach_compositions, with_composition_counts
from councils.models import (
    CouncilSession,
    PublicCouncil,
    Recommendation,
    RecommendationStatus,
    SessionDecision,
)
from portal import policy
from portal.periods import aware_bounds, year_period

# A recommendation still waiting for the police: overdue once its due date has passed.
OPEN_STATUSES = (RecommendationStatus.SENT, RecommendationStatus.IN_PROGRESS)
# How far ahead the secretary's start page looks for due recommendations.
DUE_SOON_DAYS = 30
# How many rows each block of the start page shows before linking to the full list.
OVERVIEW_ROWS = 20


def councils_for(user, today=None):
    """The councils the user may see, with their composition counts, by name."""
    queryset = PublicCouncil.objects.select_related("department__area")
    return with_composition_counts(policy.scoped(user, queryset), today).order_by("name", "pk")


def sessions_with_counts(queryset):
    """Sessions annotated with attendance, decisions and decisions without a quorum."""
    return queryset.annotate(
        present_count=Count("present", distinct=True),
        decision_count=Count("decisions", distinct=True),
        no_quorum_count=Count("decisions", filter=Q(decisions__had_quorum=False), distinct=True),
    )


def upcoming_sessions(user, now=None):
    now = now or timezone.now()
    queryset = CouncilSession.objects.select_related("council__department__area")
    return policy.scoped(user, queryset).filter(held_at__gte=now).order_by("held_at", "pk")


def decisions_without_quorum(user, year=None):
    """Decisions taken this year (by the session's date) without a quorum."""
    start, end = aware_bounds(year_period(year or timezone.localdate().year))
    queryset = SessionDecision.objects.select_related("session__council")
    return (
        policy.scoped(user, queryset)
        .filter(had_quorum=False, session__held_at__gte=start, session__held_at__lt=end)
        .order_by("-session__held_at", "pk")
    )


# --- recommendations --------------------------------------------------------------------------


def overdue_q(today=None):
    today = today or timezone.localdate()
    return Q(due_on__lt=today, status__in=OPEN_STATUSES)


def with_overdue(queryset, today=None):
    """Recommendations annotated with `is_overdue`."""
    return queryset.annotate(
        is_overdue=ExpressionWrapper(overdue_q(today), output_field=BooleanField())
    )


def recommendations_for(user, today=None):
    queryset = Recommendation.objects.select_related("council", "session")
    return with_overdue(policy.scoped(user, queryset), today)


def recommendations_due(user, today=None, days=DUE_SOON_DAYS):
    """Open recommendations overdue or due within `days`, the most pressing first."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=days)
    return (
        recommendations_for(user, today)
        .filter(status__in=OPEN_STATUSES, due_on__lte=horizon)
        .order_by("due_on", "pk")
    )


def status_changes(recommendation):
    """The recommendation's history reduced to changes of status, newest first. One query."""
    records = recommendation.history.select_related("history_user").order_by("history_date", "pk")
    labels = dict(RecommendationStatus.choices)
    changes, previous = [], None
    for record in records:
        if record.status != previous:
            record.status_label = labels.get(record.status, record.status)
            changes.append(record)
            previous = record.status
    return changes[::-1]


# --- the secretary's start page ---------------------------------------------------------------


def overview(user, today=None, now=None):
    """Everything the council secretary's start page shows; one query per block."""
    today = today or timezone.localdate()
    councils = attach_compositions(councils_for(user, today), today)
    due = list(recommendations_due(user, today)[:OVERVIEW_ROWS])
    no_quorum = list(decisions_without_quorum(user, today.year)[:OVERVIEW_ROWS])
    return {
        "councils": councils,
        "councils_with_warnings": sum(bool(c.composition.warnings) for c in councils),
        "upcoming_sessions": list(upcoming_sessions(user, now)[:OVERVIEW_ROWS]),
        "due_recommendations": due,
        "decisions_without_quorum": no_quorum,
        "today": today,
        "due_soon_days": DUE_SOON_DAYS,
    }
