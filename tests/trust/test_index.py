"""The trust index: Wilson's interval on known numbers, suppression below the minimum
sample, one query for any number of beats and quarters, pooling over beats."""

import math

import pytest

from districts.trust_index import TrustIndex, trust_by_beat, trust_for_beats, wilson
from portal.periods import Quarter
from tests.builders.trust import answers

Q3, Q4 = Quarter(2026, 3), Quarter(2026, 4)


def wilson_by_hand(k, n, z=1.96):
    """The textbook formula, written out again here so the test does not trust the code."""
    p = k / n
    centre = p + z**2 / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    return (centre - spread) / (1 + z**2 / n), (centre + spread) / (1 + z**2 / n)


def test_eight_of_ten_gives_the_known_wilson_bounds():
    low, high = wilson(8, 10)

    # Published values for 8/10 at 95 %: 0.4902 … 0.9433.
    assert low == pytest.approx(0.4902, abs=1e-4)
    assert high == pytest.approx(0.9433, abs=1e-4)
    assert (low, high) == pytest.approx(wilson_by_hand(8, 10))


@pytest.mark.parametrize(("k", "n"), [(0, 10), (10, 10), (1, 37), (150, 200)])
def test_the_interval_matches_the_formula_and_stays_within_zero_and_one(k, n):
    low, high = wilson(k, n)
    assert 0 <= low <= k / n <= high <= 1
    expected_low, expected_high = wilson_by_hand(k, n)
    assert low == pytest.approx(max(0, expected_low))
    assert high == pytest.approx(min(1, expected_high))


def test_impossible_counts_are_an_error():
    with pytest.raises(ValueError):
        wilson(11, 10)


def test_below_the_minimum_sample_the_index_is_suppressed(settings):
    settings.TRUST_MIN_SAMPLE = 10
    nine = TrustIndex.of(8, 9)
    ten = TrustIndex.of(8, 10)

    assert nine.suppressed and nine.share is None and nine.low is None and nine.high is None
    assert nine.public()["positive"] is None and nine.public()["total"] == 9
    assert not ten.suppressed
    assert ten.share == 0.8
    assert (ten.low, ten.high) == pytest.approx(wilson_by_hand(8, 10))
    assert ten.public() == {
        "total": 10,
        "positive": 8,
        "share": 0.8,
        "low": 0.4902,
        "high": 0.9433,
        "suppressed": False,
        "min_sample": 10,
    }


def test_the_minimum_sample_is_a_setting(settings):
    settings.TRUST_MIN_SAMPLE = 3
    assert not TrustIndex.of(2, 3).suppressed
    assert TrustIndex.of(0, 0).suppressed


@pytest.mark.django_db
def test_by_beat_in_one_query_for_any_number_of_beats_and_quarters(
    world, django_assert_num_queries
):
    answers(world.beat, Q3, positive=8, total=10)
    answers(world.beat, Q4, positive=3, total=12)
    answers(world.colleague_beat, Q3, positive=2, total=4)
    beats = [world.beat.pk, world.colleague_beat.pk, world.other_beat.pk]

    with django_assert_num_queries(1):
        result = trust_by_beat(beats, [Q3, Q4])

    assert len(result) == 6
    assert result[(world.beat.pk, Q3)].share == 0.8
    assert result[(world.beat.pk, Q4)].positive == 3
    assert result[(world.colleague_beat.pk, Q3)].suppressed  # 4 answers only
    empty = result[(world.other_beat.pk, Q4)]
    assert (empty.total, empty.suppressed, empty.share) == (0, True, None)


@pytest.mark.django_db
def test_for_beats_pools_the_answers_of_several_beats(world, django_assert_num_queries):
    answers(world.beat, Q3, positive=9, total=12)
    answers(world.colleague_beat, Q3, positive=6, total=10)
    answers(world.other_beat, Q3, positive=1, total=4)  # too few to show: left out of pools
    answers(world.colleague_beat, Q4, positive=6, total=6)  # another quarter: not counted

    with django_assert_num_queries(1):
        pooled = trust_for_beats([world.beat.pk, world.colleague_beat.pk, world.other_beat.pk], Q3)

    assert (pooled.positive, pooled.total) == (15, 22)
    assert pooled.share == pytest.approx(15 / 22)
    assert not pooled.suppressed
    # Pooled with a beat shown on its own, a small sample would be told by subtraction.
    alone_and_small = trust_for_beats([world.other_beat.pk], Q3)
    assert (alone_and_small.total, alone_and_small.suppressed) == (0, True)
    assert trust_for_beats([], Q3).suppressed
