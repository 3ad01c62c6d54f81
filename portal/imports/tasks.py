"""Celery tasks that run the steps of an import job, and `start`, which queues them.

The views call `start(spec, "check" | "apply", job)`: the task is sent once the request's
transaction has committed. Without a broker (`make run`, the tests) Celery runs it at
once, in the same process, so the job is finished when the redirect lands; in production
a worker (`celery -A portal worker`) runs it and the page polls the progress.

Whatever happens, the job ends as applied, checked, cancelled or failed with a translated
message: an error, a cancel or the soft time limit inside the step is caught here (the
step has rolled back by then); the hard time limit (the worker kills the task) reaches
`ImportTask.on_failure`; a lost worker is found out by `jobs.find` when nothing has been
heard of the job for longer than a task may run.
"""

import functools
import logging

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.module_loading import import_string
from kombu.exceptions import OperationalError

from portal.imports import jobs, steps
from portal.imports.spec import ImportSpec

logger = logging.getLogger(__name__)


@functools.cache
def spec_for(path) -> ImportSpec:
    spec_class = import_string(path)
    if not (isinstance(spec_class, type) and issubclass(spec_class, ImportSpec)):
        raise TypeError(f"{path} is not an import")
    return spec_class()


def _timeout(spec, job):
    minutes = max(1, round(settings.IMPORT_TASK_SOFT_TIME_LIMIT / 60))
    return jobs.fail(spec, job, "timeout", minutes=minutes)


class ImportTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        """The step never returned: the worker killed it at the hard time limit."""
        spec_path, owner_id, job_id = args
        spec = spec_for(spec_path)
        job = jobs.get(spec, owner_id, job_id)
        if job is None or job["state"] not in jobs.RUNNING:
            return
        if isinstance(exc, TimeLimitExceeded):
            _timeout(spec, job)
        else:
            jobs.fail(spec, job, "failed")


def _run(step, spec_path, owner_id, job_id):
    spec = spec_for(spec_path)
    job = jobs.get(spec, owner_id, job_id)
    if job is None:
        return None  # expired or discarded before the task ran
    user = get_user_model().objects.filter(pk=owner_id, is_active=True).first()
    if user is None:
        return jobs.fail(spec, job, "failed")
    run = steps.run_check if step == "check" else steps.run_apply
    try:
        return run(spec, job, user)
    except jobs.GivenUp:
        logger.warning("Import job %s was given up while its %s step ran", job_id, step)
        return None
    except jobs.Cancelled:
        logger.info("Import job %s was cancelled during its %s step", job_id, step)
        return jobs.mark_cancelled(spec, job)
    except SoftTimeLimitExceeded:
        logger.error("Import job %s: the %s step reached its time limit", job_id, step)
        return _timeout(spec, job)
    except Exception:
        logger.exception("Import job %s: the %s step failed", job_id, step)
        return jobs.fail(spec, job, "failed")


def _limits():
    return {
        "soft_time_limit": settings.IMPORT_TASK_SOFT_TIME_LIMIT,
        "time_limit": settings.IMPORT_TASK_TIME_LIMIT,
    }


@shared_task(base=ImportTask, name="portal.imports.check", **_limits())
def check(spec_path, owner_id, job_id):
    """The dry run of an import job."""
    _run("check", spec_path, owner_id, job_id)


@shared_task(base=ImportTask, name="portal.imports.apply", **_limits())
def apply(spec_path, owner_id, job_id):
    """The apply of an import job whose dry run the user has confirmed."""
    _run("apply", spec_path, owner_id, job_id)


STEPS = {"check": check, "apply": apply}


def start(spec, step, job):
    """Queue a step of the job once the request's transaction has committed."""
    task = STEPS[step]
    args = (spec.path, job["owner"], job["id"])

    def send():
        try:
            task.apply_async(args)
        except OperationalError:
            logger.exception("Import job %s: the task queue does not answer", job["id"])
            jobs.fail(spec, job, "not_started")

    transaction.on_commit(send)
