"""The beat search forgives residents: Latin letters, typos, house fractions and letters.

Runs on SQLite (a window of names, edit distance in Python) and on PostgreSQL (trigram
indexes); the suite runs both ways. The page is in test_search_page.py.
"""

import pytest
from django.db import connection, transaction

from districts.houses import BY_NUMBER, LISTED, house_match
from districts.models import BeatStreet
from districts.search import edit_distance, search_key, split_query
from districts.selectors.territory import SEARCH_LIMIT, beat_search
from tests.builders.streets import ZHELTOKSAN
from tests.factories import BeatFactory, BeatStreetFactory, PolicePointFactory

# ---------------------------------------------------------------------------------------------
# The keys, the edit distance and the house numbers, without the database.


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("ул. Желтоксан", "jeltoksan"),
        ("Желтоқсан көшесі", "jeltoksan"),
        ("Zheltoksan", "jeltoksan"),  # Russian-style romanisation
        ("Jeltoqsan", "jeltoksan"),  # Kazakh Latin, 2021
        ("Zhel'toksan", "jeltoksan"),  # ь as an apostrophe
        ("Жельтоксан", "jeltoksan"),
        ("Абай даңғылы", "abai"),
        ("Abay avenue", "abai"),
        ("Abai", "abai"),
        ("просп. Абая", "abaia"),
        ("ул. Шевченко", "shevchenko"),
        ("Şevçenko", "shevchenko"),  # 2021: ş, ç
        ("S'evc'enko", "shevchenko"),  # 2017: apostrophes
        ("Құрманғазы көшесі", "kurmangazi"),
        ("Qurmanğazy", "kurmangazi"),  # q, ğ
        ("Kurmangazy", "kurmangazi"),
        ("Töle bi", "tole bi"),  # ö
        ("Tóle bı", "tole bi"),  # 2018: acute accents, dotless ı
        ("Әуезов көшесі", "auezov"),
        ("Äuezov", "auezov"),
        ("Сүйінбай даңғылы", "suinbai"),
        ("Süiınbai", "suinbai"),
        ("Syýinbai", "siuinbai"),  # ý is ү in 2018: one letter off, left to the typo allowance
        ("мкр. Тастак-1", "tastak 1"),
        ("Tastaq-1", "tastak 1"),
        ("%_", ""),
    ],
)
def test_search_key_reduces_every_spelling_to_one(text, key):
    assert search_key(text) == key


@pytest.mark.parametrize(
    ("a", "b", "edits"),
    [
        ("jeltoksan", "jeltoksan", 0),
        ("jultoksan", "jeltoksan", 1),  # a wrong letter
        ("jeltksan", "jeltoksan", 1),  # a missing letter
        ("jeltokasn", "jeltoksan", 1),  # two letters swapped
        ("jultoksn", "jeltoksan", 2),
        ("julteksn", "jeltoksan", 3),  # beyond a bound of 2: reported as bound + 1
        ("abai", "abaia", 1),
    ],
)
def test_edit_distance_counts_to_a_bound(a, b, edits):
    assert edit_distance(a, b, 2) == min(edits, 3)


@pytest.mark.parametrize(
    ("query", "house"),
    [
        ("Желтоксан 120/1", "120/1"),
        ("Желтоксан 120 / 1", "120/1"),
        ("Желтоксан 120А", "120а"),
        ("Желтоксан 120 а", "120а"),
        ("Jeltoqsan 120a", "120a"),
        ("ул. Желтоксан, д. 120а/1", "120а/1"),
    ],
)
def test_split_query_reads_fractions_and_letters(query, house):
    street, found = split_query(query)
    assert search_key(street) == "jeltoksan"
    assert found == house


@pytest.mark.parametrize(
    ("houses", "house", "how"),
    [
        ("120/1, 120А", "120/1", LISTED),
        ("120/1, 120А", "120а", LISTED),
        ("120/1, 120А", "120a", LISTED),  # a Latin a for the Cyrillic А
        ("120/1, 120 А", "120А", LISTED),
        ("120/1, 120А", "120", None),
        ("120/1, 120А", "120/2", None),
        ("120–200", "120/1", BY_NUMBER),  # house 120's number is in the range
        ("120–200", "120б", BY_NUMBER),
        ("121–199", "120/1", None),  # the odd side only
        ("", "120/1", BY_NUMBER),  # the whole street
        ("1–45", "12-1", None),  # not a house number
    ],
)
def test_house_match(houses, house, how):
    assert house_match(houses, house) == how


# ---------------------------------------------------------------------------------------------
# The search against the database.


def numbers(query):
    return [match.beat.number for match in beat_search(query=query)]


