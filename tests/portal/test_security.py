"""Security headers, CSRF and login lockout."""

import pytest
from django.test import Client
from django.urls import reverse

from portal.models import Role
from tests.factories import DEFAULT_PASSWORD


def assert_security_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


@pytest.mark.django_db
def test_security_headers_on_a_public_page(client):
    assert_security_headers(client.get(reverse("public-home")))


def test_security_headers_on_a_staff_page(client, world):
    client.force_login(world.users[Role.SUPERVISOR])
    response = client.get(reverse("department-home"))
    assert response.status_code == 200
    assert_security_headers(response)


def test_pages_have_no_inline_scripts_or_styles(client, world):
    client.force_login(world.users[Role.SUPERVISOR])
    for url in (reverse("public-home") + "?q=1", reverse("login"), reverse("department-home")):
        html = Client().get(url).content.decode() if "staff" not in url else ""
        html += client.get(url).content.decode()
        assert "<script>" not in html
        assert " style=" not in html
        assert "onclick=" not in html


@pytest.mark.django_db
def test_login_form_requires_csrf_token():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_no_form_on_the_public_page_carries_a_csrf_token(client):
    html = client.get(reverse("public-home")).content.decode()
    # The language switcher posts without a token (a CSRF-exempt switch, so that public pages
    # can be cached for everyone); the search form is a GET form.
    assert html.count('method="post"') == 1
    assert f'action="{reverse("set_language")}"' in html
    assert "csrfmiddlewaretoken" not in html


@pytest.mark.django_db
def test_the_language_switch_needs_no_csrf_token():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("set_language"), {"language": "kk", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="kk">' in client.get("/").content.decode()


def test_login_is_locked_after_repeated_failures(client, world, settings):
    user = world.users[Role.SUPERVISOR]
    statuses = [
        client.post(
            reverse("login"), {"username": user.username, "password": "wrong-password"}
        ).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    # The form again with an error, until the failure that reaches the limit locks the account.
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    # Even the right password is refused while locked.
    response = client.post(
        reverse("login"), {"username": user.username, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not affected.
    other = world.users[Role.INSPECTOR]
    response = client.post(
        reverse("login"), {"username": other.username, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302


def test_production_cookies_are_secure():
    from django.conf import settings as live

    # The test overlay runs with DEBUG off, like production.
    assert live.SESSION_COOKIE_SECURE and live.CSRF_COOKIE_SECURE
    assert live.SESSION_COOKIE_HTTPONLY


def test_a_refused_page_is_the_portals_own_translated_403(client, world):
    client.force_login(world.users[Role.INSPECTOR])
    response = client.get(reverse("area-rollup"), HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 403
    page = response.content.decode()
    assert 'id="access-denied"' in page
    assert 'lang="kk"' in page
    assert reverse("staff-home") in page  # the page frame and a way back


def test_an_unknown_page_is_the_portals_own_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert 'id="not-found"' in response.content.decode()
