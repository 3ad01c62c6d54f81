"""The workload index: pure functions checked against numbers computed by hand
(tests/builders/workload.py has the known data set and the table)."""

from decimal import Decimal

import pytest

from districts import workload
from tests.builders.workload import (
    EXPECTED_BANDS,
    EXPECTED_INSPECTORS,
    EXPECTED_RELATIVE,
    KNOWN_BEATS,
)


def known_indexes():
    return {
        name: workload.beat_index(
            population=population, area_km2=area, level=level, recent_appeals=appeals
        )
        for name, (_inspector, population, area, level, appeals, _expected) in KNOWN_BEATS.items()
    }


@pytest.mark.parametrize("name", list(KNOWN_BEATS))
def test_beat_index_matches_the_hand_computed_value(name):
    assert round(known_indexes()[name], 2) == KNOWN_BEATS[name][-1]


def test_per_inspector_sums_skip_the_beat_without_inspector():
    indexes = known_indexes()
    pairs = [(row[0], indexes[name]) for name, row in KNOWN_BEATS.items()]
    totals = workload.inspector_indexes(pairs)
    assert None not in totals
    assert {k: round(v, 2) for k, v in totals.items()} == EXPECTED_INSPECTORS


def test_relative_load_and_bands():
    indexes = known_indexes()
    totals = workload.inspector_indexes(
        (row[0], indexes[name]) for name, row in KNOWN_BEATS.items()
    )
    relative = workload.relative_loads(totals)
    assert {k: round(v, 2) for k, v in relative.items()} == EXPECTED_RELATIVE
    assert {k: workload.load_band(v) for k, v in relative.items()} == EXPECTED_BANDS
    # The mean of relative loads is 1 by construction.
    assert round(sum(relative.values()) / len(relative), 6) == 1


def test_density_factor_edges():
    assert workload.density_factor(5000, 0) == 1.0  # unknown area: no bonus, no division by 0
    assert workload.density_factor(5000, Decimal("0.00")) == 1.0
    assert workload.density_factor(0, 2) == 1.0  # nobody lives there
    assert workload.density_factor(10_000, 1) == pytest.approx(1.2)  # the cap
    assert workload.density_factor(50_000, 1) == pytest.approx(1.2)  # beyond the cap
    assert workload.density_factor(5000, 1) == pytest.approx(1.1)
    assert workload.density(5000, 0) is None


def test_level_factors_and_appeals():
    base = {"population": 1000, "area_km2": 0, "recent_appeals": 0}
    assert workload.beat_index(level="low", **base) == pytest.approx(1.0)
    assert workload.beat_index(level="medium", **base) == pytest.approx(1.3)
    assert workload.beat_index(level="high", **base) == pytest.approx(1.6)
    assert workload.beat_index(level="unknown", **base) == pytest.approx(1.3)
    assert workload.beat_index(
        population=0, area_km2=0, level="low", recent_appeals=25
    ) == pytest.approx(2.5)


def test_bands_at_the_thresholds():
    assert workload.load_band(1.25) == "balanced"
    assert workload.load_band(1.2501) == "overloaded"
    assert workload.load_band(0.75) == "balanced"
    assert workload.load_band(0.7499) == "underloaded"
    assert workload.load_band(None) is None


def test_relative_loads_of_nobody_or_of_zeros():
    assert workload.relative_loads({}) == {}
    assert workload.relative_loads({"I1": 0.0, "I2": 0.0}) == {"I1": 1.0, "I2": 1.0}
