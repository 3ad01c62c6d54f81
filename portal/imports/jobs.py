"""Import jobs: an uploaded file and the state of its dry run and apply, in the cache.

A job lives in the Django cache (locmem in development; Redis in production, where the
workers read it) for at most JOB_TTL seconds, under a random id and its uploader's
primary key, so another user's id finds nothing. Administrators may read (never apply)
every job of an import that allows it.

States: queued → checking → checked, then on confirmation queued → checking (the file is
checked again) → applying → applied; failed from any of them. A job that has had no news
for longer than a task may run is given up as failed, so a lost worker never leaves a job
"running"; a task that finds its job given up stops and writes nothing.

The uploader may cancel a running job: `request_cancel` leaves a flag beside the job (the
task's own saves never overwrite it), the page says "cancelling" while the job still
runs, and the task, which looks for the flag between two chunks of its work, stops, rolls
back whatever it had written and marks the job cancelled. Only then does the page say so.
"""

import re
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

JOB_TTL = 60 * 60  # the file and the report are kept for an hour at most
STALL_MARGIN = 60  # seconds beyond the task's hard time limit before a silent job is given up

QUEUED, CHECKING, CHECKED, APPLYING, APPLIED, FAILED, CANCELLED = (
    "queued",
    "checking",
    "checked",
    "applying",
    "applied",
    "failed",
    "cancelled",
)
RUNNING = (QUEUED, CHECKING, APPLYING)
DONE = (CHECKED, APPLIED, FAILED, CANCELLED)
# Not stored: what the page shows of a running job whose uploader has asked to cancel it.
CANCELLING = "cancelling"


class GivenUp(Exception):
    """The job expired or was given up while its task ran: stop and write nothing."""


class Cancelled(Exception):
    """The uploader cancelled the job while its task ran: stop and write nothing."""


def _key(spec, owner_id, job_id, part="state"):
    return f"imports:{spec.kind}:{owner_id}:{job_id}:{part}"


def _remaining(job) -> int:
    return max(1, int(job["created"] + JOB_TTL - time.time()))


def _save(spec, job):
    job["updated"] = time.time()
    cache.set(_key(spec, job["owner"], job["id"]), job, _remaining(job))
    return job


def stalled_after() -> int:
    """Seconds without news after which a running job cannot be running any more."""
    return settings.IMPORT_TASK_TIME_LIMIT + STALL_MARGIN


def create(spec, user, content: bytes, filename: str, *, job_id=None) -> dict:
    job = {
        "id": job_id or secrets.token_urlsafe(24),
        "owner": user.pk,
        "filename": filename[:200],
        "created": time.time(),
        "state": QUEUED,
        "phase": "check",
        "total": 0,
        "processed": 0,
        "good": 0,
        "bad": 0,
        "writable": 0,  # records the apply would write or change
        "written": 0,
        "outcome": {},  # what the write reports: {"written": n, ...}
        "fingerprint": "",  # of the check the user sees, see CheckResult.fingerprint
        "error": None,  # (code, params)
        "changed": False,  # the check before the apply differed from the one confirmed
    }
    cache.set(_key(spec, user.pk, job["id"], "file"), content, JOB_TTL)
    # Lets an administrator find the job by its id alone.
    cache.set(_owner_key(spec, job["id"]), user.pk, JOB_TTL)
    return _save(spec, job)


def _valid(job_id) -> bool:
    return isinstance(job_id, str) and re.fullmatch(r"[\w-]{16,64}", job_id) is not None


def _owner_key(spec, job_id):
    return f"imports:{spec.kind}:{job_id}:owner"


def get(spec, owner_id, job_id):
    """The stored job, as it is; None when unknown or expired."""
    return cache.get(_key(spec, owner_id, job_id)) if _valid(job_id) else None


def find(spec, user, job_id):
    """The job when `user` uploaded it (or may read every job); None otherwise.

    A running job without news for longer than a task may run is given up here."""
    if not (user.is_authenticated and _valid(job_id)):
        return None
    job = get(spec, user.pk, job_id)
    if job is None and spec.administrators_see_every_job and user.is_administrator:
        owner_id = cache.get(_owner_key(spec, job_id))
        job = get(spec, owner_id, job_id) if owner_id is not None else None
    if job and job["state"] in RUNNING and time.time() - job["updated"] > stalled_after():
        if cancel_requested(spec, job):
            job = mark_cancelled(spec, job) or job
        else:
            job = fail(spec, job, "stalled") or job
    return job


def update(spec, job, **changes):
    """The stored job with `changes` saved; None when it has expired."""
    stored = get(spec, job["owner"], job["id"])
    if stored is None:
        return None
    stored.update(changes)
    return _save(spec, stored)


def still_wanted(spec, job) -> dict:
    """The stored job, for a task between two chunks of its work: raises GivenUp when the
    job has expired or failed, Cancelled when its uploader has cancelled it."""
    stored = get(spec, job["owner"], job["id"])
    if stored is None or stored["state"] in (FAILED, CANCELLED):
        raise GivenUp(job["id"])
    if cancel_requested(spec, stored):
        raise Cancelled(job["id"])
    return stored


