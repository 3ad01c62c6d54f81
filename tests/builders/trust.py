"""Survey answers in bulk: `answers(beat, quarter, positive=8, total=10)`."""

import datetime

from django.utils import timezone

from districts.models.survey import SurveyResponse


def answers(beat, quarter, *, positive, total, problem="lighting", comment="", **fields):
    """`total` answers of `beat` in `quarter`, `positive` of them trusting (5), the rest
    not (2); returns them."""
    year, number = quarter
    moment = timezone.make_aware(datetime.datetime(year, 3 * number - 1, 10, 18))
    rows = [
        SurveyResponse(
            beat=beat,
            year=year,
            quarter=number,
            answered_at=moment,
            language="ru",
            trust=5 if n < positive else 2,
            safety=3,
            knows_inspector=1,
            satisfaction=3,
            problem=problem,
            comment=comment,
            **fields,
        )
        for n in range(total)
    ]
    return SurveyResponse.objects.bulk_create(rows)
