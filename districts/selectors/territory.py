"""Reads of territory that are more than a one-line query."""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import TrigramWordDistance
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, Sum, Value, When
from django.db.models.functions import Abs, Concat, Length, StrIndex
from django.utils.translation import get_language

from districts.houses import LISTED
from districts.models import Area, Beat, BeatStreet, PoliceDepartment, PolicePoint
from districts.search import (
    EXACT,
    FUZZY,
    PREFIX,
    beat_number,
    match_rank,
    search_key,
    split_query,
    typo_allowance,
)
from portal import policy

SEARCH_LIMIT = 50
# Street rows the search reads at most: a street is split between a few beats at most.
STREET_ROWS = SEARCH_LIMIT * 4
# Street names weighed for a typo: the nearest by trigram word similarity in each language
# (PostgreSQL), or a window of those with the key's first letter and about its length (SQLite);
# and how many of the closest the search then reads the beats of.
TYPO_CANDIDATES = 50
TYPO_WINDOW = 1500
TYPO_NAMES = 10

BEAT_PUBLIC_RELATED = (
    "police_point__department__area__region",
    "inspector",
)


@dataclass
class BeatMatch:
    beat: Beat
    streets: list = field(default_factory=list)
    # (EXACT | PREFIX | WORD | FUZZY, edits): how the best of the streets matched.
    rank: tuple = (EXACT, 0)

    @property
    def similar(self):
        """Found through a name spelled a little differently, not the name as typed."""
        return self.rank[0] == FUZZY


def beat_search(*, query: str) -> list[BeatMatch]:
    """Beats matching a street name (Russian or Kazakh, Cyrillic or Latin, a typo or two
    allowed), a street and house, or a number; the best matches first, SEARCH_LIMIT at most.

    A street shared by several beats yields every beat that covers it; with a house number
    only the beats whose house lists include that house, and the beat that lists the house
    by name ("120/1", "120А") rather than by a range. Names that are or start with the key
    come first, then names with a word starting with it, then (only when no name starts with
    it) names a typo or two away, the closest first. At most three queries, whatever the
    number of streets: the streets whose names start (or have a word starting) with the key,
    the candidate names for a typo, and the streets of the closest of those.
    """
    query = (query or "").strip()
    if not query:
        return []
    number = beat_number(query)
    if number is not None:
        beats = Beat.objects.filter(number=number).select_related(*BEAT_PUBLIC_RELATED)
        return [BeatMatch(beat=b) for b in beats[:SEARCH_LIMIT]]

    street, house = split_query(query)
    key = search_key(street)
    if len(key.replace(" ", "")) < 2:
        return []
    ranked = _ranked(key, _streets(_starting_with(key), first=_equal_first(key)))
    # A name that is (or starts with) what the resident typed is their street; only when there
    # is none are names spelled a little differently looked for.
    if typo_allowance(key) and not any(rank[0] <= PREFIX for rank, _ in ranked):
        names = _names_with_typo(key)
        if names:
            ranked += _ranked(key, _streets(Q(search_ru__in=names) | Q(search_kk__in=names)))
    return _beats(_with_house(ranked, house))[:SEARCH_LIMIT]


def _starting_with(key):
    """Names that start with the key, or have a word that does."""
    return (
        Q(search_ru__startswith=key)
        | Q(search_ru__contains=f" {key}")
        | Q(search_kk__startswith=key)
        | Q(search_kk__contains=f" {key}")
    )


