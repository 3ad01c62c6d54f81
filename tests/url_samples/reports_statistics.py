"""Samples for the statistics import's jobs: a queued job kept for each staff user of the
world under one id (a job is bound to its uploader, so each role needs its own)."""

import secrets


def _upload(world):
    from portal.imports import jobs
    from reports.services.statistics_import import STATISTICS

    upload_id = secrets.token_urlsafe(24)
    content = f"beat;year;quarter;category;count\n{world.beat.code};2024;1;theft;3\n".encode()
    for user in world.users.values():
        jobs.create(STATISTICS, user, content, "sample.csv", job_id=upload_id)
    return {"upload": upload_id}


SAMPLES = {
    "statistics-import-check": _upload,
    "statistics-import-progress": _upload,
    "statistics-import-apply": _upload,
    "statistics-import-cancel": _upload,
}
