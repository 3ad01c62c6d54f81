"""The pages of a file job: its progress page, the JSON the page polls, and the download.

Only the user who asked finds the job (portal/file_jobs/jobs.py keys it by their primary
key). Anyone else, like the asker once the job has expired, learns only that the file is no
longer kept: the page sends them to their start page with that message, the download to the
page, and the JSON says "gone". Nothing tells another user's job from an unknown one.
"""

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from portal import policy
from portal.file_jobs import jobs


def file_response(job, content) -> HttpResponse:
    response = HttpResponse(content, content_type=job["content_type"])
    response["Content-Disposition"] = f'attachment; filename="{job["filename"]}"'
    response["Cache-Control"] = "no-store"
    return response


def after_start(job):
    """The answer to the request that started `job`: its file when it is already made
    (no broker: the task ran in the request), its page otherwise."""
    if job["state"] == jobs.DONE:
        content = jobs.content(job)
        if content is not None:
            return file_response(job, content)
    return redirect("file-job", job=job["id"])


@policy.guard("staff.view")
@require_safe
def file_job(request, job):
    found = jobs.find(request.user, job)
    if found is None:
        messages.warning(request, jobs.GONE)
        return redirect("staff-home")
    return render(
        request,
        "portal/file_job.html",
        {
            "job": found,
            "progress": jobs.progress_data(found),
            "running": found["state"] in jobs.ACTIVE,
            "progress_url": reverse("file-job-progress", kwargs={"job": found["id"]}),
            "download_url": reverse("file-job-download", kwargs={"job": found["id"]}),
        },
    )


@policy.guard("staff.view")
@require_safe
def file_job_progress(request, job):
    found = jobs.find(request.user, job)
    data = jobs.progress_data(found) if found else jobs.gone_data()
    response = JsonResponse(data)
    response["Cache-Control"] = "no-store"
    return response


@policy.guard("staff.view")
@require_safe
def file_job_download(request, job):
    found = jobs.find(request.user, job)
    content = jobs.content(found) if found and found["state"] == jobs.DONE else None
    if content is None:
        return redirect("file-job", job=job)
    return file_response(found, content)
