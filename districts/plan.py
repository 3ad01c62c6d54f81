"""An offline plan of a beat's problem places: latitude and longitude projected onto an SVG.

No tile server and no script: the page draws the places as numbered markers on a plain
canvas, north up, keeping the true proportions of the beat. Everything here is a pure
function of plain values, so the arithmetic is tested by hand.

Projection
----------
A beat spans a few kilometres, so an equirectangular projection around the middle
latitude is accurate enough: a degree of longitude is ``cos(latitude)`` times as long
as a degree of latitude. The bounding box of the places is scaled by one factor (no
stretching) to fill the canvas inside the padding and is centred along its shorter side.
A single place, or several at the same point, goes to the centre of the canvas.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# The canvas, in SVG user units (the page scales it to the screen width).
WIDTH = 400
HEIGHT = 300
PADDING = 28
# Metres in one degree of latitude (and of longitude at the equator).
METRES_PER_DEGREE = 111_320
# Lengths a scale bar may show, in metres.
NICE_STEPS = (1, 2, 5)


@dataclass(frozen=True)
class Projection:
    """Canvas positions of the given coordinates, in the same order.

    `metres_per_unit` is the ground length of one canvas unit; None when every point is at
    the same place (nothing to measure).
    """

    points: list[tuple[float, float]]
    metres_per_unit: float | None


def project(
    coordinates: Sequence[tuple[float, float]],
    *,
    width: float = WIDTH,
    height: float = HEIGHT,
    padding: float = PADDING,
) -> Projection:
    """Project (latitude, longitude) pairs into a width × height canvas, north up."""
    inner_width, inner_height = width - 2 * padding, height - 2 * padding
    if inner_width <= 0 or inner_height <= 0:
        raise ValueError("The padding leaves no room on the canvas.")
    if not coordinates:
        return Projection(points=[], metres_per_unit=None)
    latitudes = [float(lat) for lat, _lon in coordinates]
    longitudes = [float(lon) for _lat, lon in coordinates]
    # Longitudes shrink towards the poles: measure both axes in degrees of latitude.
    shrink = math.cos(math.radians((min(latitudes) + max(latitudes)) / 2))
    xs = [lon * shrink for lon in longitudes]
    ys = latitudes
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    middle_x, middle_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    centre = (width / 2, height / 2)
    if span_x == 0 and span_y == 0:
        return Projection(points=[centre] * len(coordinates), metres_per_unit=None)
    scale = min(
        inner_width / span_x if span_x else math.inf,
        inner_height / span_y if span_y else math.inf,
    )
    points = [
        (round(centre[0] + (x - middle_x) * scale, 1), round(centre[1] - (y - middle_y) * scale, 1))
        for x, y in zip(xs, ys, strict=True)
    ]
    return Projection(points=points, metres_per_unit=METRES_PER_DEGREE / scale)


def scale_bar(metres_per_unit: float | None, *, max_length: float) -> tuple[int, float] | None:
    """The longest round distance (1, 2 or 5 × 10ⁿ metres) drawn no longer than `max_length`.

    Returns (metres, length in canvas units), or None when there is nothing to measure.
    """
    if not metres_per_unit or metres_per_unit <= 0 or max_length <= 0:
        return None
    limit = metres_per_unit * max_length
    best = None
    exponent = 0
    while 10**exponent <= limit:
        for step in NICE_STEPS:
            metres = step * 10**exponent
            if metres <= limit:
                best = metres
        exponent += 1
    if best is None:
        return None
    return best, round(best / metres_per_unit, 1)


@dataclass(frozen=True)
class Marker:
    number: int
    x: float
    y: float
    place: object


@dataclass(frozen=True)
class Plan:
    width: float
    height: float
    padding: float
    markers: list[Marker]
    # A scale bar: how many metres it shows and its length on the canvas, or None.
    scale_metres: int | None
    scale_length: float | None

    @property
    def scale_label_is_km(self):
        return bool(self.scale_metres and self.scale_metres >= 1000)

    @property
    def scale_km(self):
        return self.scale_metres // 1000 if self.scale_metres else None


def build_plan(
    places: Iterable,
    *,
    width: float = WIDTH,
    height: float = HEIGHT,
    padding: float = PADDING,
) -> Plan:
    """Numbered markers for the places that have both `latitude` and `longitude`, in order."""
    located = [
        place
        for place in places
        if getattr(place, "latitude", None) is not None
        and getattr(place, "longitude", None) is not None
    ]
    projection = project(
        [(place.latitude, place.longitude) for place in located],
        width=width,
        height=height,
        padding=padding,
    )
    markers = [
        Marker(number=number, x=x, y=y, place=place)
        for number, (place, (x, y)) in enumerate(zip(located, projection.points, strict=True), 1)
    ]
    bar = scale_bar(projection.metres_per_unit, max_length=(width - 2 * padding) / 3)
    return Plan(
        width=width,
        height=height,
        padding=padding,
        markers=markers,
        scale_metres=bar[0] if bar else None,
        scale_length=bar[1] if bar else None,
    )
