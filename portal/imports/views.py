"""What the pages of every import share: finding the job, starting its steps, the progress
endpoint, the report rows and the template file. The views themselves, with their access
rules, URLs and templates, stay in the app that owns the import."""

import tablib
from django.http import Http404, HttpResponse, JsonResponse

from portal.imports import jobs, tasks
from portal.spreadsheets import FILE_TYPES, file_response


def job_or_404(spec, request, job_id, *, own=False):
    """The job of `job_id` if the user may read it (with `own`: only their own)."""
    job = jobs.find(spec, request.user, job_id)
    if job is None or (own and job["owner"] != request.user.pk):
        raise Http404
    return job


def start_check(spec, request, content: bytes, filename: str) -> dict:
    """Keep the uploaded file as a new job of the user and queue its dry run."""
    job = jobs.create(spec, request.user, content, filename)
    tasks.start(spec, "check", job)
    return job


def start_apply(spec, job) -> bool:
    """Queue the apply unless it cannot run now (not checked, nothing to write, running)."""
    if not jobs.claim_apply(spec, job):
        return False
    tasks.start(spec, "apply", job)
    return True


def request_cancel(spec, request, job) -> bool:
    """The uploader asks the running job to stop (an administrator who may read another's
    job may not cancel it: 404). False when it is no longer running."""
    if job["owner"] != request.user.pk:
        raise Http404
    return jobs.request_cancel(spec, job)


def progress_response(spec, request, job_id) -> JsonResponse:
    return JsonResponse(jobs.progress_data(spec, job_or_404(spec, request, job_id)))


def page_context(spec, request, job) -> dict:
    """The job's state, its progress and its error for the job page."""
    progress = jobs.progress_data(spec, job)
    running = job["state"] in jobs.RUNNING
    return {
        "job": job,
        "progress": progress,
        "running": running,
        "cancelling": progress["state"] == jobs.CANCELLING,
        "may_cancel": running and job["owner"] == request.user.pk,
        "error": spec.text(*job["error"]) if job["error"] else "",
        "may_apply": job["state"] == jobs.CHECKED
        and job["writable"] > 0
        and job["owner"] == request.user.pk,
    }


def bad_rows(spec, result) -> list:
    """The bad rows of a check with their reasons translated, for the report."""
    if result is None:
        return []
    return [
        {
            **bad.cells,
            "row": bad.row,
            "reasons": [spec.text(code, params) for code, params in bad.reasons],
        }
        for bad in result.bad
    ]


def template_response(spec, fmt, *, title, name, rows=()) -> HttpResponse:
    """A file with the header the import reads (and `rows`, if any) as CSV or XLSX."""
    if fmt not in FILE_TYPES:
        raise Http404
    dataset = tablib.Dataset(*rows, headers=spec.columns.headers, title=title)
    return file_response(fmt, dataset, name=name)