def _equal_first(key):
    # Exact names before longer ones, so that a short key's exact street is never cut off.
    return Case(
        When(Q(search_ru=key) | Q(search_kk=key), then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )


def _streets(condition, *, first=None):
    ordering = [
        "beat__police_point__department__area__name",
        "beat__number",
        "name_ru",
        "pk",
    ]
    rows = (
        BeatStreet.objects.filter(condition)
        .select_related(*(f"beat__{path}" for path in BEAT_PUBLIC_RELATED))
        .order_by(*([first] if first is not None else []), *ordering)
    )
    return list(rows[:STREET_ROWS])


def _names_with_typo(key):
    """Keys of the street names within the typo allowance of `key`, the closest first."""
    allowance = typo_allowance(key)
    if connection.vendor == "postgresql":
        # Nearest neighbours by trigram word similarity, straight from the GiST indexes.
        def nearest(column):
            return BeatStreet.objects.order_by(TrigramWordDistance(key, column)).values_list(
                column, flat=True
            )[:TYPO_CANDIDATES]

        candidates = set(nearest("search_ru").union(nearest("search_kk"), all=True))
    else:
        # A window of names: the key's first letter, and as long as the key give or take the
        # allowance, as a whole or in the first word.
        first, after = key[0], chr(ord(key[0]) + 1)
        lengths = (len(key) - allowance, len(key) + allowance)
        word = len(key.split()[0])
        words = (word - allowance, word + allowance)

        def window(column):
            letter = Q(**{f"{column}__gte": first, f"{column}__lt": after})
            length = Q(**{f"{column}_len__range": lengths}) | Q(**{f"{column}_word__range": words})
            return letter & length

        rows = (
            BeatStreet.objects.annotate(
                search_ru_len=Length("search_ru"),
                search_kk_len=Length("search_kk"),
                search_ru_word=_first_word_length("search_ru"),
                search_kk_word=_first_word_length("search_kk"),
            )
            .filter(window("search_ru") | window("search_kk"))
            # Most typos are further in than the second letter; then the nearest lengths.
            .order_by(
                Case(
                    When(
                        Q(search_ru__startswith=key[:2]) | Q(search_kk__startswith=key[:2]),
                        then=Value(0),
                    ),
                    default=Value(1),
                    output_field=IntegerField(),
                ),
                Abs(F("search_ru_len") - len(key)),
                "search_ru",
            )
            .values_list("search_ru", "search_kk")
            .distinct()[:TYPO_WINDOW]
        )
        candidates = {name for pair in rows for name in pair}
    fuzzy = []
    for name in candidates:
        rank = match_rank(key, name)
        if rank is not None and rank[0] == FUZZY:
            fuzzy.append((rank, name))
    return [name for _, name in sorted(fuzzy)[:TYPO_NAMES]]


def _first_word_length(column):
    return StrIndex(Concat(column, Value(" ")), Value(" ")) - 1


def _ranked(key, rows):
    """(rank, row) of the rows that match the key, by the better of their two names."""
    ranked = []
    for row in rows:
        ranks = [r for r in (match_rank(key, row.search_ru), match_rank(key, row.search_kk)) if r]
        if ranks:
            ranked.append((min(ranks), row))
    return ranked


def _with_house(ranked, house):
    """The rows whose house list has the house: of each street, those that list it by name if
    any do, otherwise those that hold it in a range (or the whole street)."""
    found = [(row.house_match(house), rank, row) for rank, row in ranked]
    listed = {row.search_ru for how, _, row in found if how == LISTED}
    return [
        (rank, row)
        for how, rank, row in found
        if how == LISTED or (how is not None and row.search_ru not in listed)
    ]


def _beats(ranked):
    """One match per beat with its streets, the best rank first (then area, number, name)."""
    matches: dict[int, BeatMatch] = {}
    for rank, row in ranked:
        match = matches.setdefault(row.beat_id, BeatMatch(beat=row.beat, rank=rank))
        match.rank = min(match.rank, rank)
        match.streets.append(row)
    order = {beat_id: index for index, beat_id in enumerate(matches)}
    return sorted(matches.values(), key=lambda m: (m.rank, order[m.beat.pk]))


def beat_search_example():
    """An example for the search field from the data, so that it always finds a beat: the name
    of the first street recorded (in the page's language) with its first house, and the number
    of its beat; None while there are no streets."""
    street = BeatStreet.objects.select_related("beat").order_by("pk").first()
    if street is None:
        return None
    name = street.name_kk if get_language() == "kk" else street.name_ru
    house = re.match(r"\s*(\d+[^\s,;–—-]*)", street.houses)
    return {
        "query": f"{name} {house.group(1)}" if house else name,
        "number": street.beat.number,
    }


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
