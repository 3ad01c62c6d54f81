"""Reads of territory that are more than a one-line query."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, Sum

from districts.models import Area, Beat, BeatStreet, PoliceDepartment, PolicePoint
from districts.search import beat_number, split_query
from portal import policy

SEARCH_LIMIT = 50

BEAT_PUBLIC_RELATED = (
    "police_point__department__area__region",
    "inspector",
)


@dataclass
class BeatMatch:
    beat: Beat
    streets: list = field(default_factory=list)


def beat_search(*, query: str) -> list[BeatMatch]:
    """Beats matching a street name (Russian or Kazakh, any case), a street and house, or a number.

    A street shared by several beats yields every beat that covers it; with a
    house number only the beats whose house lists include that house.
    """
    query = (query or "").strip()
    if not query:
        return []
    number = beat_number(query)
    if number is not None:
        beats = Beat.objects.filter(number=number).select_related(*BEAT_PUBLIC_RELATED)
        return [BeatMatch(beat=b) for b in beats[:SEARCH_LIMIT]]

    street, house = split_query(query)
    if len(street) < 2:
        return []
    rows = (
        # Match from the start of a word: "абай" finds "Абай", not "Кабанбай".
        BeatStreet.objects.filter(
            Q(search_key__contains=f"|{street}") | Q(search_key__contains=f" {street}")
        )
        .select_related(*(f"beat__{path}" for path in BEAT_PUBLIC_RELATED))
        .order_by("beat__police_point__department__area__name", "beat__number", "name_ru")
    )
    matches: dict[int, BeatMatch] = {}
    for row in rows[: SEARCH_LIMIT * 4]:
        if not row.covers_house(house):
            continue
        matches.setdefault(row.beat_id, BeatMatch(beat=row.beat)).streets.append(row)
    return list(matches.values())[:SEARCH_LIMIT]


def shared_areas(user):
    """The areas whose shared records (partners, councils, joint actions) the user works with.

    The same answer `portal.policy.scoped` gives for an area-wide record the police see:
    the department's area for the police, the own area for the akimat and the council
    secretary, the region for the regional registrar, everything for an administrator.
    """
    return policy.scoped(user, Area.objects.all(), shared=True)


def points_with_beats(user):
    """Police points in the user's scope with their beat count and population."""
    return (
        policy.scoped(user, PolicePoint.objects.all())
        .select_related("department")
        .annotate(beat_count=Count("beats"), population=Sum("beats__population"))
        .order_by("department__name", "name")
    )


def areas_with_beats(user):
    """Areas in the user's scope with their beat count and population."""
    return (
        policy.scoped(user, Area.objects.all())
        .annotate(
            beat_count=Count("departments__points__beats", distinct=True),
            population=Sum("departments__points__beats__population"),
        )
        .order_by("name")
    )


def departments_with_points(user):
    """Police departments in the user's scope with their police points."""
    return policy.scoped(user, PoliceDepartment.objects.all()).prefetch_related(
        Prefetch("points", queryset=PolicePoint.objects.order_by("name"))
    )
