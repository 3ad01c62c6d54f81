"""Behind a proxy: the client's address comes from the trusted proxy's header, and only from
it; the login lockout and the rate limits count by that address.

The test client connects from 127.0.0.1, which plays the proxy where TRUSTED_PROXY_IPS
names it.
"""

import datetime
import time

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from districts.models import Proposal
from portal.client_ip import client_ip
from portal.models import Role
from residents.views.submissions import PUBLIC_FORM_RATE
from tests.factories import DEFAULT_PASSWORD

A = "203.0.113.10"
B = "198.51.100.20"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_IPS = ["127.0.0.1", "10.0.0.0/8"]
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    return settings


def address_of(rf, remote, **headers):
    return client_ip(rf.get("/", REMOTE_ADDR=remote, **headers))


# --- the address -----------------------------------------------------------------------------


def test_without_a_trusted_proxy_the_header_is_ignored(rf, settings):
    settings.TRUSTED_PROXY_IPS = []
    assert address_of(rf, "127.0.0.1", HTTP_X_REAL_IP=A) == "127.0.0.1"


def test_the_trusted_proxys_header_names_the_client(rf, behind_proxy):
    assert address_of(rf, "127.0.0.1", HTTP_X_REAL_IP=A) == A
    assert address_of(rf, "10.1.2.3", HTTP_X_REAL_IP=B) == B  # a proxy of the network
    assert address_of(rf, "::ffff:127.0.0.1", HTTP_X_REAL_IP=A) == A


def test_a_header_from_anyone_else_is_ignored(rf, behind_proxy):
    assert address_of(rf, B, HTTP_X_REAL_IP=A) == B


def test_a_header_that_holds_no_address_is_ignored(rf, behind_proxy):
    for value in ("", "unknown", "1.2.3.4.5", "a\x00b", "203.0.113.10; drop"):
        assert address_of(rf, "127.0.0.1", HTTP_X_REAL_IP=value) == "127.0.0.1", value
    assert address_of(rf, "127.0.0.1") == "127.0.0.1"


def test_in_x_forwarded_for_the_client_is_the_last_address_before_the_proxies(rf, behind_proxy):
    behind_proxy.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    # What the client wrote itself (left) is never believed.
    assert address_of(rf, "127.0.0.1", HTTP_X_FORWARDED_FOR=f"1.1.1.1, {A}") == A
    # Two proxies: the inner one (10.0.0.5) added the outer one's peer.
    assert address_of(rf, "10.0.0.5", HTTP_X_FORWARDED_FOR=f"{B}, {A}, 10.0.0.7") == A
    assert address_of(rf, "127.0.0.1", HTTP_X_FORWARDED_FOR=f"{A}, junk") == "127.0.0.1"


# --- the login lockout -----------------------------------------------------------------------


def sign_in(client, user, password, address=None):
    headers = {"HTTP_X_REAL_IP": address} if address else {}
    return client.post(
        reverse("login"), {"username": user.username, "password": password}, **headers
    ).status_code


def test_lockout_is_per_user_and_client_address_behind_the_proxy(client, world, behind_proxy):
    user = world.users[Role.SUPERVISOR]
    limit = behind_proxy.AXES_FAILURE_LIMIT
    statuses = [sign_in(client, user, "wrong", A) for _ in range(limit)]
    assert statuses == [200] * (limit - 1) + [429]
    # Locked from A, even with the right password...
    assert sign_in(client, user, DEFAULT_PASSWORD, A) == 429
    # ...and not from B, through the same proxy.
    assert sign_in(Client(), user, DEFAULT_PASSWORD, B) == 302
    attempts = AccessAttempt.objects.filter(username=user.username)
    assert set(attempts.values_list("ip_address", flat=True)) == {A}


def test_a_spoofed_header_from_an_untrusted_address_is_ignored(client, world, settings):
    settings.TRUSTED_PROXY_IPS = ["10.9.9.9"]  # not the test client's 127.0.0.1
    user = world.users[Role.SUPERVISOR]
    # A new forged address with every attempt: all of them count for 127.0.0.1.
    addresses = [f"192.0.2.{n}" for n in range(settings.AXES_FAILURE_LIMIT + 1)]
    statuses = [sign_in(client, user, "wrong", address) for address in addresses[:-1]]
    assert statuses[-1] == 429
    assert sign_in(client, user, DEFAULT_PASSWORD, addresses[-1]) == 429
    ips = AccessAttempt.objects.filter(username=user.username).values_list("ip_address", flat=True)
    assert set(ips) == {"127.0.0.1"}


def test_the_lockout_is_short_and_lifts_by_itself(client, world, behind_proxy):
    from django.conf import settings as live

    # The default: a quarter of an hour (AXES_COOLOFF_MINUTES).
    default = live.AXES_COOLOFF_TIME
    assert default == datetime.timedelta(minutes=15)
    behind_proxy.AXES_COOLOFF_TIME = datetime.timedelta(seconds=1)
    user = world.users[Role.INSPECTOR]
    for _ in range(behind_proxy.AXES_FAILURE_LIMIT):
        sign_in(client, user, "wrong", A)
    assert sign_in(client, user, DEFAULT_PASSWORD, A) == 429
    time.sleep(1.1)
    assert sign_in(client, user, DEFAULT_PASSWORD, A) == 302


# --- the rate limits -------------------------------------------------------------------------


def test_rate_limits_count_by_the_client_address_behind_the_proxy(client, world, behind_proxy):
    url = reverse("beat-proposal", args=[world.beat.code])
    limit = int(PUBLIC_FORM_RATE.split("/")[0])

    def propose(address):
        text = f"Не горят фонари у дома {Proposal.objects.count() + 1}, вечером темно."
        data = {"kind": "suggestion", "text": text}
        return client.post(url, data, HTTP_X_REAL_IP=address).status_code

    assert [propose(A) for _ in range(limit)] == [302] * limit
    assert propose(A) == 429
    assert propose(B) == 302
