"""Workload of a beat and of an inspector, to balance the department's load.

Section 6 of the methodological recommendations asks the head of a department to
"balance the load by population density and criminogenic level". This module turns
that into one number per beat, sums it per inspector, and compares each inspector
with the department average. Everything here is a pure function of plain values:
the selectors fetch the data, this module does the arithmetic, tests check it by hand.

Formula
-------
Per beat::

    index = population / 1000 × level factor × density factor + appeals / 10

* ``population / 1000`` — the base: one unit per thousand residents served.
* level factor — the beat's criminogenic level: low 1.0, medium 1.3, high 1.6. A beat
  with more offences needs more prevention, rounds and visits per resident.
* density factor — ``1 + min(density / 10 000, 1) × 0.2`` with
  ``density = population / area_km2`` (residents per km²). Dense high-rise blocks add
  up to 20 % (more flats per round, more neighbour conflicts, more OSI/KSK to meet);
  the bonus is capped at 10 000 residents/km² so a tiny, very dense beat does not
  dominate. An unknown area (0 km²) gives factor 1: no bonus rather than a division
  by zero.
* ``appeals / 10`` — appeals received in the last 90 days (``APPEAL_WINDOW_DAYS``,
  today included): every ten appeals add one unit, the measured demand on top of the
  structural load.

Per inspector: the sum of the indexes of their beats (a beat without an inspector
counts for nobody but is still shown).

Relative load = inspector index / mean of the inspector indexes of the department;
1.0 is the department average. Above ``OVERLOADED`` (1.25) an inspector is
overloaded, below ``UNDERLOADED`` (0.75) underloaded: these are the candidates for
moving a beat or a part of one.
"""

from collections.abc import Iterable
from decimal import Decimal

LEVEL_FACTORS = {"low": 1.0, "medium": 1.3, "high": 1.6}
DENSITY_CAP = 10_000  # residents per km² at which the density bonus stops growing
DENSITY_BONUS = 0.2  # at most +20 %
APPEALS_PER_UNIT = 10
APPEAL_WINDOW_DAYS = 90
OVERLOADED = 1.25
UNDERLOADED = 0.75

OVERLOADED_BAND = "overloaded"
UNDERLOADED_BAND = "underloaded"
BALANCED_BAND = "balanced"


def density(population: int, area_km2: float | Decimal) -> float | None:
    """Residents per km², or None when the area is unknown (0)."""
    area = float(area_km2 or 0)
    if area <= 0:
        return None
    return population / area


def density_factor(population: int, area_km2: float | Decimal) -> float:
    per_km2 = density(population, area_km2)
    if per_km2 is None:
        return 1.0
    return 1 + min(per_km2 / DENSITY_CAP, 1) * DENSITY_BONUS


def level_factor(level: str) -> float:
    """The factor of a criminogenic level; an unknown level counts as medium."""
    return LEVEL_FACTORS.get(level, LEVEL_FACTORS["medium"])


def beat_index(
    *, population: int, area_km2: float | Decimal, level: str, recent_appeals: int
) -> float:
    """The workload index of one beat (see the module docstring)."""
    base = (population or 0) / 1000 * level_factor(level) * density_factor(population, area_km2)
    return base + (recent_appeals or 0) / APPEALS_PER_UNIT


def inspector_indexes(beats: Iterable[tuple[object, float]]) -> dict:
    """{inspector: sum of indexes} from (inspector, beat index) pairs; None is skipped."""
    totals: dict = {}
    for inspector, index in beats:
        if inspector is None:
            continue
        totals[inspector] = totals.get(inspector, 0.0) + index
    return totals


def relative_loads(indexes: dict) -> dict:
    """{inspector: index / mean index}; 1.0 is the average. All zero → everyone 1.0."""
    if not indexes:
        return {}
    mean = sum(indexes.values()) / len(indexes)
    if mean == 0:
        return dict.fromkeys(indexes, 1.0)
    return {key: value / mean for key, value in indexes.items()}


def load_band(relative: float | None) -> str | None:
    """'overloaded', 'underloaded' or 'balanced'; None for a beat without inspector."""
    if relative is None:
        return None
    if relative > OVERLOADED:
        return OVERLOADED_BAND
    if relative < UNDERLOADED:
        return UNDERLOADED_BAND
    return BALANCED_BAND
