"""Writing survey answers and moderating their comments."""

from django.db import transaction
from django.utils import timezone

from districts.models.survey import CommentStatus, SurveyResponse
from portal.periods import quarter_of


def survey_answer(*, beat, answers: dict, language: str, source: str, now=None) -> SurveyResponse:
    """Save one anonymous answer for the running quarter of `beat`.

    Nothing about the sender is kept: the moment is rounded down to the hour.
    """
    now = now or timezone.now()
    quarter = quarter_of(timezone.localdate(now))
    return SurveyResponse.objects.create(
        beat=beat,
        year=quarter.year,
        quarter=quarter.number,
        answered_at=now.replace(minute=0, second=0, microsecond=0),
        language=language,
        source=source,
        trust=answers["trust"],
        safety=answers["safety"],
        knows_inspector=answers["knows_inspector"],
        satisfaction=answers["satisfaction"],
        problem=answers["problem"],
        comment=answers.get("comment", ""),
        comment_status=CommentStatus.NEW,
    )


@transaction.atomic
def comment_moderate(*, response: SurveyResponse, status: str, now=None) -> SurveyResponse:
    """Approve a comment for publication, or keep it from the public."""
    if status not in (CommentStatus.APPROVED, CommentStatus.REJECTED):
        raise ValueError(f"not a moderation decision: {status!r}")
    response.comment_status = status
    response.moderated_at = now or timezone.now()
    response.save(update_fields=["comment_status", "moderated_at"])
    return response
