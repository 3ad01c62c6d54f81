"""What the public councils put in the council secretary's work queue (portal.work_queues):
the recommendations past their due date, and the next sessions. Two queries in all."""

from django.db.models import Count, Min
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from councils.models import Recommendation
from councils.selectors.councils import overdue_q, upcoming_sessions
from portal import policy, work_queues
from portal.work_queues import OVERDUE, QueueItem, link, severity_of

# How many of the next sessions the queue names.
NEXT_SESSIONS = 3


def overdue_recommendations(user, today):
    row = (
        policy.scoped(user, Recommendation.objects.all())
        .filter(overdue_q(today))
        .aggregate(count=Count("pk"), oldest=Min("due_on"))
    )
    return [
        QueueItem(
            "recommendations-overdue",
            gettext("Council recommendations past their due date"),
            row["count"],
            link(user, "recommendation-list", overdue="true"),
            row["oldest"],
            OVERDUE,
        )
    ]


def next_sessions(user, today):
    sessions = upcoming_sessions(user).select_related("council")[:NEXT_SESSIONS]
    result = []
    for session in sessions:
        held_at = timezone.localtime(session.held_at)
        day = held_at.date()
        result.append(
            QueueItem(
                f"session-{session.pk}",
                gettext("Council session: %(council)s") % {"council": session.council},
                1,
                link(user, "councilsession-detail", session.pk),
                day,
                severity_of(day, today),
                detail=f"{date_format(held_at, 'SHORT_DATETIME_FORMAT')}, {session.place}",
            )
        )
    return result


def register():
    """Called from CouncilsConfig.ready()."""
    secretary = "start.secretary"
    work_queues.register("councils.recommendations", overdue_recommendations, action=secretary)
    work_queues.register("councils.sessions", next_sessions, action=secretary)