def advance(spec, job, **changes) -> dict:
    """`update` for a task at work, which stops it when the job is no longer wanted (see
    `still_wanted`)."""
    stored = still_wanted(spec, job)
    stored.update(changes)
    return _save(spec, stored)


def fail(spec, job, code, **params):
    release(spec, job)
    return update(spec, job, state=FAILED, error=(code, params))


def content(spec, job):
    return cache.get(_key(spec, job["owner"], job["id"], "file"))


def drop_content(spec, job):
    cache.delete(_key(spec, job["owner"], job["id"], "file"))


def keep_report(spec, job, report):
    cache.set(_key(spec, job["owner"], job["id"], "report"), report, _remaining(job))


def report(spec, job):
    """What the last check kept for the page (see ImportSpec.keep); None before it."""
    return cache.get(_key(spec, job["owner"], job["id"], "report"))


def claim_apply(spec, job) -> bool:
    """Whether this request may start the apply: a second click while it runs may not."""
    if job["state"] != CHECKED or job["writable"] == 0:
        return False
    if not cache.add(_key(spec, job["owner"], job["id"], "lock"), 1, _remaining(job)):
        return False
    # A cancel that came as the check was finishing does not stop the apply asked for now.
    cache.delete(_key(spec, job["owner"], job["id"], "cancel"))
    update(spec, job, state=QUEUED, phase="apply", processed=0, error=None)
    return True


# --- cancelling ---------------------------------------------------------------------------


def cancel_requested(spec, job) -> bool:
    return cache.get(_key(spec, job["owner"], job["id"], "cancel")) is not None


def request_cancel(spec, job) -> bool:
    """Ask the job's task to stop; False when the job is not running (nothing to stop)."""
    if job["state"] not in RUNNING:
        return False
    cache.set(_key(spec, job["owner"], job["id"], "cancel"), 1, _remaining(job))
    return True


def mark_cancelled(spec, job):
    """What the task does once it has stopped (and rolled back): the job ends cancelled,
    its file is dropped. None when the job has expired."""
    release(spec, job)
    drop_content(spec, job)
    cache.delete(_key(spec, job["owner"], job["id"], "cancel"))
    return update(spec, job, state=CANCELLED, error=("cancelled", {}))


def shown_state(spec, job) -> str:
    """The job's state as the page tells it: "cancelling" while a cancelled job still runs."""
    if job["state"] in RUNNING and cancel_requested(spec, job):
        return CANCELLING
    return job["state"]


def release(spec, job):
    cache.delete(_key(spec, job["owner"], job["id"], "lock"))


def discard(spec, job):
    for part in ("state", "file", "report", "lock", "cancel"):
        cache.delete(_key(spec, job["owner"], job["id"], part))
    cache.delete(_owner_key(spec, job["id"]))


# --- progress -----------------------------------------------------------------------------


def _count(number) -> str:
    """A count as the language groups it: 10 000 (kk, ru), 10,000 (en)."""
    return number_format(number or 0, force_grouping=True)


def progress_message(spec, job, state=None) -> str:
    """A one-line translated status for the page and its live region."""
    state = state or job["state"]
    if state == CANCELLING:
        return str(_("Cancelling: waiting for the import to stop…"))
    if state == QUEUED:
        return str(_("Waiting to start…"))
    if state == CHECKING:
        return ngettext(
            "Checked %(processed)s of %(total)s row…",
            "Checked %(processed)s of %(total)s rows…",
            job["total"] or 0,
        ) % {"processed": _count(job["processed"]), "total": _count(job["total"])}
    if state == APPLYING:
        return ngettext(
            "Written %(processed)s of %(total)s record…",
            "Written %(processed)s of %(total)s records…",
            job["writable"] or 0,
        ) % {"processed": _count(job["processed"]), "total": _count(job["writable"])}
    if state == CHECKED:
        return str(
            _("Check finished: %(good)s good rows, %(bad)s bad rows.")
            % {"good": _count(job["good"]), "bad": _count(job["bad"])}
        )
    if state == APPLIED:
        return ngettext(
            "Imported %(count)s record.", "Imported %(count)s records.", job["written"]
        ) % {"count": _count(job["written"])}
    return spec.text(*(job["error"] or ("failed", {})))


def _steps(job) -> int:
    """What the progress counts to: the rows of the file, or the records being written.

    `total` stays the number of rows in the file, which the page shows after the apply."""
    return (job["writable"] if job["state"] == APPLYING else job["total"]) or 0


def progress_data(spec, job) -> dict:
    total = _steps(job)
    percent = 100 if job["state"] in DONE else int(job["processed"] * 100 / total) if total else 0
    state = shown_state(spec, job)
    return {
        "state": state,
        "phase": job["phase"],
        "processed": job["processed"],
        "total": total,
        "percent": percent,
        "good": job["good"],
        "bad": job["bad"],
        "written": job["written"],
        "done": job["state"] in DONE,
        "message": progress_message(spec, job, state),
    }
