"""The state of a file job in the cache, and what the pages say of it.

States: queued → running → done, or failed (with a reason code) from either. A job without
news for longer than its task may run is given up as failed ("stalled"), so a lost worker
never leaves a job running forever.
"""

import hashlib
import json
import re
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
ACTIVE = (QUEUED, RUNNING)
STALL_MARGIN = 60  # seconds beyond the hard time limit before a silent job is given up

# What a running job is doing, as makers report it.
STAGES = {
    QUEUED: _("Waiting to start…"),
    "reading": _("Reading the figures…"),
    "rendering": _("Making the file…"),
    DONE: _("The file is ready."),
}
# Why a job failed.
REASONS = {
    "failed": _(
        "The file could not be made. Try again; if it fails again, tell the administrator."
    ),
    "timeout": _("Making the file took too long (the limit is %(minutes)s min) and was stopped."),
    "unavailable": _(
        "The database did not answer while the file was being made, even after several "
        "tries. Try again later."
    ),
    "not_started": _("The task queue did not answer: the file was not started. Try again later."),
    "stalled": _("The file was not finished: its task stopped answering. Try again."),
}


def _key(owner_id, job_id, part="state"):
    return f"file-jobs:{owner_id}:{job_id}:{part}"


def ttl() -> int:
    return settings.FILE_JOB_TTL


def _remaining(job) -> int:
    return max(1, int(job["created"] + ttl() - time.time()))


def _save(job):
    job["updated"] = time.time()
    cache.set(_key(job["owner"], job["id"]), job, _remaining(job))
    return job


def valid_id(job_id) -> bool:
    return isinstance(job_id, str) and re.fullmatch(r"[\w-]{16,64}", job_id) is not None


# Parameters that say who asked (for the audit log), not which file: the same file asked
# twice differs in them only.
PER_REQUEST = frozenset({"address", "request_id"})


def _twin_key(owner_id, maker, params):
    what = {k: v for k, v in params.items() if k not in PER_REQUEST}
    digest = hashlib.sha256(json.dumps([maker, what], sort_keys=True, default=str).encode())
    return _key(owner_id, digest.hexdigest(), "asked")


def on_its_way(user, maker: str, params: dict):
    """The user's job for the same file that still waits or runs (a double click), or None."""
    job_id = cache.get(_twin_key(user.pk, maker, params))
    job = find(user, job_id) if job_id else None
    return job if job and job["state"] in ACTIVE else None


def create(user, maker: str, params: dict, title: str = "") -> dict:
    job = _save(
        {
            "id": secrets.token_urlsafe(24),
            "owner": user.pk,
            "maker": maker,
            "params": params,
            "title": str(title)[:200],
            "created": time.time(),
            "state": QUEUED,
            "stage": QUEUED,
            "processed": 0,
            "total": 0,
            "attempts": 0,
            "filename": "",
            "content_type": "",
            "size": 0,
            "error": None,  # (code, params)
        }
    )
    cache.set(_twin_key(user.pk, maker, params), job["id"], ttl())
    return job


def get(owner_id, job_id):
    return cache.get(_key(owner_id, job_id)) if valid_id(job_id) else None


def stalled_after() -> int:
    return settings.FILE_TASK_TIME_LIMIT + STALL_MARGIN


def find(user, job_id):
    """The job when `user` asked for it; None otherwise (another's, unknown or expired)."""
    if not (user.is_authenticated and valid_id(job_id)):
        return None
    job = get(user.pk, job_id)
    if job and job["state"] in ACTIVE and time.time() - job["updated"] > stalled_after():
        job = fail(job, "stalled") or job
    return job


def update(job, **changes):
    """The stored job with `changes` saved; None when it has expired."""
    stored = get(job["owner"], job["id"])
    if stored is None:
        return None
    stored.update(changes)
    return _save(stored)


def fail(job, code, **params):
    return update(job, state=FAILED, error=(code, params))


def finish(job, content: bytes, filename: str, content_type: str):
    cache.set(_key(job["owner"], job["id"], "file"), content, _remaining(job))
    stored = get(job["owner"], job["id"]) or job
    return update(
        job,
        state=DONE,
        stage=DONE,
        processed=stored["total"] or 1,
        total=stored["total"] or 1,
        filename=filename,
        content_type=content_type,
        size=len(content),
    )


def content(job):
    return cache.get(_key(job["owner"], job["id"], "file"))


def message(job) -> str:
    if job["state"] == FAILED:
        code, params = job["error"] or ("failed", {})
        text = str(REASONS.get(code, REASONS["failed"]))
        return text % params if params else text
    return str(STAGES.get(job["stage"], STAGES[QUEUED]))


def progress_data(job) -> dict:
    done = job["state"] in (DONE, FAILED)
    total = job["total"] or 0
    percent = 100 if done else int(job["processed"] * 100 / total) if total else 0
    return {
        "state": job["state"],
        "processed": job["processed"],
        "total": total,
        "percent": percent,
        "done": done,
        "message": message(job),
    }


def gone_data() -> dict:
    """What the progress endpoint says of a job it does not find (expired, or another's)."""
    return {
        "state": "gone",
        "processed": 0,
        "total": 0,
        "percent": 100,
        "done": True,
        "message": str(GONE),
    }


GONE = _("This file is no longer kept. Ask for it again.")
