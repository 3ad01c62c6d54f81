"""Redis down: the portal serves uncached, the public forms refuse to send (the rate limits
cannot count), `/healthz` says so with a 200; Redis back: all as before, without a restart.

The cache is a redis-server of this module's own (tests/servers.py), stopped and started by
the tests; the machine's shared Redis is never touched.
"""

import logging
import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from django_ratelimit import ALL

from districts.models import Proposal
from portal import cache as fail_soft
from portal import ratelimits
from portal.models import Role
from tests.factories import ReportRevisionFactory
from tests.servers import RedisServer

TEXT = "Во дворе дома 12 не горят фонари, вечером темно и опасно."


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis(redis_server, settings):
    """The portal's cache on the module's Redis, running at the start of the test."""
    if redis_server.process is None:
        redis_server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.FailSoftRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
    answering(True)
    cache.clear()
    yield redis_server
    if redis_server.process is None:
        redis_server.start()
    answering(True)
    cache.clear()


def health(client):
    response = client.get("/healthz")
    return response.status_code, response.json()


def answering(expected, seconds=10):
    """Wait until the portal finds the cache answering (or not): each process asks Redis
    again at most once every portal.cache.RETRY_SECONDS."""
    deadline = time.monotonic() + seconds
    while True:
        key = f"probe-{time.monotonic()}"
        cache.set(key, 1, 10)
        if (cache.get(key) == 1) == expected:
            return
        assert time.monotonic() < deadline, "the cache did not come back"
        time.sleep(0.1)


@pytest.fixture
def world(shared_world):
    return shared_world


@pytest.fixture
def revision(world):
    return ReportRevisionFactory(report__beat=world.beat, report__year=2026, report__quarter=2)


def test_rate_limits_fail_open_for_reads_and_closed_for_writes(redis, rf):
    limit = {"group": "test.outage", "key": "ip", "rate": "5/m", "method": ALL}
    assert ratelimits.usage(rf.get("/"), **limit)["should_limit"] is False
    redis.stop()
    answering(False)

    assert ratelimits.usage(rf.get("/"), **limit) is None
    refused = ratelimits.usage(rf.post("/"), **limit)
    assert refused["should_limit"] and refused["unavailable"]
    assert refused["time_left"] == ratelimits.RETRY_SECONDS


def propose(client, world):
    data = {"kind": "problem", "text": TEXT}
    return client.post(reverse("beat-proposal", args=[world.beat.code]), data)


def test_with_redis_the_health_check_says_ok(client, redis, world):
    assert health(client) == (200, {"status": "ok", "database": "ok", "cache": "ok"})
    assert propose(client, world).status_code == 302


def test_without_redis_pages_the_api_and_forms_still_answer(client, redis, world, revision):
    redis.stop()

    assert health(client) == (200, {"status": "degraded", "database": "ok", "cache": "error"})
    public = [
        reverse("public-home"),
        reverse("public-home") + "?q=Абая",
        world.beat.get_absolute_url(),
        reverse("public-report", args=[revision.pk]),
        reverse("events"),
        "/api/v1/",
        "/api/v1/beats",
        f"/api/v1/reports/{revision.pk}",
        "/api/v1/events",
    ]
    for url in public:
        assert client.get(url).status_code == 200, url
    # A form is read as ever (reads fail open)...
    form = reverse("beat-proposal", args=[world.beat.code])
    assert client.get(form).status_code == 200
    # ...but not sent while nothing can count the submissions (writes fail closed): the form
    # again with what was typed, a reason and when to try again.
    response = propose(client, world)
    assert response.status_code == 503
    assert 'id="rate-limited"' in response.content.decode()
    assert TEXT in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert not Proposal.objects.filter(text=TEXT).exists()
    # Staff sign in and work (sessions and the lockout live in the database).
    user = world.users[Role.INSPECTOR]
    client.force_login(user)
    assert client.get(reverse("inspector-home")).status_code == 200


def test_the_portal_finds_redis_again_without_a_restart(client, redis, world, revision):
    redis.stop()
    assert client.get("/api/v1/beats").status_code == 200
    assert propose(client, world).status_code == 503

    redis.start()
    answering(True)

    assert health(client) == (200, {"status": "ok", "database": "ok", "cache": "ok"})
    assert propose(client, world).status_code == 302
    # Published answers are kept in the cache again.
    page = reverse("public-report", args=[revision.pk])
    assert client.get(page).status_code == 200
    assert any(key.startswith(b":1:published:") for key in _keys(redis))


def _keys(server):
    import redis as redis_py

    return redis_py.Redis.from_url(server.url).keys("*")


def test_an_outage_is_logged_once_and_the_recovery_once(client, redis, world, caplog):
    redis.stop()
    with caplog.at_level(logging.INFO, logger="portal.cache"):
        for _ in range(2):
            assert client.get("/api/v1/beats").status_code == 200
            time.sleep(fail_soft.RETRY_SECONDS)  # asked again each time
        redis.start()
        answering(True)
        for _ in range(3):
            assert client.get("/api/v1/beats").status_code == 200
    messages = [record.getMessage() for record in caplog.records if record.name == "portal.cache"]
    assert len(messages) == 2, messages
    assert "does not answer" in messages[0]
    assert "answers again" in messages[1]


def test_a_redis_that_does_not_answer_is_asked_again_only_after_a_pause(redis):
    redis.stop()
    answering(False)
    # Each attempt that fails sets the next one; none is made before it.
    next_attempt = fail_soft.outage.retry_at
    for _ in range(20):
        assert cache.get("anything", "default") == "default"
        cache.set("anything", 1)
    assert fail_soft.outage.retry_at == next_attempt or time.monotonic() >= next_attempt
