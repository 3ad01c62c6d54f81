"""Sessions in Redis with the database keeping the truth (portal/sessions.py): a sign-in
survives an outage of Redis, and a sign-out made during the outage stays made when Redis
is back (the stale copy in Redis is deleted before any session is read).

The cache is a redis-server of this module's own (tests/servers.py).
"""

import time

import pytest
import redis as redis_py
from django.core.cache import cache
from django.urls import reverse

from portal.models import Role
from tests.servers import RedisServer


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    if server.process is not None:
        server.stop()


@pytest.fixture
def redis(redis_server, settings):
    if redis_server.process is None:
        redis_server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.FailSoftRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 0.3},
        }
    }
    settings.SESSION_ENGINE = "portal.sessions"
    answering(True)
    cache.clear()
    yield redis_server
    if redis_server.process is None:
        redis_server.start()
    answering(True)
    cache.clear()


def answering(expected, seconds=15):
    deadline = time.monotonic() + seconds
    while True:
        key = f"probe-{time.monotonic()}"
        cache.set(key, 1, 10)
        if (cache.get(key) == 1) == expected:
            return
        assert time.monotonic() < deadline, "the cache did not change its state"
        time.sleep(0.1)


def signed_in(client):
    response = client.get(reverse("staff-home"))
    return response.status_code in (200, 302) and "/login/" not in response.get("Location", "")


def session_keys_in_redis():
    return [key for key in cache._cache.get_client().keys("*") if b"django.contrib.sessions" in key]


@pytest.mark.django_db
def test_the_session_is_read_from_redis_and_survives_its_outage(client, shared_world, redis):
    client.force_login(shared_world.users[Role.INSPECTOR])
    assert signed_in(client)
    assert session_keys_in_redis(), "the session is not in Redis"

    redis.stop()
    answering(False)
    assert signed_in(client)  # read from the database


@pytest.mark.django_db
def test_a_sign_out_during_the_outage_stays_made(client, shared_world, redis):
    client.force_login(shared_world.users[Role.INSPECTOR])
    assert signed_in(client)
    cookie = client.cookies["sessionid"].value

    # Redis stops answering but keeps its data: the signed-in session stays in it.
    redis_py.Redis.from_url(redis.url).execute_command("CLIENT", "PAUSE", 4000)
    answering(False)
    client.post(reverse("logout"))
    answering(True)

    client.cookies["sessionid"] = cookie  # the old cookie, replayed
    assert not signed_in(client)
    assert not [key for key in session_keys_in_redis() if key.endswith(cookie.encode())]
