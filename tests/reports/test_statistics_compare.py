"""АППГ: the same period of the previous year, and the change in per cent."""

import pytest

from reports.models import OffenceCategory, OffenceStatistic
from reports.statistics import change_percent, compare, total_row


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (12, 10, 20.0),
        (5, 10, -50.0),
        (10, 10, 0.0),
        (0, 0, 0.0),  # nothing either year: no change
        (3, 0, None),  # up from zero: no finite percentage
        (None, 4, None),  # no data this year
        (4, None, None),  # no data last year
        (1, 3, -66.7),
    ],
)
def test_change_percent(current, previous, expected):
    assert change_percent(current, previous) == expected


def test_compare_sums_beats_and_uses_the_same_quarter_last_year(world):
    theft = OffenceCategory.objects.get(code="theft")
    fraud = OffenceCategory.objects.get(code="fraud")
    for beat, count in ((world.beat, 4), (world.colleague_beat, 2)):
        OffenceStatistic.objects.create(
            beat=beat, category=theft, year=2026, quarter=3, count=count
        )
    OffenceStatistic.objects.create(beat=world.beat, category=theft, year=2025, quarter=3, count=8)
    OffenceStatistic.objects.create(beat=world.beat, category=theft, year=2025, quarter=2, count=99)
    OffenceStatistic.objects.create(
        beat=world.other_beat, category=theft, year=2026, quarter=3, count=50
    )
    OffenceStatistic.objects.create(beat=world.beat, category=fraud, year=2026, quarter=3, count=3)
    OffenceStatistic.objects.create(beat=world.beat, category=fraud, year=2025, quarter=3, count=0)

    rows = {
        r.category.code: r
        for r in compare(beat_ids=[world.beat.pk, world.colleague_beat.pk], year=2026, quarter=3)
    }
    assert (rows["theft"].current, rows["theft"].previous, rows["theft"].change_percent) == (
        6,
        8,
        -25.0,
    )
    assert rows["theft"].trend == "down"
    assert (rows["fraud"].current, rows["fraud"].previous, rows["fraud"].change_percent) == (
        3,
        0,
        None,
    )
    assert rows["fraud"].trend == "up"
    assert rows["robbery"].current is None and rows["robbery"].trend == "unknown"
    total = total_row(list(rows.values()))
    assert (total.current, total.previous, total.change_percent) == (9, 8, 12.5)


def test_compare_query_count_is_flat(world, django_assert_num_queries):
    with django_assert_num_queries(2):  # categories, grouped sums
        compare(beat_ids=[world.beat.pk], year=2026, quarter=1)
