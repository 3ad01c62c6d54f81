"""The edges of every request: NUL bytes, over-long query strings, impossible page numbers,
HEAD, and `Cache-Control: no-store` on what the staff see.

`portal.middleware.RequestEdgesMiddleware` refuses the first three before any view runs:
a 400 page, or the API's 422 in JSON. Every page of the URLconf is asked, anonymously (the
refusal comes before the access check). tests/portal/test_malformed_params.py sends the
values a view reads and must read well; these are the values no view is given at all.
"""

import contextlib
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from portal import policy
from portal.models import Role
from tests.url_patterns import ADMIN_PAGE_SUFFIXES, POST_ONLY, walk
from tests.url_samples import SAMPLE_KWARGS


@pytest.fixture
def world(shared_world):
    return shared_world


def pages():
    """(url name, rule) of every page the access matrix requests."""
    for name, entry, rule in walk():
        if not name or rule is None:
            continue
        if name.startswith("admin:") and not name.endswith(ADMIN_PAGE_SUFFIXES):
            continue
        if entry.pattern.regex.groups and name not in SAMPLE_KWARGS:
            continue  # test_access_matrix.test_parametrised_urls_have_samples fails then
        yield name, rule


def address(name, world):
    return reverse(name, kwargs=SAMPLE_KWARGS[name](world) if name in SAMPLE_KWARGS else {})


