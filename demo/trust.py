"""A year of residents' trust surveys for every demo beat, for `manage.py seed_demo`.

Each beat gets answers for the last four completed quarters and the running quarter so far.
Beats differ: each has its own level of trust and its own drift from quarter to quarter
(some inspectors win residents over, some lose them), its own number of answers, and a few
beats get fewer answers than the minimum sample in some quarters, so the pages show a
suppressed quarter too. Almaly's first beat (the demo inspector's) is trusted and improving.

Deterministic: each beat draws from a `random.Random` seeded with its code. Running it again
first deletes the beats' answers. Written with one bulk insert. Comments name nobody; a few
are approved for the beat's page, a few wait for moderation.
"""

import datetime
import random

from django.utils import timezone

from districts.models.survey import (
    CommentStatus,
    KnowsInspector,
    Problem,
    Safety,
    Satisfaction,
    Source,
    SurveyResponse,
)
from portal.periods import current_quarter

COMPLETED_QUARTERS = 4
BATCH_SIZE = 2000
PROBLEMS = [p for p in Problem.values if p != Problem.NONE]
# Beats (codes) whose survey had few answers in some quarters: shown as suppressed there.
SPARSE = ("-05", "-06")

COMMENTS = [
    ("ru", "Спасибо участковому, во дворе стало спокойнее."),
    ("ru", "Нужно больше освещения у гаражей, вечером темно."),
    ("ru", "Хотелось бы чаще видеть участкового на встречах с жителями."),
    ("ru", "По ночам во дворе шумная компания, просим обратить внимание."),
    ("kk", "Учаскелік инспекторға рахмет, аула тыныш болды."),
    ("kk", "Мектеп жанындағы жолда көліктер жылдам жүреді."),
    ("kk", "Кешке аулада жарық жеткіліксіз."),
]


def _quarters(today):
    """The last COMPLETED_QUARTERS completed quarters (oldest first) and the running one."""
    running = current_quarter(today)
    quarters = [running]
    for _ in range(COMPLETED_QUARTERS):
        quarters.insert(0, quarters[0].previous())
    return quarters


def _moment(rng, quarter, today):
    """A random evening hour inside the quarter, never after today."""
    last = min(quarter.last_day, today)
    days = (last - quarter.start).days
    day = quarter.start + datetime.timedelta(days=rng.randint(0, max(days, 0)))
    hour = rng.choice((9, 12, 18, 19, 20, 21))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _answer(rng, beat, quarter, level, today):
    trusting = rng.random() < level
    trust = rng.choice((4, 5)) if trusting else rng.choice((1, 2, 3))
    safe = rng.random() < level * 0.9 + 0.05
    knows = rng.random() < level * 0.8 + 0.1
    if rng.random() < 0.35:
        satisfaction = Satisfaction.NO_CONTACT
    else:
        satisfaction = rng.choice((3, 4)) if trusting else rng.choice((1, 2, 3))
    favourite = PROBLEMS[sum(map(ord, beat.code)) % len(PROBLEMS)]
    problem = (
        favourite
        if rng.random() < 0.45
        else rng.choice(PROBLEMS + [Problem.NONE] * (2 if trusting else 0))
    )
    comment, status, language = "", CommentStatus.NEW, rng.choice(("ru", "ru", "kk"))
    if rng.random() < 0.08:
        language, comment = rng.choice(COMMENTS)
        status = rng.choice((CommentStatus.APPROVED, CommentStatus.NEW, CommentStatus.REJECTED))
    return SurveyResponse(
        beat=beat,
        year=quarter.year,
        quarter=quarter.number,
        answered_at=_moment(rng, quarter, today),
        language=language,
        source=rng.choice((Source.LINK, Source.NOTICE, Source.NOTICE, Source.REPORT)),
        trust=trust,
        safety=rng.choice((Safety.SAFE, Safety.RATHER_SAFE))
        if safe
        else rng.choice((Safety.UNSAFE, Safety.RATHER_UNSAFE)),
        knows_inspector=rng.choice((KnowsInspector.NAME, KnowsInspector.MET))
        if knows
        else KnowsInspector.NO,
        satisfaction=satisfaction,
        problem=problem,
        comment=comment,
        comment_status=status,
    )


def _beat_answers(beat, quarters, today):
    rng = random.Random(f"trust-{beat.code}")
    level = rng.uniform(0.35, 0.8)
    drift = rng.uniform(-0.06, 0.08)
    if beat.code.endswith("-01"):
        level, drift = 0.62, 0.05
    sparse = beat.code.endswith(SPARSE)
    rows = []
    for position, quarter in enumerate(quarters):
        running = position == len(quarters) - 1
        # Below the minimum sample every other quarter on a sparse beat: suppressed there.
        count = rng.randint(3, 8) if sparse and position % 2 == 0 else rng.randint(14, 40)
        if running:
            elapsed = (today - quarter.start).days + 1
            count = count * elapsed // ((quarter.end - quarter.start).days)
        quarter_level = min(0.95, max(0.1, level + drift * position))
        rows.extend(_answer(rng, beat, quarter, quarter_level, today) for _ in range(count))
    return rows


def seed_trust(beats, *, today=None) -> dict:
    """Replace the survey answers of `beats` with a year of demo answers; return counts."""
    today = today or timezone.localdate()
    beats = list(beats)
    SurveyResponse.objects.filter(beat__in=beats).delete()
    quarters = _quarters(today)
    rows = []
    for beat in beats:
        rows.extend(_beat_answers(beat, quarters, today))
    SurveyResponse.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return {
        "survey answers": len(rows),
        "comments waiting for moderation": sum(
            1 for row in rows if row.comment and row.comment_status == CommentStatus.NEW
        ),
    }
