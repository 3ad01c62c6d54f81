"""Two-factor sign-in (TOTP) and staff sessions that end after inactivity.

With REQUIRE_2FA, administrators and akimat registrars pass a code from an authenticator app
after their password before any staff page (setting the app up at their first sign-in);
anyone may turn it on for themselves in "My settings". Without the setting nobody is asked
(the demo accounts sign in with their password alone)."""

import re
import time

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.idle import LAST_SEEN
from portal.models import Role
from tests.factories import DEFAULT_PASSWORD

LOGIN, VERIFY, SET_UP = reverse("login"), reverse("two-factor-verify"), reverse("two-factor-setup")


@pytest.fixture(autouse=True)
def _no_wait_between_tries(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def required(settings):
    settings.REQUIRE_2FA = True
    settings.OTP_REQUIRED_ROLES = [Role.ADMINISTRATOR, Role.AKIMAT_REGISTRAR]


def code(device, steps_ahead=0):
    """The code the app shows now (or `steps_ahead` periods later: a code is used once)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong(device):
    right = code(device)
    return f"{(int(right) + 500_000) % 1_000_000:06d}"


def sign_in(client, user):
    return client.post(LOGIN, {"username": user.username, "password": DEFAULT_PASSWORD})


def with_device(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def signed_in_user(client):
    return client.session.get("_auth_user_id")


# --- not asked ---------------------------------------------------------------------------------


def test_without_the_setting_nobody_is_asked(client, world):
    admin = world.users[Role.ADMINISTRATOR]
    response = sign_in(client, admin)
    assert response.status_code == 302
    assert client.get(reverse("staff-home"), follow=True).redirect_chain[-1][0] == reverse(
        "admin:index"
    )
    assert client.get(reverse("assistant-list")).status_code == 200


def test_roles_outside_the_required_ones_are_not_asked(client, world, required):
    sign_in(client, world.inspector)
    assert client.get(reverse("inspector-home")).status_code == 200


# --- required: set up at the first sign-in, then verified ---------------------------------------


def test_a_required_role_sets_the_app_up_before_any_staff_page(client, world, required):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    response = sign_in(client, registrar)
    home = client.get(response.url)
    assert home.status_code == 302 and home.url.startswith(SET_UP)
    assert client.get(reverse("assistant-list")).url.startswith(SET_UP)
    assert client.get(reverse("public-home")).status_code == 200  # public pages stay open

    page = client.get(SET_UP)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and 'autocomplete="one-time-code"' in html
    device = TOTPDevice.objects.get(user=registrar)
    assert not device.confirmed
    key = re.sub(r"\s", "", page.context["key"])
    assert len(key) >= 32 and key in html.replace(" ", "")

    refused = client.post(SET_UP, {"code": wrong(device)})
    assert refused.status_code == 400
    assert refused.context["form"].errors["code"]
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get(reverse("assistant-list")).status_code == 302

    done = client.post(SET_UP, {"code": code(device), "next": reverse("assistant-list")})
    assert done.status_code == 302 and done.url == reverse("assistant-list")
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get(reverse("assistant-list")).status_code == 200


def test_with_an_app_the_code_is_asked_after_the_password(client, world, required):
    admin = world.users[Role.ADMINISTRATOR]
    device = with_device(admin)
    response = sign_in(client, admin)
    assert signed_in_user(client) == str(admin.pk)
    landing = client.get(response.url)
    assert landing.status_code == 302 and landing.url.startswith(VERIFY)
    for page in (reverse("admin:index"), reverse("assistant-list"), reverse("my-settings"), SET_UP):
        assert client.get(page).url.startswith(VERIFY), page

    page = client.get(VERIFY + "?next=" + reverse("assistant-list"))
    assert page.status_code == 200 and 'name="code"' in page.content.decode()
    refused = client.post(VERIFY, {"code": wrong(device), "next": reverse("assistant-list")})
    assert refused.status_code == 400 and refused.context["form"].errors["code"]
    assert client.get(reverse("assistant-list")).status_code == 302
    bad_format = client.post(VERIFY, {"code": "12ab"})
    assert bad_format.status_code == 400

    passed = client.post(VERIFY, {"code": code(device), "next": reverse("assistant-list")})
    assert passed.status_code == 302 and passed.url == reverse("assistant-list")
    assert client.get(reverse("assistant-list")).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_used_code_and_a_foreign_next_are_refused(client, world, required):
    admin = world.users[Role.ADMINISTRATOR]
    device = with_device(admin)
    sign_in(client, admin)
    used = code(device)
    assert client.post(VERIFY, {"code": used, "next": "https://evil.example/"}).url == reverse(
        "staff-home"
    )
    client.post(reverse("logout"))
    sign_in(client, admin)
    replay = client.post(VERIFY, {"code": used})
    assert replay.status_code == 400  # the same code does not open a second session


def test_wrong_codes_slow_down_guessing(client, world, required, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    admin = world.users[Role.ADMINISTRATOR]
    device = with_device(admin)
    sign_in(client, admin)
    client.post(VERIFY, {"code": wrong(device)})
    throttled = client.post(VERIFY, {"code": code(device)})
    assert throttled.status_code == 400
    assert [e.code for e in throttled.context["form"].errors.as_data()["code"]] == ["throttled"]
    assert client.get(reverse("assistant-list")).status_code == 302


def test_a_required_role_cannot_turn_it_off(client, world, required):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    device = with_device(registrar)
    sign_in(client, registrar)
    client.post(VERIFY, {"code": code(device)})
    page = client.get(SET_UP)
    assert page.status_code == 200 and page.context["form"] is None
    client.post(SET_UP, {"code": code(device, 1)})
    assert TOTPDevice.objects.filter(user=registrar, confirmed=True).exists()


# --- optional: anyone may turn it on in "My settings" -------------------------------------------


def test_an_inspector_turns_it_on_is_then_asked_and_turns_it_off(client, world):
    inspector = world.inspector
    sign_in(client, inspector)
    settings_page = client.get(reverse("my-settings")).content.decode()
    assert SET_UP in settings_page
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=inspector)
    client.post(SET_UP, {"code": code(device)})
    assert TOTPDevice.objects.get(pk=device.pk).confirmed

    client.post(reverse("logout"))
    sign_in(client, inspector)
    assert client.get(reverse("inspector-home")).url.startswith(VERIFY)
    client.post(VERIFY, {"code": code(device, 1)})
    assert client.get(reverse("inspector-home")).status_code == 200

    refused = client.post(SET_UP, {"code": wrong(device)})
    assert refused.status_code == 400 and TOTPDevice.objects.filter(user=inspector).exists()
    # Each code opens once: the next one the app shows turns it off.
    TOTPDevice.objects.filter(pk=device.pk).update(tolerance=2)
    response = client.post(SET_UP, {"code": code(device, 2)})
    assert response.status_code == 302 and response.url == reverse("my-settings")
    assert not TOTPDevice.objects.filter(user=inspector).exists()
    client.post(reverse("logout"))
    sign_in(client, inspector)
    assert client.get(reverse("inspector-home")).status_code == 200


def test_the_pages_need_a_signed_in_user(client, db):
    for url in (VERIFY, SET_UP):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(LOGIN)


# --- sessions end after inactivity ---------------------------------------------------------------


def test_a_session_ends_after_the_idle_time(client, world, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    client.force_login(world.inspector)
    assert client.get(reverse("inspector-home")).status_code == 200
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 29 * 60
    session.save()
    assert client.get(reverse("inspector-home")).status_code == 200
    assert client.session[LAST_SEEN] >= int(time.time()) - 5  # the request counts as activity

    session = client.session
    session[LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(reverse("inspector-home"))
    assert response.status_code == 302 and response.url.startswith(LOGIN)
    assert signed_in_user(client) is None
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["info"]


def test_an_ordinary_request_does_not_save_the_session(client, world):
    client.force_login(world.inspector)
    client.get(reverse("my-settings"))
    before = client.session[LAST_SEEN]
    client.get(reverse("my-settings"))
    assert client.session[LAST_SEEN] == before
