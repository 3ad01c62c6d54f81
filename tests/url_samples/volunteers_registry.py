"""Samples for the register's import jobs: a job of the area's akimat registrar.

Its owner and administrators may open it; the job is only queued (no thread runs).
"""

from portal.models import Role


def _job(world):
    from volunteers.services import registry_import

    registrar = world.users[Role.AKIMAT_REGISTRAR]
    job = registry_import.create_job(registrar, "Фамилия;Имя\n".encode(), "sample.csv")
    return {"job": job["id"]}


SAMPLES = {
    "register-import-job": _job,
    "register-import-progress": _job,
    "register-import-apply": _job,
}
