"""The register and the statistics imports as a user drives them through their pages: upload,
dry run, apply (tests/portal/test_imports.py, test_import_limits.py)."""

import datetime
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.imports import jobs
from portal.imports.spec import ImportSpec
from portal.models import Role
from reports.models import OffenceStatistic
from reports.services import statistics_import
from reports.services.statistics_import import STATISTICS
from tests.commit import committed
from tests.factories import UserFactory, valid_iin
from tests.uploads import to_csv
from volunteers.models import Assistant
from volunteers.services import registry_import
from volunteers.services.registry_import import REGISTER

APPLIED = (datetime.date.today() - datetime.timedelta(days=10)).strftime("%d.%m.%Y")


@dataclass
class Flow:
    spec: ImportSpec
    user: object
    stranger: object  # same role and territory, not the uploader
    content: bytes  # two good rows and one bad
    urls: dict  # upload, job, progress, apply: URL names
    kwarg: str
    model: type
    world: object

    def url(self, name, job_id=None):
        if job_id is None:
            return reverse(self.urls[name])
        return reverse(self.urls[name], kwargs={self.kwarg: job_id})

    def upload(self, client, content=None) -> str:
        file = SimpleUploadedFile(f"{self.spec.kind}.csv", content or self.content)
        with committed():
            response = client.post(self.url("upload"), {"file": file})
        assert response.status_code == 302, response.status_code
        return response.url.rstrip("/").rsplit("/", 1)[-1]

    def post_apply(self, client, job_id):
        fingerprint = self.job(job_id)["fingerprint"]
        return client.post(self.url("apply", job_id), {"fingerprint": fingerprint})

    def apply(self, client, job_id):
        with committed():
            return self.post_apply(client, job_id)

    def job(self, job_id):
        return jobs.get(self.spec, self.user.pk, job_id)

    def records(self):
        return self.model.objects.count(), self.model.history.count()


def register_flow(world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]

    def person(serial, iin=None):
        iin = iin or valid_iin(datetime.date(1985, 3, 15), "M", start=serial)
        return ["Ахметов", "Дамир", "", iin, "+7 701 555 12 34", "ул. Абая, 5",
                world.area.name, world.beat.code, "patrols", APPLIED, APPLIED]  # fmt: skip

    return Flow(
        spec=REGISTER,
        user=registrar,
        stranger=UserFactory(role=Role.AKIMAT_REGISTRAR, area=world.area),
        content=to_csv(
            registry_import.COLUMNS.headers,
            [person(1), person(2000), person(0, iin="12345")],
        ),
        urls={
            "upload": "register-import",
            "job": "register-import-job",
            "progress": "register-import-progress",
            "apply": "register-import-apply",
        },
        kwarg="job",
        model=Assistant,
        world=world,
    )


def statistics_flow(world):
    beat = world.beat.code
    return Flow(
        spec=STATISTICS,
        user=world.inspector,
        stranger=UserFactory(role=Role.INSPECTOR, department=world.department),
        content=to_csv(
            statistics_import.COLUMNS.headers,
            [
                [beat, 2024, 2, "theft", 4],
                [beat, 2024, 2, "fraud", 5],
                ["nope", 2024, 2, "theft", 1],
            ],
        ),
        urls={
            "upload": "statistics-import",
            "job": "statistics-import-check",
            "progress": "statistics-import-progress",
            "apply": "statistics-import-apply",
        },
        kwarg="upload",
        model=OffenceStatistic,
        world=world,
    )
