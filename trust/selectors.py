"""Reads of the survey for pages: which quarters are public, a beat's trust section, the
summary of the other questions, approved comments and the moderation queue.

Only completed quarters are shown publicly: the running quarter's counts change with each
answer, and watching them change could tell who has just answered.
"""

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, Count, When
from django.utils import timezone

from districts.models.survey import CommentStatus, Problem, SurveyResponse
from districts.trust_index import TrustIndex, trust_by_beat
from portal.periods import Quarter, last_completed_quarter
from trust.charts import trend_chart

TREND_QUARTERS = 4
APPROVED_COMMENTS_SHOWN = 3
TOP_PROBLEMS = 3


def public_quarters(count: int = TREND_QUARTERS, *, today=None) -> list[Quarter]:
    """The last `count` completed quarters, oldest first."""
    quarter = last_completed_quarter(today)
    quarters = [quarter]
    for _ in range(count - 1):
        quarters.append(quarters[-1].previous())
    return quarters[::-1]


@dataclass(frozen=True)
class ProblemShare:
    code: str
    label: str
    count: int


@dataclass(frozen=True)
class BeatTrust:
    quarter: Quarter  # the last completed quarter
    index: TrustIndex
    trend: list  # [(Quarter, TrustIndex)], oldest first
    chart: str
    problems: list  # ProblemShare, the most named first; empty while suppressed
    comments: list  # approved comments (text only)
    min_sample: int


def problems_named(beat_ids, quarter: Quarter, *, limit=TOP_PROBLEMS) -> list[ProblemShare]:
    """The problems residents named most in the quarter ("none" left out), one query."""
    year, number = quarter
    rows = (
        SurveyResponse.objects.filter(beat_id__in=list(beat_ids), year=year, quarter=number)
        .exclude(problem=Problem.NONE)
        .order_by()
        .values("problem")
        .annotate(n=Count("pk"))
    )
    counts = Counter({row["problem"]: row["n"] for row in rows})
    labels = dict(Problem.choices)
    return [
        ProblemShare(code, str(labels.get(code, code)), n)
        for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    ]


def approved_comments(beat, *, limit=APPROVED_COMMENTS_SHOWN) -> list[str]:
    """The latest comments the police approved for publication (text only)."""
    return list(
        SurveyResponse.objects.filter(beat=beat, comment_status=CommentStatus.APPROVED)
        .exclude(comment="")
        .order_by("-answered_at", "-pk")
        .values_list("comment", flat=True)[:limit]
    )


def beat_trust(beat, *, today=None) -> BeatTrust:
    """The beat page's trust section: three queries whatever the number of answers."""
    quarters = public_quarters(today=today)
    by_quarter = trust_by_beat([beat.pk], quarters)
    trend = [(quarter, by_quarter[(beat.pk, quarter)]) for quarter in quarters]
    quarter, index = trend[-1]
    min_sample = settings.TRUST_MIN_SAMPLE
    return BeatTrust(
        quarter=quarter,
        index=index,
        trend=trend,
        chart=trend_chart(trend, min_sample=min_sample),
        problems=[] if index.suppressed else problems_named([beat.pk], quarter),
        comments=approved_comments(beat),
        min_sample=min_sample,
    )


def report_trust(beat_id, quarter: Quarter, today=None) -> dict | None:
    """What a published report keeps of its quarter's survey (reports.snapshot `trust`):
    the index as plain public values and the trend of the quarters up to it.

    None while the quarter runs: a report drafted or published in its last days would
    otherwise show a live count that moves with each answer, from which one person's
    answer could be told (the beat page and the API show completed quarters only, too).
    """
    if quarter.period.end > (today or timezone.localdate()):
        return None
    quarters = [quarter]
    for _ in range(TREND_QUARTERS - 1):
        quarters.append(quarters[-1].previous())
    quarters.reverse()
    by_quarter = trust_by_beat([beat_id], quarters)
    index = by_quarter[(beat_id, quarter)]
    return {
        **index.public(),
        "problems": (
            []
            if index.suppressed
            else [
                {"code": p.code, "label": p.label, "count": p.count}
                for p in problems_named([beat_id], quarter)
            ]
        ),
        "trend": [
            {"year": q.year, "quarter": q.number, **by_quarter[(beat_id, q)].public()}
            for q in quarters
        ],
    }


def comments_waiting(beat_ids) -> int:
    """How many comments of these beats wait for moderation (for a work queue)."""
    return (
        SurveyResponse.objects.filter(beat_id__in=beat_ids, comment_status=CommentStatus.NEW)
        .exclude(comment="")
        .count()
    )


def comments_for_moderation(beat):
    """The beat's comments, those waiting first, then the latest."""
    waiting_first = Case(When(comment_status=CommentStatus.NEW, then=0), default=1)
    return (
        SurveyResponse.objects.filter(beat=beat)
        .exclude(comment="")
        .order_by(waiting_first, "-answered_at", "-pk")
    )
