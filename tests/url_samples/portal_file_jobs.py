"""Samples for the pages of a file job (portal/file_jobs): a queued job of the administrator.

Its asker sees its page; anyone else is told the file is no longer kept (a redirect, or
"gone" from the progress endpoint), exactly as for an expired job.
"""

from portal.models import Role


def _job(world):
    from portal.file_jobs import jobs

    return {"job": jobs.create(world.users[Role.ADMINISTRATOR], "sample", {}, "Sample")["id"]}


SAMPLES = {
    "file-job": _job,
    "file-job-progress": _job,
    "file-job-download": _job,
}
