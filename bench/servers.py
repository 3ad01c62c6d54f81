"""The processes the benchmark starts: gunicorn in production mode, and `manage.py`
commands, each with its own environment (database, cache, media)."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
WORKERS = 2


def free_port():
    with contextlib.closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(database_url, cache_url, static_root, media_root):
    """The environment of a production portal on this machine, minus TLS (plain HTTP)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CELERY_", "DATABASE_", "CACHE_", "PYTEST"))
    }
    env.update(
        DEBUG="False",
        SECRET_KEY="bench-only-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="False",
        SESSION_COOKIE_SECURE="False",
        CSRF_COOKIE_SECURE="False",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=database_url,
        CACHE_URL=cache_url,
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(media_root),
        PRIVATE_MEDIA_ROOT=str(Path(media_root).parent / "private-media"),
        LOG_LEVEL="WARNING",
        # Imports of 100,000 rows are measured: above the default limit of a file.
        IMPORT_MAX_ROWS="200000",
        IMPORT_MAX_CELLS="5000000",
        IMPORT_MAX_BYTES=str(60 * 1024 * 1024),
        IMPORT_MAX_UNPACKED_BYTES=str(200 * 1024 * 1024),
    )
    return env


def manage(env, *args, capture=False, timeout=3600):
    """Run a manage.py command; its output goes to ours unless captured."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        text=True,
        capture_output=capture,
        timeout=timeout,
    )
    if result.returncode != 0:
        detail = (result.stderr or "")[-3000:] if capture else ""
        raise RuntimeError(f"manage.py {' '.join(args)} failed ({result.returncode}) {detail}")
    return result.stdout


def python_module(env, module, *args, stdin=None, timeout=3600):
    """Run `python -m module args` and return its standard output."""
    result = subprocess.run(
        [PYTHON, "-m", module, *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        text=True,
        capture_output=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"python -m {module} failed: {result.stderr[-3000:]}")
    return result.stdout


class Gunicorn:
    def __init__(self, env, log_path):
        self.env = env
        self.port = free_port()
        self.log = open(log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "portal.wsgi",
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "120",
            ],  # fmt: skip
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=5) as answer:
                    if answer.status == 200:
                        return self
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start: see {self.log.name}")
            time.sleep(0.2)

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def peak_memory_mb(self):
        """The largest peak resident memory (VmHWM) of the workers."""
        peaks = []
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks.append(int(line.split()[1]) / 1024)
        return max(peaks, default=None)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()
