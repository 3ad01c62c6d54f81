"""Finding a beat by street (Russian or Kazakh spelling), street and house, or number."""

import pytest
from django.urls import reverse

from districts.houses import houses_cover
from districts.search import beat_number, normalize, split_query
from districts.selectors.territory import beat_search
from tests.factories import BeatFactory, BeatStreetFactory


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("ул. Абая", "абая"),
        ("Абай даңғылы", "абай"),
        ("ТӨЛЕ БИ көшесі", "толе би"),
        ("просп. Достык", "достык"),
        ("пр-т Абая", "абая"),
        ("Достық даңғылы", "достык"),
        ("Ёлочная", "елочная"),
        ("мкр. Аксай-2", "аксай 2"),
    ],
)
def test_normalize_folds_case_kazakh_letters_and_street_words(text, key):
    assert normalize(text) == key


def test_split_query_separates_the_house():
    assert split_query("Абая 45а") == ("абая", "45а")
    assert split_query("Аксай-2") == ("аксай 2", None)
    assert split_query("Абая") == ("абая", None)
    assert split_query("ул. Абая, д. 12") == ("абая", "12")
    assert split_query("Абай даңғылы 12 үй") == ("абай", "12")


@pytest.mark.parametrize(
    ("query", "number"), [("7", 7), ("№ 12", 12), ("участок 3", 3), ("Абая", None)]
)
def test_beat_number(query, number):
    assert beat_number(query) == number


@pytest.mark.parametrize(
    ("houses", "house", "covered"),
    [
        ("", "999", True),
        ("1–45", "23", True),
        ("1–45", "22", False),  # both ends odd: the odd side only
        ("2–60", "22", True),
        ("1-50", "22", True),  # mixed ends: every house
        ("1–45, 2–60, 71А", "71а", True),
        ("1–45, 2–60, 71А", "71", False),
        ("1–45, 2–60", "61", False),
        ("1–45", "abc", False),
    ],
)
def test_houses_cover(houses, house, covered):
    assert houses_cover(houses, house) is covered


@pytest.fixture
def abai(db):
    """Abai avenue split between two beats; Kabanbai batyr street on a third."""
    first = BeatFactory(number=1)
    second = BeatFactory(number=2)
    third = BeatFactory(number=3)
    BeatStreetFactory(beat=first, name_ru="просп. Абая", name_kk="Абай даңғылы", houses="1–45")
    BeatStreetFactory(beat=second, name_ru="просп. Абая", name_kk="Абай даңғылы", houses="47–121")
    BeatStreetFactory(beat=third, name_ru="ул. Кабанбай батыра", name_kk="Қабанбай батыр көшесі")
    return first, second, third


def found(query):
    return [match.beat for match in beat_search(query=query)]


def test_street_shared_by_two_beats_lists_both(abai):
    first, second, _ = abai
    assert set(found("Абая")) == {first, second}


def test_kazakh_spelling_finds_the_street(abai):
    first, second, _ = abai
    assert set(found("Абай даңғылы")) == {first, second}
    assert set(found("абай")) == {first, second}  # not Кабанбай


def test_search_is_case_insensitive_for_cyrillic(abai):
    first, second, third = abai
    assert set(found("АБАЯ")) == {first, second}
    assert found("ҚАБАНБАЙ") == [third]
    assert found("кабанбай батыра") == [third]


def test_house_number_narrows_to_one_beat(abai):
    first, second, _ = abai
    assert found("Абая 23") == [first]
    assert found("Абай даңғылы 101") == [second]
    assert found("Абая 200") == []


def test_beat_number_finds_the_beat(abai):
    assert found("2") == [abai[1]]
    assert found("№3") == [abai[2]]


def test_no_match_and_empty_query(abai):
    assert found("Несуществующая") == []
    assert found("") == []
    assert found("а") == []  # too short to mean anything


def test_home_page_lists_matches_with_links(client, abai):
    first, second, _ = abai
    response = client.get(reverse("public-home"), {"q": "Абай"})
    assert response.status_code == 200
    html = response.content.decode()
    assert first.get_absolute_url() in html and second.get_absolute_url() in html
    assert "1–45" in html and "47–121" in html


def test_home_page_says_so_when_nothing_matches(client, abai):
    response = client.get(reverse("public-home"), {"q": "Несуществующая"})
    assert response.status_code == 200
    assert response.context["matches"] == []
    assert b"alert-warning" in response.content


def test_overlong_query_is_refused_with_a_message(client, db):
    response = client.get(reverse("public-home"), {"q": "x" * 300})
    assert response.status_code == 200
    assert response.context["form"].errors["q"]
    assert response.context["matches"] == []
