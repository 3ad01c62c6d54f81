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
