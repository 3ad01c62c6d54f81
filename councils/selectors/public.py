"""What the public pages of councils show: only what the council secretary recorded and a
council publishes.

* A council is public while its term runs (`term_start` ≤ today ≤ `term_end`); one whose
  term has ended or not begun is not found.
* Members: the current ones, each with the name, the role in the council, the side they
  represent and their organisation. Never anything else about them (the portal keeps no
  contacts of members, and the civil-servant flag is the law's check, not the public's).
* Sessions: those held. An open session shows its place, agenda and decisions; a closed
  one only that it was held, and when.
* Recommendations to the police with their status and what was done.

Each function costs a fixed number of queries, whatever the number of councils, members,
sessions and recommendations.
"""

from django.db.models import Count, Prefetch
from django.utils import timezone

from councils.composition import composition_of_members, with_composition_counts
from councils.membership import current_on, ordered_members
from councils.models import PublicCouncil, SessionDecision
from councils.selectors.councils import with_overdue

# Sessions and recommendations a council's page lists, the newest first.
PUBLIC_SESSIONS = 20
PUBLIC_RECOMMENDATIONS = 50


def public_councils(today=None):
    """Councils whose term runs today, with their composition counts, by name."""
    today = today or timezone.localdate()
    queryset = PublicCouncil.objects.filter(term_start__lte=today, term_end__gte=today)
    return with_composition_counts(
        queryset.select_related("department__area__region"), today
    ).order_by("name", "pk")


def area_councils(area_id, today=None):
    """The public councils at the police bodies of an area (the beat page links them)."""
    today = today or timezone.localdate()
    return (
        PublicCouncil.objects.filter(
            department__area_id=area_id, term_start__lte=today, term_end__gte=today
        )
        .only("pk", "name", "name_kk", "name_ru", "name_en")
        .order_by("name", "pk")
    )


def public_council_page(council, today=None, now=None):
    """The members, composition, sessions held and recommendations of a public council."""
    today = today or timezone.localdate()
    now = now or timezone.now()
    members = list(ordered_members(council.members.filter(current_on(today))))
    decisions = Prefetch("decisions", queryset=SessionDecision.objects.order_by("pk"))
    sessions = council.sessions.filter(held_at__lte=now).order_by("-held_at", "-pk")
    held = list(sessions.prefetch_related(decisions)[:PUBLIC_SESSIONS])
    for session in held:
        session.public_decisions = list(session.decisions.all()) if session.is_open else []
    # A recommendation of a session closed to the public is that session's decision: not shown.
    public = council.recommendations.exclude(session__is_open=False)
    recommendations = with_overdue(public, today).order_by("-due_on", "-pk")
    by_status = dict(
        public.order_by()
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    return {
        "council": council,
        "members": members,
        "composition": composition_of_members(council, members, today),
        "sessions": held,
        "sessions_total": sessions.count(),
        "recommendations": list(recommendations[:PUBLIC_RECOMMENDATIONS]),
        "recommendations_by_status": by_status,
        "recommendations_total": sum(by_status.values()),
    }
