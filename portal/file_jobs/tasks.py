"""The Celery task that makes a file job's file, and `start`, which queues it.

Retries: a maker that meets a database or cache that does not answer (an OperationalError
or InterfaceError of the database, a connection error of Redis) is run again after a
growing pause (FILE_TASK_RETRY_BACKOFF seconds, doubled each time, with jitter), up to
FILE_TASK_MAX_RETRIES times; then the job fails as "unavailable". Time limits:
FILE_TASK_SOFT_TIME_LIMIT ends the job as "timeout"; at FILE_TASK_TIME_LIMIT the worker
kills the task and `FileTask.on_failure` says so. Any other error fails the job ("failed")
and is logged.
"""

import functools
import logging

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import InterfaceError, OperationalError
from django.utils.module_loading import import_string
from kombu.exceptions import OperationalError as QueueError
from redis.exceptions import ConnectionError as RedisConnectionError

from portal.file_jobs import jobs

logger = logging.getLogger(__name__)

TRANSIENT = (OperationalError, InterfaceError, RedisConnectionError)


class MadeFile:
    """What a maker returns."""

    def __init__(self, content: bytes, filename: str, content_type: str):
        self.content, self.filename, self.content_type = content, filename, content_type


def file_maker(function):
    """Mark `function(user, params, progress) -> MadeFile` as a maker a job may name."""
    function.file_maker = True
    return function


@functools.cache
def maker_for(path):
    maker = import_string(path)
    if not getattr(maker, "file_maker", False):
        raise TypeError(f"{path} is not a file maker")
    return maker


def _timeout(job):
    return jobs.fail(job, "timeout", minutes=max(1, round(settings.FILE_TASK_SOFT_TIME_LIMIT / 60)))


class FileTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        """The task never returned: killed at the hard time limit, or an error escaped."""
        owner_id, job_id = args
        job = jobs.get(owner_id, job_id)
        if job is None or job["state"] not in jobs.ACTIVE:
            return
        jobs.fail(job, "timeout" if isinstance(exc, TimeLimitExceeded) else "failed")


def _progress(job):
    def report(stage, processed=0, total=0):
        jobs.update(job, stage=stage, processed=processed, total=total)

    return report


@shared_task(
    bind=True,
    base=FileTask,
    name="portal.file_jobs.make",
    soft_time_limit=settings.FILE_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.FILE_TASK_TIME_LIMIT,
    max_retries=settings.FILE_TASK_MAX_RETRIES,
)
def make(self, owner_id, job_id):
    """Make the file of the job; its state, progress and file go to the cache."""
    job = jobs.get(owner_id, job_id)
    if job is None or job["state"] not in jobs.ACTIVE:
        return None  # expired or given up before the task ran
    user = get_user_model().objects.filter(pk=owner_id, is_active=True).first()
    if user is None:
        jobs.fail(job, "failed")
        return job_id
    job = jobs.update(job, state=jobs.RUNNING, attempts=job["attempts"] + 1) or job
    try:
        made = maker_for(job["maker"])(user, job["params"], _progress(job))
    except TRANSIENT as error:
        if self.request.retries >= self.max_retries:
            logger.error("File job %s: gave up after %s tries: %s", job_id, job["attempts"], error)
            jobs.fail(job, "unavailable")
            return job_id
        countdown = get_exponential_backoff_interval(
            factor=settings.FILE_TASK_RETRY_BACKOFF,
            retries=self.request.retries,
            maximum=600,
            full_jitter=True,
        )
        logger.warning("File job %s: %s; trying again in %s s", job_id, error, countdown)
        jobs.update(job, state=jobs.QUEUED, stage=jobs.QUEUED)
        # Run eagerly (no broker), the retry runs at once, in `apply`, which needs it returned.
        eager = bool(self.request.is_eager)
        retry = self.retry(exc=error, countdown=countdown, throw=not eager)
        return retry
    except SoftTimeLimitExceeded:
        logger.error("File job %s reached its time limit", job_id)
        _timeout(job)
        return job_id
    except Exception:
        logger.exception("File job %s failed", job_id)
        jobs.fail(job, "failed")
        return job_id
    jobs.finish(job, made.content, made.filename, made.content_type)
    return job_id  # the result is the job in the cache, not this


def start(user, maker: str, params: dict, title: str = "") -> dict:
    """A new job of `user` whose task makes the file; the job as it stands once queued.

    Nothing is written to the database first, so the task is sent at once: without a
    broker it has run (and the job is done or failed) when this returns. The same file asked
    again while its job waits or runs gives that job."""
    maker_for(maker)  # an unknown maker fails here, in the request
    twin = jobs.on_its_way(user, maker, params)
    if twin is not None:
        return twin  # asked twice (a double click): one task, one file
    job = jobs.create(user, maker, params, title)
    try:
        make.apply_async((user.pk, job["id"]))
    except QueueError:
        logger.exception("File job %s: the task queue does not answer", job["id"])
        jobs.fail(job, "not_started")
    return jobs.get(user.pk, job["id"]) or job
