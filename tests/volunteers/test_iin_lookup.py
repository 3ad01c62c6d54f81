"""Finding a record by its full IIN: only for those who see IINs unmasked, only within
their territory, by POST, counted and audited."""

import logging

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from portal.models import Role
from tests.clients import as_role
from tests.factories import AssistantFactory
from volunteers.models import AssistantStatus

URL = reverse("assistant-find-by-iin")


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()  # the look-up counts live in the cache
    yield
    cache.clear()


def test_the_registrar_finds_a_record_of_the_area_by_full_iin(client, world, caplog):
    assistant = AssistantFactory(beat=world.beat)
    AssistantFactory(beat=world.beat)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    page = client.get(reverse("assistant-list"))
    assert f'href="{URL}"'.encode() in page.content
    with caplog.at_level(logging.INFO, logger="volunteers.privacy"):
        response = client.post(URL, {"iin": f"{assistant.iin[:6]} {assistant.iin[6:]}"})
    assert response.status_code == 302
    assert response["Location"] == assistant.get_absolute_url()
    assert assistant.iin not in response["Location"]
    assert [r.getMessage() for r in caplog.records if r.name == "volunteers.privacy"] == [
        f"IIN look-up by user {world.users[Role.AKIMAT_REGISTRAR].pk} found [{assistant.pk}]"
    ]
    assert assistant.iin not in caplog.text


def test_a_record_of_another_area_is_not_found_and_the_answer_says_only_that(client, world):
    elsewhere = AssistantFactory(beat=world.other_beat)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    response = client.post(URL, {"iin": elsewhere.iin})
    assert response.status_code == 200
    assert response.context["found"] == []
    html = response.content.decode()
    assert 'id="iin-lookup-none"' in html
    assert elsewhere.last_name not in html
    assert str(world.other_area) not in html


def test_several_records_of_one_iin_are_listed(client, world):
    refused = AssistantFactory(beat=world.beat, status=AssistantStatus.REFUSED)
    again = AssistantFactory(beat=world.beat, iin=refused.iin)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    response = client.post(URL, {"iin": refused.iin})
    assert {a.pk for a in response.context["found"]} == {refused.pk, again.pk}


@pytest.mark.parametrize("typed", ["", "12345", "90010130012a", "900101300124"])
def test_a_bad_iin_is_refused_on_the_field_and_not_counted(client, world, typed, settings):
    settings.IIN_LOOKUP_RATE = "1/h"
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    response = client.post(URL, {"iin": typed})
    assert response.status_code == 200
    assert "iin" in response.context["form"].errors
    assert response.context["searched"] is False
    assert client.post(URL, {"iin": typed}).status_code == 200  # still not limited


def test_look_ups_are_limited_per_user(client, world, settings):
    settings.IIN_LOOKUP_RATE = "3/h"
    assistant = AssistantFactory(beat=world.other_beat)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    answers = [client.post(URL, {"iin": assistant.iin}).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    limited = client.post(URL, {"iin": assistant.iin})
    assert 'id="iin-lookup-limited"' in limited.content.decode()
    assert int(limited["Retry-After"]) > 0


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.SUPERVISOR, Role.REGIONAL_REGISTRAR])
def test_masked_roles_cannot_look_up(client, world, role):
    assistant = AssistantFactory(beat=world.beat)
    as_role(client, world, role)
    assert client.post(URL, {"iin": assistant.iin}).status_code == 403
    assert client.get(URL).status_code == 403


def test_the_search_box_points_the_registrar_to_the_look_up(client, world):
    assistant = AssistantFactory(beat=world.beat)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    response = client.get(reverse("assistant-list"), {"q": assistant.iin})
    assert list(response.context["object_list"]) == []
    (error,) = response.context["filter"].form.errors.as_data()["q"]
    with translation.override("en"):
        assert "Find by IIN" in str(error.message)
