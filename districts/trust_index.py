"""The residents' trust index of a beat (or of several beats) for a quarter.

The index is the share of positive answers to the survey's trust question: "Do you trust
your district inspector?" answered 4 ("I rather trust them") or 5 ("I fully trust them")
on the 1–5 scale. The survey's other questions (safety after dark, knowing the inspector,
the last contact, the main problem) are summarised by `trust.selectors`; the index is the
trust question alone, because the source document names trust the main criterion of an
inspector's effectiveness.

With the share go the sample size and a 95 % confidence interval by Wilson's score
method, which stays inside 0..1 and behaves for small samples and shares near 0 or 1:

    p = k / n,  d = 1 + z²/n
    centre = (p + z²/2n) / d,  half = z·√(p(1−p)/n + z²/4n²) / d
    8 positive of 10, z = 1.96  →  0.800 within 0.490 … 0.943

Below `settings.TRUST_MIN_SAMPLE` answers (10 by default) the index is *suppressed*: no
share and no interval, so a handful of neighbours cannot be told apart by their answers.

    trust_by_beat(beat_ids, quarters) → {(beat_id, Quarter): TrustIndex}   one query
    trust_for_beats(beat_ids, quarter) → TrustIndex (pooled: an inspector's beats, an area)
    wilson(positive, total, z=1.96) → (low, high)
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q

from districts.models.survey import POSITIVE_FROM, SurveyResponse
from portal.periods import Quarter

Z_95 = 1.96


def wilson(positive: int, total: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of `positive` successes in `total` trials, as (low, high).

    (0.0, 1.0) for no trials: nothing is known.
    """
    if total <= 0:
        return 0.0, 1.0
    if not 0 <= positive <= total:
        raise ValueError(f"{positive} positive answers of {total} is impossible")
    p = positive / total
    z2 = z * z
    denominator = 1 + z2 / total
    centre = (p + z2 / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z2 / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class TrustIndex:
    """The trust index of a quarter: counts always, share and interval when not suppressed."""

    positive: int
    total: int
    share: float | None
    low: float | None
    high: float | None
    suppressed: bool

    @classmethod
    def of(cls, positive: int, total: int, *, min_sample: int | None = None) -> "TrustIndex":
        min_sample = settings.TRUST_MIN_SAMPLE if min_sample is None else min_sample
        if total < min_sample or total == 0:
            return cls(positive, total, None, None, None, True)
        low, high = wilson(positive, total)
        return cls(positive, total, positive / total, low, high, False)

    @property
    def percent(self):
        return None if self.share is None else round(self.share * 100)

    @property
    def low_percent(self):
        return None if self.low is None else round(self.low * 100)

    @property
    def high_percent(self):
        return None if self.high is None else round(self.high * 100)

    def public(self) -> dict:
        """Plain values for a page, a snapshot or the API: the sample size always; the
        positive count, share and interval only when not suppressed."""
        shown = not self.suppressed
        return {
            "total": self.total,
            "positive": self.positive if shown else None,
            "share": round(self.share, 4) if shown else None,
            "low": round(self.low, 4) if shown else None,
            "high": round(self.high, 4) if shown else None,
            "suppressed": self.suppressed,
            "min_sample": settings.TRUST_MIN_SAMPLE,
        }


def _positive():
    return Count("pk", filter=Q(trust__gte=POSITIVE_FROM))


def _quarters_q(quarters):
    condition = Q(pk__in=[])
    for year, number in quarters:
        condition |= Q(year=year, quarter=number)
    return condition


def trust_by_beat(
    beat_ids: Iterable[int], quarters: Iterable[Quarter]
) -> dict[tuple[int, Quarter], TrustIndex]:
    """The index of every beat in every quarter asked for, from one aggregate query; a beat
    without answers in a quarter gets a suppressed index with a total of 0."""
    beat_ids = list(beat_ids)
    quarters = [Quarter(*q) for q in quarters]
    counts = {}
    if beat_ids and quarters:
        rows = (
            SurveyResponse.objects.filter(_quarters_q(quarters), beat_id__in=beat_ids)
            .order_by()
            .values("beat_id", "year", "quarter")
            .annotate(total=Count("pk"), positive=_positive())
        )
        counts = {(row["beat_id"], Quarter(row["year"], row["quarter"])): row for row in rows}
    result = {}
    for beat_id in beat_ids:
        for quarter in quarters:
            row = counts.get((beat_id, quarter)) or {"positive": 0, "total": 0}
            result[(beat_id, quarter)] = TrustIndex.of(row["positive"], row["total"])
    return result


def trust_for_beats(beat_ids: Iterable[int], quarter: Quarter) -> TrustIndex:
    """The index of several beats pooled together, one query.

    Only beats whose own sample is large enough to show count: a pool that took in a
    suppressed beat would give its answers away to anyone who subtracts the beats shown.
    """
    beat_ids = list(beat_ids)
    if not beat_ids:
        return TrustIndex.of(0, 0)
    year, number = quarter
    rows = (
        SurveyResponse.objects.filter(beat_id__in=beat_ids, year=year, quarter=number)
        .order_by()
        .values("beat_id")
        .annotate(total=Count("pk"), positive=_positive())
    )
    shown = [row for row in rows if row["total"] >= settings.TRUST_MIN_SAMPLE]
    return TrustIndex.of(
        sum(row["positive"] or 0 for row in shown), sum(row["total"] for row in shown)
    )
