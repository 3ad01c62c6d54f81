"""Settings come from the environment; production settings pass `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import environ

ROOT = Path(__file__).resolve().parents[2]


def test_sqlite_url_parses():
    config = environ.Env.db_url_config("sqlite:////srv/portal/db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "/srv/portal/db.sqlite3"


def test_postgres_url_parses_to_psycopg_backend():
    config = environ.Env.db_url_config("postgres://portal:secret@db.example.kz:5433/portal")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example.kz", 5433, "portal")
    assert (config["USER"], config["PASSWORD"]) == ("portal", "secret")


def test_redis_cache_url_uses_djangos_redis_backend():
    config = environ.Env.cache_url_config("redis://127.0.0.1:6379/1")
    assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DEBUG")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": "k7#Q9v!pZ2@xL5mN8rT1wY4bC6dF0gH3jK-sV_eU+aI&oP(zX)",
    "ALLOWED_HOSTS": "portal.example.kz",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/portal",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}


def test_check_deploy_is_clean_in_production_mode():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    clean = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_postgres_connections_persist_with_health_checks():
    code = (
        "from django.conf import settings as s; d = s.DATABASES['default'];"
        "print(d['ENGINE'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    result = run_manage("shell", "-c", code, **PRODUCTION)
    assert result.stdout.strip().splitlines()[-1].split() == [
        "django.db.backends.postgresql",
        "60",
        "True",
    ]


# --- deployment checks of the portal's own (portal/checks.py) ----------------------------------


def test_check_deploy_is_clean_behind_a_named_tls_proxy():
    env = {**PRODUCTION, "BEHIND_TLS_PROXY": "True", "TRUSTED_PROXY_IPS": "127.0.0.1"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_in_production_with_a_local_cache_or_an_unnamed_proxy():
    env = {**PRODUCTION, "CACHE_URL": "locmemcache://portal", "BEHIND_TLS_PROXY": "True"}
    result = run_manage("check", "--deploy", **env)
    assert result.returncode != 0
    assert "portal.E001" in result.stderr and "portal.E002" in result.stderr


def test_the_deployment_checks(settings):
    from portal.checks import proxy_named_behind_tls, shared_cache_in_production

    settings.DEBUG = False
    for backend in ("locmem.LocMemCache", "dummy.DummyCache"):
        settings.CACHES = {"default": {"BACKEND": f"django.core.cache.backends.{backend}"}}
        assert [e.id for e in shared_cache_in_production(None)] == ["portal.E001"]
    settings.CACHES = {"default": {"BACKEND": "portal.cache.FailSoftRedisCache"}}
    assert shared_cache_in_production(None) == []
    settings.DEBUG = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert shared_cache_in_production(None) == []  # development

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXY_IPS = []
    assert [e.id for e in proxy_named_behind_tls(None)] == ["portal.E002"]
    settings.TRUSTED_PROXY_IPS = ["127.0.0.1"]
    assert proxy_named_behind_tls(None) == []
    settings.SECURE_PROXY_SSL_HEADER = None
    settings.TRUSTED_PROXY_IPS = []
    assert proxy_named_behind_tls(None) == []  # not behind a proxy


def test_proxy_cache_and_lockout_settings_from_the_environment():
    code = (
        "from django.conf import settings as s; c = s.CACHES['default'];"
        "print(c['BACKEND'], c['OPTIONS']['socket_connect_timeout'], s.TRUSTED_PROXY_IPS,"
        " s.CLIENT_IP_HEADER, s.RATELIMIT_IP_META_KEY, s.AXES_CLIENT_IP_CALLABLE,"
        " s.AXES_COOLOFF_TIME.total_seconds(), s.MAX_QUERY_STRING_LENGTH)"
    )
    env = {
        **PRODUCTION,
        "TRUSTED_PROXY_IPS": "127.0.0.1,10.0.0.0/8",
        "CLIENT_IP_HEADER": "X-Forwarded-For",
        "AXES_COOLOFF_MINUTES": "10",
    }
    result = run_manage("shell", "-c", code, **env)
    assert result.stdout.strip().splitlines()[-1].split() == [
        "portal.cache.FailSoftRedisCache",
        "1",
        "['127.0.0.1',",
        "'10.0.0.0/8']",
        "HTTP_X_FORWARDED_FOR",
        "portal.client_ip.client_ip",
        "portal.client_ip.client_ip",
        "600.0",
        "4096",
    ]
    # The older names still work: the header as a META key, the cool-off in hours.
    old = {**PRODUCTION, "RATELIMIT_IP_META_KEY": "HTTP_X_REAL_IP", "AXES_COOLOFF_HOURS": "0.5"}
    last = run_manage("shell", "-c", code, **old).stdout.strip().splitlines()[-1].split()
    assert (last[3], last[6]) == ("HTTP_X_REAL_IP", "1800.0")


def test_a_trusted_proxy_that_is_no_address_stops_the_start():
    result = run_manage("check", **{**PRODUCTION, "TRUSTED_PROXY_IPS": "127.0.0.1,proxy.local"})
    assert result.returncode != 0
    assert "TRUSTED_PROXY_IPS" in result.stderr


def test_staff_account_and_audit_settings_fail_loudly_on_a_bad_value():
    for variable, value in (
        ("OTP_REQUIRED_ROLES", "administrator,janitor"),
        ("STAFF_SESSION_IDLE_MINUTES", "0"),
        ("AUDIT_RETENTION_DAYS", "0"),
    ):
        result = run_manage("check", **PRODUCTION, **{variable: value})
        assert result.returncode != 0, variable
        assert variable in result.stderr, result.stderr[-500:]


def test_the_roles_settings_know_are_the_portals_roles():
    from django.conf import settings

    from portal import settings as module
    from portal.models import Role

    assert set(module._ROLES.split()) == set(Role.values)
    assert set(settings.OTP_REQUIRED_ROLES) == {Role.ADMINISTRATOR, Role.AKIMAT_REGISTRAR}
    assert settings.REQUIRE_2FA is False  # the demo accounts sign in with a password alone
