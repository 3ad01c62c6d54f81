"""Two app servers share PostgreSQL and Redis: a user signs in through one, writes through
it, reads the write and keeps the session through the other, and a sign-out on the second
ends the session on the first.

Two gunicorn processes on free ports, as in production (DEBUG off, a secret key, sessions
and cache in Redis: portal/sessions.py), on the shared PostgreSQL and Redis of the machine.
They read the test's own database (committed data: `committed_data`, one database per
xdist worker) and keep their cache under a key prefix of this test alone, deleted after it.
The settings are portal.settings_test: production settings with static files found
without a collected manifest and a fast password hasher.
"""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from portal.models import Role, User
from tests.factories import UserFactory
from tests.factories.territory import DEFAULT_PASSWORD
from tests.servers import (
    SHARED_REDIS,
    Browser,
    _listening,
    _until,
    csrf_token,
    free_port,
    shared_redis_or_skip,
)

ROOT = Path(__file__).resolve().parents[2]
REDIS = SHARED_REDIS

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="two app servers share one PostgreSQL: an in-memory SQLite is not shareable",
)


def server_environment(database, prefix):
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "portal.settings_test",
        "DEBUG": "False",
        "SECRET_KEY": "two-servers-test-key-" + secrets.token_hex(16),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "SESSION_COOKIE_SECURE": "False",
        "CSRF_COOKIE_SECURE": "False",
        "DATABASE_URL": database,
        "CACHE_URL": f"{REDIS}?key_prefix={prefix}",
        "LOG_LEVEL": "WARNING",
    }


@pytest.fixture
def servers(committed_data):
    """The addresses of two running app servers; both stopped, their keys deleted, after."""
    cache = shared_redis_or_skip()
    settings = connection.settings_dict
    database = (
        f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST']}:"
        f"{settings['PORT']}/{settings['NAME']}"
    )
    prefix = f"two-servers-{secrets.token_hex(6)}"
    # One environment for both: every app server of an installation shares the secret key.
    env = server_environment(database, prefix)
    processes, addresses = [], []
    try:
        for _ in range(2):
            port = free_port()
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "portal.wsgi", "-w", "1",
                     "-b", f"127.0.0.1:{port}", "--timeout", "30", "--log-level", "warning"],
                    cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )
            )  # fmt: skip
            addresses.append((port, f"http://127.0.0.1:{port}"))
        for port, address in addresses:
            _until(lambda port=port: _listening(port), f"{address} listening", seconds=25)
            _until(lambda a=address: Browser(a).get("/healthz")[0] == 200, f"{address} answers")
        yield [address for _port, address in addresses]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        keys = list(cache.scan_iter(f"{prefix}:*"))
        if keys:
            cache.delete(*keys)
        connection.close()


def signed_in(browser):
    status, headers, _body = browser.get("/staff/settings/")
    return status == 200


def test_two_app_servers_share_the_session_and_the_data(servers):
    a, b = servers
    user = UserFactory(role=Role.INSPECTOR, language="ru", wants_digest=False)
    browser = Browser(a, language="ru")

    # Sign in through A with the real form.
    status, _headers, page = browser.get("/accounts/login/")
    assert status == 200
    status, headers, _body = browser.post(
        "/accounts/login/",
        {
            "csrfmiddlewaretoken": csrf_token(page),
            "username": user.username,
            "password": DEFAULT_PASSWORD,
        },
    )
    assert status == 302 and "/accounts/login/" not in headers["Location"]
    assert signed_in(browser)

    # Write through A.
    status, _headers, page = browser.get("/staff/settings/")
    status, headers, _body = browser.post(
        "/staff/settings/",
        {"csrfmiddlewaretoken": csrf_token(page), "language": "kk", "wants_digest": "on"},
    )
    assert status == 302
    user.refresh_from_db()
    assert (user.language, user.wants_digest) == ("kk", True)

    # B knows the session (cookies go to a host whatever its port) and reads the write.
    browser.address = b
    status, _headers, page = browser.get("/staff/settings/")
    assert status == 200
    assert checked(page, "kk")

    # Sign out on B: A no longer knows the session either.
    token = csrf_token(page)
    status, _headers, _body = browser.post("/accounts/logout/", {"csrfmiddlewaretoken": token})
    assert status == 302
    browser.address = a
    assert not signed_in(browser)
    assert User.objects.filter(pk=user.pk).exists()


def checked(page, value):
    radio = re.search(rf'<input[^>]*value="{value}"[^>]*>', page)
    return radio is not None and "checked" in radio.group(0)
