"""The database down: every page answers the translated 503 page with Retry-After (the API a
JSON 503), `/healthz` a 503; the database back: the same running server answers again.

A real server, as in production: gunicorn with persistent, health-checked connections to a
PostgreSQL of this module's own (tests/servers.py), which the test stops and starts; the
machine's shared PostgreSQL is never touched. One test walks the whole outage, so that a
parallel run starts one server, not one per test.
"""

import json
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from django.db import OperationalError, connection

from portal import errors
from tests.servers import Browser, PostgresServer, _until, csrf_token, free_port

ROOT = Path(__file__).resolve().parents[2]


# Runs in the suite's PostgreSQL pass (CI runs both): an own server and a migrated database
# cost half a minute, which the SQLite pass, there to stay quick, does without.
needs_postgres_run = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the PostgreSQL outage is walked in the suite's PostgreSQL run",
)


@pytest.fixture(scope="module")
def postgres():
    server = PostgresServer()
    try:
        server.start()
        server.createdb("portal")
        yield server
    finally:
        server.remove()


@pytest.fixture(scope="module")
def portal(postgres):
    """The portal's address, served by gunicorn on the module's PostgreSQL."""
    port = free_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "portal.settings_test",
        "DATABASE_URL": postgres.url("portal"),
        # Plain HTTP in the test: cookies that are not Secure-only.
        "SESSION_COOKIE_SECURE": "False",
        "CSRF_COOKIE_SECURE": "False",
    }
    manage = [sys.executable, "manage.py"]
    migrated = subprocess.run(
        [*manage, "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, capture_output=True
    )
    assert migrated.returncode == 0, migrated.stderr.decode()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    address = f"http://127.0.0.1:{port}"
    try:
        _until(lambda: Browser(address).get("/healthz")[0] == 200, "the server answers")
        yield address
    finally:
        server.terminate()
        server.wait(timeout=10)


@needs_postgres_run
def test_the_portal_answers_503_while_the_database_is_down_and_recovers_by_itself(postgres, portal):
    browser = Browser(portal, language="kk")
    status, _headers, login_page = browser.get("/accounts/login/")
    assert status == 200
    token = csrf_token(login_page)
    assert browser.get("/")[0] == 200
    status, _headers, body = browser.get("/healthz")
    assert (status, json.loads(body)["database"]) == (200, "ok")

    postgres.stop()

    pages = [
        "/",
        "/?q=" + urllib.parse.quote("Абая"),
        "/beats/almaly-1/",
        "/events/",
        "/verify/abcdef/",
        "/staff/",
    ]
    for path in pages:
        status, headers, body = browser.get(path)
        assert status == 503, (path, status, body[:300])
        assert int(headers["Retry-After"]) > 0
        assert "no-store" in headers["Cache-Control"]
        assert 'id="unavailable"' in body and 'lang="kk"' in body, path
    # A signed-in visitor's session lives in the database too.
    signed_in = Browser(portal).get("/staff/", headers={"Cookie": "sessionid=abc123xyz"})
    assert signed_in[0] == 503
    # A form sent while the database is down.
    status, _headers, body = browser.post(
        "/accounts/login/",
        {"csrfmiddlewaretoken": token, "username": "inspector", "password": "secret"},
    )
    assert (status, 'id="unavailable"' in body) == (503, True)
    # The open-data API answers in JSON.
    status, headers, body = browser.get("/api/v1/beats")
    assert status == 503
    assert headers["Content-Type"].startswith("application/json")
    assert json.loads(body)["detail"]
    # The health check tells the load balancer.
    status, _headers, body = browser.get("/healthz")
    assert (status, json.loads(body)["database"]) == (503, "error")

    postgres.start()

    # The same server process, its connections found broken and opened again.
    _until(lambda: browser.get("/")[0] == 200, "the home page answers again")
    status, _headers, body = browser.get("/healthz")
    assert (status, json.loads(body)) == (200, {"status": "ok", "database": "ok", "cache": "ok"})
    status, _headers, body = browser.post(
        "/accounts/login/",
        {"csrfmiddlewaretoken": token, "username": "inspector", "password": "secret"},
    )
    assert status == 200  # the form again: no such user
    assert browser.get("/api/v1/beats")[0] == 200


def test_a_database_error_around_a_view_is_a_503_too(rf):
    # Met outside a view (a session saved after the response), it reaches handler500.
    request = rf.get("/", HTTP_ACCEPT_LANGUAGE="en")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = errors.server_error(request)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert b'id="unavailable"' in response.content
    try:
        raise ValueError("any other error")
    except ValueError:
        assert errors.server_error(request).status_code == 500
