"""Samples for the statistics import's dry run: an upload kept for each staff user of the
world under one id (an upload is bound to its user, so each role needs its own)."""

import secrets


def _upload(world):
    from reports.services import statistics_import

    upload_id = secrets.token_urlsafe(24)
    content = f"beat;year;quarter;category;count\n{world.beat.code};2024;1;theft;3\n".encode()
    for user in world.users.values():
        statistics_import.store_upload(user, content, "sample.csv", upload_id=upload_id)
    return {"upload": upload_id}


SAMPLES = {
    "statistics-import-check": _upload,
    "statistics-import-apply": _upload,
}
