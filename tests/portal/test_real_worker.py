"""A real Celery worker makes the area roll-up PDF: the request only queues the task, the
worker (a separate process, on the shared Redis as broker and cache) renders it, and the
job's progress in the shared cache reaches "done", after which the asker downloads it.

Everywhere else the tests run tasks eagerly; here the sending process turns that off for one
test. The worker listens to a queue of this test alone and keeps the job under a cache key
prefix of its own; both are deleted after. The data is committed (`committed_data`) to the
test's database, which the worker reads.
"""

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from portal.celery import app
from portal.file_jobs import jobs, tasks
from portal.models import Role
from tests.factories import (
    AreaFactory,
    BeatFactory,
    PoliceDepartmentFactory,
    PolicePointFactory,
    UserFactory,
)
from tests.servers import SHARED_REDIS, shared_redis_or_skip

ROOT = Path(__file__).resolve().parents[2]
REDIS = SHARED_REDIS

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the worker reads the test's data from a shared PostgreSQL",
)


@pytest.fixture
def redis_client():
    return shared_redis_or_skip()


def _database_url():
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


@pytest.fixture
def worker(committed_data, redis_client, tmp_path):
    """(queue, cache key prefix) served by a running `celery worker`."""
    token = secrets.token_hex(6)
    queue, prefix = f"test-worker-{token}", f"test-worker-{token}"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "portal.settings_test",
        "DEBUG": "False",
        "DATABASE_URL": _database_url(),
        "CACHE_URL": f"{REDIS}?key_prefix={prefix}",
        "CELERY_BROKER_URL": REDIS,
    }
    log = tmp_path / "worker.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "-Q", queue,
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "INFO",
         "-n", f"{queue}@%h"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        yield queue, prefix, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        keys = [*redis_client.scan_iter(f"{prefix}:*"), *redis_client.scan_iter(f"*{queue}*")]
        if keys:
            redis_client.delete(*keys)
        connection.close()


class _Sending:
    """The test's process sends tasks to the broker, to the worker's queue, for a while."""

    def __init__(self, queue, monkeypatch):
        self.queue, self.monkeypatch = queue, monkeypatch

    def __enter__(self):
        self.saved = (app.conf.task_always_eager, app.conf.broker_url)
        app.conf.task_always_eager = False
        app.conf.broker_url = REDIS
        self._reset_pools()
        send = tasks.make.apply_async
        self.monkeypatch.setattr(
            tasks.make, "apply_async", lambda args: send(args, queue=self.queue)
        )
        return self

    def __exit__(self, *exc):
        self._reset_pools()
        app.conf.task_always_eager, app.conf.broker_url = self.saved

    @staticmethod
    def _reset_pools():
        # The producer pools are made with the broker's address at first use.
        if app._pool is not None:
            app._pool.force_close_all()
            app._pool = None
        app.amqp._producer_pool = None


def test_a_real_worker_makes_the_rollup_pdf(client, worker, monkeypatch):
    queue, prefix, log = worker
    area = AreaFactory()
    point = PolicePointFactory(department=PoliceDepartmentFactory(area=area))
    BeatFactory(police_point=point)
    user = UserFactory(role=Role.AKIMAT_REGISTRAR, area=area)
    client.force_login(user)
    shared_cache = {
        "default": {
            "BACKEND": "portal.cache.FailSoftRedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=shared_cache), _Sending(queue, monkeypatch):
        response = client.get(reverse("area-rollup-pdf"), {"area": area.pk})
        assert response.status_code == 302, response.status_code
        job_id = response.url.rstrip("/").split("/")[-1]
        progress_url = reverse("file-job-progress", kwargs={"job": job_id})

        deadline = time.monotonic() + 30
        seen = set()
        while True:
            progress = client.get(progress_url).json()
            seen.add(progress["state"])
            if progress["done"]:
                break
            assert time.monotonic() < deadline, f"not done in 30 s: {log.read_text()[-3000:]}"
            time.sleep(0.2)

        assert progress["state"] == "done", progress
        assert jobs.get(user.pk, job_id)["attempts"] == 1
        download = client.get(reverse("file-job-download", kwargs={"job": job_id}))
        assert download.status_code == 200
        assert download.content.startswith(b"%PDF-")
    assert "succeeded" in log.read_text()
