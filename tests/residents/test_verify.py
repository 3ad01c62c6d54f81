"""The public verification page reached by a card's QR code: initials, status, validity, area."""

import datetime
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AssistantFactory, valid_iin
from volunteers.models import Certificate
from volunteers.services import lifecycle

TODAY = datetime.date.today()


def days(n):
    return TODAY + datetime.timedelta(days=n)


_serial = iter(range(1, 100000))


def issue(world, beat=None, **fields):
    fields.setdefault("iin", valid_iin(datetime.date(1979, 9, 23), start=next(_serial) * 7))
    person = AssistantFactory(
        beat=beat or world.beat,
        status="registered",
        last_name="Жумабеков",
        first_name="Асхат",
        middle_name="Серикович",
        **fields,
    )
    return lifecycle.certificate_issue(assistant=person, user=None, issued_on=days(-30))


def verify(client, token):
    return client.get(f"/verify/{quote(token, safe='')}/")


def assert_public_headers(response):
    assert response["X-Robots-Tag"].startswith("noindex")
    assert "max-age=60" in response["Cache-Control"]


def assert_no_personal_data(response, certificate):
    person = certificate.assistant
    content = response.content.decode()
    for secret in (
        person.iin,
        "********" + person.iin[-4:],  # the mask of the IIN
        person.iin[:6],
        person.phone,
        person.address,
        person.first_name,
        person.last_name,
        person.middle_name,
        person.full_name,
        person.initials_name,
        person.registration_number or "no registration number",
        # No link to the staff record (a bare "<pk>/" also matched unrelated text).
        reverse("assistant-detail", args=[person.pk]),
        "/media/",
        "<img",
    ):
        assert secret not in content, secret


def test_the_url_is_the_certificate_token():
    assert reverse("verify", args=["abc"]) == "/verify/abc/"


def test_a_valid_certificate(client, world):
    certificate = issue(world)
    response = verify(client, certificate.token)
    assert response.status_code == 200
    assert response.context["status"] == "valid"
    assert response.context["initials"] == "Ж. А. С."
    assert b'data-status="valid"' in response.content
    assert "Ж. А. С.".encode() in response.content
    assert certificate.valid_until.strftime("%d.%m.%Y").encode() in response.content
    assert world.area.name.encode() in response.content
    assert certificate.display_number.encode() in response.content
    assert_public_headers(response)
    assert_no_personal_data(response, certificate)


def test_an_expired_certificate(client, world):
    certificate = issue(world)
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=days(-1))
    response = verify(client, certificate.token)
    assert response.status_code == 200
    assert response.context["status"] == "expired"
    assert b'data-status="expired"' in response.content
    assert days(-1).strftime("%d.%m.%Y").encode() in response.content
    assert_no_personal_data(response, certificate)


def test_a_revoked_certificate(client, world):
    certificate = issue(world)
    lifecycle.certificate_revoke(
        certificate=certificate, user=None, revoked_on=TODAY, reason="Судимость"
    )
    response = verify(client, certificate.token)
    assert response.status_code == 200
    assert response.context["status"] == "revoked"
    assert b'data-status="revoked"' in response.content
    # The reason is nobody's business but the register's.
    assert "Судимость".encode() not in response.content
    assert_no_personal_data(response, certificate)


def test_a_returned_certificate_is_no_longer_valid(client, world):
    certificate = issue(world)
    lifecycle.certificate_return(
        certificate=certificate, user=None, returned_on=TODAY, badge_returned=True
    )
    response = verify(client, certificate.token)
    assert response.status_code == 200
    assert response.context["status"] == "revoked"
    assert b'data-status="valid"' not in response.content


def test_deregistration_revokes_the_certificate_on_the_page(client, world):
    certificate = issue(world)
    lifecycle.assistant_deregister(
        assistant=certificate.assistant,
        user=None,
        deregistered_on=TODAY,
        ground="own_application",
    )
    assert verify(client, certificate.token).context["status"] == "revoked"


@pytest.mark.parametrize(
    "token",
    [
        "A" * 32,  # well formed, unknown
        "doesnotexist",
        "x" * 10_000,
        "Ўзбек-қазақ-токен-жоқ",
        "..",
        "...",
        "%2e%2e",
        "' OR '1'='1",
        "<script>alert(1)",
        "😀" * 40,
        " ",
        "%",
    ],
)
def test_unknown_or_malformed_tokens_get_a_plain_not_found(client, world, token):
    issue(world)
    response = verify(client, token)
    assert response.status_code == 404
    assert b'id="not-found"' in response.content
    assert b"<script>alert(1)" not in response.content
    assert_public_headers(response)


def test_a_token_with_a_nul_byte_is_a_bad_request(client, world):
    # Refused before any view reads it (portal/middleware.py), like a NUL byte anywhere.
    response = verify(client, "a\x00b" * 10)
    assert response.status_code == 400
    assert b'id="bad-request"' in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/verify/../",
        "/verify/..%2F/",
        "/verify/..%2F..%2Fetc%2Fpasswd/",
        "/verify/a/b/",
        "/verify//",
        "/verify/%3Cscript%3Ealert(1)%3C%2Fscript%3E/",
    ],
)
def test_paths_that_climb_or_nest_are_not_found_either(client, world, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"<script>" not in response.content
    assert b"root:" not in response.content


def test_a_tampered_token_is_not_found(client, world):
    certificate = issue(world)
    token = certificate.token
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert verify(client, tampered).status_code == 404
    assert verify(client, token + "x").status_code == 404
    assert verify(client, token[:-1]).status_code == 404


def test_tokens_are_unguessable_and_derived_from_nothing_personal(world):
    from volunteers.models.certificate import new_token

    first = issue(world)
    second = issue(world)
    assert first.token != second.token
    for certificate in (first, second):
        token = certificate.token
        person = certificate.assistant
        assert len(token) >= 32
        assert person.iin not in token
        assert person.iin[:6] not in token and person.iin[-6:] not in token
        assert token != str(certificate.pk) and f"{certificate.pk:05d}" not in token
        assert certificate.display_number not in token
    # The token is random: a thousand of them never repeat.
    assert Certificate._meta.get_field("token").default is new_token
    assert len({new_token() for _ in range(1000)}) == 1000


def test_anyone_may_verify_without_signing_in_and_only_by_get(client, world):
    certificate = issue(world)
    assert verify(client, certificate.token).status_code == 200
    response = client.post(f"/verify/{certificate.token}/")
    assert response.status_code == 405
    Certificate.objects.get(pk=certificate.pk)  # untouched


def test_a_signed_in_visitor_gets_a_private_cache(client, world):
    certificate = issue(world)
    client.force_login(world.inspector)
    response = verify(client, certificate.token)
    assert "private" in response["Cache-Control"]


def test_the_verification_query_count_does_not_grow(client, world):
    certificate = issue(world)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert verify(client, certificate.token).status_code == 200
        return len(context.captured_queries)

    small = count()
    for _ in range(5):
        issue(world)
    assert count() == small


def test_the_page_is_in_the_visitors_language(client, world):
    world.area.name_kk = "Алмалы ауданы"
    world.area.save()
    certificate = issue(world)
    client.cookies["django_language"] = "kk"
    response = verify(client, certificate.token)
    assert "Алмалы ауданы".encode() in response.content