@contextlib.contextmanager
def undone():
    """The samples of one URL (and what its requests write) are undone before the next."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def refused(response, name):
    """Whether `response` is the refusal of bad input: the API's 422, field mode's refused
    draft (its own 422 in JSON), anywhere else the 400 page."""
    if name.startswith("api-v1:"):
        return response.status_code == 422 and response.json()["detail"][0]["loc"][0]
    if name == "field-api":
        return response.status_code == 422 and response.json()["status"] == "rejected"
    return response.status_code == 400 and b'id="bad-request"' in response.content


OVERLONG_QUERY = "q=" + "a" * settings.MAX_QUERY_STRING_LENGTH
BAD_QUERIES = {
    "a NUL byte in a value": "q=ab%00c",
    "a NUL byte in a name": "a%00b=1",
    "an over-long query string": OVERLONG_QUERY,
    "a page past every integer": "page=99999999999999999999",
    "an offset in exponent notation": "offset=1e30",
    "a negative limit": "limit=-1",
}


def test_bad_queries_are_refused_on_every_page(world, quiet_request_log):
    client = Client()
    wrong = []
    for name, _rule in pages():
        with undone():
            url = address(name, world)
            for what, query in BAD_QUERIES.items():
                response = client.get(f"{url}?{query}")
                if not refused(response, name):
                    wrong.append(f"{response.status_code} {name}: {what}")
    assert not wrong, "\n".join(wrong)


def test_the_api_explains_what_it_refused(client, db):
    response = client.get("/api/v1/beats?q=ab%00c&offset=1e30")
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert [problem["loc"] for problem in detail] == [["query", "q"], ["query", "offset"]]
    assert all(problem["msg"] for problem in detail)


@pytest.mark.parametrize(
    "query",
    ["limit=1e30", "offset=99999999999999999999", "limit=99999999999999999999", "offset=-1"],
)
def test_the_api_refuses_impossible_limits_and_offsets(client, db, query):
    for collection in ("beats", "reports", "events"):
        response = client.get(f"/api/v1/{collection}?{query}")
        assert response.status_code == 422, (collection, query)
        assert "detail" in response.json()


def test_a_query_string_at_the_limit_is_read(client, db):
    query = "q=" + "a" * (settings.MAX_QUERY_STRING_LENGTH - 2)
    assert client.get(f"{reverse('public-home')}?{query}").status_code == 200


def test_the_limit_of_a_query_string_is_a_setting(client, db, settings):
    settings.MAX_QUERY_STRING_LENGTH = 10
    assert client.get(reverse("public-home") + "?q=12345678").status_code == 200
    assert client.get(reverse("public-home") + "?q=123456789").status_code == 400


def test_a_page_number_that_is_a_number_still_reaches_the_view(client, world):
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    assert client.get(reverse("assistant-list") + "?page=1").status_code == 200
    assert client.get(reverse("assistant-list") + "?page=last").status_code == 200
    # Past the last page is the list's own answer, not a bad request.
    assert client.get(reverse("assistant-list") + "?page=999999").status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/beats/ab%00c/", "/verify/a%00b/", "/reports/1%00/", "/no-such%00page/", "/%00"],
)
def test_a_nul_byte_in_the_path_is_a_bad_request(client, db, path):
    response = client.get(path)
    assert response.status_code == 400
    assert b'id="bad-request"' in response.content


def test_a_nul_byte_in_an_api_path_is_the_apis_422(client, db):
    response = client.get("/api/v1/beats/ab%00c")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path"]


def test_a_nul_byte_in_a_form_field_is_a_bad_request(client, world):
    # The sign-in form: django-axes reads the username before any form does.
    response = client.post(reverse("login"), {"username": "in\x00spector", "password": "x"})
    assert response.status_code == 400
    # A resident's proposal, anonymous; nothing is saved.
    proposal = reverse("beat-proposal", args=[world.beat.code])
    assert client.post(proposal, {"text": "Темно во\x00 дворе"}).status_code == 400
    # A staff form, in a multipart body.
    client.force_login(world.users[Role.INSPECTOR])
    response = client.post(reverse("my-settings"), {"language": "ru\x00"})
    assert response.status_code == 400
    assert b'id="bad-request"' in response.content


def test_the_bad_request_page_is_translated(client, db):
    response = client.get("/?q=%00", HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 400
    assert b'lang="kk"' in response.content


# --- HEAD and no-store -----------------------------------------------------------------------


def first_reader(rule):
    if rule.is_public:
        return None
    allowed = policy.roles_for(rule.read)
    return next(role for role in Role if role in allowed)


def test_head_answers_wherever_get_does_and_staff_answers_are_not_stored(
    world, quick_pdf, quiet_request_log
):
    clients = {None: Client()}
    for role in Role:
        clients[role] = Client()
        clients[role].force_login(world.users[role])
    wrong = []
    for name, rule in pages():
        if name in POST_ONLY:
            continue
        role = first_reader(rule)
        with undone():
            response = clients[role].head(address(name, world))
        if response.status_code not in (200, 302):
            wrong.append(f"HEAD {name} as {role}: {response.status_code}")
        elif b"".join(response.streaming_content if response.streaming else [response.content]):
            wrong.append(f"HEAD {name} as {role}: a body")
        cache_control = response.get("Cache-Control", "")
        if role is not None and "public" not in cache_control and "no-store" not in cache_control:
            wrong.append(f"{name} as {role}: Cache-Control {cache_control!r}")
    assert not wrong, "\n".join(wrong)


def test_pages_with_personal_data_are_not_stored(client, world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    client.force_login(registrar)
    for name in ("assistant-list", "assistant-detail", "assistant-photo", "register-export"):
        url = address(name, world) if name != "assistant-list" else reverse(name)
        response = client.get(url)
        assert response.status_code == 200, name
        assert "no-store" in response["Cache-Control"], name


def test_public_pages_keep_their_caching(client, world):
    assert "no-store" not in client.get(reverse("public-home")).get("Cache-Control", "")
    api = client.get("/api/v1/beats")
    assert "public" in api["Cache-Control"]
    # The same public answer to a signed-in user: the same for everyone, still cacheable.
    client.force_login(world.users[Role.INSPECTOR])
    assert "no-store" not in client.get("/api/v1/beats")["Cache-Control"]
    # A public page that shows who is signed in is not.
    assert "no-store" in client.get(reverse("public-home"))["Cache-Control"]


def test_head_of_the_api_is_its_get_without_a_body(client, world):
    get = client.get("/api/v1/beats")
    head = client.head("/api/v1/beats")
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]
    assert client.head(f"/api/v1/beats/{quote(world.beat.code)}").status_code == 200
    assert client.head("/api/v1/beats/no-such-beat").status_code == 404
