"""What the survey leaves in the inspector's work queue: comments waiting for moderation."""

from django.db.models import Count
from django.utils.translation import gettext

from districts.models.survey import CommentStatus, SurveyResponse
from portal import policy, work_queues
from portal.work_queues import QueueItem, link


def inspector_survey_comments(user, today):
    """Residents' survey comments not yet read, one line per beat (one query)."""
    rows = (
        policy.scoped(user, SurveyResponse.objects.filter(comment_status=CommentStatus.NEW))
        .exclude(comment="")
        .order_by("beat__number", "beat__code")
        .values_list("beat__code", "beat__number")
        .annotate(count=Count("pk"))
    )
    return [
        QueueItem(
            f"survey-comments-{code}",
            gettext("Survey comments from residents of beat No. %(number)s to read")
            % {"number": number},
            count,
            link(user, "survey-comments", code),
        )
        for code, number, count in rows
    ]


def register():
    """Called from TrustConfig.ready()."""
    work_queues.register(
        "trust.survey_comments", inspector_survey_comments, action="start.inspector"
    )
