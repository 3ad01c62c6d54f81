"""Samples for the register's import jobs: a job of the area's akimat registrar.

Its owner and administrators may open it; the job is only queued (no task runs).
"""

from portal.models import Role


def _job(world):
    from portal.imports import jobs
    from volunteers.services.registry_import import REGISTER

    registrar = world.users[Role.AKIMAT_REGISTRAR]
    job = jobs.create(REGISTER, registrar, "Фамилия;Имя\n".encode(), "sample.csv")
    return {"job": job["id"]}


SAMPLES = {
    "register-import-job": _job,
    "register-import-progress": _job,
    "register-import-apply": _job,
    "register-import-cancel": _job,
}
