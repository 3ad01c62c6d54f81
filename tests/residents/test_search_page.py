"""The search page: an example from the data, the focus on the results, a message for a
query that names nothing, and a query count that does not grow with the streets.

Runs on SQLite and on PostgreSQL; the suite runs both ways.
"""

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from districts.models import Beat, BeatStreet
from districts.selectors.territory import beat_search, beat_search_example
from tests.builders.streets import ZHELTOKSAN
from tests.factories import BeatFactory, BeatStreetFactory, PolicePointFactory


def numbers(query):
    return [match.beat.number for match in beat_search(query=query)]


def test_the_example_is_a_street_and_a_beat_number_that_exist(client, beats):
    response = client.get(reverse("public-home"))
    example = response.context["form"].fields["q"]
    first = BeatStreet.objects.order_by("pk").first()
    assert example.widget.attrs["placeholder"] == "ул. Желтоксан 1"
    assert f" {first.beat.number}." in example.help_text
    assert Beat.objects.filter(number=first.beat.number).exists()
    # The example query finds the beat it names, and so does its number.
    assert first.beat in [m.beat for m in beat_search(query="ул. Желтоксан 1")]
    assert first.beat in [m.beat for m in beat_search(query=str(first.beat.number))]
    html = response.content.decode()
    assert 'aria-describedby="id_q_helptext"' in html and "ул. Желтоксан 1" in html


def test_the_example_is_in_the_pages_language(client, beats):
    response = client.get(reverse("public-home"), HTTP_ACCEPT_LANGUAGE="kk")
    example = response.context["form"].fields["q"].widget.attrs["placeholder"]
    assert example == "Желтоқсан көшесі 1"
    assert numbers(example) == [11]


def test_the_example_is_escaped(client, beats):
    BeatStreet.objects.all().delete()
    BeatStreetFactory(name_ru="ул. <b>Абая</b>", houses="")
    html = client.get(reverse("public-home")).content.decode()
    assert "<b>Абая" not in html
    assert "ул. &lt;b&gt;Абая&lt;/b&gt;" in html


def test_the_example_comes_from_the_data(client, beats):
    BeatStreet.objects.all().delete()
    BeatStreetFactory(beat=BeatFactory(number=37), name_ru="ул. Сатпаева", houses="5–25")
    with_data = client.get(reverse("public-home"))
    assert beat_search_example() == {"query": "ул. Сатпаева 5", "number": 37}
    assert "37" in with_data.context["form"].fields["q"].help_text
    BeatStreet.objects.all().delete()
    empty = client.get(reverse("public-home"))
    assert "placeholder" not in empty.context["form"].fields["q"].widget.attrs
    assert not empty.context["form"].fields["q"].help_text


def test_page_sets_similar_matches_apart(client, beats):
    response = client.get(reverse("public-home"), {"q": "Жултоксан"})
    assert response.context["exact_matches"] == []
    assert [m.beat.number for m in response.context["similar_matches"]] == ZHELTOKSAN
    assert b'id="similar-heading"' in response.content


def test_results_heading_takes_the_focus_and_nothing_found_is_announced(client, beats):
    found = client.get(reverse("public-home"), {"q": "Zheltoksan"}).content.decode()
    assert 'id="results-heading" tabindex="-1"' in found
    assert "js/search-results.js" in found
    nothing = client.get(reverse("public-home"), {"q": "Несуществующая"}).content.decode()
    assert 'tabindex="-1" aria-describedby="results-hint"' in nothing
    assert 'role="status" id="results-hint"' in nothing
    # No search, no results and no script.
    assert "js/search-results.js" not in client.get(reverse("public-home")).content.decode()


def test_the_focus_script_is_one_of_the_portals_static_files():
    # Served from the portal itself, as the CSP's script-src 'self' wants.
    assert finders.find("js/search-results.js")


@pytest.mark.parametrize("query", ["%", "%_%", "___", "?!.,", "'--"])
def test_punctuation_and_wildcards_alone_get_a_message(client, beats, query):
    response = client.get(reverse("public-home"), {"q": query})
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["q"][0].code == "no_letters"
    assert response.context["matches"] == []


def test_wildcards_in_a_query_are_plain_characters(beats):
    assert numbers("Желтоксан%") == ZHELTOKSAN
    assert numbers("%ксан") == []  # not "anything ending in -ksan"
    assert numbers("Жел_оксан") == ZHELTOKSAN  # one letter off, found as a typo
    assert all(m.similar for m in beat_search(query="Жел_оксан"))


def reads(captured):
    """The queries of a request without the savepoints of its transaction."""
    return [q["sql"] for q in captured if "SAVEPOINT" not in q["sql"]]


@pytest.mark.parametrize(
    "query",
    ["Ж" * 100, "Желтоксан " * 10, "абвгдежзийклмнопрстуфхцчшщ" * 3 + "абвгдежзийклмнопрстуф"],
)
def test_long_queries_answer_with_few_queries(client, beats, query):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("public-home"), {"q": query[:100]})
    assert response.status_code == 200
    # The example, the streets starting with the key, the names for a typo, their streets.
    assert len(reads(captured)) <= 4


def test_overlong_query_is_refused_before_any_search(client, beats):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("public-home"), {"q": "Ж" * 101})
    assert response.context["form"].errors.as_data()["q"][0].code == "max_length"
    assert len(reads(captured)) == 1  # the example only


def add_streets(count):
    """`count` more beats, each with streets a letter or two from Zheltoksan and Abai."""
    point = PolicePointFactory()
    for _ in range(count):
        beat = BeatFactory(police_point=point)
        BeatStreetFactory(beat=beat, name_ru="ул. Желтоксана", name_kk="Желтоқсана көшесі")
        BeatStreetFactory(beat=beat, name_ru="ул. Жалтоксан", name_kk="Жалтоқсан көшесі")
        BeatStreetFactory(beat=beat, name_ru="ул. Абаева", name_kk="Абаев көшесі")


@pytest.mark.parametrize("query", ["Желтоксан 120/1", "Jeltoqsan", "Жултоксн", "Abai", "7"])
def test_query_count_does_not_grow_with_the_streets(client, beats, query):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("public-home"), {"q": query}).status_code == 200
        # At most: the example, the streets starting with the key, the names for a typo
        # and their streets.
        assert len(reads(captured)) <= 4
        return len(reads(captured))

    add_streets(2)
    small = count()
    add_streets(30)
    assert count() == small
