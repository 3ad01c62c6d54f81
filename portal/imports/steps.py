"""The two steps of an import job, as its tasks run them.

1. `run_check`, the dry run: every row of the uploaded file checked, the report kept for
   the page, nothing written.
2. `run_apply`: the file checked again and, when the check still gives what the user
   confirmed (its fingerprint), the good rows written in ONE transaction with the
   import's `write`. Otherwise nothing is written and the new report is shown: the data
   changed since the check ("changed"), or someone saved one of the same records while
   the import ran ("conflict").

Between two chunks of work (rows read, rows checked, a batch written, and once more just
before the commit) each step asks `jobs.still_wanted`: a job cancelled or given up stops
there, and the apply's transaction is rolled back, so nothing is half-written.
"""

from django.db import transaction

from portal.imports import jobs
from portal.imports.errors import Conflict, ImportFileError


def _progress(spec, job):
    def report(processed):
        jobs.advance(spec, job, processed=processed)

    return report


def _tick(spec, job):
    def tick(rows_read):
        jobs.still_wanted(spec, job)

    return tick


def _check(spec, job, user, content):
    header, rows = spec.read(content, job["filename"], tick=_tick(spec, job))
    job = jobs.advance(spec, job, total=len(rows))
    return spec.checker(user).check(header, rows, progress=_progress(spec, job))


def _checked(spec, job, result, **changes):
    jobs.keep_report(spec, job, spec.keep(result))
    return jobs.advance(
        spec,
        job,
        state=jobs.CHECKED,
        total=result.total,
        processed=result.total,
        good=len(result.good),
        bad=len(result.bad),
        writable=result.writable,
        fingerprint=result.fingerprint,
        **changes,
    )


def run_check(spec, job, user):
    job = jobs.advance(spec, job, state=jobs.CHECKING, phase="check", processed=0, error=None)
    content = jobs.content(spec, job)
    if content is None:
        return jobs.fail(spec, job, "expired")
    try:
        result = _check(spec, job, user, content)
    except ImportFileError as error:
        return jobs.fail(spec, job, error.code, **error.params)
    return _checked(spec, job, result)


def run_apply(spec, job, user):
    try:
        content = jobs.content(spec, job)
        if content is None:
            return jobs.fail(spec, job, "expired")
        confirmed = job["fingerprint"]
        job = jobs.advance(
            spec, job, state=jobs.CHECKING, phase="apply", processed=0, error=None, changed=False
        )
        try:
            with transaction.atomic():
                result = _check(spec, job, user, content)
                if result.fingerprint != confirmed:
                    return _checked(spec, job, result, changed=True, error=("changed", {}))
                job = jobs.advance(spec, job, state=jobs.APPLYING, writable=result.writable)
                outcome = spec.write(
                    user,
                    result,
                    progress=_progress(spec, job),
                    reason=f"Import: {job['filename']}",
                )
                jobs.still_wanted(spec, job)  # the last moment a cancel undoes the write
        except ImportFileError as error:
            return jobs.fail(spec, job, error.code, **error.params)
        except Conflict:
            # Rolled back; what the database holds now is what the user confirms next.
            result = _check(spec, job, user, content)
            return _checked(
                spec,
                job,
                result,
                changed=result.fingerprint != confirmed,
                error=("conflict", {}),
            )
        jobs.drop_content(spec, job)
        # Committed: the job is applied whatever was asked of it since.
        return jobs.update(
            spec,
            job,
            state=jobs.APPLIED,
            written=outcome["written"],
            processed=outcome["written"],
            outcome=outcome,
        )
    finally:
        jobs.release(spec, job)