@pytest.mark.parametrize(
    "query",
    ["Zheltoksan", "Jeltoqsan", "Zhel'toksan", "JELTOQSAN", "Желтоқсан", "Желтоксан"],
)
def test_latin_and_kazakh_spellings_find_zheltoksan(beats, query):
    assert numbers(query) == ZHELTOKSAN


@pytest.mark.parametrize("query", ["Abai", "Abay", "Абай", "ABAI", "Abaya"])
def test_latin_abai_finds_abai_avenue_first(beats, query):
    found = numbers(query)
    # Abai Avenue is the street; Abaiskaya street only starts the same way.
    assert found[0] == 14
    assert set(found) <= {14, 17}


@pytest.mark.parametrize(
    ("query", "number"),
    [("Şevçenko", 16), ("S'evc'enko", 16), ("Shevchenko", 16), ("Qurmanğazy", 19)],
)
def test_kazakh_latin_letters_and_apostrophes(beats, query, number):
    assert numbers(query) == [number]


@pytest.mark.parametrize(
    "query",
    [
        "Жельтоксан",  # a soft sign too many
        "Жултоксан",  # a wrong letter
        "Желтксан",  # a missing letter
        "Желтокасн",  # two letters swapped
        "Жултоксн",  # two typos
        "Jultoqsn",  # two typos in Latin letters
    ],
)
def test_a_typo_or_two_still_find_zheltoksan(beats, query):
    assert numbers(query) == ZHELTOKSAN


def test_three_typos_or_a_typo_in_a_short_name_find_nothing(beats):
    assert numbers("Жултаксн") == []
    assert numbers("Абв") == []  # three letters: too short to guess at


def test_a_typo_is_marked_as_a_similar_name(beats):
    assert all(m.similar for m in beat_search(query="Жултоксан"))
    assert not any(m.similar for m in beat_search(query="Желтоксан"))


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Желтоксан 120/1", [13]),  # listed by name on beat 13, not by number on beat 12
        ("Желтоксан 120А", [13]),
        ("Желтоксан 120 а", [13]),
        ("Jeltoqsan 120a", [13]),
        ("Желтоксан 120", [12]),
        ("Желтоксан 120/2", [12]),  # not listed anywhere: the beat of house 120
        ("Желтоксан 120Б", [12]),
        ("Желтоксан 45", [11]),
        ("Желтоксан 201", []),
    ],
)
def test_house_fractions_and_letters_find_the_right_beat(beats, query, found):
    assert numbers(query) == found


def test_results_are_ranked_exact_first_then_word_then_similar(beats):
    # "Батыра" starts a word of Kabanbai batyr street; Batur street is one letter away.
    matches = beat_search(query="Батыра")
    assert [m.beat.number for m in matches] == [15, 18]
    assert [m.similar for m in matches] == [False, True]
    # The exact name before a longer one that starts the same way.
    assert numbers("Абайская") == [17]
    assert numbers("Абай")[0] == 14


def test_results_are_bounded(db):
    point = PolicePointFactory()
    for number in range(1, SEARCH_LIMIT + 6):
        BeatStreetFactory(
            beat=BeatFactory(number=number, police_point=point),
            name_ru="ул. Желтоксан",
            name_kk="Желтоқсан көшесі",
        )
    assert len(beat_search(query="Желтоксан")) == SEARCH_LIMIT


def test_search_key_follows_a_renamed_street(beats):
    street = BeatStreet.objects.get(beat__number=16)
    street.name_ru, street.name_kk = "ул. Жамбыла", "Жамбыл көшесі"
    street.save(update_fields=["name_ru", "name_kk"])
    assert numbers("Zhambyl") == [16]
    assert numbers("Shevchenko") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes of PostgreSQL")
def test_postgresql_searches_through_the_trigram_indexes(beats):
    from django.contrib.postgres.search import TrigramWordDistance

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'districts_beatstreet' "
            "AND indexdef LIKE '%%gist_trgm_ops%%'"
        )
        assert {row[0] for row in cursor.fetchall()} == {
            "districts_beatstreet_search_ru_trgm",
            "districts_beatstreet_search_kk_trgm",
        }
    nearest = BeatStreet.objects.order_by(TrigramWordDistance("jultoksn", "search_ru"))[:5]
    starting = BeatStreet.objects.filter(search_kk__contains=" batir")
    with transaction.atomic(), connection.cursor() as cursor:
        # A handful of rows would be read in a sequential scan; forbid it to see the plan.
        cursor.execute("SET LOCAL enable_seqscan = off")
        for queryset in (nearest, starting):
            assert "_trgm" in queryset.explain()
